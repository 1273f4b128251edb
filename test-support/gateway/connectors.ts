import { randomUUID } from 'node:crypto'
import {
  ApiError,
  ConnectorInput,
  Context,
  DAY_MINUTES,
  DEFAULT_PAGE_SIZE,
  DEFAULT_SYNC_ERROR,
  DEFAULT_SYNC_STATES,
  ERROR_STATES,
  FakeConnector,
  GatewayOptions,
  Reply,
  SERVER_MAX_PREFIX_LENGTH,
  SUCCESS_STATES,
  SyncScript
} from './model.js'
import { errorReply, intParam, json, qualysTime, requireJson } from './replies.js'
import { parseConnectorInput } from './requests.js'
import { createStyle, listStyle, thinStyle } from './shapes.js'

/** Ids start here, like the six-digit ids of Qualys' samples. */
const FIRST_ID = 100001

/** The gateway's tenant connectors: what it stores, its connector endpoints, and the sync each write starts. */
export class ConnectorStore {
  private store: FakeConnector[] = []
  private nextId = FIRST_ID
  private readonly syncScripts = new Map<number, SyncScript>() // by connector id
  private readonly namedScripts = new Map<string, { states: string[]; lastError: string | null | undefined }>()
  // Same for every connector of this gateway, like one Qualys subscription.
  private readonly customerId = randomUUID()
  private readonly organizationId = randomUUID()
  private readonly userUuid = randomUUID()

  constructor(
    private readonly options: GatewayOptions,
    /** Counts a request of this kind in the gateway's stats. */
    private readonly count: (kind: 'lists' | 'gets' | 'creates' | 'updates' | 'statuses') => void
  ) {}

  /** A copy of every connector, soft-deleted ones included. */
  all(): FakeConnector[] {
    return structuredClone(this.store)
  }

  /** Changes a stored connector in place, as a person editing it in the Qualys UI (or a sync Qualys ran) would. */
  edit(id: number, patch: Partial<Omit<FakeConnector, 'id'>>): void {
    const connector = this.store.find(c => c.id === id)
    if (!connector) throw new Error(`edit: no connector ${id}`)
    Object.assign(connector, patch)
  }

  /** Forgets every connector and sync script. */
  reset(): void {
    this.store = []
    this.nextId = FIRST_ID
    this.syncScripts.clear()
    this.namedScripts.clear()
  }

  /** Inserts a connector directly (no validation, no uniqueness check) as if it had synced before. */
  seed(connector: Partial<FakeConnector> & { name: string }): FakeConnector {
    const given = Object.fromEntries(
      Object.entries(structuredClone(connector)).filter(([, v]) => v !== undefined)
    ) as Partial<FakeConnector> & { name: string }
    const id = given.id ?? this.nextId
    if (this.store.some(c => c.id === id)) throw new Error(`seed: id ${id} is already used`)
    this.nextId = Math.max(this.nextId, id + 1)

    const now = Date.now()
    const tenantId = given.tenantId ?? randomUUID()
    const frequency = given.orgRunFrequency ?? DAY_MINUTES
    const record: FakeConnector = {
      id,
      uuid: randomUUID(),
      description: null,
      tenantId,
      tenantName: 'Fake tenant',
      applicationId: randomUUID(),
      secretValue: 'seeded-secret',
      connectorAppInfos: ['AI', 'CI', 'CSA'].map(name => ({ name, identifier: tenantId, tagId: null })),
      orgRunFrequency: frequency,
      connectorRunFrequency: DAY_MINUTES,
      connectorPrefixName: given.name.replace(/[^A-Za-z0-9_-]/g, '').slice(0, SERVER_MAX_PREFIX_LENGTH) || 'seeded',
      includedMem: [],
      excludedMem: [],
      isCreateConnectorForNewSubscriptionsAutomatically: false,
      isDisableConnectorsForDeletedManagementGroups: false,
      isRemediationEnabled: false,
      autoActivateVM: false,
      autoActivatePC: false,
      autoActivateSCA: false,
      autoActivateCertView: false,
      autoActivateCV: false,
      defaultTagIds: [],
      state: 'SUCCESS',
      lastError: null,
      disabled: false,
      deleted: false,
      lastSynced: qualysTime(now),
      nextSync: qualysTime(now + frequency * 60_000),
      lastSuccessfulSync: qualysTime(now),
      createdBy: 'Seeded User',
      userName: 'seeded_user',
      userUuid: this.userUuid,
      customerId: this.customerId,
      organizationId: this.organizationId,
      ...given
    }
    this.store.push(record)
    return structuredClone(record)
  }

