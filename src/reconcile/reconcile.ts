import type { AzurePreflight, PreflightResult } from '../azure/preflight.js'
import type { Logger } from '../logger.js'
import { createBody, updateBody } from '../qualys/body.js'
import type { ConnectorApi } from '../qualys/client.js'
import { CREATE_REFUSALS_TO_CHECK } from '../qualys/assumptions.js'
import { missingFields, type Connector } from '../qualys/connector.js'
import { QualysError } from '../qualys/errors.js'
import { FIELDS, FIELD_NAMES, type ConnectorSpec } from '../spec/model.js'
import { sameName } from '../text.js'
import { diff, immutableChanges, show, type Change } from './diff.js'
import { mapWithLimit } from './pool.js'
import { DISABLE_CHANGE, markedSpec, pruneCandidates, pruneGuardProblem } from './prune.js'
import { applyStatusChanges, type StatusChange } from './status.js'
import { waitForSync, type SyncWait } from './sync.js'
import { errorMessage } from '../values.js'

export type OnExisting = 'update' | 'skip' | 'fail'
export type Result = 'created' | 'exists' | 'updated' | 'unchanged' | 'would-create' | 'would-update' | 'would-disable' | 'disabled' | 'valid' | 'failed' | 'not-attempted'
export type PlannedAction = 'create' | 'update' | 'disable' | 'none'

export interface Outcome {
  name: string
  result: Result
  /** What apply does (or did) to this connector. */
  action: PlannedAction
  changes: Change[]
  connector?: Connector
  error?: string
  warnings: string[]
  /** Qualys was changed for this connector (also when its first sync then failed). */
  written?: boolean
  /** Azure subscriptions the app can read, from the preflight; null or absent when not checked. */
  azureSubscriptions?: number | null
}

export interface ReconcileOptions {
  mode: 'apply' | 'plan'
  onExisting: OnExisting
  forceUpdate: boolean
  maxConcurrency: number
  /** Creates sent for one connector at most, each after checking the previous one did not happen (default 3). */
  maxCreateAttempts?: number
  /** Create connectors even when the gateway has no listing to look them up in (risks duplicates). */
  allowCreateWithoutLookup?: boolean
  /** Wait for the first sync after each write; undefined = do not wait. */
  sync?: SyncWait & { failOnError: boolean }
  /** Asked before each write that sends the secret; a refusal fails the connector before Qualys is written. */
  preflight?: AzurePreflight
  /** prune: disable — the marker this run's connectors carry, and how many it may disable at most. */
  prune?: { marker: string; max: number }
  logger: Logger
}

const DEFAULT_CREATE_ATTEMPTS = 3

/** Thrown inside one connector's reconcile: it fails that connector only. */
class ConnectorFailure extends Error {}

/** The outcome per connector, and the problem of the whole run that stopped some of them, if any. */
export interface Reconciliation {
  outcomes: Outcome[]
  /** Said once (one annotation, one summary line); the connectors it stopped are `not-attempted`. */
  runProblem?: string
}

/**
 * Makes Qualys match the spec (apply) or says what that would change (plan). One listing
 * serves every connector; connectors run concurrently up to maxConcurrency; one failing does
 * not stop the others. A failure of the run itself (the login, the listing) is reported once.
 */
