import { HttpClient } from '@actions/http-client'
import type { Logger } from '../logger.js'
import type { Redactor } from '../redact.js'
import { isThrottling409 } from './assumptions.js'
import { QualysError, serverMessage, type Redact } from './errors.js'
import { RateGate } from './rate-gate.js'

export interface TransportOptions {
  baseUrl: string
  userAgent: string
  timeoutMs: number
  maxAttempts: number
  maxConcurrency: number
  logger: Logger
  redactor: Redactor
  /** Longest wait the action accepts from a throttling answer before giving up. */
  maxThrottleWaitMs?: number
  backoff?: { baseMs: number; maxMs: number }
  sleep?: (ms: number) => Promise<void>
  random?: () => number
  /** Who answers, for the log lines and errors of this transport (default Qualys; the Azure preflight reuses it). */
  peer?: Peer
}

export interface ApiRequest {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE'
  path: string
  query?: Record<string, string | number>
  /** JSON body, or a form for the login call. */
  json?: unknown
  form?: Record<string, string>
  headers?: Record<string, string>
  /** Sending it twice does no harm; false for creates, which must be checked before any resend. */
  idempotent: boolean
  /** Bearer token to send; undefined for the login calls. */
  token?: string
  /** What the call does, for messages: "create connector 'Prod'". */
  what: string
}

export interface ApiResponse {
  status: number
  headers: Record<string, string | undefined>
  body: string
}

export interface CallCounts {
  calls: number
  retried: number
  throttled: number
}

const RETRYABLE_STATUS = new Set([408, 500, 502, 503, 504])
/** Largest listing page read (a request with pageNumber): 1000 connectors of a few KiB fit many times over. */
export const MAX_PAGE_BYTES = 32 * 1024 * 1024
/** Largest other answer read (one connector, a token, an error page). */
export const MAX_ANSWER_BYTES = 1024 * 1024
/** JSON nested deeper is refused before it is parsed or read: a real answer is about five levels deep. */
export const MAX_JSON_DEPTH = 64
/** The longest pause the action waits out for the gateway's rate limit, announced by a 429 or on any answer. */
export const MAX_THROTTLE_WAIT_MS = 15 * 60_000
const DEFAULT_BACKOFF = { baseMs: 1000, maxMs: 30_000 }
const MIN_THROTTLE_WAIT_MS = 100
/** Who the transport talks to, for its messages. */
export interface Peer {
  name: string
  networkAdvice: string
  timeoutAdvice: string
  /** What to check when the host name does not resolve. */
  dnsAdvice: string
}

const QUALYS_PEER: Peer = {
  name: 'Qualys',
  networkAdvice: 'check the gateway URL / platform and the runner\'s network or proxy',
  timeoutAdvice: 'raise request-timeout if Qualys is slow, or try again later',
  dnsAdvice: "Check qualys-platform (your account's platform, shown in Qualys under Help > About) or qualys-gateway-url, and for a private cloud the runner's DNS"
}

/**
 * One HTTP exchange with the gateway at a time per slot: limits, timeouts and retries live
 * here, so the endpoints above it read as plain calls. Only answers that say the server did
 * not act (throttling, 408, a refused connection) are retried for non-idempotent requests;
 * anything else ambiguous is thrown with `ambiguous` set, for the caller to check first.
 */
export class Transport {
  readonly counts: CallCounts = { calls: 0, retried: 0, throttled: 0 }
  readonly gate: RateGate
  private readonly http: HttpClient
  private readonly sleep: (ms: number) => Promise<void>
  private readonly random: () => number
  private readonly backoff: { baseMs: number; maxMs: number }
  /**
   * Hands each request its deadline. HttpClient offers no per-request signal, but it calls its
   * handlers' prepareRequest synchronously inside request(), before its first await: the signal
   * set just before that call is the one of that request.
   */
  private readonly deadlines = {
    next: undefined as AbortSignal | undefined,
    prepareRequest: (options: { signal?: AbortSignal }): void => {
      if (this.deadlines.next) options.signal = this.deadlines.next
    },
    canHandleAuthentication: (): boolean => false,
    handleAuthentication: (): Promise<never> => Promise.reject(new Error('not used'))
  }

  constructor(private readonly options: TransportOptions) {
    this.http = new HttpClient(options.userAgent, [this.deadlines], {
      socketTimeout: options.timeoutMs,
      keepAlive: true,
      allowRetries: false,
      allowRedirects: false
    })
    this.sleep = options.sleep ?? (ms => new Promise(resolve => setTimeout(resolve, ms)))
    this.random = options.random ?? Math.random
    this.backoff = options.backoff ?? DEFAULT_BACKOFF
    this.gate = new RateGate(options.maxConcurrency, this.sleep)
  }

