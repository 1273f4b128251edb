/** mode: validate — the spec and the inputs checked offline: no HTTP stack, no Azure code, no GitHub client. */
import type { Outcome } from '../reconcile/reconcile-run.js'
import { validMarkdown } from '../report/job-summary.js'
import { plural } from '../text.js'
import { specFor } from './problems.js'
import { writeOutputs, writeSummary, type ModeRun } from './step.js'

export async function runValidate(run: ModeRun): Promise<void> {
  const loaded = await specFor(run, ['validate'])
  if (!loaded) return
  const { spec, settings } = loaded
  const { step } = run
  const outcomes: Outcome[] = spec.connectors.map(connector => ({
    name: connector.name,
    result: 'valid',
    action: 'none',
    changes: [],
    warnings: []
  }))
  step.log.info(`The spec is valid: ${plural(outcomes.length, 'connector')} (${outcomes.map(o => o.name).join(', ')})`)
  const offline = settings.offlineBecause ? `No plan against Qualys: ${settings.offlineBecause}.` : undefined
  if (offline) step.log.notice(`The spec is valid, but there is no plan: ${settings.offlineBecause}.`)
  writeOutputs(outcomes, step)
  await writeSummary(
    validMarkdown(
      outcomes.map(o => o.name),
      offline
    ),
    step
  )
}
