/**
 * How far a run with many connectors has got: a line at least every 30 s and at every tenth of the way
 * (done / total, by result), and the words the wait for Qualys' window is announced with.
 */
import type { Logger } from '../logger.js'
import { plural } from '../text.js'
import type { Outcome } from './outcome.js'

/** Runs with more connectors than this log their progress; smaller ones finish before it would matter. */
export const PROGRESS_FROM = 36
const PROGRESS_EVERY_MS = 30_000

export class RunProgress {
  private total = 0
  private done = 0
  private readonly byResult = new Map<string, number>()
  private lastLineAt: number
  private lastTenth = 0

  constructor(
    private readonly mode: 'apply' | 'plan',
    private readonly logger: Logger,
    private readonly now: () => number = Date.now
  ) {
    this.lastLineAt = now()
  }

  /** The connectors the run goes through, once they are known (after the listing). */
  start(total: number): void {
    this.total = total
    this.lastLineAt = this.now()
  }

  finished(outcome: Outcome): void {
    this.done++
    this.byResult.set(outcome.result, (this.byResult.get(outcome.result) ?? 0) + 1)
    if (this.total <= PROGRESS_FROM || this.done === this.total) return
    // An apply also says each tenth of the way; a plan (reads only) is quick unless something is slow.
    const tenth = Math.floor((this.done * 10) / this.total)
    const steps = this.mode === 'apply' && tenth > this.lastTenth
    if (steps || this.now() - this.lastLineAt >= PROGRESS_EVERY_MS) {
      this.lastTenth = tenth
      this.lastLineAt = this.now()
      this.logger.info(`Progress: ${this.line()}`)
    }
  }

  /** "applied 300 of 1000 connectors (280 created, 20 unchanged)". */
  describe(): string | undefined {
    if (this.total === 0) return undefined
    return this.line()
  }

  private line(): string {
    const results = [...this.byResult].map(([result, count]) => `${count} ${result}`).join(', ')
    const verb = this.mode === 'apply' ? 'applied' : 'planned'
    return `${verb} ${this.done} of ${plural(this.total, 'connector')}${results ? ` (${results})` : ''}`
  }
}