  async send(request: ApiRequest): Promise<ApiResponse> {
    const { maxAttempts } = this.options
    for (let attempt = 1; ; attempt++) {
      const last = attempt >= maxAttempts
      let response: ApiResponse
      try {
        response = await this.exchange(request)
      } catch (error) {
        // An answer refused for its size or shape would be the same again; the gate's closing is final.
        if (error instanceof QualysError) throw error
        const failure = this.networkFailure(request, error as NodeJS.ErrnoException)
        if (last || failure.kind === 'rejected' || failure.kind === 'unreachable' || (failure.ambiguous && !request.idempotent)) throw failure
        await this.retryAfter(request, attempt, this.backoffMs(attempt), failure.message)
        continue
      }
      const wait = this.throttleWaitMs(response, attempt)
      if (wait !== undefined) {
        this.counts.throttled++
        if (last || wait > this.maxWaitMs) throw this.throttled(request, response, wait)
        this.gate.pause(wait)
        await this.retryAfter(request, attempt, 0, `throttled by ${this.peer.name} (${response.status}); waiting ${formatSeconds(wait)}`)
        continue
      }
      if (RETRYABLE_STATUS.has(response.status)) {
        // A 5xx may come after the server acted, and so may a proxy's 408: a create is checked first.
        const ambiguous = true
        const failure = this.failure(request, response, ambiguous)
        // A server that asks for a longer pause than we accept from throttling is not waited for.
        const pauseMs = retryAfterMs(response) ?? this.backoffMs(attempt)
        if (last || (ambiguous && !request.idempotent) || pauseMs > this.maxWaitMs) throw failure
        await this.retryAfter(request, attempt, pauseMs, `${response.status} from ${this.peer.name}`)
        continue
      }
      return response
    }
  }

  /**
   * The error for a final non-2xx answer, with every known secret removed. The body is redacted
   * before the server's words are clipped, so a clip can never leave a piece of a secret behind.
   */
  failure(request: ApiRequest, response: ApiResponse, ambiguous = false): QualysError {
    const redact = (text: string): string => this.options.redactor.redact(text)
    const error = statusFailure(request, response, ambiguous, redact)
    return new QualysError(redact(error.message), error.kind, error.status, error.ambiguous)
  }

  /** The server's own words from an answer, safe to show. */
  said(response: ApiResponse): string {
    const redact = (text: string): string => this.options.redactor.redact(text)
    return redact(serverMessage(response.body, redact))
  }

  /** Frees the kept-alive sockets so the process can exit. */
  dispose(): void {
    this.http.dispose()
  }

  private async exchange(request: ApiRequest): Promise<ApiResponse> {
    // Login calls are exempt from the gateway's limits [DOC], so they do not take a slot.
    const release = request.token === undefined ? () => undefined : await this.gate.acquire()
    try {
      this.counts.calls++
      const url = this.url(request)
      this.options.logger.debug(`→ ${request.method} ${url.pathname}${url.search}`)
      const headers: Record<string, string> = { accept: 'application/json', ...request.headers }
      let data: string | null = null
      if (request.json !== undefined) {
        headers['content-type'] = 'application/json'
        data = JSON.stringify(request.json)
      } else if (request.form) {
        headers['content-type'] = 'application/x-www-form-urlencoded'
        data = new URLSearchParams(request.form).toString()
      }
      if (request.token) headers.authorization = `Bearer ${request.token}`
      const answer = await this.exchangeWithin(request, url, data, headers)
      this.refuseDeepJson(request, answer.body)
      if (request.token !== undefined) this.observeLimits(request, answer)
      this.options.logger.debug(`← ${answer.status} ${request.method} ${url.pathname} (${answer.body.length} bytes)`)
      return answer
    } finally {
      release()
    }
  }

  /**
   * request-timeout bounds the whole exchange (connect, headers, body), not the silence between
   * two bytes: a server that trickles its answer a byte at a time is cut off at the deadline.
   */
  private async exchangeWithin(request: ApiRequest, url: URL, data: string | null, headers: Record<string, string>): Promise<ApiResponse> {
    const deadline = new AbortController()
    const timer = setTimeout(() => deadline.abort(), this.options.timeoutMs)
    try {
      this.deadlines.next = deadline.signal
      const pending = this.http.request(request.method, url.toString(), data, headers)
      this.deadlines.next = undefined
      const response = await pending
      const limit = request.query?.pageNumber !== undefined ? MAX_PAGE_BYTES : MAX_ANSWER_BYTES
      const body = await this.readBody(request, response.message, limit)
      return { status: response.message.statusCode ?? 0, headers: flatHeaders(response.message.headers), body }
    } catch (error) {
      if (deadline.signal.aborted && !(error instanceof QualysError)) {
        throw Object.assign(new Error(`no complete answer within ${formatSeconds(this.options.timeoutMs)}`), { code: 'ETIMEDOUT' })
      }
      throw error
    } finally {
      this.deadlines.next = undefined
      clearTimeout(timer)
    }
  }

