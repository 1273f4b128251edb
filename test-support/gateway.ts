/**
 * A stand-in ("fake") Qualys API gateway for tests, the demo and the benchmarks.
 *
 * It speaks real HTTP on 127.0.0.1 and follows docs/qualys-api.md and the
 * create-azure-tenant-connector page: auth (`POST /auth`, `POST /auth/oidc`), the Azure tenant
 * connector endpoints (list, get one, create, update), the gateway rate/concurrency limits and
 * their headers. On top of that a test can queue faults (resets, HTML error pages, truncated
 * bodies, expired tokens, …) and script the sync states a connector passes through.
 *
 * Where the reference is silent the fake is deliberately strict (unknown fields, wrong content
 * type, missing `token=true` are refused) so that client bugs surface here rather than in prod.
 */
import http from 'node:http'
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { randomUUID } from 'node:crypto'
import { Logins } from './gateway/auth.js'
import { faultActs, ruleMatches, type FaultTarget } from './gateway/faults.js'
import { Limits } from './gateway/limits.js'
import {
  ApiError,
  AUTH_PATHS,
  CONNECTOR_BY_ID,
  CONNECTORS_PATH,
  DAY_MINUTES,
  DEFAULT_PAGE_SIZE,
  DEFAULT_SYNC_ERROR,
  DEFAULT_SYNC_STATES,
  ERROR_STATES,
  LIST_PATHS,
  SERVER_MAX_PREFIX_LENGTH,
  STATUS_ENDPOINT,
  SUCCESS_STATES,
  type ConnectorInput,
  type Context,
  type FakeConnector,
  type FaultKind,
  type FaultRule,
  type GatewayOptions,
  type GatewayStats,
  type RecordedRequest,
  type Reply,
  type SyncScript
} from './gateway/model.js'
import {
  errorReply,
  headerValue,
  HTML_502,
  intParam,
  json,
  qualysTime,
  readBody,
  requireJson,
  statusFaultReply,
  text
} from './gateway/replies.js'
import { parseConnectorInput } from './gateway/requests.js'
import { createStyle, listStyle, springError, thinStyle } from './gateway/shapes.js'

export type {
  FakeAppInfo,
  FakeConnector,
  FaultKind,
  FaultRule,
  GatewayOptions,
  GatewayStats,
  RecordedRequest
} from './gateway/model.js'
export { createStyle, listStyle, thinStyle } from './gateway/shapes.js'

// The gateway
// ---------------------------------------------------------------------------------------------

export class FakeQualysGateway {
  readonly requests: RecordedRequest[] = []

  private readonly options: GatewayOptions
  private server: http.Server | undefined
  private baseUrl: string | undefined
  private readonly timers = new Set<NodeJS.Timeout>()

  private store: FakeConnector[] = []
  private nextId = 1
  private readonly syncScripts = new Map<number, SyncScript>() // by connector id
  private readonly namedScripts = new Map<string, { states: string[]; lastError: string | null | undefined }>()
  private faults: (FaultRule & { remaining: number; toSkip: number })[] = []

  private counters: GatewayStats = FakeQualysGateway.zeroStats()
  private readonly logins: Logins
  private readonly limits: Limits

  // Same for every connector of this gateway, like one Qualys subscription.
  private readonly customerId = randomUUID()
  private readonly organizationId = randomUUID()
  private readonly userUuid = randomUUID()

  constructor(options: GatewayOptions = {}) {
    if (options.syncStates !== undefined && options.syncStates.length === 0) {
      throw new Error('syncStates must name at least one state')
    }
    this.options = options
    this.nextId = FakeQualysGateway.FIRST_ID
    this.logins = new Logins(options)
    this.limits = new Limits(options, () => this.counters.throttled++)
  }

  private static readonly FIRST_ID = 100001

  private static zeroStats(): GatewayStats {
    return {
      requests: 0,
      auth: 0,
      lists: 0,
      gets: 0,
      creates: 0,
      updates: 0,
      statuses: 0,
      throttled: 0,
      maxInFlight: 0
    }
  }

  // ---- lifecycle -----------------------------------------------------------------------------