export async function reconcile(specs: ConnectorSpec[], api: ConnectorApi, options: ReconcileOptions): Promise<Reconciliation> {
  let listing: Connector[] | undefined
  try {
    listing = await api.list()
  } catch (error) {
    // Fail closed: without the lookup a create could duplicate a connector.
    return { outcomes: specs.map(notAttempted), runProblem: `Could not look up the existing connectors, so nothing was changed: ${errorMessage(error)}` }
  }
  let runProblem: string | undefined
  let runnable = specs
  if (listing === undefined) {
    if (options.allowCreateWithoutLookup) {
      options.logger.warning('allow-create-without-lookup is set: connectors are created without checking Qualys for one of the same name, so each run may add a duplicate. An existing connector is recognised only when Qualys refuses its name.')
    } else if (specs.some(spec => spec.id === undefined)) {
      // Entries pinned with id: are read directly; every other one would be a blind create.
      runnable = specs.filter(spec => spec.id !== undefined)
      runProblem = 'The Qualys gateway has no tenant connector listing (every known listing path answered 404/405), so existing connectors cannot be looked up by name and nothing was created: a create could add a duplicate on every run. Pin existing connectors with id:, or set allow-create-without-lookup: true to create without the check (accepting that risk).'
    }
  }
  const retired = retiring(specs, listing, options)
  // Checked before any write: a guard that trips after the updates would be too late.
  const guard = retired && options.prune ? pruneGuardProblem(retired, options.prune.max) : undefined
  if (guard) return { outcomes: specs.map(notAttempted), runProblem: guard }
  const adopted = new Set(specs.flatMap(spec => (spec.id === undefined ? [] : [spec.id])))
  const run = new Reconciler(api, new Inventory(listing), adopted, options)
  const done = await mapWithLimit(runnable, options.maxConcurrency, spec => run.one(spec))
  const pruned = (retired ?? []).map((connector): Outcome => ({
    name: connector.name, result: options.mode === 'plan' ? 'would-disable' : 'disabled', action: 'disable', changes: [DISABLE_CHANGE], connector, warnings: []
  }))
  if (options.mode === 'apply') await applyStatusChanges(api, [...run.statusChanges, ...pruned.map(outcome => ({ action: 'DISABLE' as const, outcome }))], options.logger)
  return { outcomes: [...specs.map(spec => done[runnable.indexOf(spec)] ?? notAttempted(spec)), ...pruned], runProblem }
}

/** The connectors prune disables; undefined when prune is off or cannot run (fail closed: no listing, no prune). */
function retiring(specs: ConnectorSpec[], listing: Connector[] | undefined, options: ReconcileOptions): Connector[] | undefined {
  if (!options.prune) return undefined
  if (listing === undefined) {
    options.logger.warning('prune is disable, but Qualys has no complete listing of tenant connectors, so nothing is pruned')
    return undefined
  }
  return pruneCandidates(listing, specs, options.prune.marker)
}

/** The connectors Qualys has, as listed once at the start of the run. Soft-deleted ones are not among them. */
class Inventory {
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

class Reconciler {
  /** Enables and disables, sent together once every connector is reconciled. */
  readonly statusChanges: StatusChange[] = []

  constructor(
    private readonly api: ConnectorApi,
    private readonly inventory: Inventory,
    /** Connectors that specs pin by id: no other spec may take them by name. */
    private readonly adopted: ReadonlySet<number>,
    private readonly options: ReconcileOptions
  ) {}

  async one(spec: ConnectorSpec): Promise<Outcome> {
    try {
      const current = await this.find(spec)
      return current ? await this.existing(spec, current) : await this.missing(spec)
    } catch (error) {
      return failed(spec, errorMessage(error))
    }
  }

  private async find(spec: ConnectorSpec): Promise<Connector | undefined> {
    if (spec.id !== undefined) return this.findById(spec, spec.id)
    const matches = this.inventory.named(spec.name)
    if (matches.length > 1) {
      throw new ConnectorFailure(`Qualys has ${matches.length} tenant connectors named '${spec.name}' (ids ${matches.map(c => c.id).join(', ')}); delete the extra one in Qualys, or pin the spec to one with id:`)
    }
    const [match] = matches
    if (match && this.adopted.has(match.id)) {
      // Until that spec's rename lands, the name is still taken: creating would clash, updating would fight it.
      throw new ConnectorFailure(`connector ${match.id} named '${spec.name}' is managed by another spec entry through id: ${match.id}; give this entry another name, or pin it with id:`)
    }
    return match
  }

  private async findById(spec: ConnectorSpec, id: number): Promise<Connector> {
    const connector = this.inventory.known ? this.inventory.withId(id) : await this.api.get(id).catch(notFoundAsUndefined)
    if (!connector) throw new ConnectorFailure(`no tenant connector with id ${id} in Qualys; fix id: or remove it to create a new connector`)
    if (connector.deleted) throw new ConnectorFailure(`tenant connector ${id} is deleted in Qualys, so it is left alone; remove id: to create a new connector`)
    const clash = this.inventory.named(spec.name).find(other => other.id !== id)
    if (clash) throw new ConnectorFailure(`cannot rename connector ${id} to '${spec.name}': connector ${clash.id} already has that name`)
    return connector
  }

