import { writeFileSync } from 'node:fs'
import * as core from '@actions/core'
import { actionsLogger } from './actions-logger.js'
import { lazyPreflight } from './azure/lazy.js'
import { headCommitOf, isForkPullRequest, pullRequestOf } from './github/event.js'
import { failureCommentTarget, type FailureCommentInputs } from './github/failure-comment.js'
import { jobSummaryUrl } from './github/run-url.js'
import type { CheckReport as CheckIssueContent } from './github/check-issue.js'
import { planCommentRoom, postPlanComment, type CommentTarget } from './github/pr-comment.js'
import { debugOnly, type Logger } from './logger.js'
import { ALWAYS_ON_APPS } from './qualys/assumptions.js'
import type { QualysClient } from './qualys/client.js'
import { RunProgress } from './reconcile/progress.js'
import { reconcile, type Outcome, type Reconciliation } from './reconcile/reconcile-run.js'
import { Redactor } from './redact.js'
import {
  azurePreflightOptions,
  checkIssueTarget,
  planCommentTarget,
  checkOptions,
  forceUpdateProblems,
  pruneMarkerProblems,
  qualysClientOptions,
  reconcileOptions,
  reviewedPlanTarget,
  type ClientWiring,
  type QualysClientSettings
} from './core-options.js'
import { buildOutputs, checkOutputs } from './report/outputs.js'
import type { ReportContext } from './report/context.js'
import { exportMarkdown } from './report/export-summary.js'
import { reviewedPlanLines, runSummary, titleLines, validMarkdown } from './report/job-summary.js'
import { callsLine, failureSummary, planText } from './report/log-lines.js'
import { cell } from './report/markdown-cell.js'
import { planFailureMarkdown } from './report/plan-failure.js'
import type { Provenance } from './report/provenance.js'
import { planCommentBody } from './report/pr-comment-body.js'
import {
  ownerAsGiven,
  readSettings,
  SECRET_INPUTS,
  type CheckSettings,
  type ExportSettings,
  type ReconcileSettings,
  type Settings,
  type ValidateSettings
} from './settings.js'
import { exportPath, loadSpec, specTextProblems, type LoadedSpec } from './connector-spec/load.js'
import { formatProblem, type Problem } from './problems.js'
import { ownerKey, reviewedPlanBlock } from './reviewed-plan/comment-block.js'
import { planPrint, pullRequestSalt } from './reviewed-plan/fingerprint.js'
import { reviewPlan, type ReviewVerdict } from './reviewed-plan/review.js'
import { plural } from './text.js'
import { errorMessage } from './values.js'

/** What every part of the glue writes through: the log, and the secrets to keep out of it. */
interface Step {
  log: Logger
  redactor: Redactor
  mask: (secret: string | undefined) => void
}

