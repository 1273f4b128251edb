import { GITHUB_CALLS, isTransientGitHubFailure, type GitHubCallPolicy } from '../http/retry-policy.js'
import type { Logger } from '../logger.js'
import { plural } from '../text.js'
import { errorMessage } from '../values.js'

/** Marks the action's plan comment, so the next plan finds and replaces it instead of adding another. */
export const PR_COMMENT_MARKER = '<!-- qualys-azure-tenant-connector-plan -->'

/** GitHub refuses a comment longer than this [DOC: GitHub REST API, "body is too long (maximum is 65536 characters)"]. */
const MAX_COMMENT_CHARS = 65_536

/** The comment as posted: the marker, on its own line, above the plan. */
function commentBody(markdown: string): string {
  return `${PR_COMMENT_MARKER}\n${markdown}`
}

/** The longest plan the comment can carry: GitHub's limit less the marker's framing. */
export function planCommentRoom(): number {
  return MAX_COMMENT_CHARS - commentBody('').length
}

export type CommentResult = { status: 'created' | 'updated'; url: string } | { status: 'skipped'; reason: string }

const PAGE_SIZE = 100
/** 100 pages of 100 comments: a pull request with more is not looked through further. */
const MAX_COMMENT_PAGES = 100

/** A failure that leaves the pull request without the current plan: the step must fail. */
export class StaleCommentError extends Error {}

/** Where a plan could go: the event that started the run (GITHUB_EVENT_NAME), and the token to post with. */
export interface CommentTarget {
  eventName: string | undefined
  token: string | undefined
}

/**
 * Posts the plan when the run is a pull request's, saying in the log what came of it. Returns the
 * problem that must fail the step, if any: a pull request left showing an out-of-date plan.
 */
export async function postPlanComment(
  markdown: string,
  target: CommentTarget,
  log: Logger
): Promise<string | undefined> {
  // Plans outside a pull request (a schedule, a manual run) have nowhere to post: not worth a notice.
  if (!target.eventName?.startsWith('pull_request')) {
    log.debug('Not a pull request: the plan is not posted as a comment')
    return undefined
  }
  if (!target.token) {
    log.notice('No github-token: the plan is not posted on the pull request')
    return undefined
  }
  try {
    const result = await upsertPlanComment(target.token, markdown)
    if (result.status === 'skipped') log.notice(`The plan was not posted on the pull request: ${result.reason}`)
    else log.info(`Plan comment ${result.status}: ${result.url}`)
  } catch (error) {
    // A plan that cannot replace the previous one must not let the old one pass for current.
    if (error instanceof StaleCommentError) return `Could not post the plan on the pull request: ${error.message}`
    log.warning(`Could not post the plan on the pull request: ${errorMessage(error)}`)
  }
  return undefined
}

/**
 * Posts the plan as ONE comment on the pull request, edited in place on later runs (found by
 * a hidden marker). A plan comment that cannot be edited is replaced by a fresh one, and when
 * neither works the caller is told, so an out-of-date plan never stays looking current.
 * @actions/github is loaded only here, so runs that post nothing start fast.
 */
