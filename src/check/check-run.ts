/**
 * mode: check — what a schedule asks every morning, for every connector of the spec: has it
 * drifted (exactly what plan says), is it healthy, does Azure still accept its app, and does
 * Qualys cover every subscription. Read-only: the Qualys API it is given refuses writes.
 */
import type { AzurePreflight, PreflightResult } from '../azure/preflight.js'
import type { ConnectorSpec } from '../connector-spec/model.js'
import type { Logger } from '../logger.js'
import type { ConnectorApi, GatewayFacts } from '../qualys/client.js'
import type { Connector } from '../qualys/connector.js'
import { markerLine, otherOwner, reconcile, type Outcome, type ReconcileOptions } from '../reconcile/reconcile-run.js'
import { sameName } from '../text.js'
import { mapWithLimit } from '../concurrency.js'
import type { MemberListing } from '../qualys/members.js'
import { computeCoverage, type AzureSubscriptions, type Coverage } from './coverage.js'
import { assessHealth, type Health } from './health.js'

export type AzureCheck =
  | {
      status: 'checked'
      /** Subscriptions the app can read; null when Microsoft did not say. */
      subscriptions: number | null
      /** A definite refusal from Microsoft (bad secret, missing management group). */
      problem?: string
      /** Days until the secret in use expires, where Graph tells. */
      secretExpiresInDays?: number
      /** Days since the secret in use was created, where Graph tells. */
      secretAgeDays?: number
      warnings: string[]
      /** The ids of the subscriptions the app can read, for coverage (not in the report). */
      subscriptionIds?: string[]
    }
  | { status: 'skipped'; reason: string }

export interface ConnectorCheck {
  name: string
  id?: number
  /** The plan's outcome for this connector: its changes are the drift. */
  drift: Outcome
  health: Health
  azure: AzureCheck
  coverage: Coverage
}

export interface CheckReport {
  connectors: ConnectorCheck[]
  /** Connectors the plan would disable (prune), as plan reports them. */
  retired: Outcome[]
  /** Live connectors in Qualys that no entry of this spec names or pins. */
  notInSpec: string[]
  /** Live connectors whose managed-by marker names another owner than this spec's. */
  claimedByOthers: { name: string; id: number; owner: string }[]
  /** What the gateway showed this run: for "does my setup work?" and bug reports. */
  gateway: GatewayFacts & { members?: { path: string } | { unavailable: string } }
  /** A problem of the whole run (the login, the listing): no connector was checked. */
  runProblem?: string
}

export interface CheckOptions {
  maxConcurrency: number
  logger: Logger
  now: () => number
  /** The marker the step's writes carry: the plan compares descriptions without it. */
  marker?: ReconcileOptions['marker']
  /** prune: disable as the step sets it: retiring connectors is drift too. */
  prune?: ReconcileOptions['prune']
  allowCreateWithoutLookup?: boolean
  /** Asked for each connector whose secret the step has; undefined when azure-preflight is false. */
  preflight?: AzurePreflight
  /** Connector name → the environment variable its secret reads (for "skipped: X is not set"). */
  secretVariables: Record<string, string>
  /** The owner this spec's connectors are marked with (the `owner` input, or the repository and spec file). */
  owner?: string
}

/** What check reads from Qualys: the reconciler's API, and the member (subscription) connectors for coverage. */
export interface CheckApi extends ConnectorApi {
  listMembers(): Promise<MemberListing>
  readonly facts: GatewayFacts
}