/** The runner glue: inputs in, outputs out; the work is done by the plain modules it calls. */
export async function run(): Promise<void> {
  const step = openStep()
  let client: QualysClient | undefined
  try {
    // Secrets are read as given (a password may end in a space); everything else trimmed.
    const read = (name: string): string =>
      core.getInput(name, { trimWhitespace: !(SECRET_INPUTS as readonly string[]).includes(name) })
    const { settings, request, problems } = readSettings(read, {
      forkPullRequest: isForkPullRequest(process.env),
      repository: process.env.GITHUB_REPOSITORY
    })
    if (request.mode === 'export') {
      const where = exportPath(request.exportFile, process.env.GITHUB_WORKSPACE || process.cwd())
      const found = [...problems, ...('problem' in where ? [where.problem] : [])]
      // No settings means problems: every mode's settings are complete once its inputs are.
      if (settings?.mode !== 'export' || 'problem' in where || found.length > 0)
        return await failOnProblems(found, step)
      client = await connect(settings, step)
      return await runExport(where, settings, client, step)
    }
    const spec = loadSpec(
      { specFile: request.specFile, workspace: process.env.GITHUB_WORKSPACE || process.cwd(), readInput: read },
      {
        env: process.env,
        secretInput: request.secretValue,
        requireSecret: request.mode === 'apply',
        alwaysOnApps: ALWAYS_ON_APPS
      }
    )
    spec.secrets.forEach(step.mask)
    spec.notices.forEach(notice => step.log.notice(formatProblem(notice), notice.location))
    const found = [...problems, ...spec.problems]
    found.push(...pruneMarkerProblems(settings, spec.connectors), ...forceUpdateProblems(settings, spec.connectors))
    // settings.mode is request.mode: export took the branch above.
    if (!settings || settings.mode === 'export' || found.length > 0)
      return await failOnProblems(found, step, failureInputs(request.mode, read, settings))
    if (settings.mode === 'validate') return await finishValidate(spec, settings, step)
    if (settings.mode === 'check') {
      client = await connect(settings, step)
      return await runCheck(spec, settings, client, step)
    }

    const progress = new RunProgress(settings.mode, step.log)
    client = await connect(settings, step, () => progress.describe())
    const review = settings.mode === 'apply' ? await reviewBeforeApply(spec, settings, client, step) : undefined
    if (review?.stop) return await stopUnreviewed(review, step)
    // Redacted before any formatting (escaping, clipping) can hide a secret's form; redacted again after.
    const reconciled = await reconcileSpec(spec, settings, client, progress, step)
    const { outcomes, runProblem, deferral } = step.redactor.redactDeep(reconciled)
    const context: ReportContext = {
      // A deferral is said like a problem of the run, but what was done (or planned) is still reported.
      runProblem: runProblem ?? deferral,
      secretVariables: spec.secretVariables,
      ...provenance(),
      ...(review ? { reviewedPlan: step.redactor.redactDeep(review) } : {})
    }
    await report(outcomes, settings, context, step, Boolean(runProblem))
    if (review) core.setOutput('reviewed-plan', review.status)
    // setFailed is the run's one error annotation: a problem of the whole run is said there once.
    const failures = failureSummary(outcomes, context)
    if (failures) core.setFailed(step.redactor.logLine(failures))
  } catch (error) {
    core.setFailed(step.redactor.logLine(errorMessage(error)))
  } finally {
    // The last line of every run that talked to Qualys, failed or not.
    if (client) step.log.info(callsLine(client.counts))
    client?.dispose()
  }
}

/** Masks the secret inputs before anything at all is logged. */
function openStep(): Step {
  const redactor = new Redactor()
  const mask = (secret: string | undefined): void => redactor.add(secret).forEach(form => core.setSecret(form))
  for (const input of SECRET_INPUTS) {
    // As given, and as used (settings trims the token).
    mask(core.getInput(input, { trimWhitespace: false }))
    mask(core.getInput(input))
  }
  return { log: actionsLogger(redactor), redactor, mask }
}

/**
 * Logs every problem (as annotations at their file and line) and fails the step; a plan also says
 * them in the job summary and, on its pull request, in place of the plan comment (none stays stale).
 */
async function failOnProblems(problems: Problem[], step: Step, plan?: FailureCommentInputs): Promise<void> {
  for (const problem of problems) step.log.error(formatProblem(problem), problem.location)
  core.setFailed(
    `${plural(problems.length, 'problem')} in the inputs or the spec (listed above); nothing was sent to Qualys`
  )
  if (plan?.mode !== 'plan') return
  const said = problems.map(problem => step.redactor.redact(formatProblem(problem)))
  await reportPlanFailure(said, provenance(), failureCommentTarget(plan, process.env, wiring(step)), step)
}

/** What a failed plan decides by, read as given: its settings may be missing. */
function failureInputs(mode: string, read: (name: string) => string, settings?: Settings): FailureCommentInputs {
  const limits =
    settings?.mode === 'plan'
      ? {
          timeoutMs: settings.requestTimeoutMs,
          maxAttempts: settings.maxAttempts,
          maxConcurrency: settings.maxConcurrency
        }
      : undefined
  const owner =
    settings?.markerOwner ?? ownerAsGiven(read, { forkPullRequest: false, repository: process.env.GITHUB_REPOSITORY })
  // The token trimmed, as settings uses it (the secret inputs are otherwise read as given).
  return {
    mode,
    prComment: read('pr-comment'),
    githubToken: core.getInput('github-token'),
    limits,
    ownerKey: ownerKey(owner)
  }
}

