import { MAX_CREATE_ATTEMPTS } from '../http/retry-policy.js'
import type { PreflightResult } from '../azure/preflight.js'
import { updateBody } from '../qualys/body.js'
import type { ConnectorApi } from '../qualys/client.js'
import { missingFields, type Connector } from '../qualys/connector.js'
import { BudgetSpentError, HttpError } from '../http/errors.js'
import { FIELDS, FIELD_NAMES, type ConnectorSpec } from '../connector-spec/model.js'
import { errorMessage } from '../values.js'
import { afterWrite, type AfterWriteDeps, type PendingSync } from './after-write.js'
import { createOnce } from './create.js'
import type { CreatedWrite } from './duplicates.js'
import { diff, FORCED_CHANGE, immutableChanges, isSecretRow, ROTATED_CHANGE, show, type Change } from './diff.js'
import type { Inventory } from './inventory.js'
import type { QualysRead } from './qualys-read.js'
import { forced, type ReconcileOptions } from './options.js'
import { ConnectorFailure, deferred, failed, type Outcome } from './outcome.js'
import {
  carriesMarker,
  markedSpec,
  otherOwner,
  otherOwnerRefusal,
  recordedFingerprint,
  unmarked,
  unmarkedSpec,
  withBookkeeping,
  withoutBookkeeping
} from './prune.js'
import { Fingerprints } from './secret-fingerprint.js'
import {
  renameRefusal,
  samePrefix,
  secondConnectorWarning,
  sortPeers,
  THIN_LISTING_WARNING,
  type TenantPeers
} from './renames.js'
import type { StatusChange } from './status.js'

/** One connector at a time: find it in the listing (or by id), then create it, update it, or leave it. */
export class Reconciler {
  /** Enables and disables, sent together once every connector is reconciled. */
  readonly statusChanges: StatusChange[] = []
  /** Connectors an entry was refused as a rename of: prune leaves them alone, the spec still means them. */
  readonly heldForRename = new Set<number>()
  /** Written connectors whose first sync the run waits for once every write is sent. */
  readonly pendingSyncs: PendingSync[] = []
  /** Connectors this run created, with what it sent: a race with another run is settled from them (duplicates.ts). */
  readonly createdWrites: CreatedWrite[] = []
  private thinListingWarned = false

  constructor(
    private readonly api: ConnectorApi,
    /** The reads before any write, shared with an earlier run of this step (see QualysRead). */
    private readonly read: QualysRead,
    private readonly inventory: Inventory,
    /** Connectors that specs pin by id: no other spec may take them by name. */
    private readonly adopted: ReadonlySet<number>,
    /** Connectors some entry takes by name or id: never the old name of another entry. */
    private readonly claimed: ReadonlySet<number>,
    private readonly options: ReconcileOptions,
    /** The secrets' fingerprints, each computed once (an apply warms them before its listing). */
    readonly fingerprints = new Fingerprints()
  ) {}

  /**
   * `beforeWrite` is awaited just before the connector's write is handed to the client (see WriteOrder):
   * everything the write needs is ready by then, so the write follows at once.
   */
  async one(spec: ConnectorSpec, beforeWrite: () => Promise<void> = () => Promise.resolve()): Promise<Outcome> {
    let current: Connector | undefined
    try {
      current = await this.find(spec)
      return current ? await this.existing(spec, current, beforeWrite) : await this.missing(spec, beforeWrite)
    } catch (error) {
      // The budget stops a call before it is sent (or a 429 refused it): nothing was written to this one.
      if (error instanceof BudgetSpentError) return deferred(spec, current)
      return failed(spec, errorMessage(error))
    }
  }

  private async find(spec: ConnectorSpec): Promise<Connector | undefined> {
    if (spec.id !== undefined) return this.findById(spec, spec.id)
    const matches = this.inventory.named(spec.name)
    if (matches.length > 1) {
      throw new ConnectorFailure(
        `Qualys has ${matches.length} tenant connectors named '${spec.name}' (ids ${matches.map(c => c.id).join(', ')}); delete the extra one in Qualys, or pin the spec to one with id:`
      )
    }
    const [match] = matches
    if (match && this.adopted.has(match.id)) {
      // Until that spec's rename lands, the name is still taken: creating would clash, updating would fight it.
      throw new ConnectorFailure(
        `connector ${match.id} named '${spec.name}' is managed by another spec entry through id: ${match.id}; give this entry another name, or pin it with id:`
      )
    }
    return match
  }

