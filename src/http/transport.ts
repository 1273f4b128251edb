import { HttpClient } from '@actions/http-client'
import type { Logger } from '../logger.js'
import type { Redactor } from '../redact.js'
import { MAX_ANSWER_BYTES, MAX_PAGE_BYTES, flatHeaders, readBody, refuseDeepJson } from './answer.js'
import type { ApiRequest, ApiResponse, CallCounts, Peer } from './exchange.js'
import { humanDuration, utcClock, type WaitAllowance } from './budget.js'
import { BudgetSpentError, HttpError, serverMessage } from './errors.js'
import { cancellableSleep, RateGate, type Sleep } from './rate-gate.js'
import {
  backoffMs,
  DEFAULT_BACKOFF,
  MAX_THROTTLE_WAIT_MS,
  neverSent,
  permanentNetworkFailure,
  RETRYABLE_STATUS,
  retryAfterMs,
  throttleWaitMs,
  type Backoff
} from './retry-policy.js'

/** How every HTTP peer of the action is talked to: the Qualys gateway, Microsoft's APIs and GitHub's. */
export interface ConnectionOptions {
  userAgent: string
  timeoutMs: number
  maxAttempts: number
  maxConcurrency: number
  logger: Logger
  redactor: Redactor
}

interface TransportOptions extends ConnectionOptions {
  baseUrl: string
  /** Longest wait the action accepts from a throttling answer before giving up. */
  maxThrottleWaitMs?: number
  backoff?: Backoff
  /** Resolves after `ms`, or as soon as `cancel` aborts (a closed gate sleeps out no pause). */
  sleep?: Sleep
  random?: () => number
  /** Who answers, for the log lines and errors of this transport. */
  peer: Peer
  /**
   * The run's allowance for waiting out the peer's window budget (rate-limit-wait; Qualys only): a wait
   * for the window draws on it, and one beyond what is left stops every further call (BudgetSpentError).
   */
  waitAllowance?: WaitAllowance
  /** What the run has done so far, for the one line that announces a wait ("applied 300 of 1000 connectors"). */
  describeProgress?: () => string | undefined
  now?: () => number
}

/**
 * One HTTP exchange with a peer at a time per slot: limits, timeouts and retries live
 * here, so the endpoints above it read as plain calls. Only answers that say the server did
 * not act (throttling, 408, a refused connection) are retried for non-idempotent requests;
 * anything else ambiguous is thrown with `ambiguous` set, for the caller to check first.
 */
