import type { ConnectorApi } from '../qualys/client.js'
import type { Connector } from '../qualys/connector.js'

/**
 * What a run reads of Qualys before it writes: the listing, and the connectors it reads in full (a thin
 * listing's, or pinned ones where there is no listing). An apply that checks the reviewed plan hands its
 * re-plan's read to the apply, so the apply acts on the very read it compared and Qualys is read once.
 * A failed read is not kept: the next one asks again. Reads after a write (a create checking it did not
 * happen, a sync poll) go to the client itself, never here.
 */
export class QualysRead {
  private listing: Promise<Connector[] | undefined> | undefined
  private readonly full = new Map<number, Promise<Connector>>()
  /** The full reads that have answered, for the call estimate: known before any call is made. */
  private readonly settled = new Map<number, Connector>()

  constructor(private readonly api: ConnectorApi) {}

  list(): Promise<Connector[] | undefined> {
    this.listing ??= this.api.list().catch((error: unknown) => {
      this.listing = undefined
      throw error
    })
    return this.listing
  }

  /** A listed connector with every field the gateway gives. */
  complete(listed: Connector): Promise<Connector> {
    return this.once(listed.id, () => this.api.complete(listed))
  }

  /** A connector by id, where there is no listing to find it in. */
  get(id: number): Promise<Connector> {
    return this.once(id, () => this.api.get(id))
  }

  /** The connector as already read in full, if it was. */
  readInFull(id: number): Connector | undefined {
    return this.settled.get(id)
  }

  private once(id: number, read: () => Promise<Connector>): Promise<Connector> {
    const known = this.full.get(id)
    if (known) return known
    const reading = read().then(
      connector => {
        this.settled.set(id, connector)
        return connector
      },
      (error: unknown) => {
        this.full.delete(id)
        throw error
      }
    )
    this.full.set(id, reading)
    return reading
  }
}
