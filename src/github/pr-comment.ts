import { HttpError } from '../http/errors.js'
import type { ConnectionOptions } from '../http/transport.js'
import type { Logger } from '../logger.js'
import { errorMessage } from '../values.js'
import { pullRequestOf, type PullRequestRef } from './event.js'
import { call } from './call.js'
import type { GitHubClient, Octokit } from './octokit.js'
import { githubApiUrl } from './peer.js'
import { refusedStatus } from './refusal.js'

/** Marks the action's plan comment, so the next plan finds and replaces it instead of adding another. */
export const PR_COMMENT_MARKER = '<!-- qualys-azure-tenant-connector-plan -->'

/** GitHub refuses a comment longer than this [DOC: GitHub REST API, "body is too long (maximum is 65536 characters)"]. */
const MAX_COMMENT_CHARS = 65_536

/** Which spec's plan a comment is: two plan steps of one pull request (two spec files) keep one comment each. */
const OWNER_LINE = /^<!-- qualys-plan-owner ([0-9a-f]{16}) -->$/m

function ownerLine(key: string): string {
  return `<!-- qualys-plan-owner ${key} -->`
}

/** The comment as posted: the marker and the owner's key, each on its own line, above the plan. */
function commentBody(markdown: string, key?: string): string {
  return `${PR_COMMENT_MARKER}\n${key ? `${ownerLine(key)}\n` : ''}${markdown}`
}

/** The longest plan the comment can carry: GitHub's limit less the marker's framing (with an owner's key). */
export function planCommentRoom(): number {
  return MAX_COMMENT_CHARS - commentBody('', '0'.repeat(16)).length
}

/**
 * The plan comment of an owner among a pull request's comments: one marked with its key, else one marked
 * before comments had keys (adopted). The marker can be pasted by anyone: a bot's comment comes first.
 */
export function findPlanComment<T extends IssueComment>(comments: T[], key: string | undefined): T | undefined {
  const marked = comments.filter(comment => comment.body?.includes(PR_COMMENT_MARKER))
  const keyOf = (comment: T): string | undefined => OWNER_LINE.exec(comment.body ?? '')?.[1]
  const own = marked.filter(comment => key !== undefined && keyOf(comment) === key)
  const candidates = own.length > 0 ? own : marked.filter(comment => keyOf(comment) === undefined)
  return candidates.find(comment => comment.user?.type === 'Bot') ?? candidates[0]
}

export type CommentResult = { status: 'created' | 'updated'; url: string } | { status: 'skipped'; reason: string }

const PAGE_SIZE = 100
/** 100 pages of 100 comments: a pull request with more is not looked through further. */
const MAX_COMMENT_PAGES = 100

/** A failure that leaves the pull request without the current plan: the step must fail. */
export class StaleCommentError extends Error {}

