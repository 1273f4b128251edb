/**
 * mode: plan and apply — the spec reconciled with Qualys: the plan on its pull request (with the fingerprint
 * of what the reviewers read), and the apply after the merge compared with that reviewed plan before it writes.
 */
import * as core from '@actions/core'
import type { LoadedSpec } from '../connector-spec/load.js'
import { planCommentTarget, reconcileOptions, reviewedPlanTarget } from '../core-options.js'
import { pullRequestOf } from '../github/event.js'
import { planCommentRoom } from '../github/pr-comment.js'
import { missingConcurrencyWarning } from '../github/workflow-file.js'
import { debugOnly } from '../logger.js'
import type { QualysClient } from '../qualys/client.js'
import { RunProgress } from '../reconcile/progress.js'
import { QualysRead, reconcile, type Outcome, type Reconciliation } from '../reconcile/reconcile-run.js'
import type { ReportContext } from '../report/context.js'
import { reviewedPlanLines, runSummary, titleLines } from '../report/job-summary.js'
import { failureSummary, planText } from '../report/log-lines.js'
import { inline } from '../report/markdown-cell.js'
import { planCommentBody } from '../report/pr-comment-body.js'
import { reviewedPlanBlock } from '../reviewed-plan/comment-block.js'
import { planPrint, pullRequestSalt } from '../reviewed-plan/fingerprint.js'
import { reviewPlan, type ReviewVerdict } from '../reviewed-plan/review.js'
import type { ReconcileSettings } from '../settings.js'
import { plural } from '../text.js'
import { reportPlanFailure, specFor } from './problems.js'
import {
  azurePreflight,
  postComment,
  provenance,
  wiring,
  writeOutputs,
  writeSummary,
  type ModeRun,
  type Step
} from './step.js'

export async function runReconcile(run: ModeRun): Promise<void> {
  const loaded = await specFor(run, ['plan', 'apply'])
  if (!loaded) return
  const { spec, settings } = loaded
  const { step } = run
  if (settings.mode === 'apply') {
    const unguarded = missingConcurrencyWarning(process.env)
    if (unguarded) step.log.warning(unguarded)
  }
  const progress = new RunProgress(settings.mode, step.log)
  const client = await run.connect(settings, () => progress.describe())
  // The re-plan and the apply read Qualys once: the apply acts on the very read its plan was compared on.
  const read = new QualysRead(client)
  const review = settings.mode === 'apply' ? await reviewBeforeApply(spec, settings, client, read, step) : undefined
  if (review?.stop) return await stopUnreviewed(review, step)
  // Redacted before any formatting (escaping, clipping) can hide a secret's form; redacted again after.
  const reconciled = await reconcileSpec(spec, settings, client, read, progress, step)
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
}

function reconcileSpec(
  spec: LoadedSpec,
  settings: ReconcileSettings,
  client: QualysClient,
  read: QualysRead,
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
      budget: () => client.budget,
      read
    })
  ).finally(() => azure?.dispose())
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
 * The re-plan's read of Qualys is the apply's (`read`); its log lines go to debug (the apply says them again).
 */
async function reviewBeforeApply(
  spec: LoadedSpec,
  settings: ReconcileSettings,
  client: QualysClient,
  read: QualysRead,
  step: Step
): Promise<ReviewVerdict> {
  const { findReviewedPlan } = await import('../github/reviewed-plan.js')
  const verdict = await reviewPlan({
    onPlanChange: settings.onPlanChange,
    lookup: () => findReviewedPlan(reviewedPlanTarget(settings, wiring(step), process.env)),
    replan: () =>
      reconcile(
        spec.connectors,
        client,
        reconcileOptions(
          { ...settings, mode: 'plan' },
          { logger: debugOnly(step.log), secretVariables: spec.secretVariables, read }
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
    `> ${inline(review.stop ?? '')}`
  ]
  await writeSummary(`${lines.join('\n')}\n`, step)
  core.setFailed(step.redactor.logLine(review.stop ?? 'on-plan-change is fail'))
}
