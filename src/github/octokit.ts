/**
 * The action's GitHub client: @actions/github's Octokit as the typed front end, with every request
 * sent by the action's one Transport (the same request-timeout, max-attempts, retry policy, answer caps,
 * redaction and HTTPS_PROXY / NO_PROXY as its calls to Qualys and Microsoft). Loaded only by the code
 * that calls GitHub, so runs that make no GitHub call never load Octokit.
 *
 * Why a client-wide `request.fetch` and nothing else (measured on @actions/github 9.1.1, see
 * docs/decisions/github-client.md): `request.timeout` is ignored and a per-call `signal` does not reach
 * `paginate`'s later pages; Octokit's own fetch turns a body that breaks off into a 200 with empty data;
 * its retry plugin sends POSTs again. The Transport reads each answer whole before Octokit sees it.
 */
import type { getOctokit } from '@actions/github'
import { AsyncLocalStorage } from 'node:async_hooks'
import type { ApiRequest, ApiResponse } from '../http/exchange.js'
import { HttpError, type FailureKind } from '../http/errors.js'
import { GITHUB_MAX_THROTTLE_WAIT_MS, type Backoff } from '../http/retry-policy.js'
import type { Sleep } from '../http/rate-gate.js'
import { Transport, type ConnectionOptions } from '../http/transport.js'
import { errorMessage } from '../values.js'
import { CALL_HEADER } from './call.js'
import { GITHUB_PEER } from './peer.js'

export type Octokit = ReturnType<typeof getOctokit>

/** The media type and API version every call asks for [DOC: GitHub REST API, "API versions"]. */
const GITHUB_HEADERS: Readonly<Record<string, string>> = {
  accept: 'application/vnd.github+json',
  'x-github-api-version': '2022-11-28'
}

export interface GitHubClientOptions extends ConnectionOptions {
  /** The API's base URL (githubApiUrl). */
  baseUrl: string
  /** For tests: a shorter backoff between tries, and a sleep and clock that do not take real time. */
  backoff?: Backoff
  sleep?: Sleep
  now?: () => number
}

export interface GitHubClient {
  octokit: Octokit
  /** Frees the kept-alive sockets so the process can exit. */
  dispose(): void
}

/** The final answer of one request that was not a 2xx, in today's words; Octokit's RequestError carries it as `cause`. */
interface Refusal {
  error?: HttpError
}

/** The Refusal of the request under way, from the hook that wraps it to the fetch that sends it. */
const refusals = new AsyncLocalStorage<Refusal>()

/**
 * An Octokit whose every request goes through one Transport. A non-2xx reaches the caller as Octokit's
 * RequestError with GitHub's status, the action's message (what failed, GitHub's words redacted) and the
 * transport's HttpError as `cause`; a failure with no answer (a timeout, a reset) as a RequestError whose
 * `cause` is the transport's error.
 */
export async function gitHubClient(token: string, options: GitHubClientOptions): Promise<GitHubClient> {
  // Whoever made the client may not have registered the token: no message of this client shows it.
  options.redactor.add(token)
  const { getOctokit } = await loadActionsGitHub()
  const base = new URL(options.baseUrl)
  const transport = new Transport({
    ...options,
    // Only the path of Octokit's URL is used: a Link header naming another host cannot take the token there.
    baseUrl: base.origin,
    maxThrottleWaitMs: GITHUB_MAX_THROTTLE_WAIT_MS,
    peer: GITHUB_PEER
  })
  // The one fetch of the client: every request, every later page of a listing, goes through the Transport.
  const fetch = (url: string, init?: RequestInit): Promise<Response> =>
    sendThrough(transport, token, url, init, refusals.getStore())
  const octokit = getOctokit(token, { baseUrl: options.baseUrl, userAgent: options.userAgent, request: { fetch } })
  // Octokit builds its RequestError from the Response alone; the refusal in today's words joins it here.
  octokit.hook.wrap('request', async (request, endpoint) => {
    const refusal: Refusal = {}
    try {
      return await refusals.run(refusal, () => request(endpoint))
    } catch (error) {
      if (refusal.error && error instanceof Error) {
        error.message = refusal.error.message
        error.cause = refusal.error
      }
      throw error
    }
  })
  return { octokit, dispose: () => transport.dispose() }
}