export class Transport {
  readonly counts: CallCounts = { calls: 0, retried: 0, throttled: 0 }
  readonly gate: RateGate
  private readonly http: HttpClient
  private readonly sleep: Sleep
  private readonly random: () => number
  private readonly backoff: Backoff
  private readonly now: () => number
  /** The end of the last window wait announced: concurrent calls held by the same wait say it once. */
  private announcedUntil = 0
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
    this.sleep = options.sleep ?? cancellableSleep
    this.random = options.random ?? Math.random
    this.backoff = options.backoff ?? DEFAULT_BACKOFF
    this.now = options.now ?? Date.now
    this.gate = new RateGate(options.maxConcurrency, this.sleep, this.now)
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
        if (error instanceof HttpError) throw error
        const failure = this.networkFailure(request, error as NodeJS.ErrnoException)
        if (
          last ||
          failure.kind === 'rejected' ||
          failure.kind === 'unreachable' ||
          (failure.ambiguous && !request.idempotent)
        )
          throw failure
        await this.retryAfter(request, attempt, this.backoffMs(attempt), failure.message)
        continue
      }
      const wait = throttleWaitMs(response, this.peer, () => this.backoffMs(attempt))
      if (wait !== undefined) {
        this.counts.throttled++
        if (this.isWindowWait(response)) {
          // Not the request's fault: the window's calls are used up. Waiting for it is no failed attempt.
          const spent = this.waitForWindow(request, wait, response)
          // A 429 is an answer the server did not act on: the request did nothing, so it is safe to stop here.
          if (spent) throw spent
          if (wait >= 1000) attempt--
          continue
        }
        if (last || wait > this.maxWaitMs) throw this.throttled(request, response, wait)
        this.gate.pause(wait)
        await this.retryAfter(
          request,
          attempt,
          0,
          `throttled by ${this.peer.name} (${response.status}); waiting ${formatSeconds(wait)}`
        )
        continue
      }
      if (RETRYABLE_STATUS.has(response.status)) {
        // A 5xx may come after the server acted, and so may a proxy's 408: a create is checked first.
        const ambiguous = true
        const failure = this.serverFailure(request, response)
        // A server that asks for a longer pause than we accept from throttling is not waited for.
        const pauseMs = retryAfterMs(response) ?? this.backoffMs(attempt)
        if (last || (ambiguous && !request.idempotent) || pauseMs > this.maxWaitMs) throw failure
        await this.retryAfter(request, attempt, pauseMs, `${response.status} from ${this.peer.name}`)
        continue
      }
      return response
    }
  }

  /** Text with every known secret removed. */
  readonly redact = (text: string): string => this.options.redactor.redact(text)

  /** The server's own words from an answer, safe to show. */
  said(response: ApiResponse): string {
    return this.redact(serverMessage(response.body, this.redact))
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
      refuseDeepJson(request, answer.body, this.peer)
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
  private async exchangeWithin(
    request: ApiRequest,
    url: URL,
    data: string | null,
    headers: Record<string, string>
  ): Promise<ApiResponse> {
    const deadline = new AbortController()
    const timer = setTimeout(() => deadline.abort(), this.options.timeoutMs)
    try {
      this.deadlines.next = deadline.signal
      const pending = this.http.request(request.method, url.toString(), data, headers)
      this.deadlines.next = undefined
      const response = await pending
      const page = request.listingPage === true || request.query?.pageNumber !== undefined
      const limit = page ? MAX_PAGE_BYTES : MAX_ANSWER_BYTES
      const body = await readBody(request, response.message, limit, this.peer)
      return { status: response.message.statusCode ?? 0, headers: flatHeaders(response.message.headers), body }
    } catch (error) {
      if (deadline.signal.aborted && !(error instanceof HttpError)) {
        throw Object.assign(new Error(`no complete answer within ${formatSeconds(this.options.timeoutMs)}`), {
          code: 'ETIMEDOUT'
        })
      }
      throw error
    } finally {
      this.deadlines.next = undefined
      clearTimeout(timer)
    }
  }

  /**
   * An answer that says the window's calls are used up (X-RateLimit-Remaining: 0 with a
   * ToWait) pauses every call for that long, under the same cap as a 429; a longer pause stops
   * the run at once, naming the wait, rather than sleeping out the cap only to fail.
   */
  private observeLimits(request: ApiRequest, answer: ApiResponse): void {
    if (this.options.waitAllowance) {
      // The gate only reports the wait: whether the run may wait it is the allowance's to say.
      // This answer stands (a create it confirms was made): only the calls after it are held or stopped.
      const announced = this.gate.observe(answer.headers, -1)
      if (announced !== undefined) this.waitForWindow(request, announced, answer)
      return
    }
    const announced = this.gate.observe(answer.headers, this.maxWaitMs)
    if (announced === undefined) return
    if (announced > this.maxWaitMs) {
      this.gate.close(
        new HttpError(
          `${request.what}: ${this.peer.name} says the API limit is used up and the next call must wait ${formatSeconds(announced)} (X-RateLimit-ToWait-Sec), longer than the ${formatSeconds(this.maxWaitMs)} the action waits; stopped. Run again later, or ask ${this.peer.name} to raise the limit.`,
          'throttled'
        )
      )
      this.options.logger.warning(
        `${this.peer.name} asks for a pause of ${formatSeconds(announced)} before the next call (its API limit is used up); no further calls are made in this run`
      )
      return
    }
    this.options.logger.info(
      `${this.peer.name}: the API limit is used up for now (X-RateLimit-Remaining: 0); pausing calls for ${formatSeconds(announced)}`
    )
  }

  /** A throttling answer that says the window is used up, for a peer whose waits draw on the run's allowance. */
  private isWindowWait(response: ApiResponse): boolean {
    return this.options.waitAllowance !== undefined && this.peer.isWindowSpent?.(response.headers) === true
  }

  /**
   * Holds every call until the window rolls, when the run's allowance covers the wait (said once per
   * wait, with the run's progress); otherwise closes the gate to every further call and returns why.
   */
  private waitForWindow(request: ApiRequest, waitMs: number, answer: ApiResponse): BudgetSpentError | undefined {
    const allowance = this.options.waitAllowance as WaitAllowance
    const now = this.now()
    const until = now + waitMs
    const extension = Math.max(0, until - Math.max(now, this.gate.pausedUntilMs))
    if (!allowance.draw(extension)) {
      const error =
        this.gate.closedBy instanceof BudgetSpentError
          ? this.gate.closedBy
          : this.budgetSpent(request, until, answer, allowance)
      this.gate.close(error)
      return error
    }
    this.gate.pause(waitMs)
    if (until > this.announcedUntil + 1000) {
      this.announcedUntil = until
      const progress = this.options.describeProgress?.()
      this.options.logger.info(
        `${this.possessive} API budget is used up${this.windowShape(answer)}; it is back at ${utcClock(until, now)}: waiting ${humanDuration(waitMs)}${progress ? ` (${progress})` : ''}`
      )
    } else this.options.logger.debug(`${request.what}: held until ${utcClock(until, now)} by the same window`)
    return undefined
  }

  private budgetSpent(
    request: ApiRequest,
    until: number,
    answer: ApiResponse,
    allowance: WaitAllowance
  ): BudgetSpentError {
    const left = allowance.leftMs
    const allowed =
      allowance.totalMs === 0
        ? 'rate-limit-wait is 0'
        : `waiting ${humanDuration(until - this.now())} is more than ${left < allowance.totalMs ? `the ${humanDuration(left)} left of ` : ''}rate-limit-wait (${humanDuration(allowance.totalMs)}) allows`
    this.options.logger.debug(`${request.what}: not sent; the budget is used up until ${utcClock(until)}`)
    return new BudgetSpentError(
      `${this.possessive} API budget is used up until ${utcClock(until, this.now())}${this.windowShape(answer)}: ${allowed}`,
      until
    )
  }

  /** "Qualys'", "GitHub's". */
  private get possessive(): string {
    return `${this.peer.name}'${this.peer.name.endsWith('s') ? '' : 's'}`
  }

  /** " (300 calls per 3600 s)" from the answer's headers, when it says. */
  private windowShape(answer: ApiResponse): string {
    const limit = Number(answer.headers['x-ratelimit-limit'])
    const window = Number(answer.headers['x-ratelimit-window-sec'])
    return limit > 0 && window > 0 ? ` (${limit} calls per ${window} s)` : ''
  }

  private url(request: ApiRequest): URL {
    const url = new URL(this.options.baseUrl.replace(/\/+$/, '') + request.path)
    for (const [key, value] of Object.entries(request.query ?? {})) url.searchParams.set(key, String(value))
    return url
  }

  private get peer(): Peer {
    return this.options.peer
  }

  private get maxWaitMs(): number {
    return this.options.maxThrottleWaitMs ?? MAX_THROTTLE_WAIT_MS
  }

  /** A 5xx or 408 after the retries: the server may have acted, so a write is checked before any resend. */
  private serverFailure(request: ApiRequest, response: ApiResponse): HttpError {
    const said = this.said(response)
    return new HttpError(
      this.redact(
        `${request.what}: ${this.peer.name} answered ${response.status}${said ? `: ${said}` : ''}. The service is having trouble; run again later.`
      ),
      'server',
      response.status,
      true
    )
  }

  private backoffMs(attempt: number): number {
    return backoffMs(attempt, this.backoff, this.random)
  }

  private async retryAfter(request: ApiRequest, attempt: number, waitMs: number, why: string): Promise<void> {
    this.counts.retried++
    this.options.logger.info(
      `${request.what}: ${why}; trying again (attempt ${attempt + 1} of ${this.options.maxAttempts})${waitMs > 0 ? ` in ${formatSeconds(waitMs)}` : ''}`
    )
    if (waitMs > 0) await this.sleep(waitMs)
  }

  private networkFailure(request: ApiRequest, error: NodeJS.ErrnoException): HttpError {
    const code = error.code ?? ''
    if (code.startsWith('ERR_INVALID')) {
      // Node refused to send it (a header with a line break or a non-Latin-1 character): retrying cannot help.
      return new HttpError(
        `${request.what} was not sent: ${error.message.replace(/"[^"]*"/g, '"…"')} (${code}). Check the credentials and URL inputs for stray characters such as line breaks.`,
        'rejected'
      )
    }
    const permanent = permanentNetworkFailure(code, error.message)
    if (permanent) {
      return new HttpError(this.options.redactor.redact(`${request.what} failed: ${permanent}.`), 'rejected')
    }
    if (code === 'ENOTFOUND') {
      const host = this.url(request).hostname
      return new HttpError(
        `${request.what} failed: the host ${host} does not exist (DNS: ENOTFOUND). ${this.peer.dnsAdvice}.`,
        'unreachable'
      )
    }
    const timedOut = code === 'ETIMEDOUT' || /timeout/i.test(error.message)
    const detail = timedOut
      ? `no answer within ${formatSeconds(this.options.timeoutMs)}`
      : `${error.message}${code && !error.message.includes(code) ? ` (${code})` : ''}`
    const advice = timedOut ? this.peer.timeoutAdvice : this.peer.networkAdvice
    return new HttpError(
      this.options.redactor.redact(`${request.what} failed: ${detail}; ${advice}`),
      timedOut ? 'timeout' : 'network',
      undefined,
      !neverSent(code)
    )
  }

  private throttled(request: ApiRequest, response: ApiResponse, waitMs: number): HttpError {
    return new HttpError(
      `${request.what}: ${this.peer.name} kept throttling the calls (HTTP ${response.status}, asked to wait ${formatSeconds(waitMs)}); ${this.peer.throttleAdvice}.`,
      'throttled',
      response.status
    )
  }
}

function formatSeconds(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(ms % 1000 === 0 ? 0 : 1)} s`
}
