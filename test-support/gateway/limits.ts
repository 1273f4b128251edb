/** The gateway's documented limits: concurrency, a rolling rate window, the 429 that enforces them and the headers that announce them. */
import type { GatewayOptions, Reply } from './model.js'
import { errorReply, seconds } from './replies.js'

export class Limits {
  /** Requests being answered, each with the time it is due to finish. */
  readonly inFlight = new Set<{ endsAt: number }>()
  private rateHits: number[] = [] // acceptance times inside the rolling window

  constructor(
    private readonly options: GatewayOptions,
    private readonly onThrottle: () => void
  ) {}

  /** Forgets the rate window (between tests). */
  reset(): void {
    this.rateHits = []
  }

  /** Returns a 429 if the request is over a limit; otherwise counts it in the rate window. */
  admit(): Reply | undefined {
    const now = (this.options.now ?? Date.now)()
    const limit = this.options.concurrencyLimit
    if (limit !== undefined && this.inFlight.size >= limit) {
      // The earliest a slot frees up: when the first in-flight request is due to finish.
      const soonest = Math.min(...[...this.inFlight].map(s => s.endsAt))
      return this.throttle(soonest - now)
    }
    const rate = this.options.rateLimit
    if (rate) {
      this.pruneRateWindow(now)
      if (this.rateHits.length >= rate.limit) return this.throttle(this.rateHits[0] + rate.windowSec * 1000 - now)
      this.rateHits.push(now)
    }
    return undefined
  }

  private throttle(waitMs: number): Reply {
    this.onThrottle()
    return this.withHeaders(
      errorReply(429, 'Too many requests', {
        'X-RateLimit-ToWait-Sec': seconds(waitMs),
        'Retry-After': String(Math.max(0, Math.ceil(waitMs / 1000)))
      })
    )
  }

  private pruneRateWindow(now: number): void {
    const windowMs = (this.options.rateLimit?.windowSec ?? 0) * 1000
    this.rateHits = this.rateHits.filter(t => t > now - windowMs)
  }

  /** Adds the documented limit headers (only for the limits that are configured). */
  withHeaders(reply: Reply): Reply {
    if (this.options.advertiseLimits === false) return reply
    const headers: Record<string, string> = {}
    const rate = this.options.rateLimit
    if (rate) {
      const now = (this.options.now ?? Date.now)()
      this.pruneRateWindow(now)
      const remaining = Math.max(0, rate.limit - this.rateHits.length)
      const wait = remaining > 0 ? 0 : this.rateHits[0] + rate.windowSec * 1000 - now
      headers['X-RateLimit-Limit'] = String(rate.limit)
      headers['X-RateLimit-Window-Sec'] = String(rate.windowSec)
      headers['X-RateLimit-Remaining'] = String(remaining)
      headers['X-RateLimit-ToWait-Sec'] = seconds(wait)
    }
    if (this.options.concurrencyLimit !== undefined) {
      headers['X-Concurrency-Limit-Limit'] = String(this.options.concurrencyLimit)
      headers['X-Concurrency-Limit-Running'] = String(this.inFlight.size)
    }
    // A 429's own wait headers win over the advertised ones.
    return { ...reply, headers: { ...headers, ...reply.headers } }
  }
}