  private async findById(spec: ConnectorSpec, id: number): Promise<Connector> {
    const connector = this.inventory.known
      ? this.inventory.withId(id)
      : await this.read.get(id).catch(notFoundAsUndefined)
    if (!connector)
      throw new ConnectorFailure(
        `no tenant connector with id ${id} in Qualys; fix id: or remove it to create a new connector`
      )
    if (connector.deleted)
      throw new ConnectorFailure(
        `tenant connector ${id} is deleted in Qualys, so it is left alone; remove id: to create a new connector`
      )
    const clash = this.inventory.named(spec.name).find(other => other.id !== id)
    if (clash)
      throw new ConnectorFailure(
        `cannot rename connector ${id} to '${spec.name}': connector ${clash.id} already has that name`
      )
    return connector
  }

  private async missing(given: ConnectorSpec, beforeWrite: () => Promise<void>): Promise<Outcome> {
    const spec = markedSpec(given, undefined, this.options.marker)
    const peers = this.inventory.known ? await this.tenantPeers(spec) : undefined
    if (peers?.renamed) {
      this.heldForRename.add(peers.renamed.connector.id)
      return failed(spec, renameRefusal(spec, peers.renamed))
    }
    const tenantWarnings = peers ? this.tenantWarnings(spec, peers) : []
    // The plan shows what the spec asks for; the marker is bookkeeping the create adds.
    const changes = creationChanges(given)
    if (this.options.mode === 'plan') {
      const warnings = this.inventory.known
        ? tenantWarnings
        : ['the listing is not available, so this connector may already exist']
      return { name: spec.name, result: 'would-create', action: 'create', changes, warnings }
    }
    const noSecret = this.missingSecret(spec, 'create')
    if (noSecret) return failed(spec, noSecret)
    const azure = await this.preflight(spec)
    if (azure.refusal) return { ...failed(spec, azure.refusal), azureSubscriptions: azure.subscriptions }
    // The create sends the secret, so it records its fingerprint: the next run can tell a rotation.
    const sent = markedSpec(given, undefined, this.options.marker, await this.fingerprint(given))
    await beforeWrite()
    const created = await createOnce(sent, {
      api: this.api,
      inventory: this.inventory,
      logger: this.options.logger,
      attempts: this.options.maxCreateAttempts ?? MAX_CREATE_ATTEMPTS
    })
    const outcome: Outcome = {
      name: spec.name,
      result: created.result,
      action: 'create',
      changes,
      connector: created.connector,
      warnings: [...tenantWarnings, ...azure.warnings, ...created.warnings],
      azureSubscriptions: azure.subscriptions
    }
    if (created.result !== 'created') return outcome
    this.createdWrites.push({ sent, outcome })
    // Qualys creates connectors enabled: `enabled: false` is a disable after the create.
    if (spec.enabled === false) this.statusChanges.push({ action: 'DISABLE', outcome })
    return afterWrite(sent, outcome, this.afterWriteDeps)
  }

  /**
   * The unclaimed listed connectors of the entry's tenant. A thin listing says no tenant: of those, only
   * the ones with the entry's prefix are read in full (see THIN_LISTING_WARNING), never the whole listing.
   */
  private async tenantPeers(spec: ConnectorSpec): Promise<TenantPeers> {
    const listed = this.inventory.unclaimed(this.claimed)
    const compared = await Promise.all(
      listed.map(connector =>
        connector.tenantId === undefined && samePrefix(spec, connector)
          ? this.read.complete(connector)
          : Promise.resolve(connector)
      )
    )
    return sortPeers(
      spec,
      compared.filter(connector => !connector.deleted)
    )
  }

