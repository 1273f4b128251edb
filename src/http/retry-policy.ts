/**
 * The action's whole retry policy, for every peer it talks to (Qualys, Microsoft, GitHub): which
 * answers and errors are sent again, how often, how long to wait between tries, and the longest
 * pause it accepts. A maintainer who changes the policy opens this file and no other.
 *
 * What is Qualys-specific and undocumented (a 409 that means throttling) is not decided here: the
 * peer says so (`Peer.isThrottling409`), and Qualys' answer lives in qualys/assumptions.ts.
 */
import type { ApiResponse, Peer } from './exchange.js'
import { serverMessage } from './errors.js'

/** Answers that say the server failed for now, sent again while attempts remain (a create only when safe). */
export const RETRYABLE_STATUS: ReadonlySet<number> = new Set([408, 500, 502, 503, 504])

/**
 * The longest pause the action waits out for Qualys' rate limit, announced by a 429 or on any answer:
 * Qualys counts calls per hour, and waiting out a window is still faster than failing the run.
 */
export const MAX_THROTTLE_WAIT_MS = 15 * 60_000

/** Microsoft's throttling is per second or minute: a preflight that must wait longer is not worth the run. */
export const AZURE_MAX_THROTTLE_WAIT_MS = 60_000

/**
 * How often a create is sent when Qualys shows no connector of that name after an unanswered one
 * (max-attempts caps it further): each resend is preceded by a lookup, so a duplicate is never made.
 */
export const MAX_CREATE_ATTEMPTS = 3

/** An answer that is empty or cut short is asked for once more, when the call may be repeated. */
export const UNREADABLE_ANSWER_ATTEMPTS = 2

/** How long the action waits for the GitHub API: per request, how often, and the pause between. */
export interface GitHubCallPolicy {
  /** Per request. */
  timeoutMs: number
  /** Requests per call that may be repeated (reads, edits); a new comment is posted once. */
  attempts: number
  /** Pause before the next attempt. */
  backoffMs: number
}

/** A slow or silent GitHub API holds a plan for well under a minute (2 × 10 s, then give up). */
export const GITHUB_CALLS: GitHubCallPolicy = { timeoutMs: 10_000, attempts: 2, backoffMs: 1000 }

/** A GitHub answer worth asking again for: silence, no answer at all, a 5xx or a 429. */
export function isTransientGitHubFailure(status: number | undefined, timedOut: boolean): boolean {
  return timedOut || status === undefined || status >= 500 || status === 429
}

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

/** The pause a throttling answer (429, or a 409 the peer calls throttling) asks for; undefined when it is not throttling. */
export function throttleWaitMs(response: ApiResponse, peer: Peer, backoff: () => number): number | undefined {
  const throttled =
    response.status === 429 ||
    (response.status === 409 && (peer.isThrottling409?.(response.headers, serverMessage(response.body)) ?? false))
  if (!throttled) return undefined
  const toWait = Number(response.headers['x-ratelimit-towait-sec'])
  const told =
    response.headers['x-ratelimit-towait-sec'] !== undefined && Number.isFinite(toWait) && toWait >= 0
      ? toWait * 1000
      : retryAfterMs(response)
  // Told "wait 0" or nothing at all: back off anyway, so throttled calls do not hammer the gateway.
  return Math.max(told ?? backoff(), MIN_THROTTLE_WAIT_MS)
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