  private async missing(given: ConnectorSpec): Promise<Outcome> {
    const spec = markedSpec(given, undefined, this.options.prune?.marker)
    const changes = creationChanges(spec)
    if (this.options.mode === 'plan') {
      const warnings = this.inventory.known ? [] : ['the listing is not available, so this connector may already exist']
      return { name: spec.name, result: 'would-create', action: 'create', changes, warnings }
    }
    const azure = await this.preflight(spec)
    if (azure.refusal) return { ...failed(spec, azure.refusal), azureSubscriptions: azure.subscriptions }
    const created = await this.createOnce(spec)
    const outcome: Outcome = { name: spec.name, result: created.result, action: 'create', changes, connector: created.connector, warnings: [...azure.warnings, ...created.warnings], azureSubscriptions: azure.subscriptions }
    if (created.result !== 'created') return outcome
    // Qualys creates connectors enabled: `enabled: false` is a disable after the create.
    if (spec.enabled === false) this.statusChanges.push({ action: 'DISABLE', outcome })
    return this.afterWrite(spec, outcome)
  }

  /**
   * Creates are not idempotent: after an answer that may hide a success (timeout, reset, 5xx,
   * unreadable body) the name is looked up again before anything is sent again, and a
   * resend refused as a duplicate name is resolved by looking up again.
   */
  private async createOnce(spec: ConnectorSpec): Promise<{ result: 'created' | 'exists'; connector?: Connector; warnings: string[] }> {
    const { logger } = this.options
    let unsure = false
    const attempts = this.options.maxCreateAttempts ?? DEFAULT_CREATE_ATTEMPTS
    for (let attempt = 1; attempt <= attempts; attempt++) {
      try {
        return { result: 'created', connector: await this.api.create(spec.name, createBody(spec), { resend: attempt > 1 }), warnings: [] }
      } catch (error) {
        const refused = error instanceof QualysError && (error.kind === 'duplicate-name' || (error.kind === 'rejected' && CREATE_REFUSALS_TO_CHECK.includes(error.status ?? 0)))
        if (refused) {
          // A refusal that does not name its reason may still be a taken name: look before calling it a failure.
          const existing = await this.lookUpAgain(spec)
          if (!existing && error.kind !== 'duplicate-name') throw error
          if (unsure) {
            // Our earlier, unanswered attempt most likely made it.
            const warnings = existing ? [] : [`Qualys says '${spec.name}' exists, but it is not listed yet; its id and state are unknown until the next run`]
            warnings.forEach(warning => logger.warning(`${spec.name}: ${warning}`))
            return { result: 'created', connector: existing, warnings }
          }
          const deleted = existing ? undefined : this.inventory.deletedNamed(spec.name)
          if (deleted) {
            throw new ConnectorFailure(`Qualys refuses the name '${spec.name}': the deleted connector ${deleted.id} still holds it. Give the spec entry another name, or have the deleted connector purged in Qualys`)
          }
          const warning = `Qualys refused the create because a connector named '${spec.name}' exists${existing ? ` (id ${existing.id})` : ''}; left as it is`
          logger.warning(`${spec.name}: ${warning}`)
          return { result: 'exists', connector: existing, warnings: [warning] }
        }
        if (!(error instanceof QualysError) || !error.ambiguous) throw error
        logger.warning(`${spec.name}: ${error.message}. Checking whether Qualys created it before trying again.`)
        if (!this.inventory.known) {
          throw new ConnectorFailure(`${error.message}. The create may have happened, and without a listing it cannot be checked: look for '${spec.name}' in Qualys before running again`)
        }
        unsure = true
        const existing = await this.lookUpAgain(spec)
        if (existing) {
          logger.info(`${spec.name}: Qualys did create it (id ${existing.id}); not sending it again`)
          return { result: 'created', connector: existing, warnings: [] }
        }
        if (attempt < attempts) logger.info(`${spec.name}: Qualys has no connector of that name; sending the create again (attempt ${attempt + 1} of ${attempts})`)
      }
    }
    throw new ConnectorFailure(`the create kept failing without a clear answer; Qualys has no connector named '${spec.name}' now. Run again later`)
  }