/**
 * @actions/github builds its `context` when it is first imported, parsing GITHUB_EVENT_PATH: a file that
 * is not JSON makes the import throw. Said in words rather than as a bare SyntaxError.
 */
async function loadActionsGitHub(): Promise<typeof import('@actions/github')> {
  try {
    return await import('@actions/github')
  } catch (error) {
    throw new HttpError(
      `GitHub's client could not start: the event payload (GITHUB_EVENT_PATH) could not be read (${errorMessage(error)}); is this run outside GitHub Actions?`,
      'protocol'
    )
  }
}

/** One request of Octokit's, sent through the Transport and handed back as a WHATWG Response. */
async function sendThrough(
  transport: Transport,
  token: string,
  url: string,
  init: RequestInit | undefined,
  refusal: Refusal | undefined
): Promise<Response> {
  const target = new URL(url)
  const method = (init?.method ?? 'GET').toUpperCase() as ApiRequest['method']
  const headers = new Headers(init?.headers)
  const what = headers.get(CALL_HEADER) ?? `${method} ${target.pathname}`
  const body = typeof init?.body === 'string' && init.body !== '' ? init.body : undefined
  const request: ApiRequest = {
    method,
    path: `${target.pathname}${target.search}`,
    // Only what GitHub needs: Octokit's accept, authorization and user-agent give way to today's and the Transport's.
    headers: { ...GITHUB_HEADERS },
    json: body === undefined ? undefined : (JSON.parse(body) as unknown),
    // Every GET the action makes of GitHub is a page of a listing: read under the page cap.
    listingPage: method === 'GET',
    // An edit sent twice leaves the same result; a create sent twice could post a second comment or issue.
    idempotent: method !== 'POST',
    token,
    what
  }
  const answer = await transport.send(request)
  if (answer.status >= 400 && answer.status <= 599 && refusal) refusal.error = refused(transport, request, answer)
  // A redirect (the Transport follows none) would pass for data with Octokit; no Response holds a 1xx or a 600.
  else if (answer.status < 200 || answer.status >= 300) throw refused(transport, request, answer)
  else checkJson(request, answer)
  const empty = answer.status === 204 || answer.status === 205 || answer.body === ''
  return new Response(empty ? null : answer.body, { status: answer.status, headers: responseHeaders(answer) })
}

/** A 2xx whose body is not JSON is a proxy's page or a broken answer, never data. */
function checkJson(request: ApiRequest, answer: ApiResponse): void {
  if (answer.body.trim() === '') return
  try {
    JSON.parse(answer.body)
  } catch {
    throw new HttpError(
      `${request.what}: GitHub's answer (${answer.status}) is not JSON (a proxy's page?); ${GITHUB_PEER.networkAdvice}`,
      'protocol',
      answer.status,
      !request.idempotent
    )
  }
}

/** The answer's headers as Octokit reads them (Link for the next page), always as JSON. */
function responseHeaders(answer: ApiResponse): Headers {
  const headers = new Headers()
  for (const [name, value] of Object.entries(answer.headers))
    if (value !== undefined && name !== 'content-length' && name !== 'transfer-encoding') headers.set(name, value)
  headers.set('content-type', 'application/json; charset=utf-8')
  return headers
}

/** A final non-2xx answer, with GitHub's own words (redacted) and a kind the caller can act on. */
function refused(transport: Transport, request: ApiRequest, answer: ApiResponse): HttpError {
  const said = transport.said(answer)
  const text = `${request.what}: GitHub answered ${answer.status}${said ? `: ${said}` : ''}`
  return new HttpError(transport.redact(text), refusalKind(answer.status), answer.status)
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
