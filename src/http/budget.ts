/**
 * The run's allowance for waiting out a peer's call budget (Qualys counts calls per subscription in a
 * window, e.g. 300 per 3600 s): `rate-limit-wait` is the most the whole run may spend waiting for windows
 * to roll. Each wait draws on it once, however many calls are held by it.
 */
export class WaitAllowance {
  private waited = 0

  constructor(readonly totalMs: number) {}

  get waitedMs(): number {
    return this.waited
  }

  get leftMs(): number {
    return Math.max(0, this.totalMs - this.waited)
  }

  /** Draws `ms` from the allowance; false (and nothing drawn) when that is more than is left. */
  draw(ms: number): boolean {
    if (ms > this.leftMs) return false
    this.waited += ms
    return true
  }
}

/** "10:42 UTC", with the date when it is not today's (UTC). */
export function utcClock(epochMs: number, nowMs: number = Date.now()): string {
  const at = new Date(epochMs).toISOString()
  const sameDay = at.slice(0, 10) === new Date(nowMs).toISOString().slice(0, 10)
  return `${sameDay ? '' : `${at.slice(0, 10)} `}${at.slice(11, 16)} UTC`
}

/** "41 min", "1 h 5 min", "12 s": a wait as a person reads it. */
export function humanDuration(ms: number): string {
  const seconds = Math.ceil(ms / 1000)
  if (seconds < 60) return `${seconds} s`
  const minutes = Math.ceil(seconds / 60)
  if (minutes < 60) return `${minutes} min`
  const hours = Math.floor(minutes / 60)
  return `${hours} h${minutes % 60 ? ` ${minutes % 60} min` : ''}`
}