  /** Soft-deletes a connector: it stays in listings with isDeleted, and its name is free again. */
  softDelete(id: number): void {
    const connector = this.store.find(c => c.id === id)
    if (!connector) throw new Error(`softDelete: no connector ${id}`)
    connector.deleted = true
  }

  /**
   * Scripts the states every connector named `name` shows on its next GETs (one state per GET).
   * The script is also remembered for that name: a later create/update of it starts at the
   * script's first state instead of the default `syncStates`, so a test may call this before the
   * action creates or updates the connector. `lastError` (default: an Azure-like message; `null`
   * for none) is set when an ERROR/FINISHED_ERRORS state is reached.
   */
  setSync(name: string, states: string[], lastError?: string | null): void {
    if (states.length === 0) throw new Error('setSync: give at least one state')
    this.namedScripts.set(name, { states: [...states], lastError })
    for (const c of this.store) {
      if (c.name === name) this.syncScripts.set(c.id, { queue: [...states], lastError })
    }
  }

  list(ctx: Context): Reply {
    this.count('lists')
    const pageNumber = intParam(ctx.query, 'pageNumber', 0, 0)
    const pageSize = Math.min(intParam(ctx.query, 'pageSize', DEFAULT_PAGE_SIZE, 1), this.options.maxPageSize ?? 100)
    const all = [...this.store].sort((a, b) => a.id - b.id)
    const shape = { 'create-style': createStyle, 'list-style': listStyle, thin: thinStyle }[
      this.options.listShape ?? 'list-style'
    ]
    const page = all.slice(pageNumber * pageSize, (pageNumber + 1) * pageSize)
    // Without GET /{id} a client can only watch a sync through the listing: let it move there.
    if (this.options.getSupported === false) page.forEach(c => this.advanceSync(c))
    const content = page.map(shape)
    return json(200, {
      currentPage: pageNumber,
      currentPageSize: content.length,
      totalPages: Math.max(1, Math.ceil(all.length / pageSize)),
      numberOfElements: content.length,
      totalElements: all.length,
      content
    })
  }

  getOne(id: number): Reply {
    this.count('gets')
    const connector = this.findLive(id)
    this.advanceSync(connector)
    return json(200, createStyle(connector))
  }

  create(ctx: Context): Reply {
    this.count('creates')
    requireJson(ctx)
    const input = this.forcedApps(parseConnectorInput(ctx.body, this.options.frequencyShape))
    this.assertNameFree(input.name, undefined)
    const now = Date.now()
    const connector: FakeConnector = {
      id: this.nextId++,
      uuid: randomUUID(),
      ...input,
      state: '',
      lastError: null,
      disabled: false,
      deleted: false,
      lastSynced: null,
      nextSync: qualysTime(now + input.orgRunFrequency * 60_000),
      lastSuccessfulSync: null,
      createdBy: ctx.user,
      userName: ctx.user,
      userUuid: this.userUuid,
      customerId: this.customerId,
      organizationId: this.organizationId
    }
    this.store.push(connector)
    this.startSync(connector)
    return json(200, createStyle(connector))
  }