  /** Reads the answer up to `limit` bytes; a longer (or endless) one is cut off and refused. */
  private readBody(request: ApiRequest, message: import('node:http').IncomingMessage, limit: number): Promise<string> {
    return new Promise((resolve, reject) => {
      const chunks: Buffer[] = []
      let size = 0
      const tooLarge = (): void => {
        // Rejected first: destroying the answer emits 'aborted' at once, which would say "reset".
        reject(new QualysError(`${request.what}: ${this.peer.name} answered with more than ${formatBytes(limit)}, more than any real answer; it was not read (${this.peer.networkAdvice}).`, 'protocol', message.statusCode, !request.idempotent))
        message.destroy()
      }
      if (Number(message.headers['content-length']) > limit) return tooLarge()
      message.on('data', (chunk: Buffer) => {
        size += chunk.length
        if (size > limit) return tooLarge()
        chunks.push(chunk)
      })
      message.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')))
      message.on('error', error => reject(error))
      message.on('aborted', () => reject(Object.assign(new Error('connection closed before the answer was complete'), { code: 'ECONNRESET' })))
    })
  }

  /** JSON nested past any real answer would exhaust the stack of whatever reads it next: refused here. */
  private refuseDeepJson(request: ApiRequest, body: string): void {
    if (jsonDepthExceeds(body, MAX_JSON_DEPTH)) {
      throw new QualysError(`${request.what}: ${this.peer.name} answered with JSON nested more than ${MAX_JSON_DEPTH} levels deep, which no real answer is; it was not read.`, 'protocol', undefined, !request.idempotent)
    }
  }

  /**
   * An answer that says the window's calls are used up (X-RateLimit-Remaining: 0 with a
   * ToWait) pauses every call for that long, under the same cap as a 429; a longer pause stops
   * the run at once, naming the wait, rather than sleeping out the cap only to fail.
   */
  private observeLimits(request: ApiRequest, answer: ApiResponse): void {
    const announced = this.gate.observe(answer.headers, this.maxWaitMs)
    if (announced === undefined) return
    if (announced > this.maxWaitMs) {
      this.gate.close(new QualysError(`${request.what}: ${this.peer.name} says the API limit is used up and the next call must wait ${formatSeconds(announced)} (X-RateLimit-ToWait-Sec), longer than the ${formatSeconds(this.maxWaitMs)} the action waits; stopped. Run again later, or ask ${this.peer.name} to raise the limit.`, 'throttled'))
      this.options.logger.warning(`${this.peer.name} asks for a pause of ${formatSeconds(announced)} before the next call (its API limit is used up); no further calls are made in this run`)
      return
    }
    this.options.logger.info(`${this.peer.name}: the API limit is used up for now (X-RateLimit-Remaining: 0); pausing calls for ${formatSeconds(announced)}`)
  }

  private url(request: ApiRequest): URL {
    const url = new URL(this.options.baseUrl.replace(/\/+$/, '') + request.path)
    for (const [key, value] of Object.entries(request.query ?? {})) url.searchParams.set(key, String(value))
    return url
  }

  private get peer(): Peer {
    return this.options.peer ?? QUALYS_PEER
  }

  private get maxWaitMs(): number {
    // Qualys counts calls per hour: waiting out a window is still faster than failing the run.
    return this.options.maxThrottleWaitMs ?? MAX_THROTTLE_WAIT_MS
  }

  private throttleWaitMs(response: ApiResponse, attempt: number): number | undefined {
    const throttled = response.status === 429 || (response.status === 409 && isThrottling409(response.headers, serverMessage(response.body)))
    if (!throttled) return undefined
    const toWait = Number(response.headers['x-ratelimit-towait-sec'])
    const told = response.headers['x-ratelimit-towait-sec'] !== undefined && Number.isFinite(toWait) && toWait >= 0 ? toWait * 1000 : retryAfterMs(response)
    // Told "wait 0" or nothing at all: back off anyway, so throttled calls do not hammer the gateway.
    return Math.max(told ?? this.backoffMs(attempt), MIN_THROTTLE_WAIT_MS)
  }

  private backoffMs(attempt: number): number {
    // Full jitter: spreads the retries of concurrent connectors apart.
    const ceiling = Math.min(this.backoff.maxMs, this.backoff.baseMs * 2 ** (attempt - 1))
    return Math.round(ceiling / 2 + (this.random() * ceiling) / 2)
  }

  private async retryAfter(request: ApiRequest, attempt: number, waitMs: number, why: string): Promise<void> {
    this.counts.retried++
    this.options.logger.info(`${request.what}: ${why}; trying again (attempt ${attempt + 1} of ${this.options.maxAttempts})${waitMs > 0 ? ` in ${formatSeconds(waitMs)}` : ''}`)
    if (waitMs > 0) await this.sleep(waitMs)
  }