  private async lookUpAgain(spec: ConnectorSpec): Promise<Connector | undefined> {
    if (!this.inventory.known) return undefined
    const listing = await this.api.list()
    // "No listing" is not "not there": resending on that basis could duplicate the connector.
    if (!listing) throw new ConnectorFailure(`the listing stopped answering, so whether Qualys created '${spec.name}' cannot be checked; look for it in Qualys before running again`)
    const matches = listing.filter(connector => !connector.deleted && sameName(connector.name, spec.name))
    if (matches.length > 1) throw new ConnectorFailure(`Qualys now has ${matches.length} connectors named '${spec.name}' (ids ${matches.map(c => c.id).join(', ')})`)
    return matches[0]
  }

  private async existing(given: ConnectorSpec, current: Connector): Promise<Outcome> {
    let spec = given
    const { onExisting, mode, forceUpdate } = this.options
    const base = { name: spec.name, connector: current, warnings: [] as string[] }
    if (onExisting === 'skip') return { ...base, result: 'exists', action: 'none', changes: [] }
    if (onExisting === 'fail') {
      return failed(spec, `a tenant connector named '${current.name}' already exists (id ${current.id}) and on-existing is 'fail'`, current)
    }
    current = await this.readInFull(current)
    base.connector = current
    spec = markedSpec(spec, current, this.options.prune?.marker)
    const changes = diff(spec, current)
    const frozen = immutableChanges(changes)
    if (frozen.length > 0) {
      const list = frozen.map(c => `${c.field} '${c.from}' → '${c.to}'`).join(', ')
      return failed(spec, `${list}: Qualys cannot change ${frozen.length > 1 ? 'these fields' : 'this field'} on an existing connector. Put the old value back, or create a new connector under a new name (and delete the old one in Qualys)`, current)
    }
    if (changes.length === 0 && !forceUpdate) return { ...base, result: 'unchanged', action: 'none', changes }
    // `enabled` goes through the status endpoint: a change to it alone sends no update (and no secret).
    const status = changes.some(change => change.field === 'enabled') ? (spec.enabled ? 'ENABLE' : 'DISABLE') : undefined
    const bodyWrite = forceUpdate || changes.some(change => change.field !== 'enabled')
    if (bodyWrite) base.warnings.push(...this.unknownFieldsWarning(spec, current))
    if (mode === 'plan') return { ...base, result: 'would-update', action: 'update', changes }
    if (!bodyWrite) return this.queueStatus(status, { ...base, result: 'updated', action: 'update', changes })
    const azure = await this.preflight(spec)
    if (azure.refusal) return { ...failed(spec, azure.refusal, current), azureSubscriptions: azure.subscriptions }
    const updated = await this.api.update(current.id, spec.name, updateBody(current, spec))
    const outcome = await this.afterWrite(spec, { ...base, warnings: [...base.warnings, ...azure.warnings], azureSubscriptions: azure.subscriptions, result: 'updated', action: 'update', changes, connector: updated })
    return outcome.result === 'failed' ? outcome : this.queueStatus(status, outcome)
  }

  private queueStatus(action: StatusChange['action'] | undefined, outcome: Outcome): Outcome {
    if (action) this.statusChanges.push({ action, outcome })
    return outcome
  }

  private preflight(spec: ConnectorSpec): Promise<PreflightResult> {
    return this.options.preflight?.check(spec) ?? Promise.resolve({ warnings: [], subscriptions: null })
  }

  /**
   * A listing may carry only a few fields of each connector: such a connector is read in full
   * before it is compared (a diff of what is missing would see nothing) or updated (a full
   * replacement would reset what is missing).
   */
  private async readInFull(listed: Connector): Promise<Connector> {
    if (missingFields(listed).length === 0) return listed
    const full = await this.api.complete(listed)
    // Deleted since it was listed: never written to.
    if (full.deleted) throw new ConnectorFailure(`tenant connector ${listed.id} '${listed.name}' is deleted in Qualys, so it is left alone`)
    return full
  }

