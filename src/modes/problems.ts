/**
 * The spec a mode runs on, and the problems that stop a run before anything is sent: every one logged at its
 * file and line, and a failed plan's said where its plan would have been.
 */
import * as core from '@actions/core'
import { loadSpec, type LoadedSpec } from '../connector-spec/load.js'
import { forceUpdateProblems, pruneMarkerProblems } from '../core-options.js'
import { failureCommentTarget, type FailureCommentInputs } from '../github/failure-comment.js'
import { planCommentRoom, type CommentTarget } from '../github/pr-comment.js'
import { formatProblem, type Problem } from '../problems.js'
import { ALWAYS_ON_APPS } from '../qualys/assumptions.js'
import { planFailureMarkdown } from '../report/plan-failure.js'
import type { Provenance } from '../report/provenance.js'
import { ownerKey } from '../reviewed-plan/comment-block.js'
import { ownerAsGiven, type Settings } from '../settings.js'
import { plural } from '../text.js'
import { postComment, provenance, writeSummary, wiring, type ModeRun, type Step } from './step.js'

/**
 * The spec, with the settings of one of `modes`; undefined once the inputs' and the spec's problems,
 * all of them, have failed the step.
 */
export async function specFor<M extends Settings['mode']>(
  { read, request, settings, problems, step }: ModeRun,
  modes: readonly M[]
): Promise<{ spec: LoadedSpec; settings: Extract<Settings, { mode: M }> } | undefined> {
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
  // settings.mode is request.mode, the mode this runner was picked for.
  if (!settings || !isOneOf(settings, modes) || found.length > 0) {
    await failOnProblems(found, step, failureInputs(request.mode, read, settings))
    return undefined
  }
  return { spec, settings }
}

function isOneOf<M extends Settings['mode']>(
  settings: Settings,
  modes: readonly M[]
): settings is Extract<Settings, { mode: M }> {
  return (modes as readonly string[]).includes(settings.mode)
}

/**
 * Logs every problem (as annotations at their file and line) and fails the step; a plan also says
 * them in the job summary and, on its pull request, in place of the plan comment (none stays stale).
 */
export async function failOnProblems(problems: Problem[], step: Step, plan?: FailureCommentInputs): Promise<void> {
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
export async function reportPlanFailure(
  problems: string[],
  from: Provenance,
  target: CommentTarget | undefined,
  step: Step
): Promise<void> {
  await writeSummary(planFailureMarkdown(problems, from), step)
  if (target) await postComment(planFailureMarkdown(problems, from, planCommentRoom()), target, step)
}
