/**
 * Apply exactly what was reviewed: before an apply after a merge writes anything, its plan is compared
 * with the one reviewed on the pull request, and `on-plan-change` decides what a difference does.
 * Plain TypeScript: the GitHub lookup and the re-plan are handed in.
 */
import type { Outcome } from '../reconcile/outcome.js'
import type { ReviewedPlanBlock } from './comment-block.js'
import { comparePlans, planPrint } from './fingerprint.js'

/** The pull request a reviewed plan was posted on. */
export interface ReviewedPullRequest {
  number: number
  url?: string
}

/** What the lookup of the reviewed plan found (src/github/reviewed-plan.ts asks GitHub). */
export type ReviewedPlanLookup =
  | { status: 'found'; pullRequest: ReviewedPullRequest; salt: string; plan: ReviewedPlanBlock }
  /** No reviewed plan to compare with, and why, in words ("pushed directly", "comment missing", …). */
  | { status: 'none'; reason: string; pullRequest?: ReviewedPullRequest; notAPush?: boolean }
  /** GitHub could not be asked or refused: whether a plan was reviewed is not known. */
  | { status: 'failed'; problem: string }

export type OnPlanChange = 'warn' | 'fail' | 'ignore'
/** The `reviewed-plan` output. */
export type ReviewedPlanStatus = 'matched' | 'changed' | 'none' | 'ignored'

/** What the comparison came to, for the summary, the log and the output. */
export interface ReviewVerdict {
  status: ReviewedPlanStatus
  /** The summary's line about the reviewed plan (plain text); absent when not looked for. */
  line?: string
  /** What differs, one connector per line. */
  differences: string[]
  /** Why nothing may be written (on-plan-change: fail); the step fails with it. */
  stop?: string
  /** Said once as a warning annotation. */
  warning?: string
}

export interface ReviewInputs {
  onPlanChange: OnPlanChange
  lookup: () => Promise<ReviewedPlanLookup>
  /** The apply's own plan, made without writing; undefined outcomes when a problem of the whole run stopped it. */
  replan: () => Promise<{ outcomes: Outcome[]; runProblem?: string; deferral?: string }>
}

export async function reviewPlan(inputs: ReviewInputs): Promise<ReviewVerdict> {
  if (inputs.onPlanChange === 'ignore') return { status: 'ignored', differences: [] }
  const fail = inputs.onPlanChange === 'fail'
  const found = await inputs.lookup()
  if (found.status === 'failed') {
    const why = `Could not look up the plan reviewed for this commit: ${found.problem}`
    return fail
      ? {
          ...none(`the lookup failed: ${found.problem}`),
          stop: `${why}; on-plan-change is fail, so nothing was written`
        }
      : { ...none(`the lookup failed: ${found.problem}`), warning: `${why}; applying without the comparison` }
  }
  if (found.status === 'none') {
    // Only a push can be a merge: a manual or scheduled apply has no pull request to match, and fail does not stop it.
    const unreviewed = fail && !found.notAPush
    return unreviewed
      ? {
          ...none(found.reason),
          stop: `No reviewed plan was found for this push (${found.reason}), and on-plan-change is fail, so nothing was written. Check the plan and run the apply by hand (workflow_dispatch), or set on-plan-change: warn`
        }
      : none(found.reason)
  }
  const replanned = await inputs.replan()
  // The apply meets the same problem (or the same used-up budget) and reports it; there is no whole plan to compare.
  const stopped = replanned.runProblem ?? replanned.deferral
  if (stopped) return none(`this run could not plan to compare: ${stopped}`)
  const comparison = comparePlans(found.plan, planPrint(replanned.outcomes, found.salt))
  const where = reviewedIn(found.pullRequest, found.plan.commit)
  if (comparison.matches) return { status: 'matched', line: `Matches the plan reviewed in ${where}.`, differences: [] }
  const differs = `This apply differs from the plan reviewed in ${where}`
  return fail
    ? {
        status: 'changed',
        line: `${differs}, and on-plan-change is fail, so nothing was written:`,
        differences: comparison.differences,
        stop: `${differs} (${comparison.differences.join('; ')}), and on-plan-change is fail, so nothing was written. Plan again on a pull request and merge it, or run the apply by hand after checking its plan`
      }
    : {
        status: 'changed',
        line: `${differs}:`,
        differences: comparison.differences,
        warning: `${differs}: ${comparison.differences.join('; ')}`
      }
}

function none(reason: string): ReviewVerdict {
  return { status: 'none', line: `No reviewed plan found (${reason}).`, differences: [] }
}

/** "#42 (planned at commit abc1234)". */
function reviewedIn(pullRequest: ReviewedPullRequest, commit: string | undefined): string {
  return `#${pullRequest.number}${commit ? ` (planned at commit ${commit.slice(0, 7).toLowerCase()})` : ''}`
}
