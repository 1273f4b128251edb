import type { Connector } from '../qualys/connector.js'
import { sameName } from '../text.js'

/** The connectors Qualys has, as listed once at the start of the run. Soft-deleted ones are not among them. */
export class Inventory {
  constructor(private readonly listing: Connector[] | undefined) {}

  get known(): boolean {
    return this.listing !== undefined
  }

  named(name: string): Connector[] {
    return (this.listing ?? []).filter(connector => !connector.deleted && sameName(connector.name, name))
  }

  /** A soft-deleted connector of that name: it may still hold the name on the server. */
  deletedNamed(name: string): Connector | undefined {
    return this.listing?.find(connector => connector.deleted && sameName(connector.name, name))
  }

  /** Deleted ones too, so that pinning one is refused with the reason. */
  withId(id: number): Connector | undefined {
    return this.listing?.find(connector => connector.id === id)
  }
}
