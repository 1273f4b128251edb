/**
 * Lets connectors, reconciled concurrently, send their first write in the spec's order. Each one's
 * preparation (the Azure preflight, its secret's fingerprint) may end sooner for a later connector;
 * without this, a budget that runs out could defer one connector while a later one was written. With
 * it, the deferred connectors are always the spec's last ones, as docs/many-tenants.md promises, so users choose
 * what goes first.
 */
export class WriteOrder {
  /** Every connector before this index has passed. */
  private next = 0
  private readonly passed = new Set<number>()
  private readonly waiting = new Map<number, () => void>()

  /** Resolves once every earlier connector has sent its first write or finished without one. */
  turn(index: number): Promise<void> {
    if (index <= this.next) return Promise.resolve()
    return new Promise(resolve => this.waiting.set(index, resolve))
  }

  /** The connector at `index` has handed its first write to the client, or will send none. Said again, it is a no-op. */
  pass(index: number): void {
    this.passed.add(index)
    while (this.passed.has(this.next)) this.next++
    for (const [waiting, resolve] of this.waiting)
      if (waiting <= this.next) {
        this.waiting.delete(waiting)
        resolve()
      }
  }
}
