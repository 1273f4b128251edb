/** mode: check — drift, health, Azure and coverage; the report in the summary, the outputs and maybe one issue. */
import * as core from '@actions/core'
import { checkIssueTarget, checkOptions } from '../core-options.js'
import type { CheckReport as CheckIssueContent } from '../github/check-issue.js'
import { checkOutputs } from '../report/outputs.js'
import type { CheckSettings } from '../settings.js'
import { plural } from '../text.js'
import { errorMessage } from '../values.js'
import { specFor } from './problems.js'
import { azurePreflight, provenance, wiring, writeOutputs, writeSummary, type ModeRun, type Step } from './step.js'

export async function runCheck(run: ModeRun): Promise<void> {
  const loaded = await specFor(run, ['check'])
  if (!loaded) return
  const { spec, settings } = loaded
  const { step } = run
  const client = await run.connect(settings)
  const [{ check }, findingsModule, render] = await Promise.all([
    import('../check/check-run.js'),
    import('../check/findings.js'),
    import('../report/check-report.js')
  ])
  step.log.info(`Checking ${plural(spec.connectors.length, 'connector')} against ${settings.gatewayUrl}`)
  const azure = azurePreflight(settings, step)
  const options = checkOptions(settings, { preflight: azure, logger: step.log, secretVariables: spec.secretVariables })
  const report = step.redactor.redactDeep(await check(spec.connectors, client, options).finally(() => azure?.dispose()))
  const context = {
    specFile: settings.specFile,
    ...provenance(),
    time: new Date().toISOString(),
    // Without the preflight no secret is read, so no expiry is compared with it.
    expiryWarningDays: settings.azure?.expiryWarningDays ?? 0
  }
  const findings = findingsModule.findingsOf(report, context.expiryWarningDays)
  await step.log.group('Check', () => Promise.resolve(step.log.info(render.checkText(report, context))))
  const markdown = render.checkMarkdown(report, findings, context)
  await writeSummary(markdown, step)
  writeOutputs([...report.connectors.map(c => c.drift), ...report.retired], step)
  core.setOutput('healthy', String(report.connectors.every(c => c.health.healthy)))
  core.setOutput('report', step.redactor.redact(render.checkJson(report, context)))
  if (settings.issue && settings.githubToken && !report.runProblem) {
    const content = {
      findings: findingsModule.issueFindings(findings, settings.failOn),
      title: render.checkTitle(findings, report.connectors.length, context),
      body: markdown,
      labels: settings.issue.labels,
      closingComment: render.checkClosingComment(context)
    }
    await keepIssue(content, settings.githubToken, settings, step)
  }
  const failure = report.runProblem ?? findingsModule.checkFailure(findings, settings.failOn)
  if (failure) core.setFailed(step.redactor.logLine(failure))
}

/** The check's one issue; GitHub refusing or not answering is a warning: the check's result stands. */
async function keepIssue(
  content: Omit<CheckIssueContent, 'marker'>,
  token: string,
  settings: CheckSettings,
  step: Step
): Promise<void> {
  const { checkIssueMarker, syncCheckIssue } = await import('../github/check-issue.js')
  const target = checkIssueTarget(settings, wiring(step), process.env)
  try {
    const marker = checkIssueMarker(settings.prune?.owner ?? settings.owner)
    const redact = (text: string): string => step.redactor.redact(text)
    const sent = { ...content, marker, title: redact(content.title), body: redact(content.body) }
    const result = await syncCheckIssue(token, { ...sent, closingComment: redact(content.closingComment) }, target)
    if (result.status === 'skipped') return step.log.warning(`The check's issue was not written: ${result.reason}`)
    if (result.status === 'clean') return step.log.info('No open check issue, and nothing to report')
    if (result.warning) step.log.warning(result.warning)
    step.log.info(`Check issue #${result.number} ${result.status}: ${result.url}`)
    setCheckedOutputs({ 'issue-number': String(result.number), 'issue-url': result.url }, step)
  } catch (error) {
    step.log.warning(`The check's issue was not written: ${errorMessage(error)}`)
  }
}

/** Outputs from GitHub's answers, held to the same shell-safe forms as those from Qualys'. */
function setCheckedOutputs(values: Record<string, string>, step: Step): void {
  const { outputs, refused } = checkOutputs(values)
  for (const { output, form } of refused)
    step.log.warning(`Output '${output}' is not set: the value GitHub answered for it is not ${form}`)
  for (const [name, value] of Object.entries(outputs))
    if (value !== '') core.setOutput(name, step.redactor.redact(value))
}
