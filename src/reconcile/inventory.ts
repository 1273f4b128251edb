import type { ConnectorSpec } from '../connector-spec/model.js'
import type { Connector } from '../qualys/connector.js'
import { nameKey } from '../text.js'

/** The connectors Qualys has, as listed once at the start of the run. Soft-deleted ones are not among them. */
export class Inventory {
  /**
   * The listing by name (text.ts nameKey, as sameName compares), in listing order, built on first
   * use: a 1000-connector spec looks up every name, and comparing each with the whole listing
   * normalised both names a million times.
   */
  private byName: { live: Map<string, Connector[]>; deleted: Map<string, Connector[]> } | undefined

  constructor(private readonly listing: Connector[] | undefined) {}

  get known(): boolean {
    return this.listing !== undefined
  }

  /** How many connectors the listing held, deleted ones included (a listing's pages count them all). */
  get size(): number {
    return this.listing?.length ?? 0
  }

  named(name: string): Connector[] {
    return [...(this.index().live.get(nameKey(name)) ?? [])]
  }

  /** A soft-deleted connector of that name: it may still hold the name on the server. */
  deletedNamed(name: string): Connector | undefined {
    return this.index().deleted.get(nameKey(name))?.[0]
  }

  private index(): NonNullable<Inventory['byName']> {
    if (this.byName) return this.byName
    const byName = { live: new Map<string, Connector[]>(), deleted: new Map<string, Connector[]>() }
    for (const connector of this.listing ?? []) {
      const map = connector.deleted ? byName.deleted : byName.live
      const key = nameKey(connector.name)
      const same = map.get(key)
      if (same) same.push(connector)
      else map.set(key, [connector])
    }
    this.byName = byName
    return byName
  }

  /** Deleted ones too, so that pinning one is refused with the reason. */
  withId(id: number): Connector | undefined {
    return this.listing?.find(connector => connector.id === id)
  }

  /** The listed connectors the spec takes: pinned by id:, or named by an entry. */
  claimedBy(specs: ConnectorSpec[]): Set<number> {
    const pinned = specs.flatMap(spec => (spec.id === undefined ? [] : [spec.id]))
    const named = specs.flatMap(spec => this.named(spec.name).map(connector => connector.id))
    return new Set([...pinned, ...named])
  }

  /** Listed connectors, not deleted, that no entry takes: the ones an entry to be created may be a rename of. */
  unclaimed(claimed: ReadonlySet<number>): Connector[] {
    return (this.listing ?? []).filter(connector => !connector.deleted && !claimed.has(connector.id))
  }
}
