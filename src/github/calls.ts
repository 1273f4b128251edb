/**
 * One way to call the GitHub API under the action's policy (src/http/retry-policy.ts): every
 * request carries its own AbortSignal timeout, and only silence, no answer, a 5xx or a 429 is
 * asked again. Octokit's own paginate is not used by the callers: it drops the per-request
 * signal, so one page could hang the run.
 */
import { GITHUB_CALLS, isTransientGitHubFailure, type GitHubCallPolicy } from '../http/retry-policy.js'
import { plural } from '../text.js'

/** One request as octokit takes it: the signal goes in its `request` option. */
export type GitHubSend<T> = (request: { signal: AbortSignal }) => Promise<T>

/** A GitHub call that failed under the policy, in words; `status` is GitHub's answer, when there was one. */
export class GitHubCallError extends Error {
  constructor(
    message: string,
    readonly status: number | undefined,
    readonly timedOut: boolean,
    /** GitHub's own words (or the network's), on one line. */
    readonly detail: string
  ) {
    super(message)
    this.name = 'GitHubCallError'
  }
}

/** A caller bound to a policy; `repeatable = false` for a call that creates something (sent once). */
export type GitHubCaller = <T>(what: string, send: GitHubSend<T>, repeatable?: boolean) => Promise<T>

export function githubCaller(policy: GitHubCallPolicy = GITHUB_CALLS): GitHubCaller {
  return (what, send, repeatable = true) => withPolicy(what, send, repeatable ? policy : { ...policy, attempts: 1 })
}

/** One GitHub call under the policy: each request cut at the timeout, repeated after a 5xx, a 429 or silence. */
export async function withPolicy<T>(what: string, send: GitHubSend<T>, policy: GitHubCallPolicy): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    const signal = AbortSignal.timeout(policy.timeoutMs)
    try {
      return await send({ signal })
    } catch (error) {
      // Our own signal says whether the time ran out: octokit's wrapping of the abort varies.
      const timedOut = signal.aborted || isTimeout(error)
      const status = timedOut ? undefined : answeredStatus(error)
      if (!isTransientGitHubFailure(status, timedOut) || attempt >= policy.attempts) {
        const detail = oneLine(messageOf(error))
        throw new GitHubCallError(
          timedOut
            ? `GitHub did not answer within ${policy.timeoutMs / 1000} s (${plural(attempt, 'attempt')}) to ${what}`
            : `GitHub failed to ${what} (${status ?? 'no answer'}: ${detail})`,
          status,
          timedOut,
          detail
        )
      }
      await new Promise(resolve => setTimeout(resolve, policy.backoffMs))
    }
  }
}

/** GitHub's status code for a call that failed, or undefined when GitHub did not answer. */
export function statusOf(error: unknown): number | undefined {
  const status = (error as { status?: unknown } | undefined)?.status
  return typeof status === 'number' ? status : undefined
}

/** A 401, 403, 404 or 410: the token or the repository says no, and asking again will not change that. */
export function refused(error: unknown): boolean {
  const status = statusOf(error)
  return status === 401 || status === 403 || status === 404 || status === 410
}

/** Text from outside on one short line, for a message. */
export function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim().slice(0, 300)
}

/**
 * Octokit reports a request that got no answer (refused connection, DNS, reset) as status 500;
 * only an error carrying a response is GitHub's answer.
 */
function answeredStatus(error: unknown): number | undefined {
  const status = statusOf(error)
  if (status === undefined) return undefined
  const response = (error as { response?: unknown }).response
  const name = (error as { name?: unknown }).name
  return name === 'HttpError' && response === undefined ? undefined : status
}

function isTimeout(error: unknown): boolean {
  const name = (error as Error | undefined)?.name
  return name === 'TimeoutError' || name === 'AbortError' || /aborted|timeout/i.test(messageOf(error))
}

/**
 * What went wrong, in the words closest to the cause: fetch reports a refused connection as
 * "fetch failed" with the network error (ECONNREFUSED, ENOTFOUND) in its `cause`, and octokit
 * copies that only when the cause is an Error of its own realm.
 */
function messageOf(error: unknown): string {
  let message = error instanceof Error ? error.message : String(error)
  let current: unknown = error
  for (let depth = 0; depth < 3; depth++) {
    current = (current as { cause?: unknown } | null | undefined)?.cause
    const inner = (current as { message?: unknown } | null | undefined)?.message
    if (typeof inner === 'string' && inner !== '' && inner !== message) message = inner
  }
  return message
}