  async start(): Promise<string> {
    if (this.baseUrl && this.server?.listening) return this.baseUrl
    const server = http.createServer((req, res) => void this.handle(req, res))
    this.server = server
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject)
      server.listen(this.options.port ?? 0, '127.0.0.1', () => resolve())
    })
    const { port } = server.address() as AddressInfo
    this.baseUrl = `http://127.0.0.1:${port}`
    return this.baseUrl
  }

  /** Closes the server and every socket, keep-alive ones included; requests still sleeping are dropped. */
  async stop(): Promise<void> {
    for (const timer of this.timers) clearTimeout(timer)
    this.timers.clear()
    const server = this.server
    if (!server) return
    this.server = undefined
    await new Promise<void>(resolve => {
      server.close(() => resolve())
      server.closeAllConnections()
    })
  }

  get url(): string {
    if (!this.baseUrl) throw new Error('FakeQualysGateway: call start() first')
    return this.baseUrl
  }

  // ---- test controls -------------------------------------------------------------------------

  connectors(): FakeConnector[] {
    return structuredClone(this.store)
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

  fault(rule: FaultRule): void {
    this.faults.push({ ...rule, remaining: rule.times ?? 1, toSkip: rule.skip ?? 0 })
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

  issuedTokens(): string[] {
    return [...this.logins.issued]
  }

  stats(): GatewayStats {
    return { ...this.counters }
  }

  /** Clears connectors, requests, faults, sync scripts, rate window and counters. Issued tokens stay valid. */
  reset(): void {
    this.store = []
    this.nextId = FakeQualysGateway.FIRST_ID
    this.requests.length = 0 // keep the same array: callers may hold it
    this.faults = []
    this.syncScripts.clear()
    this.namedScripts.clear()
    this.limits.reset()
    this.counters = { ...FakeQualysGateway.zeroStats(), maxInFlight: this.limits.inFlight.size }
  }

  // ---- request pipeline ----------------------------------------------------------------------

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1')
    const record: RecordedRequest = {
      method: req.method ?? 'GET',
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      headers: { ...req.headers },
      body: '',
      status: 0
    }
    this.requests.push(record)
    this.counters.requests++
    try {
      record.body = await readBody(req)
      const ctx: Context = {
        req,
        res,
        record,
        method: record.method,
        path: record.path,
        query: record.query,
        body: record.body,
        user: ''
      }
      const fault = this.takeFault(ctx)
      if (fault && !faultActs(fault)) {
        this.applyFaultWithoutActing(ctx, fault)
        return
      }
      const reply = await this.process(ctx, fault?.kind === 'delay' ? fault.ms : 0)
      this.deliver(ctx, reply, fault)
    } catch (error) {
      if (!res.headersSent) this.send({ res, record }, errorReply(500, `Fake gateway error: ${String(error)}`))
    }
  }

  private takeFault(target: FaultTarget): FaultKind | undefined {
    const isAuth = AUTH_PATHS.has(target.path)
    // A rule still skipping lets this request pass by it (a later rule may still take it).
    const rule = this.faults.find(r => {
      if (r.remaining <= 0 || !ruleMatches(r, target, isAuth)) return false
      if (r.toSkip > 0) {
        r.toSkip--
        return false
      }
      return true
    })
    if (!rule) return undefined
    rule.remaining--
    this.faults = this.faults.filter(r => r.remaining > 0)
    return rule.fault
  }

  private applyFaultWithoutActing(ctx: Context, fault: FaultKind): void {
    switch (fault.kind) {
      case 'status':
        this.send(ctx, statusFaultReply(fault))
        return
      case 'reset-before':
        this.resetSocket(ctx)
        return
      case 'html':
        this.send(ctx, text(502, HTML_502, 'text/html'))
        return
      case 'empty':
        this.send(ctx, { status: fault.status ?? 200, headers: {}, body: '' })
        return
      case 'expire-tokens':
        this.logins.expireAll()
        this.send(ctx, errorReply(401, 'Unauthorized'))
        return
      default:
        throw new Error(`fault ${fault.kind} acts; it cannot be applied without acting`)
    }
  }

  /** Sends the normal reply, or spoils it the way an acting fault says. */
  private deliver(ctx: Context, reply: Reply, fault: FaultKind | undefined): void {
    switch (fault?.kind) {
      case 'reset-after':
        this.resetSocket(ctx)
        return
      case 'truncated':
        this.send(ctx, {
          status: 200,
          headers: { 'Content-Type': 'application/json' },
          body: reply.body.slice(0, Math.floor(reply.body.length / 2))
        })
        return
      case 'empty':
        this.send(ctx, { status: fault.status ?? 200, headers: {}, body: '' })
        return
      default:
        this.send(ctx, reply)
    }
  }

  /** Auth, then limits, then (inside the in-flight window) latency and the endpoint itself. */
  private async process(ctx: Context, extraDelayMs: number): Promise<Reply> {
    if (AUTH_PATHS.has(ctx.path)) {
      await this.sleep(extraDelayMs) // auth is exempt from latency, not from a scripted delay
      this.counters.auth++
      return this.logins.answer(ctx)
    }
    const subject = this.logins.subject(headerValue(ctx.req.headers, 'authorization'))
    if (subject === undefined) return this.limits.withHeaders(errorReply(401, 'Unauthorized'))
    ctx.user = subject

    const throttled = this.limits.admit()
    if (throttled) return throttled

    const waitMs = (this.options.latencyMs ?? 0) + extraDelayMs
    const slot = { endsAt: Date.now() + waitMs }
    this.limits.inFlight.add(slot)
    this.counters.maxInFlight = Math.max(this.counters.maxInFlight, this.limits.inFlight.size)
    try {
      await this.sleep(waitMs)
      return this.limits.withHeaders(this.route(ctx))
    } finally {
      this.limits.inFlight.delete(slot)
    }
  }

  private get listPath(): string | undefined {
    const where = this.options.listSupported === false ? 'none' : (this.options.listPath ?? 'list')
    return where === 'none' ? undefined : LIST_PATHS[where]
  }

  private route(ctx: Context): Reply {
    try {
      if (ctx.method === 'GET' && ctx.path === this.listPath) return this.list(ctx)
      if (ctx.path === STATUS_ENDPOINT) return this.setStatus(ctx)
      if (ctx.path === CONNECTORS_PATH || ctx.path === `${CONNECTORS_PATH}/`) {
        if (ctx.method === 'POST') return this.create(ctx)
        // Spring answers 405 on a path that has mappings, but none for this method.
        if (ctx.method === 'GET') this.counters.lists++
        return errorReply(405, 'Method not allowed', { Allow: 'POST' })
      }
      if (ctx.path === LIST_PATHS.list) this.counters.lists++
      const byId = CONNECTOR_BY_ID.exec(ctx.path)
      if (byId) {
        const id = Number(byId[1])
        if (ctx.method === 'GET' && this.options.getSupported === false) return errorReply(404, 'Not Found')
        if (ctx.method === 'GET') return this.getOne(id)
        if (ctx.method === 'POST') return this.update(ctx, id)
        return errorReply(405, 'Method not allowed', { Allow: 'GET, POST' })
      }
      return errorReply(404, 'Not Found')
    } catch (error) {
      if (error instanceof ApiError) return errorReply(error.status, error.message)
      throw error
    }
  }

  // ---- endpoints -----------------------------------------------------------------------------

  private list(ctx: Context): Reply {
    this.counters.lists++
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

  private getOne(id: number): Reply {
    this.counters.gets++
    const connector = this.findLive(id)
    this.advanceSync(connector)
    return json(200, createStyle(connector))
  }

  private create(ctx: Context): Reply {
    this.counters.creates++
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
  private update(ctx: Context, id: number): Reply {
    this.counters.updates++
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
  private setStatus(ctx: Context): Reply {
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
    this.counters.statuses++
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

  // ---- plumbing ------------------------------------------------------------------------------

  private send(ctx: Pick<Context, 'res' | 'record'>, given: Reply): void {
    const reply =
      this.options.errorStyle === 'spring' && given.status >= 400 ? springError(given, ctx.record.path) : given
    ctx.record.status = reply.status
    const { res } = ctx
    if (res.destroyed || res.writableEnded) return // the client gave up (e.g. timed out on a delay)
    res.writeHead(reply.status, { ...reply.headers, 'Content-Length': Buffer.byteLength(reply.body) })
    res.end(reply.body)
  }

  private resetSocket(ctx: Context): void {
    ctx.record.status = 0
    ctx.req.socket.destroy()
  }

  /** A timer that stop() can cancel, so a stopped gateway leaves no handle behind. */
  private sleep(ms: number): Promise<void> {
    if (ms <= 0) return Promise.resolve()
    return new Promise(resolve => {
      const timer = setTimeout(() => {
        this.timers.delete(timer)
        resolve()
      }, ms)
      this.timers.add(timer)
    })
  }
}