  /** Full replacement of the request fields; identity and immutable fields are checked first. */
  update(ctx: Context, id: number): Reply {
    this.count('updates')
    requireJson(ctx)
    const input = this.forcedApps(parseConnectorInput(ctx.body, this.options.frequencyShape))
    const connector = this.findLive(id)
    if (input.connectorPrefixName !== connector.connectorPrefixName) {
      throw new ApiError(400, 'connectorPrefixName cannot be edited')
    }
    if (input.tenantId !== connector.tenantId) throw new ApiError(400, 'tenantId cannot be edited') // [INF]
    this.assertNameFree(input.name, id)
    Object.assign(connector, input)
    this.startSync(connector)
    return json(200, createStyle(connector))
  }

  /** Enable/disable: a JSON array of ids; answers a page of the connectors, list-style. */
  setStatus(ctx: Context): Reply {
    const method = this.options.statusMethod ?? 'POST'
    if (ctx.method !== method) return errorReply(405, 'Method not allowed', { Allow: method })
    const action = ctx.query.action
    if (action !== 'ENABLE' && action !== 'DISABLE') throw new ApiError(400, 'action must be ENABLE or DISABLE')
    requireJson(ctx)
    let ids: unknown
    try {
      ids = JSON.parse(ctx.body)
    } catch {
      throw new ApiError(400, 'Malformed JSON request')
    }
    if (!Array.isArray(ids) || ids.length === 0 || !ids.every(id => Number.isInteger(id)))
      throw new ApiError(400, 'body must be a non-empty JSON array of connector ids')
    const connectors = (ids as number[]).map(id => this.findLive(id))
    for (const connector of connectors) connector.disabled = action === 'DISABLE'
    this.count('statuses')
    const content = connectors.map(listStyle)
    return json(200, {
      currentPage: 0,
      currentPageSize: content.length,
      totalPages: 1,
      numberOfElements: content.length,
      totalElements: content.length,
      content
    })
  }

  private find(id: number): FakeConnector {
    const connector = this.store.find(c => c.id === id)
    if (!connector) throw new ApiError(404, `Connector with id ${id} not found`)
    return connector
  }

  /** A soft-deleted connector stays in listings (isDeleted), but cannot be read or written. */
  private findLive(id: number): FakeConnector {
    const connector = this.find(id)
    if (connector.deleted) throw new ApiError(404, `Connector with id ${id} not found`)
    return connector
  }

  private forcedApps(input: ConnectorInput): ConnectorInput {
    if (!this.options.forceAI || input.connectorAppInfos.some(a => a.name === 'AI')) return input
    return {
      ...input,
      connectorAppInfos: [{ name: 'AI', identifier: input.tenantId, tagId: null }, ...input.connectorAppInfos]
    }
  }

  private assertNameFree(name: string, exceptId: number | undefined): void {
    if (this.options.uniqueNames === false) return
    if (this.store.some(c => !c.deleted && c.name === name && c.id !== exceptId)) {
      const status = this.options.duplicateNameStatus ?? 400
      throw new ApiError(status, `Connector with name '${name}' already exists`)
    }
  }

  // ---- sync simulation -----------------------------------------------------------------------

  /** After a create/update: show the script's first state now, the rest one per GET. */
  private startSync(c: FakeConnector): void {
    const named = this.namedScripts.get(c.name)
    const states = named?.states ?? this.options.syncStates ?? DEFAULT_SYNC_STATES
    const lastError = named?.lastError
    c.lastError = null
    this.reachState(c, states[0], lastError)
    this.syncScripts.set(c.id, { queue: states.slice(1), lastError })
  }

  private advanceSync(c: FakeConnector): void {
    const script = this.syncScripts.get(c.id)
    const next = script?.queue.shift()
    if (script && next !== undefined) this.reachState(c, next, script.lastError)
  }

  private reachState(c: FakeConnector, state: string, lastError: string | null | undefined): void {
    c.state = state
    if (ERROR_STATES.has(state)) {
      c.lastError = lastError === undefined ? DEFAULT_SYNC_ERROR : lastError
    } else if (SUCCESS_STATES.has(state)) {
      const now = Date.now()
      c.lastError = null
      c.lastSynced = qualysTime(now)
      c.lastSuccessfulSync = qualysTime(now)
      c.nextSync = qualysTime(now + c.orgRunFrequency * 60_000)
    }
  }
}