/** A plan that failed as a whole: its problems in the job summary and, where given a target, the plan comment. */
async function reportPlanFailure(
  problems: string[],
  from: Provenance,
  target: CommentTarget | undefined,
  step: Step
): Promise<void> {
  await writeSummary(planFailureMarkdown(problems, from), step)
  if (target) await postComment(planFailureMarkdown(problems, from, planCommentRoom()), target, step)
}

/** The commit and the run every report names. */
function provenance(): Provenance {
  return { commit: headCommitOf(process.env), runUrl: jobSummaryUrl(process.env) }
}

async function finishValidate(spec: LoadedSpec, settings: ValidateSettings, step: Step): Promise<void> {
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

/** mode: export — the connectors Qualys has, as a spec file in the workspace and the `spec` output. */
async function runExport(
  where: { path: string; file: string },
  settings: ExportSettings,
  client: QualysClient,
  step: Step
): Promise<void> {
  const { exportSpec, readExisting } = await import('./export/spec-export.js')
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

/** The HTTP stack is loaded only here, so validate runs start without it. */
async function connect(
  settings: QualysClientSettings,
  step: Step,
  describeProgress?: () => string | undefined
): Promise<QualysClient> {
  const { QualysClient } = await import('./qualys/client.js')
  return new QualysClient({ ...qualysClientOptions(settings, wiring(step)), describeProgress })
}

function reconcileSpec(
  spec: LoadedSpec,
  settings: ReconcileSettings,
  client: QualysClient,
  progress: RunProgress,
  step: Step
): Promise<Reconciliation> {
  step.log.info(
    `${settings.mode === 'plan' ? 'Planning' : 'Applying'} ${plural(spec.connectors.length, 'connector')} against ${settings.gatewayUrl}`
  )
  const azure = settings.mode === 'apply' ? azurePreflight(settings, step) : undefined
  return reconcile(
    spec.connectors,
    client,
    reconcileOptions(settings, {
      preflight: azure,
      logger: step.log,
      secretVariables: spec.secretVariables,
      progress,
      budget: () => client.budget
    })
  ).finally(() => azure?.dispose())
}

/** mode: check — drift, health, Azure and coverage; the report in the summary, the outputs and maybe one issue. */
async function runCheck(spec: LoadedSpec, settings: CheckSettings, client: QualysClient, step: Step): Promise<void> {
  const [{ check }, findingsModule, render] = await Promise.all([
    import('./check/check-run.js'),
    import('./check/findings.js'),
    import('./report/check-report.js')
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
  const { checkIssueMarker, syncCheckIssue } = await import('./github/check-issue.js')
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

function azurePreflight(
  settings: ReconcileSettings | CheckSettings,
  step: Step
): ReturnType<typeof lazyPreflight> | undefined {
  const options = azurePreflightOptions(settings, wiring(step))
  return options && lazyPreflight(options)
}

/** What the clients log and redact through: the step's own. */
function wiring(step: Step): ClientWiring {
  return { logger: step.log, redactor: step.redactor, onToken: step.mask }
}

async function report(
  outcomes: Outcome[],
  settings: ReconcileSettings,
  context: ReportContext,
  step: Step,
  stopped: boolean
): Promise<void> {
  const { mode } = settings
  await step.log.group(mode === 'plan' ? 'Plan' : 'Result', () =>
    Promise.resolve(step.log.info(planText(outcomes, mode, context)))
  )
  writeOutputs(outcomes, step)
  const target =
    mode === 'plan' && settings.prComment ? planCommentTarget(settings, wiring(step), process.env) : undefined
  // A plan stopped by a problem of the whole run (login, listing) is no plan: the problem replaces it.
  if (mode === 'plan' && stopped && context.runProblem)
    return await reportPlanFailure([context.runProblem], context, target, step)
  await writeSummary(runSummary(outcomes, mode, context), step)
  if (target) await postComment(reviewablePlan(outcomes, context), target, step)
}

/**
 * The plan comment, with the fingerprint the apply after the merge compares with at its end. The plan's
 * own (clipped, escaped) text is what the reviewers read; the fingerprint is of the outcomes it shows.
 */
function reviewablePlan(outcomes: Outcome[], context: ReportContext): string {
  const pr = pullRequestOf(process.env)
  const block =
    'pullRequest' in pr
      ? reviewedPlanBlock(
          planPrint(outcomes, pullRequestSalt(pr.pullRequest.owner, pr.pullRequest.repo, pr.pullRequest.number)),
          context.commit
        )
      : ''
  const room = planCommentRoom() - (block ? block.length + 1 : 0)
  const body = planCommentBody(outcomes, context.runUrl, room, context)
  return block ? `${body}${body.endsWith('\n') ? '' : '\n'}${block}` : body
}

/**
 * An apply after a merge compares its plan with the one reviewed on the pull request before it writes.
 * The re-plan reads Qualys as the apply then does; its log lines go to debug (the apply says them again).
 */
async function reviewBeforeApply(
  spec: LoadedSpec,
  settings: ReconcileSettings,
  client: QualysClient,
  step: Step
): Promise<ReviewVerdict> {
  const { findReviewedPlan } = await import('./github/reviewed-plan.js')
  const verdict = await reviewPlan({
    onPlanChange: settings.onPlanChange,
    lookup: () => findReviewedPlan(reviewedPlanTarget(settings, wiring(step), process.env)),
    replan: () =>
      reconcile(
        spec.connectors,
        client,
        reconcileOptions(
          { ...settings, mode: 'plan' },
          { logger: debugOnly(step.log), secretVariables: spec.secretVariables }
        )
      )
  })
  if (verdict.line && !verdict.stop) step.log.info(step.redactor.logLine(verdict.line))
  if (verdict.warning) step.log.warning(step.redactor.logLine(verdict.warning))
  return verdict
}

/** on-plan-change: fail stopped the apply before any write: said in the summary, the output and the step's failure. */
async function stopUnreviewed(review: ReviewVerdict, step: Step): Promise<void> {
  core.setOutput('reviewed-plan', review.status)
  const lines = [
    ...titleLines('Qualys Azure tenant connectors: not applied', provenance()),
    ...reviewedPlanLines({ reviewedPlan: step.redactor.redactDeep(review) }),
    '> [!CAUTION]',
    `> ${cell(review.stop ?? '')}`
  ]
  await writeSummary(`${lines.join('\n')}\n`, step)
  core.setFailed(step.redactor.logLine(review.stop ?? 'on-plan-change is fail'))
}

async function postComment(markdown: string, target: CommentTarget, step: Step): Promise<void> {
  const stale = await postPlanComment(step.redactor.redact(markdown), target, step.log)
  if (stale) core.setFailed(step.redactor.logLine(stale))
}

function writeOutputs(outcomes: Outcome[], step: Step): void {
  const { outputs, refused } = checkOutputs(buildOutputs(outcomes))
  for (const { output, form } of refused) {
    step.log.warning(
      `${outcomes[0]?.name}: output '${output}' is not set: the value Qualys answered for it is not ${form}, and workflows pass it to shell commands`
    )
  }
  for (const [name, value] of Object.entries(outputs)) core.setOutput(name, step.redactor.redact(value))
}

/** Outputs from GitHub's answers, held to the same shell-safe forms as those from Qualys'. */
function setCheckedOutputs(values: Record<string, string>, step: Step): void {
  const { outputs, refused } = checkOutputs(values)
  for (const { output, form } of refused)
    step.log.warning(`Output '${output}' is not set: the value GitHub answered for it is not ${form}`)
  for (const [name, value] of Object.entries(outputs))
    if (value !== '') core.setOutput(name, step.redactor.redact(value))
}

async function writeSummary(markdown: string, step: Step): Promise<void> {
  if (!process.env.GITHUB_STEP_SUMMARY) return
  await core.summary.addRaw(step.redactor.redact(markdown)).write()
}
