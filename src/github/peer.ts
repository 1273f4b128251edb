/**
 * The few GitHub REST calls the action makes (the plan comment, the check's issue), through the action's one
 * transport: the same request-timeout, max-attempts, answer caps, redaction, proxy handling
 * (HTTPS_PROXY / NO_PROXY) and retry policy as its calls to Qualys and Microsoft.
 */
import type { ApiRequest, ApiResponse, CallCounts, Peer } from '../http/exchange.js'
import { HttpError, type FailureKind } from '../http/errors.js'
import { GITHUB_MAX_THROTTLE_WAIT_MS, type Backoff } from '../http/retry-policy.js'
import { Transport, type ConnectionOptions } from '../http/transport.js'
import { serviceUrl } from '../inputs.js'

/** Where GitHub.com's REST API is; the runner sets GITHUB_API_URL (GitHub Enterprise Server has its own). */
export const DEFAULT_GITHUB_API_URL = 'https://api.github.com'

/** The media type and API version every call asks for [DOC: GitHub REST API, "API versions"]. */
const GITHUB_HEADERS: Readonly<Record<string, string>> = {
  accept: 'application/vnd.github+json',
  'x-github-api-version': '2022-11-28'
}

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

export interface GitHubRestOptions extends ConnectionOptions {
  /** The API's base URL (githubApiUrl). */
  baseUrl: string
  /** For tests: a shorter backoff between tries. */
  backoff?: Backoff
}

/** A 2xx answer: its status and its JSON, parsed. */
export interface GitHubAnswer {
  status: number
  data: unknown
}

/** What a call is: its path, what it does (for messages), and for a listing the query of its page. */
interface Call {
  path: string
  what: string
  query?: Record<string, string | number>
}

export class GitHubRest {
  private readonly transport: Transport

  constructor(
    private readonly token: string,
    options: GitHubRestOptions
  ) {
    // Whoever made the client may not have registered the token: no message of this client shows it.
    options.redactor.add(token)
    this.transport = new Transport({ ...options, maxThrottleWaitMs: GITHUB_MAX_THROTTLE_WAIT_MS, peer: GITHUB_PEER })
  }

  get counts(): CallCounts {
    return this.transport.counts
  }

  /** One page of a listing: read under the page cap, and sent again after a 5xx or silence. */
  list(call: Call): Promise<GitHubAnswer> {
    return this.send({ method: 'GET', ...call, idempotent: true, listingPage: true })
  }

  get(call: Call): Promise<GitHubAnswer> {
    return this.send({ method: 'GET', ...call, idempotent: true })
  }

  /** A create: never sent again once the server may have acted on it (a second comment would be posted). */
  post(call: Call, json: unknown): Promise<GitHubAnswer> {
    return this.send({ method: 'POST', ...call, json, idempotent: false })
  }

  /** An edit: the same edit twice leaves the same result, so it is sent again like a read. */
  patch(call: Call, json: unknown): Promise<GitHubAnswer> {
    return this.send({ method: 'PATCH', ...call, json, idempotent: true })
  }

  /** Frees the kept-alive sockets so the process can exit. */
  dispose(): void {
    this.transport.dispose()
  }

  private async send(request: ApiRequest): Promise<GitHubAnswer> {
    const response = await this.transport.send({
      ...request,
      headers: { ...GITHUB_HEADERS, ...request.headers },
      token: this.token
    })
    if (response.status < 200 || response.status >= 300) throw this.refusal(request, response)
    return { status: response.status, data: this.json(request, response) }
  }

  private json(request: ApiRequest, response: ApiResponse): unknown {
    if (response.body.trim() === '') return undefined
    try {
      return JSON.parse(response.body)
    } catch {
      throw new HttpError(
        `${request.what}: GitHub's answer (${response.status}) is not JSON (a proxy's page?); ${GITHUB_PEER.networkAdvice}`,
        'protocol',
        response.status,
        !request.idempotent
      )
    }
  }

  /** A final non-2xx answer, with GitHub's own words (redacted) and a kind the caller can act on. */
  private refusal(request: ApiRequest, response: ApiResponse): HttpError {
    const said = this.transport.said(response)
    const text = `${request.what}: GitHub answered ${response.status}${said ? `: ${said}` : ''}`
    return new HttpError(this.transport.redact(text), refusalKind(response.status), response.status)
  }
}

function refusalKind(status: number): FailureKind {
  if (status === 401) return 'unauthorized'
  if (status === 403) return 'forbidden'
  if (status === 404) return 'not-found'
  if (status === 429) return 'throttled'
  if (status >= 500) return 'server'
  // A redirect (the transport follows none) or another status GitHub does not send for these calls.
  return status >= 400 ? 'rejected' : 'protocol'
}
