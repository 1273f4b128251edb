/**
 * What a run will ask of Qualys' call budget, known once the listing is in and before the first write:
 * the writes, the reads a thin listing needs before an update or a create, the status calls and the sync
 * polls. An estimate: a read may find nothing to write, a sync may take more than one poll. The listing after
 * the creates counts among the reads, a page each of PREFERRED_PAGE_SIZE (a gateway that takes fewer a page
 * needs more).
 */
import type { StatedBudget } from '../http/rate-gate.js'
import { PREFERRED_PAGE_SIZE } from '../qualys/assumptions.js'
import { missingFields, type Connector } from '../qualys/connector.js'
import type { ConnectorSpec } from '../connector-spec/model.js'
import { plural } from '../text.js'
import { diff } from './diff.js'
import type { Inventory } from './inventory.js'
import { forced, type ReconcileOptions } from './options.js'
import { unmarked } from './prune.js'
import { samePrefix } from './renames.js'

export interface CallEstimate {
  writes: number
  reads: number
  statusCalls: number
  syncPolls: number
}

export function estimateCalls(
  specs: ConnectorSpec[],
  inventory: Inventory,
  options: {
    forceUpdate: ReconcileOptions['forceUpdate']
    marker?: string
    waitForSync: boolean
    disables: number
    /** A connector an earlier run of this step already read in full (the re-plan's): no read to count. */
    readInFull?: (id: number) => Connector | undefined
  }
): CallEstimate {
  const estimate: CallEstimate = { writes: 0, reads: 0, statusCalls: 0, syncPolls: 0 }
  const status = new Set<string>()
  if (options.disables > 0) status.add('DISABLE')
  // A create first reads in full the thinly listed connectors of its prefix, to tell a rename (once each).
  const thinPeers = inventory
    .unclaimed(inventory.claimedBy(specs))
    .filter(connector => connector.tenantId === undefined && !options.readInFull?.(connector.id))
  const peerReads = new Set<number>()
  let creates = 0
  for (const spec of specs) {
    const listed = spec.id !== undefined ? inventory.withId(spec.id) : inventory.named(spec.name)[0]
    const full = listed && options.readInFull?.(listed.id)
    const current = full ?? listed
    if (!current) {
      estimate.writes++
      if (spec.id === undefined) creates++
      if (spec.enabled === false) status.add('DISABLE')
      for (const peer of thinPeers) if (samePrefix(spec, peer)) peerReads.add(peer.id)
      continue
    }
    if (current.deleted) continue
    if (!full && missingFields(current).length > 0) {
      // Read in full before it is compared; whether it then needs an update is not known yet.
      estimate.reads++
      if (forced(options.forceUpdate, spec.name)) estimate.writes++
      continue
    }
    const changes = diff(spec, unmarked(current, options.marker))
    if (forced(options.forceUpdate, spec.name) || changes.some(change => change.field !== 'enabled')) estimate.writes++
    if (changes.some(change => change.field === 'enabled')) status.add(spec.enabled ? 'ENABLE' : 'DISABLE')
  }
  estimate.reads += peerReads.size
  // After its creates an apply lists once more, for a connector another run created at the same time (duplicates.ts).
  if (creates > 0) estimate.reads += Math.ceil((inventory.size + creates) / PREFERRED_PAGE_SIZE)
  estimate.statusCalls = status.size
  // At least one poll per write; a slow first sync takes more.
  estimate.syncPolls = options.waitForSync ? estimate.writes : 0
  return estimate
}

export function totalCalls(estimate: CallEstimate): number {
  return estimate.writes + estimate.reads + estimate.statusCalls + estimate.syncPolls
}

/**
 * "This apply needs about 412 calls (400 writes, 12 reads); Qualys has 288 of 300 left in this window":
 * said before the first write, so a run that will wait or defer says so up front.
 */
export function estimateLine(estimate: CallEstimate, mode: 'apply' | 'plan', budget: StatedBudget): string {
  const total = totalCalls(estimate)
  const parts = [
    plural(estimate.writes, 'write'),
    ...(estimate.reads ? [plural(estimate.reads, 'read')] : []),
    ...(estimate.statusCalls ? [plural(estimate.statusCalls, 'status call')] : []),
    ...(estimate.syncPolls ? [`${plural(estimate.syncPolls, 'sync poll')} or more`] : [])
  ]
  const needs = `${mode === 'apply' ? 'This apply needs' : 'An apply of this plan needs'} about ${plural(total, 'call')} (${parts.join(', ')})`
  if (budget.remaining === undefined || budget.limit === undefined)
    return `${needs}; Qualys did not say how many calls are left (no X-RateLimit headers)`
  const window = budget.windowSec ? ` in this ${budget.windowSec} s window` : ' in this window'
  const over =
    total > budget.remaining
      ? `: more than is left, so the run waits for the window within rate-limit-wait, and defers the rest beyond it`
      : ''
  return `${needs}; Qualys has ${budget.remaining} of ${budget.limit} left${window}${over}`
}
