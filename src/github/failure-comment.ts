import type { ConnectionOptions } from '../http/transport.js'
import { parseBoolean } from '../inputs.js'
import { USER_AGENT } from '../version.js'
import { isForkPullRequest } from './event.js'
import type { CommentTarget } from './pr-comment.js'

/** The inputs a failed step decides by, as given: its settings may not exist (their own inputs may be the problem). */
export interface FailureCommentInputs {
  /** The mode the run takes (Request.mode: a plan from a fork without secrets is a validate). */
  mode: string
  /** pr-comment as given. */
  prComment: string
  /** github-token as given (trimmed). */
  githubToken: string
  /** request-timeout, max-attempts and max-concurrency, when the settings could be read. */
  limits?: ConnectionLimits
  /** The spec's owner key (ownerKey of the owner input or its default): which plan comment is replaced. */
  ownerKey?: string
}

type ConnectionLimits = Pick<ConnectionOptions, 'timeoutMs' | 'maxAttempts' | 'maxConcurrency'>

/** The defaults of request-timeout, max-attempts and max-concurrency: the inputs may be what failed. */
const DEFAULT_LIMITS: ConnectionLimits = { timeoutMs: 30_000, maxAttempts: 5, maxConcurrency: 2 }

/**
 * Where a failed plan step replaces the plan comment with its problems, or undefined when it must
 * not post: only a plan, on a pull request not from a fork, with pr-comment not switched off (an
 * unreadable value counts as off) and a github-token given. Anything else posts nothing, as before.
 */
export function failureCommentTarget(
  inputs: FailureCommentInputs,
  env: Readonly<Record<string, string | undefined>>,
  wiring: Pick<ConnectionOptions, 'logger' | 'redactor'>
): CommentTarget | undefined {
  const prComment = inputs.prComment === '' ? true : parseBoolean(inputs.prComment) === true
  const pullRequest = env.GITHUB_EVENT_NAME?.startsWith('pull_request') === true && !isForkPullRequest(env)
  if (inputs.mode !== 'plan' || !prComment || !pullRequest || !inputs.githubToken) return undefined
  return {
    eventName: env.GITHUB_EVENT_NAME,
    token: inputs.githubToken,
    env,
    connection: {
      userAgent: USER_AGENT,
      ...(inputs.limits ?? DEFAULT_LIMITS),
      logger: wiring.logger,
      redactor: wiring.redactor
    },
    ownerKey: inputs.ownerKey
  }
}
