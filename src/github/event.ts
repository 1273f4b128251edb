import { readFileSync } from 'node:fs'

/**
 * Whether the run is a pull request from another repository (a fork), where GitHub passes the
 * workflow no secrets. Read from the event payload without loading @actions/github.
 */
export function isForkPullRequest(env: Readonly<Record<string, string | undefined>>): boolean {
  if (env.GITHUB_EVENT_NAME !== 'pull_request' || !env.GITHUB_EVENT_PATH) return false
  let event: unknown
  try {
    event = JSON.parse(readFileSync(env.GITHUB_EVENT_PATH, 'utf8'))
  } catch {
    return false
  }
  const pullRequest = (
    event as {
      pull_request?: { head?: { repo?: { full_name?: unknown } | null }; base?: { repo?: { full_name?: unknown } } }
    }
  ).pull_request
  if (!pullRequest) return false
  const base = pullRequest.base?.repo?.full_name
  // A deleted fork leaves head.repo null: still not this repository.
  const head = pullRequest.head?.repo?.full_name
  return typeof base === 'string' && head !== base
}
