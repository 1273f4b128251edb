/** mode: export — the connectors Qualys has, as a spec file in the workspace and the `spec` output. */
import { writeFileSync } from 'node:fs'
import * as core from '@actions/core'
import { exportPath, specTextProblems } from '../connector-spec/load.js'
import { formatProblem } from '../problems.js'
import { ALWAYS_ON_APPS } from '../qualys/assumptions.js'
import { exportMarkdown } from '../report/export-summary.js'
import { plural } from '../text.js'
import { failOnProblems } from './problems.js'
import { writeSummary, type ModeRun } from './step.js'

export async function runExport({ request, settings, problems, step, connect }: ModeRun): Promise<void> {
  // No spec to read: the export file is the one path this mode's inputs name.
  const where = exportPath(request.exportFile, process.env.GITHUB_WORKSPACE || process.cwd())
  const found = [...problems, ...('problem' in where ? [where.problem] : [])]
  // No settings means problems: every mode's settings are complete once its inputs are.
  if (settings?.mode !== 'export' || 'problem' in where || found.length > 0) return await failOnProblems(found, step)
  const client = await connect(settings)
  const { exportSpec, readExisting } = await import('../export/spec-export.js')
  const exported = exportSpec(await readExisting(client, settings.maxConcurrency))
  for (const { name, fields } of exported.incomplete)
    step.log.warning(
      `${name}: Qualys did not return ${fields.join(', ')}; fill ${fields.length > 1 ? 'them' : 'it'} in ${where.file} before using it`
    )
  writeFileSync(where.path, exported.text)
  step.log.info(`Exported ${plural(exported.variables.length, 'connector')} to ${where.file}`)
  // Qualys may hold what a spec refuses (two connectors of one name, control characters): say so now, not at the next plan.
  for (const problem of specTextProblems(exported.text, where.file, ALWAYS_ON_APPS))
    step.log.warning(
      `The exported file needs a hand before a plan takes it: ${formatProblem(problem)}`,
      problem.location
    )
  core.setOutput('spec', step.redactor.redact(exported.text))
  await writeSummary(exportMarkdown(where.file, exported.text, exported.variables.length), step)
}
