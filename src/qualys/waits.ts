/**
 * How long to wait before a call is sent again: what a throttling answer asks for, what
 * Retry-After says, or an exponential backoff with jitter when the server says nothing.
 */
import type { ApiResponse } from './api.js'
import { isThrottling409 } from './assumptions.js'
import { serverMessage } from './errors.js'

/** The backoff's first ceiling and its largest. */
export interface Backoff {
  baseMs: number
  maxMs: number
}

export const DEFAULT_BACKOFF: Backoff = { baseMs: 1000, maxMs: 30_000 }
const MIN_THROTTLE_WAIT_MS = 100

/** The pause a throttling answer (429, or a 409 that says so) asks for; undefined when the answer is not throttling. */
export function throttleWaitMs(response: ApiResponse, backoff: () => number): number | undefined {
  const throttled =
    response.status === 429 ||
    (response.status === 409 && isThrottling409(response.headers, serverMessage(response.body)))
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
