import * as core from './runner.js'
import { upsertPlanComment } from './github/pr-comment.js'
import type { Logger } from './logger.js'
import type { QualysClient } from './qualys/client.js'
import { reconcile, type Outcome } from './reconcile/reconcile.js'
import { Redactor } from './redact.js'
import { buildOutputs } from './report/outputs.js'
import { callsLine, planMarkdown, planText } from './report/render.js'
import { readSettings, SECRET_INPUTS, type Settings } from './settings.js'
import { loadSpec } from './spec/load.js'
import type { ConnectorSpec } from './spec/model.js'
import { formatProblem, type Problem, type SourceLocation } from './spec/problems.js'
import { USER_AGENT } from './version.js'

/** The runner glue: inputs in, outputs out; the work is done by the plain modules it calls. */
export async function run(): Promise<void> {
  const redactor = new Redactor()
  const mask = (secret: string | undefined): void => redactor.add(secret).forEach(form => core.setSecret(form))
  // Before anything at all is logged.
  for (const input of SECRET_INPUTS) mask(core.getInput(input, false))
  const log = actionsLogger(redactor)
  let client: QualysClient | undefined
  try {
    // Secrets are passed as given: a password may end in a space.
    const read = (name: string): string => core.getInput(name, !(SECRET_INPUTS as readonly string[]).includes(name))
    const { settings, problems } = readSettings(read)
    const spec = loadSpec(
      { specFile: settings.specFile, workspace: process.env.GITHUB_WORKSPACE || process.cwd(), readInput: read },
      { env: process.env, secretInput: settings.secretValue, requireSecret: settings.mode === 'apply' }
    )
    spec.secrets.forEach(mask)
    spec.notices.forEach(notice => log.notice(formatProblem(notice), notice.location))
    if (reportProblems([...problems, ...spec.problems], log)) return
    if (settings.mode === 'validate') return finishValidate(spec.connectors, settings, log, redactor)

    // Loaded only when talking to Qualys: validate runs start without the HTTP stack.
    const { QualysClient } = await import('./qualys/client.js')
    client = new QualysClient({
      gatewayUrl: settings.gatewayUrl as string,
      credentials: settings.credentials!,
      userAgent: USER_AGENT,
      timeoutMs: settings.requestTimeoutMs,
      maxAttempts: settings.maxAttempts,
      maxConcurrency: settings.maxConcurrency,
      logger: log,
      redactor,
      onToken: mask
    })
    const mode = settings.mode
    log.info(`${mode === 'plan' ? 'Planning' : 'Applying'} ${spec.connectors.length} connector${spec.connectors.length === 1 ? '' : 's'} against ${settings.gatewayUrl}`)
    const outcomes = await reconcile(spec.connectors, client, {
      mode,
      onExisting: settings.onExisting,
      forceUpdate: settings.forceUpdate,
      maxConcurrency: settings.maxConcurrency,
      sync: settings.waitForSync && mode === 'apply'
        ? { timeoutMs: settings.waitTimeoutMs, failOnError: settings.failOnSyncError, sleep: ms => new Promise(resolve => setTimeout(resolve, ms)), now: Date.now }
        : undefined,
      logger: log
    })
    await report(outcomes, settings, log, redactor)
    log.info(callsLine(client.counts))
    const failures = outcomes.filter(outcome => outcome.result === 'failed')
    if (failures.length > 0) {
      core.setFailed(redactor.redact(`${failures.length} of ${outcomes.length} connector${outcomes.length === 1 ? '' : 's'} failed: ${failures.map(f => `${f.name}: ${f.error}`).join('; ')}`))
    }
  } catch (error) {
    core.setFailed(redactor.redact(error instanceof Error ? error.message : String(error)))
  } finally {
    client?.dispose()
  }
}

/** Logs every problem (as annotations at their file and line) and fails the step; true if there were any. */
function reportProblems(problems: Problem[], log: Logger): boolean {
  if (problems.length === 0) return false
  for (const problem of problems) log.error(formatProblem(problem), problem.location)
  core.setFailed(`${problems.length} problem${problems.length === 1 ? '' : 's'} in the inputs or the spec (listed above); nothing was sent to Qualys`)
  return true
}

async function finishValidate(connectors: ConnectorSpec[], settings: Settings, log: Logger, redactor: Redactor): Promise<void> {
  const outcomes: Outcome[] = connectors.map(spec => ({ name: spec.name, result: 'valid', action: 'none', changes: [], warnings: [] }))
  log.info(`The spec is valid: ${connectors.map(c => c.name).join(', ')}`)
  writeOutputs(outcomes, redactor)
  await writeSummary(`### Qualys Azure tenant connectors: spec valid\n\n${connectors.map(c => `- ${c.name}`).join('\n')}\n`, redactor)
  void settings
}

async function report(outcomes: Outcome[], settings: Settings, log: Logger, redactor: Redactor): Promise<void> {
  const mode = settings.mode === 'plan' ? 'plan' : 'apply'
  await log.group(mode === 'plan' ? 'Plan' : 'Result', async () => log.info(planText(outcomes, mode)))
  writeOutputs(outcomes, redactor)
  const markdown = planMarkdown(outcomes, mode, mode === 'plan' ? 'Qualys Azure tenant connectors: plan' : 'Qualys Azure tenant connectors')
  await writeSummary(markdown, redactor)
  if (mode === 'plan' && settings.prComment) await comment(markdown, settings, log, redactor)
}

async function comment(markdown: string, settings: Settings, log: Logger, redactor: Redactor): Promise<void> {
  if (!settings.githubToken) return log.notice('No github-token: the plan is not posted on the pull request')
  try {
    const result = await upsertPlanComment(settings.githubToken, redactor.redact(markdown))
    if (result.status === 'skipped') log.notice(`The plan was not posted on the pull request: ${result.reason}`)
    else log.info(`Plan comment ${result.status}: ${result.url}`)
  } catch (error) {
    log.warning(`Could not post the plan on the pull request: ${(error as Error).message}`)
  }
}

function writeOutputs(outcomes: Outcome[], redactor: Redactor): void {
  for (const [name, value] of Object.entries(buildOutputs(outcomes))) core.setOutput(name, redactor.redact(value))
}

async function writeSummary(markdown: string, redactor: Redactor): Promise<void> {
  if (!process.env.GITHUB_STEP_SUMMARY) return
  await core.summary.addRaw(redactor.redact(markdown)).write()
}

/** The core's Logger on top of @actions/core, with every message redacted. */
function actionsLogger(redactor: Redactor): Logger {
  const props = (location?: SourceLocation): core.AnnotationProperties | undefined =>
    location ? { file: location.file, startLine: location.line, startColumn: location.column } : undefined
  return {
    debug: message => core.debug(redactor.redact(message)),
    info: message => core.info(redactor.redact(message)),
    notice: (message, location) => core.notice(redactor.redact(message), props(location)),
    warning: (message, location) => core.warning(redactor.redact(message), props(location)),
    error: (message, location) => core.error(redactor.redact(message), props(location)),
    group: (title, body) => core.group(title, body)
  }
}