  private networkFailure(request: ApiRequest, error: NodeJS.ErrnoException): QualysError {
    const code = error.code ?? ''
    if (code.startsWith('ERR_INVALID')) {
      // Node refused to send it (a header with a line break or a non-Latin-1 character): retrying cannot help.
      return new QualysError(`${request.what} was not sent: ${error.message.replace(/"[^"]*"/g, '"…"')} (${code}). Check the credentials and URL inputs for stray characters such as line breaks.`, 'rejected')
    }
    if (code === 'ENOTFOUND') {
      const host = this.url(request).hostname
      return new QualysError(`${request.what} failed: the host ${host} does not exist (DNS: ENOTFOUND). ${this.peer.dnsAdvice}.`, 'unreachable')
    }
    const timedOut = code === 'ETIMEDOUT' || /timeout/i.test(error.message)
    // A refused or unresolvable connection never reached the server: safe to send again.
    const neverSent = ['ECONNREFUSED', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH'].includes(code)
    const detail = timedOut ? `no answer within ${formatSeconds(this.options.timeoutMs)}` : `${error.message}${code && !error.message.includes(code) ? ` (${code})` : ''}`
    const advice = timedOut ? this.peer.timeoutAdvice : this.peer.networkAdvice
    return new QualysError(
      this.options.redactor.redact(`${request.what} failed: ${detail}; ${advice}`),
      timedOut ? 'timeout' : 'network',
      undefined,
      !neverSent
    )
  }

  private throttled(request: ApiRequest, response: ApiResponse, waitMs: number): QualysError {
    return new QualysError(
      `${request.what}: Qualys kept throttling the calls (HTTP ${response.status}, asked to wait ${formatSeconds(waitMs)}); the subscription's API limit is used up. Run again later, lower max-concurrency, or ask Qualys to raise the limit.`,
      'throttled',
      response.status
    )
  }
}

/** Turns a final non-2xx answer into an error that says what to do. */
export function statusFailure(request: ApiRequest, response: ApiResponse, ambiguous = false, redact?: Redact): QualysError {
  const said = serverMessage(response.body, redact)
  const quoted = said ? `: ${said}` : ''
  const status = response.status
  if (status === 401) {
    return new QualysError(`${request.what}: Qualys refused the credentials (401)${quoted}. Check the Qualys username/password, client id/secret or token, and that qualys-platform / qualys-gateway-url is your account's platform.`, 'unauthorized', status)
  }
  if (status === 403) {
    return new QualysError(`${request.what}: the Qualys user is not allowed to do this (403)${quoted}. Give the user the TotalCloud / connector management permissions (API access and "Create/Edit connector").`, 'forbidden', status)
  }
  if (status === 404 || status === 405) {
    return new QualysError(`${request.what}: not found on the gateway (${status})${quoted}. Check qualys-platform / qualys-gateway-url.`, 'not-found', status)
  }
  if (status >= 500 || status === 408) {
    return new QualysError(`${request.what}: Qualys answered ${status}${quoted}. The gateway is having trouble; run again later.`, 'server', status, ambiguous)
  }
  if (status >= 400) {
    return new QualysError(`${request.what}: Qualys rejected the request (${status})${quoted || ' without saying why'}.`, 'rejected', status)
  }
  return new QualysError(`${request.what}: unexpected answer ${status}${quoted}.`, 'protocol', status)
}

function retryAfterMs(response: ApiResponse): number | undefined {
  const header = response.headers['retry-after']
  if (header === undefined) return undefined
  const seconds = Number(header)
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000
  const date = Date.parse(header)
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now())
}

function flatHeaders(headers: import('node:http').IncomingHttpHeaders): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {}
  for (const [key, value] of Object.entries(headers)) out[key.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value
  return out
}

/**
 * True when `body` is JSON (it starts with `{` or `[`) nested deeper than `max`. A scan of the
 * brackets outside strings, with no recursion of its own.
 */
export function jsonDepthExceeds(body: string, max: number): boolean {
  const start = body.trimStart()[0]
  if (start !== '{' && start !== '[') return false
  let depth = 0
  let inString = false
  for (let i = 0; i < body.length; i++) {
    const char = body.charCodeAt(i)
    if (inString) {
      if (char === 0x5c) i++ // a backslash escapes the next character
      else if (char === 0x22) inString = false
    } else if (char === 0x22) inString = true
    else if (char === 0x7b || char === 0x5b) {
      if (++depth > max) return true
    } else if (char === 0x7d || char === 0x5d) depth--
  }
  return false
}

function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${bytes / 1024 / 1024} MiB` : `${bytes / 1024} KiB`
}

export function formatSeconds(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(ms % 1000 === 0 ? 0 : 1)} s`
}