  /** A second connector for the tenant goes on with a warning; a thin listing is said once per run. */
  private tenantWarnings(spec: ConnectorSpec, peers: TenantPeers): string[] {
    const warnings = peers.others.map(other => secondConnectorWarning(spec, other))
    if (peers.unknown.length > 0 && !this.thinListingWarned) {
      this.thinListingWarned = true
      warnings.push(THIN_LISTING_WARNING)
    }
    warnings.forEach(warning => this.options.logger.warning(`${spec.name}: ${warning}`))
    return warnings
  }

  private async existing(given: ConnectorSpec, current: Connector, beforeWrite: () => Promise<void>): Promise<Outcome> {
    let spec = given
    const { onExisting, mode, forceUpdate } = this.options
    const base = { name: spec.name, connector: current, warnings: [] as string[] }
    if (onExisting === 'skip') return { ...base, result: 'exists', action: 'none', changes: [] }
    if (onExisting === 'fail') {
      return failed(
        spec,
        `a tenant connector named '${current.name}' already exists (id ${current.id}) and on-existing is 'fail'`,
        current
      )
    }
    current = await this.readInFull(current)
    base.connector = current
    const { marker } = this.options
    const owner = otherOwner(current, marker)
    if (owner !== undefined) return failed(spec, otherOwnerRefusal(current, owner), current)
    const compared = diff(unmarkedSpec(spec, marker), unmarked(current, marker))
    const secret = await this.secretComparison(spec, current)
    const changes = [...compared, ...this.adoption(spec, current, compared), ...secret.changes]
    spec = markedSpec(spec, current, marker)
    const frozen = immutableChanges(changes)
    if (frozen.length > 0) {
      const list = frozen.map(c => `${c.field} '${c.from}' → '${c.to}'`).join(', ')
      return failed(
        spec,
        `${list}: Qualys cannot change ${frozen.length > 1 ? 'these fields' : 'this field'} on an existing connector. Put the old value back, or create a new connector under a new name (and delete the old one in Qualys)`,
        current
      )
    }
    // A forced update is written for no field: its row says why, so the report never shows an empty change.
    if (forced(forceUpdate, spec.name) && !changes.some(isSecretRow)) changes.push(FORCED_CHANGE)
    // `enabled` goes through the status endpoint: a change to it alone sends no update (and no secret).
    const bodyWrite = changes.some(change => change.field !== 'enabled')
    // A write records the fingerprint: "not known" is only said of a connector this run does not write.
    const notes = bodyWrite || secret.notes.length === 0 ? {} : { notes: secret.notes }
    if (changes.length === 0) return { ...base, result: 'unchanged', action: 'none', changes, ...notes }
    const status = changes.some(change => change.field === 'enabled')
      ? spec.enabled
        ? 'ENABLE'
        : 'DISABLE'
      : undefined
    if (bodyWrite) base.warnings.push(...this.unknownFieldsWarning(spec, current))
    if (mode === 'plan') return { ...base, result: 'would-update', action: 'update', changes, ...notes }
    if (!bodyWrite) return this.queueStatus(status, { ...base, result: 'updated', action: 'update', changes, ...notes })
    const noSecret = this.missingSecret(spec, 'update')
    if (noSecret) return failed(spec, noSecret, current)
    const azure = await this.preflight(spec)
    if (azure.refusal) return { ...failed(spec, azure.refusal, current), azureSubscriptions: azure.subscriptions }
    // Sent only once Azure took the secret: the fingerprint then records a secret known to work.
    spec = markedSpec(given, current, marker, secret.fingerprint ?? (await this.fingerprint(given)))
    await beforeWrite()
    const updated = await this.api.update(current.id, spec.name, updateBody(current, spec))
    const outcome = afterWrite(
      spec,
      {
        ...base,
        warnings: [...base.warnings, ...azure.warnings],
        azureSubscriptions: azure.subscriptions,
        result: 'updated',
        action: 'update',
        changes,
        connector: updated
      },
      this.afterWriteDeps
    )
    return outcome.result === 'failed' ? outcome : this.queueStatus(status, outcome)
  }

