/**
 * GitHub as the action's one transport sees it: where its API is, which of its 403s are rate limits, and the
 * advice its messages give. Small and free of Octokit, so the checks of GITHUB_API_URL run without loading it.
 */
import type { Peer } from '../http/exchange.js'
import { serviceUrl } from '../inputs.js'

/** Where GitHub.com's REST API is; the runner sets GITHUB_API_URL (GitHub Enterprise Server has its own). */
export const DEFAULT_GITHUB_API_URL = 'https://api.github.com'

/**
 * [DOC: GitHub REST API, "Rate limits for the REST API"] A rate limit answers 403 (or 429) with
 * X-RateLimit-Remaining: 0 (the primary limit), or with Retry-After or a message naming a
 * secondary rate limit. Any other 403 is a refusal: a token without the permission, a fork's.
 */
export function isGitHubRateLimit403(headers: Record<string, string | undefined>, message: string): boolean {
  return headers['x-ratelimit-remaining'] === '0' || headers['retry-after'] !== undefined || /rate limit/i.test(message)
}

/** GitHub as the transport names it in its messages, with advice a person can act on. */
export const GITHUB_PEER: Peer = {
  name: 'GitHub',
  networkAdvice: "check the runner's network or proxy (HTTPS_PROXY / NO_PROXY) or GITHUB_API_URL",
  timeoutAdvice: 'GitHub did not answer in time: raise request-timeout if it is slow, or run again later',
  dnsAdvice:
    "The runner cannot resolve GitHub's API host: check GITHUB_API_URL and the runner's DNS or proxy (HTTPS_PROXY)",
  throttleAdvice: "the token's GitHub API rate limit is used up: run again later",
  isThrottling403: isGitHubRateLimit403
}

/** The API's base URL from GITHUB_API_URL, checked like every other service URL; or what is wrong with it. */
export function githubApiUrl(env: Readonly<Record<string, string | undefined>>): { url: string } | { problem: string } {
  const problems: string[] = []
  const url = serviceUrl(
    env.GITHUB_API_URL || DEFAULT_GITHUB_API_URL,
    'GITHUB_API_URL',
    DEFAULT_GITHUB_API_URL,
    (_, why) => problems.push(`GITHUB_API_URL ${why}`)
  )
  return url && problems.length === 0 ? { url } : { problem: problems.join('; ') }
}
