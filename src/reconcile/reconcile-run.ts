import type { ConnectorApi } from '../qualys/client.js'
import type { Connector } from '../qualys/connector.js'
import type { ConnectorSpec } from '../connector-spec/model.js'
import { BudgetSpentError } from '../http/errors.js'
import { utcClock } from '../http/budget.js'
import { MAX_RATE_LIMIT_WAIT_MS } from '../http/retry-policy.js'
import { plural } from '../text.js'
import { errorMessage } from '../values.js'
import { estimateCalls, estimateLine } from './call-estimate.js'
import { Inventory } from './inventory.js'
import { QualysRead } from './qualys-read.js'
import type { ReconcileOptions } from './options.js'
import { deferred, notAttempted, type Outcome } from './outcome.js'
import { mapWithLimit } from '../concurrency.js'
import { DISABLE_CHANGE, notManaged, notManagedAdvice, pruneCandidates, pruneGuardProblem } from './prune.js'
import { Reconciler } from './reconcile-connector.js'
import { Fingerprints } from './secret-fingerprint.js'
import { settleFirstSyncs } from './after-write.js'
import { settleDuplicates } from './duplicates.js'
import { applyStatusChanges } from './status.js'
import { WriteOrder } from './write-order.js'

// The reconcile module's entry point: the run's options are part of its interface, and so is
// prune's marker, which the glue puts in the options and checks the spec's descriptions against.
export type { OnExisting, ReconcileOptions } from './options.js'
export type { Outcome } from './outcome.js'
export { markerLengthProblems, markerLine, otherOwner } from './prune.js'
export { QualysRead } from './qualys-read.js'

/** The outcome per connector, and the problem of the whole run that stopped some of them, if any. */
export interface Reconciliation {
  outcomes: Outcome[]
  /** Said once (one annotation, one summary line); the connectors it stopped are `not-attempted`. */
  runProblem?: string
  /**
   * Qualys' call budget ran out beyond rate-limit-wait: how many connectors were deferred, until when, and
   * that the next run continues. Said once; the report of what was done still stands (a partial plan is a plan).
   */
  deferral?: string
}

/**
 * Makes Qualys match the spec (apply) or says what that would change (plan). One listing
 * serves every connector; connectors run concurrently up to maxConcurrency; one failing does
 * not stop the others. A failure of the run itself (the login, the listing) is reported once.
 */
export async function reconcile(
  specs: ConnectorSpec[],
  api: ConnectorApi,
  options: ReconcileOptions
): Promise<Reconciliation> {
  const fingerprints = new Fingerprints()
  try {
    return await reconcileWith(specs, api, options, fingerprints, options.read ?? new QualysRead(api))
  } finally {
    fingerprints.stopWarming()
  }
}

async function reconcileWith(
  specs: ConnectorSpec[],
  api: ConnectorApi,
  options: ReconcileOptions,
  fingerprints: Fingerprints,
  read: QualysRead
): Promise<Reconciliation> {
  let listing: Connector[] | undefined
  try {
    // Every write records its secret's fingerprint: computed off the main thread while the listing runs.
    if (options.mode === 'apply') fingerprints.warm(specs)
    listing = await read.list()
  } catch (error) {
    if (error instanceof BudgetSpentError)
      return {
        outcomes: specs.map(spec => deferred(spec)),
        deferral: `${error.message}, so the connectors were not looked up and nothing was changed. Run again after ${utcClock(error.resumeAt)}, raise rate-limit-wait to wait for it, or ask Qualys for a higher limit`
      }
    // Fail closed: without the lookup a create could duplicate a connector.
    return {
      outcomes: specs.map(notAttempted),
      runProblem: `Could not look up the existing connectors, so nothing was changed: ${errorMessage(error)}`
    }
  }
  let runProblem: string | undefined
  let runnable = specs
  if (listing === undefined) {
    if (options.allowCreateWithoutLookup) {
      options.logger.warning(
        'allow-create-without-lookup is set: connectors are created without checking Qualys for one of the same name, so each run may add a duplicate. An existing connector is recognised only when Qualys refuses its name.'
      )
    } else if (specs.some(spec => spec.id === undefined)) {
      // Entries pinned with id: are read directly; every other one would be a blind create.
      runnable = specs.filter(spec => spec.id !== undefined)
      runProblem =
        'The Qualys gateway has no tenant connector listing (every known listing path answered 404/405), so existing connectors cannot be looked up by name and nothing was created: a create could add a duplicate on every run. Pin existing connectors with id:, or set allow-create-without-lookup: true to create without the check (accepting that risk).'
    }
  }
  if (options.marker === undefined) options.logger.notice(UNMARKED_NOTICE)
  const retired = retiring(specs, listing, options)
  // Checked before any write: a guard that trips after the updates would be too late.
  const guard = retired && options.prune ? pruneGuardProblem(retired, options.prune.max) : undefined
  if (guard) return { outcomes: specs.map(notAttempted), runProblem: guard }
  const adopted = new Set(specs.flatMap(spec => (spec.id === undefined ? [] : [spec.id])))
  const inventory = new Inventory(listing)
  const run = new Reconciler(api, read, inventory, adopted, inventory.claimedBy(specs), options, fingerprints)
  if (listing && options.budget) announceEstimate(runnable, inventory, read, retired?.length ?? 0, options)
  options.progress?.start(runnable.length)
  const order = new WriteOrder()
  const done = await mapWithLimit(runnable, options.maxConcurrency, async (spec, index) => {
    const inTurn = async (): Promise<void> => {
      await order.turn(index)
      order.pass(index)
    }
    try {
      const outcome = await run.one(spec, inTurn)
      options.progress?.finished(outcome)
      return outcome
    } finally {
      order.pass(index)
    }
  })
  // Another apply at the same moment may have created the same entries: one listing finds and settles that.
  if (options.mode === 'apply' && inventory.known)
    await settleDuplicates(run.createdWrites, {
      api,
      logger: options.logger,
      statusChanges: run.statusChanges,
      pendingSyncs: run.pendingSyncs
    })
  // An entry refused as a rename still means its old connector: disabling it would be the wrong fix.
  const kept = (retired ?? []).filter(connector => !run.heldForRename.has(connector.id))
  const pruned = kept.map((connector): Outcome => ({
    name: connector.name,
    result: options.mode === 'plan' ? 'would-disable' : 'disabled',
    action: 'disable',
    changes: [DISABLE_CHANGE],
    connector,
    warnings: []
  }))
  const leftAlone = retired && listing ? leftAloneOutcomes(listing, specs, run.heldForRename, options) : []
  if (options.mode === 'apply')
    await applyStatusChanges(
      api,
      [...run.statusChanges, ...pruned.map(outcome => ({ action: 'DISABLE' as const, outcome }))],
      options.logger
    )
  // Every write is sent before any first sync is polled for: the polls never hold back a write.
  await settleFirstSyncs(run.afterWriteDeps)
  const outcomes = [...specs.map(spec => done[runnable.indexOf(spec)] ?? notAttempted(spec)), ...pruned, ...leftAlone]
  return { outcomes, runProblem, deferral: deferralMessage(outcomes, api) }
}