export async function check(specs: ConnectorSpec[], api: CheckApi, options: CheckOptions): Promise<CheckReport> {
  const readOnly = new ReadOnlyApi(api)
  const plan = await reconcile(specs, readOnly, {
    mode: 'plan',
    onExisting: 'update',
    forceUpdate: false,
    maxConcurrency: options.maxConcurrency,
    allowCreateWithoutLookup: options.allowCreateWithoutLookup,
    marker: options.marker,
    prune: options.prune,
    // What an apply would need of Qualys' call budget, against what the check's own listing says is left.
    budget: () => api.facts.budget,
    logger: options.logger
  })
  const listing = readOnly.listing ?? []
  // One member listing for the whole run, and only when a connector exists to cover.
  let members: Promise<MemberListing> | undefined
  const memberListing = (): Promise<MemberListing> => (members ??= api.listMembers())
  const connectors = await mapWithLimit(specs, options.maxConcurrency, async (spec, index) => {
    const drift = plan.outcomes[index] // one outcome per spec, in spec order
    const connector = drift.connector
    const azure = await azureCheck(spec, options, plan.runProblem)
    return {
      name: spec.name,
      ...(connector ? { id: connector.id } : {}),
      drift,
      health: plan.runProblem
        ? { healthy: false, findings: [] }
        : assessHealth(connector, {
            wantEnabled: spec.enabled !== false,
            wantedFrequency: spec.orgRunFrequency,
            now: options.now(),
            deletedId: connector ? undefined : deletedNamed(listing, spec.name)
          }),
      azure,
      coverage: connector
        ? computeCoverage(connector, await memberListing(), azureSubscriptions(azure))
        : { status: 'not-available', reason: 'the connector is not in Qualys' }
    } satisfies ConnectorCheck
  })
  const memberFacts = members ? await members : undefined
  return {
    connectors,
    retired: plan.outcomes.slice(specs.length),
    notInSpec: notInSpec(listing, specs),
    claimedByOthers: options.owner === undefined ? [] : claimedByOthers(listing, markerLine(options.owner)),
    gateway: {
      ...api.facts,
      ...(memberFacts
        ? { members: memberFacts.available ? { path: memberFacts.path } : { unavailable: memberFacts.reason } }
        : {})
    },
    ...(plan.runProblem || plan.deferral ? { runProblem: plan.runProblem ?? plan.deferral } : {})
  }
}

function claimedByOthers(listing: Connector[], marker: string): CheckReport['claimedByOthers'] {
  return listing.flatMap(connector => {
    const owner = connector.deleted ? undefined : otherOwner(connector, marker)
    return owner === undefined ? [] : [{ name: connector.name, id: connector.id, owner }]
  })
}

async function azureCheck(spec: ConnectorSpec, options: CheckOptions, runProblem?: string): Promise<AzureCheck> {
  if (runProblem) return { status: 'skipped', reason: 'the run stopped before the connectors were checked' }
  if (!options.preflight) return { status: 'skipped', reason: 'azure-preflight is false' }
  if (!spec.secretValue) {
    const variable = options.secretVariables[spec.name]
    return {
      status: 'skipped',
      reason: variable
        ? `${variable} is not in the step's env, so the app's credentials were not tried`
        : "the connector's secret is not given to this step"
    }
  }
  const result: PreflightResult = await options.preflight.check(spec, { details: true })
  return {
    status: 'checked',
    subscriptions: result.subscriptions,
    ...(result.refusal ? { problem: result.refusal } : {}),
    ...(result.secretExpiresInDays === undefined ? {} : { secretExpiresInDays: result.secretExpiresInDays }),
    ...(result.secretAgeDays === undefined ? {} : { secretAgeDays: result.secretAgeDays }),
    warnings: result.warnings,
    ...(result.subscriptionIds ? { subscriptionIds: result.subscriptionIds } : {})
  }
}

function azureSubscriptions(azure: AzureCheck): AzureSubscriptions {
  if (azure.status === 'skipped') return { ids: null, reason: `the Azure side was skipped: ${azure.reason}` }
  if (azure.subscriptionIds) return { ids: azure.subscriptionIds }
  return { ids: null, reason: azure.problem ?? 'Microsoft did not list the subscriptions the app can read' }
}

function deletedNamed(listing: Connector[], name: string): number | undefined {
  return listing.find(connector => connector.deleted && sameName(connector.name, name))?.id
}

function notInSpec(listing: Connector[], specs: ConnectorSpec[]): string[] {
  const pinned = new Set(specs.flatMap(spec => (spec.id === undefined ? [] : [spec.id])))
  return listing
    .filter(c => !c.deleted && !pinned.has(c.id) && !specs.some(spec => sameName(spec.name, c.name)))
    .map(c => c.name)
}

/**
 * The Qualys API as check sees it: reads pass through (the listing is kept for the report),
 * writes are refused. Plan never writes; this makes "check never writes" a property of the
 * code rather than of today's plan.
 */
class ReadOnlyApi implements ConnectorApi {
  listing?: Connector[]

  constructor(private readonly api: ConnectorApi) {}

  async list(): Promise<Connector[] | undefined> {
    this.listing = await this.api.list()
    return this.listing
  }

  get(id: number): Promise<Connector> {
    return this.api.get(id)
  }

  complete(listed: Connector): Promise<Connector> {
    return this.api.complete(listed)
  }

  create(): Promise<Connector> {
    return Promise.reject(new Error('mode: check never writes to Qualys (a create was asked)'))
  }

  update(): Promise<Connector> {
    return Promise.reject(new Error('mode: check never writes to Qualys (an update was asked)'))
  }

  setStatus(): Promise<Connector[]> {
    return Promise.reject(new Error('mode: check never writes to Qualys (an enable or disable was asked)'))
  }
}
