/** Resolves after `ms`, or as soon as `cancel` aborts. */
export type Sleep = (ms: number, cancel?: AbortSignal) => Promise<void>

/** A timer that a closing gate can clear: a run stopped by the budget does not sit out the window before exiting. */
export const cancellableSleep: Sleep = (ms, cancel) =>
  new Promise(resolve => {
    const timer = setTimeout(resolve, ms)
    cancel?.addEventListener(
      'abort',
      () => {
        clearTimeout(timer)
        resolve()
      },
      { once: true }
    )
  })

/** The gateway's budget as its last answer stated it (X-RateLimit-* headers); absent parts were not said. */
export interface StatedBudget {
  limit?: number
  remaining?: number
  windowSec?: number
  concurrencyLimit?: number
}

/**
 * Keeps the action inside the gateway's limits: at most `capacity` calls in flight (Qualys
 * allows 2 per subscription by default, and says so in X-Concurrency-Limit-Limit), and no
 * call at all while the server has told us to wait. Callers are let in first come, first
 * served: the run hands its writes to the gate in the spec's order, and when the budget runs
 * out the ones refused are then the spec's last (a later caller never overtakes a waiting one).
 */
export class RateGate {
  /** What the server last said of its limits, for a report of what the gateway showed. */
  readonly stated: StatedBudget = {}
  private inFlight = 0
  private pausedUntil = 0
  private closed: Error | undefined
  private readonly queue: { admit: (release: () => void) => void; refuse: (reason: Error) => void }[] = []
  private sleeping = false
  private readonly closing = new AbortController()

  constructor(
    private capacity: number,
    private readonly sleep: Sleep,
    private readonly now: () => number = Date.now
  ) {}

  /**
   * Waits, behind every earlier caller, for a free slot and for any pause to end; returns the slot's
   * release. A gate closed for the rest of the run (a wait longer than the action accepts) refuses the
   * caller, and every caller still waiting.
   */
  acquire(): Promise<() => void> {
    return new Promise((admit, refuse) => {
      this.queue.push({ admit, refuse })
      this.letIn()
    })
  }

  /** Lets the waiting callers in, in their order, while there are slots and no pause. */
  private letIn(): void {
    if (this.closed) {
      for (const caller of this.queue.splice(0)) caller.refuse(this.closed)
      return
    }
    while (this.queue.length > 0 && this.inFlight < this.capacity) {
      const pause = this.pausedUntil - this.now()
      if (pause > 0) return this.sleepOut(pause)
      this.inFlight++
      ;(this.queue.shift() as (typeof this.queue)[number]).admit(this.releaseOnce())
    }
  }

  /** One sleep at a time: a pause extended meanwhile is slept out on waking. */
  private sleepOut(pause: number): void {
    if (this.sleeping) return
    this.sleeping = true
    void this.sleep(pause, this.closing.signal).then(() => {
      this.sleeping = false
      this.letIn()
    })
  }

  private releaseOnce(): () => void {
    let released = false
    return () => {
      if (released) return
      released = true
      this.inFlight--
      this.letIn()
    }
  }

  /** Why the gate is closed for the rest of the run, if it is. */
  get closedBy(): Error | undefined {
    return this.closed
  }

  /** When the current pause ends (epoch ms); in the past when there is none. */
  get pausedUntilMs(): number {
    return this.pausedUntil
  }

  /** Stops every caller until `ms` from now. */
  pause(ms: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, this.now() + ms)
  }

  /** No call at all from now on: every caller gets `reason` (a wait longer than the action accepts). */
  close(reason: Error): void {
    this.closed = reason
    this.closing.abort()
    this.letIn()
  }

  /**
   * Learns the server's limits from its answer headers. Returns the pause an answer announces
   * (its X-RateLimit-ToWait-Sec, in ms) when it does; the pause is kept only up to `maxPauseMs`,
   * a longer one is for the caller to refuse.
   */
  observe(headers: Record<string, string | undefined>, maxPauseMs = Infinity): number | undefined {
    const limit = Number(headers['x-concurrency-limit-limit'] ?? headers['x-concurrencylimit-limit'])
    if (Number.isInteger(limit) && limit > 0 && limit < this.capacity) this.capacity = limit
    this.remember(headers, limit)
    const remaining = Number(headers['x-ratelimit-remaining'])
    const toWait = Number(headers['x-ratelimit-towait-sec'])
    // Slow down before being throttled: the calls still in flight (besides the one that brought
    // these headers) will use up what remains of the window, so wait for it to roll.
    const others = Math.max(0, this.inFlight - 1)
    if (headers['x-ratelimit-remaining'] === undefined || remaining - others > 0 || !(toWait > 0)) return undefined
    if (toWait * 1000 <= maxPauseMs) this.pause(toWait * 1000)
    return toWait * 1000
  }

  private remember(headers: Record<string, string | undefined>, concurrencyLimit: number): void {
    const count = (name: string): number | undefined => {
      const value = Number(headers[name])
      return headers[name] !== undefined && Number.isFinite(value) && value >= 0 ? value : undefined
    }
    const said = {
      limit: count('x-ratelimit-limit'),
      remaining: count('x-ratelimit-remaining'),
      windowSec: count('x-ratelimit-window-sec'),
      concurrencyLimit: Number.isInteger(concurrencyLimit) && concurrencyLimit > 0 ? concurrencyLimit : undefined
    }
    for (const [key, value] of Object.entries(said))
      if (value !== undefined) this.stated[key as keyof StatedBudget] = value
  }

  get limit(): number {
    return this.capacity
  }
}