/** Before the first write: what the run needs of Qualys' budget, against what its last answer said is left. */
function announceEstimate(
  specs: ConnectorSpec[],
  inventory: Inventory,
  read: QualysRead,
  disables: number,
  options: ReconcileOptions
): void {
  const estimate = estimateCalls(specs, inventory, {
    readInFull: id => read.readInFull(id),
    forceUpdate: options.forceUpdate,
    marker: options.marker,
    waitForSync: options.sync !== undefined,
    disables
  })
  options.logger.info(estimateLine(estimate, options.mode, options.budget?.() ?? {}))
}

/** One message for every connector the budget stopped: how many, until when, and that the next run goes on. */
function deferralMessage(outcomes: Outcome[], api: ConnectorApi): string | undefined {
  const stopped = outcomes.filter(outcome => outcome.result === 'deferred')
  if (stopped.length === 0) return undefined
  const spent = api.budgetSpent?.()
  const after = spent ? ` after ${utcClock(spent.resumeAt)}` : ' later'
  const cause = spent?.message ?? "Qualys' API budget is used up"
  // Raising rate-limit-wait helps only when the window is back within its largest value.
  const waitable = spent !== undefined && spent.resumeAt - Date.now() <= MAX_RATE_LIMIT_WAIT_MS
  const one = stopped.length === 1
  return `${cause}. ${stopped.length} of ${plural(outcomes.length, 'connector')} ${one ? 'was' : 'were'} deferred (in the spec's order, from '${stopped[0].name}'); nothing was written to ${one ? 'it' : 'them'}. Run again${after}: the next run continues where this one stopped. ${waitable ? 'To finish in one run, raise rate-limit-wait; for more calls per window, ask Qualys' : 'For more calls per window, ask Qualys'} for a higher limit`
}

/**
 * Why no marker is written for inline inputs without `owner`: the repository alone would be the same owner
 * for every inline step of it, so each would count the others' connectors as its own (and prune them).
 */
const UNMARKED_NOTICE =
  "No owner is known (inline inputs without the owner input), so connectors are written without a 'managed-by:' marker, and a later prune: disable cannot retire them. Set owner to a name only this step uses to mark them"

/** With prune on, the unmarked connectors outside the spec: listed, never touched, with what to do. */
function leftAloneOutcomes(
  listing: Connector[],
  specs: ConnectorSpec[],
  held: ReadonlySet<number>,
  options: ReconcileOptions
): Outcome[] {
  const { marker } = options
  if (marker === undefined) return []
  return notManaged(listing, specs, held).map(connector => ({
    name: connector.name,
    result: 'not-managed',
    action: 'none',
    changes: [],
    connector,
    warnings: [notManagedAdvice(connector, marker)]
  }))
}

/** The connectors prune disables; undefined when prune is off or cannot run (fail closed: no listing, no prune). */
function retiring(
  specs: ConnectorSpec[],
  listing: Connector[] | undefined,
  options: ReconcileOptions
): Connector[] | undefined {
  if (!options.prune || options.marker === undefined) return undefined
  if (listing === undefined) {
    options.logger.warning(
      'prune is disable, but Qualys has no complete listing of tenant connectors, so nothing is pruned'
    )
    return undefined
  }
  return pruneCandidates(listing, specs, options.marker)
}