/** Where a plan could go, and how GitHub is reached. */
export interface CommentTarget {
  /** The event that started the run (GITHUB_EVENT_NAME). */
  eventName: string | undefined
  /** The token to post with (github-token). */
  token: string | undefined
  /** The runner's variables: GITHUB_REPOSITORY, GITHUB_EVENT_PATH (the pull request), GITHUB_API_URL. */
  env: Readonly<Record<string, string | undefined>>
  /** The same request-timeout, max-attempts, log and redaction as every other peer's calls. */
  connection: ConnectionOptions
  /** The spec's owner key (ownerKey): the comment this plan replaces is its own, not another spec's. */
  ownerKey?: string
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
    const result = await upsertPlanComment(target.token, markdown, target)
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
 * Octokit is loaded only here, so runs that post nothing start fast.
 */
export async function upsertPlanComment(
  token: string,
  markdown: string,
  where: Pick<CommentTarget, 'env' | 'connection' | 'ownerKey'>
): Promise<CommentResult> {
  const found = pullRequestOf(where.env)
  if ('reason' in found) return { status: 'skipped', reason: found.reason }
  const api = githubApiUrl(where.env)
  if ('problem' in api) throw new StaleCommentError(`${api.problem}; ${MAY_BE_OUT_OF_DATE}`)
  const { gitHubClient } = await import('./octokit.js')
  let github: GitHubClient
  try {
    github = await gitHubClient(token, { ...where.connection, baseUrl: api.url })
  } catch (error) {
    throw new StaleCommentError(`${errorMessage(error)}; ${MAY_BE_OUT_OF_DATE}`)
  }
  try {
    return await replacePlan(github.octokit, found.pullRequest, markdown, where.ownerKey)
  } finally {
    github.dispose()
  }
}

const MAY_BE_OUT_OF_DATE = 'a plan posted earlier on this pull request may be out of date'

/** The fields of a comment the action reads; GitHub sends many more. */
export interface IssueComment {
  id: number
  body?: string | null
  html_url: string
  user?: { type?: string } | null
}

async function replacePlan(
  github: Octokit,
  pr: PullRequestRef,
  markdown: string,
  key: string | undefined
): Promise<CommentResult> {
  const body = commentBody(markdown, key)
  let comments: IssueComment[]
  try {
    comments = await listComments(github, pr)
  } catch (error) {
    const status = refusedStatus(error)
    if (status !== undefined)
      return {
        status: 'skipped',
        reason: `GitHub refused to list the comments (${status}): the token lacks pull-requests: write, or the pull request comes from a fork`
      }
    throw new StaleCommentError(`${errorMessage(error)}; ${MAY_BE_OUT_OF_DATE}`)
  }
  // If ours cannot be edited, post anew.
  const mine = findPlanComment(comments, key)
  let notEdited: string | undefined
  if (mine) {
    try {
      const { data } = await github.rest.issues.updateComment({
        owner: pr.owner,
        repo: pr.repo,
        comment_id: mine.id,
        body,
        ...call('edit the plan comment')
      })
      return { status: 'updated', url: commentUrl(data, mine.html_url) }
    } catch (error) {
      notEdited = errorMessage(error)
    }
  }
  try {
    const { data } = await github.rest.issues.createComment({
      owner: pr.owner,
      repo: pr.repo,
      issue_number: pr.number,
      body,
      ...call('post the plan comment')
    })
    return { status: 'created', url: commentUrl(data, '(no link in the answer)') }
  } catch (error) {
    const status = refusedStatus(error)
    if (!mine && status !== undefined) {
      return {
        status: 'skipped',
        reason: `GitHub refused the comment (${status}): the token lacks pull-requests: write, or the pull request comes from a fork`
      }
    }
    const earlier = mine ? `the earlier plan comment could not be edited (${notEdited}) and ` : ''
    throw new StaleCommentError(
      `${earlier}${errorMessage(error)}${mine ? `; the plan comment on the pull request (${mine.html_url}) is out of date` : ''}`
    )
  }
}

/** Every comment of the pull request, page by page (each page under request-timeout), up to MAX_COMMENT_PAGES. */
export async function listComments(github: Octokit, pr: PullRequestRef): Promise<IssueComment[]> {
  const comments: IssueComment[] = []
  const what = `list the comments of pull request #${pr.number}`
  const pages = github.paginate.iterator(github.rest.issues.listComments, {
    owner: pr.owner,
    repo: pr.repo,
    issue_number: pr.number,
    per_page: PAGE_SIZE,
    ...call(what)
  })
  let read = 0
  for await (const { data } of pages) {
    if (!Array.isArray(data)) throw new HttpError(`${what}: GitHub's answer is not a list of comments`, 'protocol')
    comments.push(...(data as unknown[]).filter(isComment))
    if (++read >= MAX_COMMENT_PAGES) break
  }
  return comments
}

function isComment(value: unknown): value is IssueComment {
  const comment = value as Partial<IssueComment> | null
  return typeof comment?.id === 'number' && typeof comment.html_url === 'string'
}

/** The comment's page, for the log; an answer without one keeps what was known before. */
function commentUrl(data: unknown, fallback: string): string {
  const url = (data as { html_url?: unknown } | undefined)?.html_url
  return typeof url === 'string' ? url : fallback
}
