/**
 * The action's whole retry policy, for every peer it talks to (Qualys, Microsoft, GitHub): which
 * answers and errors are sent again, how often, how long to wait between tries, and the longest
 * pause it accepts. A maintainer who changes the policy opens this file and no other.
 *
 * What is peer-specific is not decided here: the peer says which answers mean "slow down" (Qualys'
 * undocumented throttling 409, `Peer.isThrottling409`, in qualys/assumptions.ts; GitHub's rate-limit
 * 403, `Peer.isThrottling403`, in github/peer.ts); how long to wait for them is decided here.
 */
import type { ApiResponse, Peer } from './exchange.js'
import { serverMessage } from './errors.js'

/** Answers that say the server failed for now, sent again while attempts remain (a create only when safe). */
export const RETRYABLE_STATUS: ReadonlySet<number> = new Set([408, 500, 502, 503, 504])

/**
 * The longest pause the action waits out for a throttling answer; for Qualys' call window, the default of
 * rate-limit-wait, the most a whole run waits (a 429 of the concurrency limit still waits at most this).
 */
export const MAX_THROTTLE_WAIT_MS = 15 * 60_000

/** The most rate-limit-wait may be: 5 h 50 min, inside GitHub's 6-hour job limit with room for the writes. */
export const MAX_RATE_LIMIT_WAIT_MS = 350 * 60_000

/** Microsoft's throttling is per second or minute: a preflight that must wait longer is not worth the run. */
export const AZURE_MAX_THROTTLE_WAIT_MS = 60_000

/**
 * How often a create is sent when Qualys shows no connector of that name after an unanswered one
 * (max-attempts caps it further): each resend is preceded by a lookup, so a duplicate is never made.
 */
export const MAX_CREATE_ATTEMPTS = 3

/** An answer that is empty or cut short is asked for once more, when the call may be repeated. */
export const UNREADABLE_ANSWER_ATTEMPTS = 2

/**
 * A plan comment is not worth holding the job for GitHub's rate limit: a minute (the least GitHub
 * asks for after a secondary limit) is waited out, a primary limit's reset an hour away is not.
 */
export const GITHUB_MAX_THROTTLE_WAIT_MS = 60_000

/**
 * A 403 that is a rate limit but names no wait (no Retry-After, no reset): GitHub asks for at least
 * a minute before the next try [DOC: GitHub REST API, "Rate limits for the REST API"]. Only a peer
 * with `isThrottling403` (GitHub) has such answers.
 */
const UNTIMED_403_THROTTLE_WAIT_MS = 60_000

/** The backoff's first ceiling and its largest. */
export interface Backoff {
  baseMs: number
  maxMs: number
}

export const DEFAULT_BACKOFF: Backoff = { baseMs: 1000, maxMs: 30_000 }
const MIN_THROTTLE_WAIT_MS = 100

/** Network error codes that mean the request never reached the server: safe to send again, even a create. */
const NEVER_SENT_CODES = ['ECONNREFUSED', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']

/** True when a request that failed with this network error code was certainly not acted on. */
export function neverSent(code: string): boolean {
  return NEVER_SENT_CODES.includes(code)
}

/**
 * TLS errors no retry can cure, in words a person can act on: a plain-HTTP port, a certificate the
 * runner does not trust, a handshake refused. Undefined for the errors that may pass (resets,
 * timeouts, refused connections). Node's own refusal to send (ERR_INVALID_*) is the transport's.
 */
export function permanentNetworkFailure(code: string, message: string): string | undefined {
  if (/wrong version number|packet length too long/i.test(message))
    return 'the server does not speak HTTPS on this port (the TLS handshake got a plain-HTTP answer): check the URL, its scheme and port, and any proxy in between'
  if (
    /^(CERT_|UNABLE_TO_|DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN|ERR_TLS_CERT_ALTNAME_INVALID|HOSTNAME_MISMATCH)/.test(
      code
    ) ||
    /certificate|self[- ]signed/i.test(message)
  )
    return `the server's TLS certificate is not trusted (${code || 'certificate error'}): check the host name; behind a TLS-inspecting proxy, give the runner its CA with NODE_EXTRA_CA_CERTS`
  if (
    code === 'EPROTO' ||
    /^ERR_SSL_|^ERR_TLS_/.test(code) ||
    /ssl routines|tls alert|handshake failure/i.test(message)
  )
    return `the TLS handshake with the server failed (${code || 'TLS error'}): check the URL and any proxy in between`
  return undefined
}

/**
 * The pause a throttling answer asks for (a 429, or a 409 or 403 the peer calls throttling);
 * undefined when it is not throttling. The wait is the answer's own: X-RateLimit-ToWait-Sec
 * (Qualys), Retry-After, or the reset time of a used-up limit (GitHub's X-RateLimit-Reset).
 */
export function throttleWaitMs(
  response: ApiResponse,
  peer: Peer,
  backoff: () => number,
  now: () => number = Date.now
): number | undefined {
  if (!isThrottling(response, peer)) return undefined
  const told = toWaitMs(response) ?? retryAfterMs(response) ?? rateLimitResetMs(response, now())
  // Told nothing: back off anyway, so throttled calls do not hammer the peer (GitHub asks for a minute).
  const untold = response.status === 403 ? UNTIMED_403_THROTTLE_WAIT_MS : backoff()
  // Told "wait 0" (or a reset already past): still a short pause, for the same reason.
  return Math.max(told ?? untold, MIN_THROTTLE_WAIT_MS)
}

function isThrottling(response: ApiResponse, peer: Peer): boolean {
  const { status, headers } = response
  if (status === 429) return true
  const rule = status === 409 ? peer.isThrottling409 : status === 403 ? peer.isThrottling403 : undefined
  return rule?.(headers, serverMessage(response.body)) ?? false
}

/** X-RateLimit-ToWait-Sec, Qualys' own "wait this long". */
function toWaitMs(response: ApiResponse): number | undefined {
  const header = response.headers['x-ratelimit-towait-sec']
  const seconds = Number(header)
  return header !== undefined && Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : undefined
}

/**
 * A used-up limit (X-RateLimit-Remaining: 0) that says when it resets, in UTC epoch seconds
 * (X-RateLimit-Reset, as GitHub sends it). A value too small to be a date is a count of seconds
 * under some other convention: not guessed at.
 */
function rateLimitResetMs(response: ApiResponse, nowMs: number): number | undefined {
  if (response.headers['x-ratelimit-remaining'] !== '0') return undefined
  const reset = Number(response.headers['x-ratelimit-reset'])
  if (!Number.isInteger(reset) || reset < 1_000_000_000) return undefined
  return Math.max(0, reset * 1000 - nowMs)
}

/** Exponential, with full jitter: spreads the retries of concurrent connectors apart. */
export function backoffMs(attempt: number, backoff: Backoff, random: () => number): number {
  const ceiling = Math.min(backoff.maxMs, backoff.baseMs * 2 ** (attempt - 1))
  return Math.round(ceiling / 2 + (random() * ceiling) / 2)
}

/** Retry-After as seconds or an HTTP date. */
export function retryAfterMs(response: ApiResponse): number | undefined {
  const header = response.headers['retry-after']
  if (header === undefined) return undefined
  const seconds = Number(header)
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000
  const date = Date.parse(header)
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now())
}