  /**
   * The spec's secret against the fingerprint the description records. Computed only when there is one to
   * compare (a slow KDF, see secret-fingerprint.ts): equal is no change, different is ROTATED_CHANGE. No
   * recorded fingerprint is a note, not a change (the next write records one); no secret in this run (a
   * plan without the secrets) says nothing, as a plan says nothing of the secret otherwise.
   */
  private async secretComparison(
    spec: ConnectorSpec,
    current: Connector
  ): Promise<{ changes: Change[]; notes: string[]; fingerprint?: string }> {
    if (spec.secretValue === undefined) return { changes: [], notes: [] }
    const recorded = recordedFingerprint(current, this.options.marker)
    if (recorded === undefined) return { changes: [], notes: [SECRET_NOT_KNOWN] }
    const wanted = await this.fingerprint(spec)
    return { changes: recorded === wanted ? [] : [ROTATED_CHANGE], notes: [], fingerprint: wanted }
  }

  /**
   * With prune on, a connector the spec names but that lacks the marker is updated to carry it, and the
   * plan shows that: from then on prune may retire it. Without prune the marker rides along on an update
   * that happens anyway, and no write is sent for it alone (nor a second row beside a description change).
   */
  private adoption(spec: ConnectorSpec, current: Connector, changes: Change[]): Change[] {
    const { marker, prune } = this.options
    if (!prune || marker === undefined || carriesMarker(current, marker)) return []
    if (changes.some(change => change.field === 'description')) return []
    // The fingerprint line is bookkeeping, kept by the write: not shown on either side.
    const from = withoutBookkeeping(current.description ?? '', marker)
    return [
      {
        field: 'description',
        from: show('description', from),
        to: show('description', withBookkeeping(spec.description ?? from, marker, undefined))
      }
    ]
  }

  /** The fingerprint of the secret the spec sends, salted with its tenant and application (only called with a secret). */
  private fingerprint(spec: ConnectorSpec): Promise<string> {
    return this.fingerprints.of(spec.secretValue ?? '', spec)
  }

  get afterWriteDeps(): AfterWriteDeps {
    return { api: this.api, logger: this.options.logger, sync: this.options.sync, pendingSyncs: this.pendingSyncs }
  }

  private queueStatus(action: StatusChange['action'] | undefined, outcome: Outcome): Outcome {
    if (action) this.statusChanges.push({ action, outcome })
    return outcome
  }

  /** Why this write cannot send the Azure secret it needs (its variable is not set); checked before any write to it. */
  private missingSecret(spec: ConnectorSpec, write: 'create' | 'update'): string | undefined {
    if (spec.secretValue !== undefined) return undefined
    const variable = this.options.secretVariables?.[spec.name]
    const source = variable ? `environment variable ${variable} is not set or empty` : 'no Azure client secret is given'
    const fix = variable
      ? `add ${variable}: \${{ secrets.${variable} }} to the step's env:`
      : 'set the secret-value input or secretValue: ${ENV_NAME} in the spec'
    return `${source}, and the ${write} sends the connector's Azure client secret, so nothing was written to it; ${fix}`
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
    const full = await this.read.complete(listed)
    // Deleted since it was listed: never written to.
    if (full.deleted)
      throw new ConnectorFailure(
        `tenant connector ${listed.id} '${listed.name}' is deleted in Qualys, so it is left alone`
      )
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
}

/** The note of a connector whose description records no fingerprint of its secret (written before this version). */
export const SECRET_NOT_KNOWN = 'secretValue: not known — the next write records it'

/** What a create sets, as plan rows. */
function creationChanges(spec: ConnectorSpec): Change[] {
  return FIELD_NAMES.filter(
    field => (FIELDS[field].sent || field === 'enabled') && FIELDS[field].kind !== 'secret' && spec[field] !== undefined
  ).map(field => ({ field, from: '', to: show(field, spec[field]) }))
}

function notFoundAsUndefined(error: unknown): undefined {
  if (error instanceof HttpError && error.kind === 'not-found') return undefined
  throw error
}
