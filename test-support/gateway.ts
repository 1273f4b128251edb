/**
 * A stand-in ("fake") Qualys API gateway for tests, the demo and the benchmarks.
 *
 * It speaks real HTTP on 127.0.0.1 and follows docs/qualys-api.md and the
 * create-azure-tenant-connector page: auth (`POST /auth`, `POST /auth/oidc`), the Azure tenant
 * connector endpoints (list, get one, create, update), a guessed listing of member (subscription)
 * connectors, the gateway rate/concurrency limits and their headers. On top of that a test can queue faults (resets, HTML error pages, truncated
 * bodies, expired tokens, …) and script the sync states a connector passes through.
 *
 * Where the reference is silent the fake is deliberately strict (unknown fields, wrong content
 * type, missing `token=true` are refused) so that client bugs surface here rather than in prod.
 */
import http from 'node:http'
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { Logins } from './gateway/auth.js'
import { faultActs, ruleMatches, type FaultTarget } from './gateway/faults.js'
import { ConnectorStore } from './gateway/connectors.js'
import { Limits } from './gateway/limits.js'
import { MemberStore, type MemberSeed } from './gateway/members.js'
import {
  ApiError,
  AUTH_PATHS,
  CONNECTOR_BY_ID,
  CONNECTORS_PATH,
  LIST_PATHS,
  MEMBER_LIST_PATHS,
  STATUS_ENDPOINT,
  type Context,
  type FakeConnector,
  type FakeMember,
  type FaultKind,
  type FaultRule,
  type GatewayOptions,
  type GatewayStats,
  type RecordedRequest,
  type Reply
} from './gateway/model.js'
import { errorReply, headerValue, HTML_502, readBody, statusFaultReply, text } from './gateway/replies.js'
import { springError } from './gateway/shapes.js'

export type {
  FakeAppInfo,
  FakeConnector,
  FakeMember,
  FaultKind,
  FaultRule,
  GatewayOptions,
  GatewayStats,
  HookedRequest,
  RecordedRequest
} from './gateway/model.js'
export type { MemberSeed } from './gateway/members.js'
export { raceBarrier } from './gateway/holds.js'
export { createStyle, listStyle, thinStyle } from './gateway/shapes.js'

// The gateway
// ---------------------------------------------------------------------------------------------

export class FakeQualysGateway {
  readonly requests: RecordedRequest[] = []

  private readonly options: GatewayOptions
  private server: http.Server | undefined
  private baseUrl: string | undefined
  private readonly timers = new Set<NodeJS.Timeout>()

  private faults: (FaultRule & { remaining: number; toSkip: number })[] = []

  private counters: GatewayStats = FakeQualysGateway.zeroStats()
  private readonly logins: Logins
  private readonly limits: Limits

  private readonly store: ConnectorStore
  private readonly memberStore: MemberStore

  constructor(options: GatewayOptions = {}) {
    if (options.syncStates !== undefined && options.syncStates.length === 0) {
      throw new Error('syncStates must name at least one state')
    }
    this.options = options
    this.logins = new Logins(options)
    this.limits = new Limits(options, () => this.counters.throttled++)
    this.store = new ConnectorStore(options, kind => this.counters[kind]++)
    this.memberStore = new MemberStore(options)
  }