export async function upsertPlanComment(
  token: string,
  markdown: string,
  policy: GitHubCallPolicy = GITHUB_CALLS
): Promise<CommentResult> {
  const { context, getOctokit } = await import('@actions/github')
  const number = context.payload.pull_request?.number
  if (!context.eventName.startsWith('pull_request') || typeof number !== 'number') {
    return { status: 'skipped', reason: `the event is ${context.eventName || 'unknown'}, not a pull request` }
  }
  const octokit = getOctokit(token, { baseUrl: context.apiUrl })
  const target = { ...context.repo, issue_number: number }
  const body = commentBody(markdown)
  const call = <T>(
    what: string,
    send: (request: { signal: AbortSignal }) => Promise<T>,
    repeatable = true
  ): Promise<T> => withPolicy(what, send, repeatable ? policy : { ...policy, attempts: 1 })

  let comments: Awaited<ReturnType<typeof octokit.rest.issues.listComments>>['data']
  try {
    comments = []
    // Page by page, not octokit.paginate: it drops the per-request signal, so a page could hang.
    for (let page = 1; page <= MAX_COMMENT_PAGES; page++) {
      const { data } = await call('list the comments', request =>
        octokit.rest.issues.listComments({ ...target, per_page: PAGE_SIZE, page, request })
      )
      comments.push(...data)
      if (data.length < PAGE_SIZE) break
    }
  } catch (error) {
    if (refused(error))
      return {
        status: 'skipped',
        reason: `GitHub refused to list the comments (${statusOf(error)}): the token lacks pull-requests: write, or the pull request comes from a fork`
      }
    throw new StaleCommentError(`${errorMessage(error)}; a plan posted earlier on this pull request may be out of date`)
  }
  // The marker can be pasted by anyone: prefer a bot's comment, and if ours cannot be edited, post anew.
  const marked = comments.filter(comment => comment.body?.includes(PR_COMMENT_MARKER))
  const mine = marked.find(comment => comment.user?.type === 'Bot') ?? marked[0]
  let notEdited: string | undefined
  if (mine) {
    try {
      const { data } = await call('edit the plan comment', request =>
        octokit.rest.issues.updateComment({ ...context.repo, comment_id: mine.id, body, request })
      )
      return { status: 'updated', url: data.html_url }
    } catch (error) {
      notEdited = errorMessage(error)
    }
  }
  try {
    const { data } = await call(
      'post the plan comment',
      request => octokit.rest.issues.createComment({ ...target, body, request }),
      false
    )
    return { status: 'created', url: data.html_url }
  } catch (error) {
    if (!mine && refused(error)) {
      return {
        status: 'skipped',
        reason: `GitHub refused the comment (${statusOf(error)}): the token lacks pull-requests: write, or the pull request comes from a fork`
      }
    }
    const earlier = mine ? `the earlier plan comment could not be edited (${notEdited}) and ` : ''
    throw new StaleCommentError(
      `${earlier}${errorMessage(error)}${mine ? `; the plan comment on the pull request (${mine.html_url}) is out of date` : ''}`
    )
  }
}

/** One GitHub call under the policy: each request cut at the timeout, repeated after a 5xx, a 429 or silence. */
async function withPolicy<T>(
  what: string,
  send: (request: { signal: AbortSignal }) => Promise<T>,
  policy: GitHubCallPolicy
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await send({ signal: AbortSignal.timeout(policy.timeoutMs) })
    } catch (error) {
      const status = statusOf(error)
      const timedOut = isTimeout(error)
      const transient = isTransientGitHubFailure(status, timedOut)
      if (!transient || attempt >= policy.attempts) {
        throw Object.assign(
          new Error(
            timedOut
              ? `GitHub did not answer within ${policy.timeoutMs / 1000} s (${plural(attempt, 'attempt')}) to ${what}`
              : `GitHub failed to ${what} (${status ?? 'no answer'}: ${oneLine((error as Error).message)})`
          ),
          { status: timedOut ? undefined : status }
        )
      }
      await new Promise(resolve => setTimeout(resolve, policy.backoffMs))
    }
  }
}

function isTimeout(error: unknown): boolean {
  const name = (error as Error | undefined)?.name
  return (
    name === 'TimeoutError' ||
    name === 'AbortError' ||
    /aborted|timeout/i.test((error as Error | undefined)?.message ?? '')
  )
}

function statusOf(error: unknown): number | undefined {
  const status = (error as { status?: unknown } | undefined)?.status
  return typeof status === 'number' ? status : undefined
}

function refused(error: unknown): boolean {
  const status = statusOf(error)
  return status === 401 || status === 403 || status === 404
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').slice(0, 300)
}