  /** An update is a full replacement: a field known neither to the spec nor to Qualys is left out, not guessed. */
  private unknownFieldsWarning(spec: ConnectorSpec, current: Connector): string[] {
    const unknown = missingFields(current).filter(field => spec[field] === undefined)
    if (unknown.length === 0) return []
    const warning = `Qualys did not return ${unknown.join(', ')} and the spec does not set ${unknown.length > 1 ? 'them' : 'it'}: the update leaves ${unknown.length > 1 ? 'them' : 'it'} out, and Qualys may reset ${unknown.length > 1 ? 'them' : 'it'}. Set ${unknown.length > 1 ? 'them' : 'it'} in the spec to keep the values`
    this.options.logger.warning(`${spec.name}: ${warning}`)
    return [warning]
  }

  /** Checks Qualys took the values, then waits for the first sync if asked. */
  private async afterWrite(spec: ConnectorSpec, outcome: Outcome): Promise<Outcome> {
    const { logger, sync } = this.options
    const written = outcome.connector
    if (!written) return outcome
    // `enabled` is set after the write, through the status endpoint: not in this answer yet.
    const ignored = diff(spec, written).filter(change => change.field !== 'enabled')
    if (ignored.length > 0) {
      const warning = `Qualys answered with other values than sent for ${ignored.map(c => `${c.field} (sent '${c.to}', got '${c.from}')`).join(', ')}`
      logger.warning(`${spec.name}: ${warning}`)
      outcome.warnings.push(warning)
    }
    outcome.written = true
    if (!sync) return outcome
    if (written.disabled || spec.enabled === false) {
      logger.info(`${spec.name}: the connector is disabled in Qualys, so no sync follows the write; not waiting`)
      return outcome
    }
    logger.info(`${spec.name}: waiting for the first sync (state ${written.state ?? 'unknown'})`)
    const problem = await this.waitForFirstSync(spec, outcome, sync)
    if (problem === undefined) return outcome
    if (sync.failOnError) return { ...outcome, result: 'failed', error: problem }
    logger.warning(`${spec.name}: ${problem}`)
    outcome.warnings.push(problem)
    return outcome
  }
  /** Waits, and says what went wrong with the first sync, if anything (the write itself stands). */
  private async waitForFirstSync(spec: ConnectorSpec, outcome: Outcome, sync: SyncWait): Promise<string | undefined> {
    let result
    try {
      result = await waitForSync(this.api, outcome.connector as Connector, sync)
    } catch (error) {
      return `the connector was written, but its state could not be read while waiting for the first sync: ${errorMessage(error)}`
    }
    outcome.connector = result.connector
    switch (result.outcome) {
      case 'success':
        this.options.logger.info(`${spec.name}: synced, state ${result.connector.state}`)
        return undefined
      case 'unknown': {
        const warning = `the first sync ended in state ${result.connector.state}, which the action does not know as a success or a failure; check the connector in Qualys`
        this.options.logger.warning(`${spec.name}: ${warning}`)
        outcome.warnings.push(warning)
        return undefined
      }
      case 'no-state': {
        const warning = 'Qualys reports no state for this connector, so its first sync cannot be waited for; check the connector in Qualys'
        this.options.logger.warning(`${spec.name}: ${warning}`)
        outcome.warnings.push(warning)
        return undefined
      }
      case 'failed':
        return `the first sync failed (state ${result.connector.state}): ${result.lastError}`
      case 'timeout':
        return `still ${result.connector.state ?? 'syncing'} after ${Math.round(result.waitedMs / 1000)} s; raise wait-timeout, or check the connector in Qualys`
    }
  }
}

/** What a create sets, as plan rows. */
function creationChanges(spec: ConnectorSpec): Change[] {
  return FIELD_NAMES.filter(field => (FIELDS[field].sent || field === 'enabled') && FIELDS[field].kind !== 'secret' && spec[field] !== undefined)
    .map(field => ({ field, from: '', to: show(field, spec[field]) }))
}

function notAttempted(spec: ConnectorSpec): Outcome {
  return { name: spec.name, result: 'not-attempted', action: 'none', changes: [], warnings: [] }
}

function notFoundAsUndefined(error: unknown): undefined {
  if (error instanceof QualysError && error.kind === 'not-found') return undefined
  throw error
}

/** A connector that failed; `found` is the existing one, when there is one, so its id is still reported. */
function failed(spec: ConnectorSpec, error: string, found?: Connector): Outcome {
  return { name: spec.name, result: 'failed', action: 'none', changes: [], error, warnings: [], ...(found ? { connector: found } : {}) }
}