  private static zeroStats(): GatewayStats {
    return {
      requests: 0,
      auth: 0,
      lists: 0,
      gets: 0,
      creates: 0,
      updates: 0,
      statuses: 0,
      memberLists: 0,
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
    return this.store.all()
  }

  /** Inserts a connector directly (no validation, no uniqueness check) as if it had synced before. */
  seed(connector: Partial<FakeConnector> & { name: string }): FakeConnector {
    return this.store.seed(connector)
  }

  /** Edits a connector behind the action's back: a change by hand in the Qualys UI, a sync that failed. */
  edit(id: number, patch: Partial<Omit<FakeConnector, 'id'>>): void {
    this.store.edit(id, patch)
  }

  /** Soft-deletes a connector: it stays in listings with isDeleted, and its name is free again. */
  softDelete(id: number): void {
    this.store.softDelete(id)
  }

  /** Scripts the states a connector named `name` passes through (see ConnectorStore.setSync). */
  setSync(name: string, states: string[], lastError?: string | null): void {
    this.store.setSync(name, states, lastError)
  }

  /**
   * Member (subscription) connectors of the tenant connector `tenantConnectorId`, one per seed,
   * as Qualys makes them: named after its connectorPrefixName, in FINISHED_SUCCESS unless the
   * seed says otherwise.
   */
  seedMembers(tenantConnectorId: number, members: MemberSeed[]): FakeMember[] {
    const tenant = this.store.all().find(c => c.id === tenantConnectorId)
    if (!tenant) throw new Error(`seedMembers: no tenant connector ${tenantConnectorId}`)
    return this.memberStore.seed(tenant, members)
  }

  /** Lists any JSON value among the member connectors (an unreadable object, another cloud's connector). */
  seedRawMember(value: unknown): void {
    this.memberStore.seedRaw(value)
  }

  members(): FakeMember[] {
    return this.memberStore.all()
  }

  fault(rule: FaultRule): void {
    this.faults.push({ ...rule, remaining: rule.times ?? 1, toSkip: rule.skip ?? 0 })
  }

  issuedTokens(): string[] {
    return [...this.logins.issued]
  }

  stats(): GatewayStats {
    return { ...this.counters }
  }

  /** The rate window rolls now, as it would once its time is up: every call of the window is forgotten. */
  rollWindow(): void {
    this.limits.reset()
  }

  /** Clears connectors, requests, faults, sync scripts, rate window and counters. Issued tokens stay valid. */
  reset(): void {
    this.store.reset()
    this.memberStore.reset()
    this.requests.length = 0 // keep the same array: callers may hold it
    this.faults = []
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
      status: 0,
      at: performance.timeOrigin + performance.now()
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
      const request = { method: ctx.method, path: ctx.path }
      await this.options.hooks?.before?.(request)
      const reply = this.route(ctx)
      this.options.hooks?.after?.({ ...request, status: reply.status })
      return this.limits.withHeaders(reply)
    } finally {
      this.limits.inFlight.delete(slot)
    }
  }

  private get listPath(): string | undefined {
    const where = this.options.listSupported === false ? 'none' : (this.options.listPath ?? 'list')
    return where === 'none' ? undefined : LIST_PATHS[where]
  }

  private get memberListPath(): string | undefined {
    const where = this.options.memberListPath ?? 'lower'
    return where === 'none' ? undefined : MEMBER_LIST_PATHS[where]
  }

  private route(ctx: Context): Reply {
    try {
      if (ctx.method === 'GET' && ctx.path === this.listPath) return this.store.list(ctx)
      if (ctx.method === 'GET' && ctx.path === this.memberListPath) {
        this.counters.memberLists++
        return this.memberStore.list(ctx)
      }
      if (ctx.path === STATUS_ENDPOINT) return this.store.setStatus(ctx)
      if (ctx.path === CONNECTORS_PATH || ctx.path === `${CONNECTORS_PATH}/`) {
        if (ctx.method === 'POST') return this.store.create(ctx)
        // Spring answers 405 on a path that has mappings, but none for this method.
        if (ctx.method === 'GET') this.counters.lists++
        return errorReply(405, 'Method not allowed', { Allow: 'POST' })
      }
      if (ctx.path === LIST_PATHS.list) this.counters.lists++
      const byId = CONNECTOR_BY_ID.exec(ctx.path)
      if (byId) {
        const id = Number(byId[1])
        if (ctx.method === 'GET' && this.options.getSupported === false) return errorReply(404, 'Not Found')
        if (ctx.method === 'GET') return this.store.getOne(id)
        if (ctx.method === 'POST') return this.store.update(ctx, id)
        return errorReply(405, 'Method not allowed', { Allow: 'GET, POST' })
      }
      return errorReply(404, 'Not Found')
    } catch (error) {
      if (error instanceof ApiError) return errorReply(error.status, error.message)
      throw error
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
    ctx.record.answeredAt = performance.timeOrigin + performance.now()
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
