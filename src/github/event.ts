import { readFileSync } from 'node:fs'

/** The runner's variables, as the functions here read them. */
type RunnerEnv = Readonly<Record<string, string | undefined>>

/** The repository a run is in, as the REST API names it. */
export interface RepositoryRef {
  owner: string
  repo: string
}

/** The pull request a run is for, as the REST API names it. */
export interface PullRequestRef extends RepositoryRef {
  number: number
}

/**
 * Whether the run is a pull request from another repository (a fork), where GitHub passes the
 * workflow no secrets. Read from the event payload the runner wrote (GITHUB_EVENT_PATH).
 */
export function isForkPullRequest(env: RunnerEnv): boolean {
  if (env.GITHUB_EVENT_NAME !== 'pull_request') return false
  const pullRequest = (
    eventPayload(env) as
      | {
          pull_request?: {
            head?: { repo?: { full_name?: unknown } | null }
            base?: { repo?: { full_name?: unknown } }
          }
        }
      | undefined
  )?.pull_request
  if (!pullRequest) return false
  const base = pullRequest.base?.repo?.full_name
  // A deleted fork leaves head.repo null: still not this repository.
  const head = pullRequest.head?.repo?.full_name
  return typeof base === 'string' && head !== base
}

/**
 * The commit a run's spec was read at: on a pull_request* event the pull request's head (the
 * payload's pull_request.head.sha; GITHUB_SHA is then GitHub's merge commit, which no one
 * reviewed, so it is never shown for one), else GITHUB_SHA. Undefined when it is not a SHA: both
 * come from outside.
 */
export function headCommit(env: RunnerEnv, payload: unknown): string | undefined {
  const commit = env.GITHUB_EVENT_NAME?.startsWith('pull_request')
    ? (payload as { pull_request?: { head?: { sha?: unknown } | null } } | undefined)?.pull_request?.head?.sha
    : env.GITHUB_SHA
  return typeof commit === 'string' && /^[0-9a-f]{7,40}$/i.test(commit) ? commit : undefined
}

/** headCommit, with the event payload the runner wrote (GITHUB_EVENT_PATH). */
export function headCommitOf(env: RunnerEnv): string | undefined {
  return headCommit(env, eventPayload(env))
}

/**
 * The pull request of a pull_request* event: the repository from GITHUB_REPOSITORY (else the
 * payload's), the number from the event payload (GITHUB_EVENT_PATH). Otherwise why there is none,
 * in words for the log.
 */
export function pullRequestOf(env: RunnerEnv): { pullRequest: PullRequestRef } | { reason: string } {
  const event = env.GITHUB_EVENT_NAME ?? ''
  const payload = eventPayload(env) as { pull_request?: { number?: unknown } } | undefined
  const number = payload?.pull_request?.number
  if (!event.startsWith('pull_request') || typeof number !== 'number' || !Number.isInteger(number) || number < 1)
    return { reason: `the event is ${event || 'unknown'}, not a pull request` }
  const found = repositoryIn(env, payload)
  return 'reason' in found ? found : { pullRequest: { ...found.repository, number } }
}

/**
 * The repository the run is in: GITHUB_REPOSITORY, else the event payload's (GITHUB_EVENT_PATH).
 * Otherwise why there is none, in words for the log.
 */
export function repositoryOf(env: RunnerEnv): { repository: RepositoryRef } | { reason: string } {
  return repositoryIn(env, eventPayload(env))
}

function repositoryIn(env: RunnerEnv, payload: unknown): { repository: RepositoryRef } | { reason: string } {
  const fullName =
    env.GITHUB_REPOSITORY || (payload as { repository?: { full_name?: unknown } } | undefined)?.repository?.full_name
  if (fullName === undefined || fullName === '')
    return { reason: 'GITHUB_REPOSITORY is not set (is this run outside GitHub Actions?)' }
  // The two parts go into the request's path: only the characters GitHub allows in them.
  const match = typeof fullName === 'string' ? /^([\w.-]+)\/([\w.-]+)$/.exec(fullName) : null
  if (!match) return { reason: 'GITHUB_REPOSITORY does not name the repository as owner/name' }
  return { repository: { owner: match[1], repo: match[2] } }
}

/** The event payload the runner wrote (GITHUB_EVENT_PATH); undefined when there is none or it is not JSON. */
function eventPayload(env: RunnerEnv): unknown {
  if (!env.GITHUB_EVENT_PATH) return undefined
  try {
    return JSON.parse(readFileSync(env.GITHUB_EVENT_PATH, 'utf8'))
  } catch {
    return undefined
  }
}
