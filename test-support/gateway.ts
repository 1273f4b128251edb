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
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { randomBytes, randomUUID } from 'node:crypto'

// ---------------------------------------------------------------------------------------------
// Public types
// ---------------------------------------------------------------------------------------------

export interface FakeAppInfo {
  name: string // AI | CI | CSA
  identifier: string
  tagId: number | null
}

/** A stored connector: every request field (with its request spelling) plus server-side state. */
export interface FakeConnector {
  // Assigned by the server.
  id: number
  uuid: string
  // Request fields. Frequencies are stored in minutes, already rounded up to whole days.
  name: string
  description: string | null
  tenantId: string
  tenantName: string
  applicationId: string
  secretValue: string
  connectorAppInfos: FakeAppInfo[]
  orgRunFrequency: number
  connectorRunFrequency: number
  connectorPrefixName: string
  includedMem: string[]
  excludedMem: string[]
  isCreateConnectorForNewSubscriptionsAutomatically: boolean
  isDisableConnectorsForDeletedManagementGroups: boolean
  isRemediationEnabled: boolean
  autoActivateVM: boolean
  autoActivatePC: boolean
  autoActivateSCA: boolean
  autoActivateCertView: boolean
  autoActivateCV: boolean
  defaultTagIds: number[]
  // Server-side state.
  state: string
  lastError: string | null
  disabled: boolean
  deleted: boolean
  lastSynced: string | null
  nextSync: string | null
  lastSuccessfulSync: string | null
  createdBy: string
  userName: string
  userUuid: string
  customerId: string
  organizationId: string
}

export type FaultKind =
  | { kind: 'status'; status: number; headers?: Record<string, string>; body?: string }
  | { kind: 'reset-before' }
  | { kind: 'reset-after' }
  | { kind: 'delay'; ms: number }
  | { kind: 'html' }
  | { kind: 'empty'; status?: number }
  | { kind: 'truncated' }
  | { kind: 'expire-tokens' }

export interface FaultRule {
  method?: string
  /** Exact pathname (no query) or a RegExp tested against it. Auth paths only match a rule that sets `path`. */
  path?: string | RegExp
  /**
   * Query parameters the request must carry, each with exactly this value (others may be present
   * too), e.g. `{ pageNumber: '2' }` for the third page of the listing.
   */
  query?: Record<string, string>
  /** Text the request body must contain, e.g. a connector's name to fault only its create. */
  bodyIncludes?: string
  /** How many matching requests pass untouched before the rule starts to apply; default 0. */
  skip?: number
  /** How many matching requests this rule applies to; default 1. `Infinity` is allowed. */
  times?: number
  fault: FaultKind
}

export interface GatewayOptions {
  users?: { username: string; password: string }[]
  clients?: { clientId: string; clientSecret: string }[]
  staticTokens?: string[]
  latencyMs?: number
  concurrencyLimit?: number
  rateLimit?: { limit: number; windowSec: number }
  advertiseLimits?: boolean
  maxPageSize?: number
  /**
   * Where the (undocumented) listing answers: `list` = GET /connectors/v1.0/org/azure/list (the
   * default), `bare` = GET /connectors/v1.0/org/azure, `slash` = GET /connectors/v1.0/org/azure/,
   * `none` = nowhere (404/405 on every candidate). `listSupported: false` is `none`.
   */
  listPath?: 'list' | 'bare' | 'slash' | 'none'
  listSupported?: boolean
  duplicateNameStatus?: number
  /**
   * Objects in a listing page: `list-style` (every field, list spellings; the default),
   * `create-style`, or `thin` — only the fields Qualys' list-style samples show (no tenantName,
   * applicationId, apps, management groups or flags).
   */
  listShape?: 'list-style' | 'create-style' | 'thin'
  /** false: no GET /connectors/v1.0/org/azure/{id} (404), as far as anyone knows today. */
  getSupported?: boolean
  /** false: the server accepts a second connector with a taken name (the UI only recommends unique names). */
  uniqueNames?: boolean
  /** `spring`: every error body is Spring's default `{timestamp, status, error, path}`, with no message. */
  errorStyle?: 'message' | 'spring'
  /** Asset Inventory is switched on for every connector, whatever the request said ("cannot be disabled"). */
  forceAI?: boolean
  /** `minutes`: run frequencies must be integer minutes (the field table); `{hours, minutes}` is refused with 400. */
  frequencyShape?: 'any' | 'minutes'
  syncStates?: string[]
  /** Lifetime of issued JWTs; default 4 hours like the real gateway. Lets a test make tokens expire. */
  tokenLifetimeSec?: number
  /**
   * The one method `/connectors/v1.0/org/azure/status/?action=ENABLE|DISABLE` takes (the page's
   * heading says POST, its sample PUT); the other answers 405. Default POST.
   */
  statusMethod?: 'POST' | 'PUT'
}

export interface RecordedRequest {
  method: string
  path: string
  query: Record<string, string>
  headers: IncomingHttpHeaders
  body: string
  /** Status answered; 0 while in progress or when the socket was reset. */
  status: number
}

export interface GatewayStats {
  requests: number
  auth: number
  lists: number
  gets: number
  creates: number
  updates: number
  /** Enable/disable calls answered 2xx. */
  statuses: number
  throttled: number
  maxInFlight: number
}

// ---------------------------------------------------------------------------------------------
// Constants (each assumption about the real server lives in one place)
// ---------------------------------------------------------------------------------------------

const CONNECTORS_PATH = '/connectors/v1.0/org/azure'
const LIST_PATHS = { list: `${CONNECTORS_PATH}/list`, bare: CONNECTORS_PATH, slash: `${CONNECTORS_PATH}/` } as const
const CONNECTOR_BY_ID = /^\/connectors\/v1\.0\/org\/azure\/(\d+)$/
const AUTH_PATHS = new Set(['/auth', '/auth/oidc'])
const STATUS_PATH = `${CONNECTORS_PATH}/status/`

const DAY_MINUTES = 1440
const MAX_FREQUENCY_MINUTES = 7 * DAY_MINUTES // release 2.14: 1 to 7 days
const MAX_PREFIX_LENGTH = 30
const DEFAULT_PAGE_SIZE = 20 // [INF] Spring's default when the client sends no pageSize
const DEFAULT_SYNC_STATES = ['PENDING', 'RUNNING', 'SUCCESS']
const ERROR_STATES = new Set(['ERROR', 'FINISHED_ERRORS'])
const SUCCESS_STATES = new Set(['SUCCESS', 'FINISHED_SUCCESS'])
const DEFAULT_SYNC_ERROR = 'AADSTS7000215: Invalid client secret provided.'
const TOKEN_LIFETIME_SEC = 4 * 3600
const APP_NAMES = new Set(['AI', 'CI', 'CSA'])

const MANDATORY_STRINGS = [
  'name',
  'tenantId',
  'tenantName',
  'applicationId',
  'secretValue',
  'connectorPrefixName'
] as const
const OPTIONAL_BOOLEANS = [
  'isCreateConnectorForNewSubscriptionsAutomatically',
  'isDisableConnectorsForDeletedManagementGroups',
  'isRemediationEnabled',
  'autoActivateVM',
  'autoActivatePC',
  'autoActivateSCA',
  'autoActivateCertView',
  'autoActivateCV'
] as const
/** Every top-level field the create page (table + sample) knows. Anything else is refused. */
const REQUEST_FIELDS = new Set<string>([
  ...MANDATORY_STRINGS,
  ...OPTIONAL_BOOLEANS,
  'description',
  'connectorAppInfos',
  'orgRunFrequency',
  'connectorRunFrequency',
  'includedMem',
  'excludedMem',
  'defaultTagIds'
])

/** The request fields of a connector, validated and normalised. */
type ConnectorInput = Pick<
  FakeConnector,
  | (typeof MANDATORY_STRINGS)[number]
  | (typeof OPTIONAL_BOOLEANS)[number]
  | 'description'
  | 'connectorAppInfos'
  | 'orgRunFrequency'
  | 'connectorRunFrequency'
  | 'includedMem'
  | 'excludedMem'
  | 'defaultTagIds'
>

interface Reply {
  status: number
  headers: Record<string, string>
  body: string
}

/** Thrown by handlers; turned into `{"status":N,"message":…}`. */
class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string
  ) {
    super(message)
  }
}

interface Context {
  req: IncomingMessage
  res: ServerResponse
  record: RecordedRequest
  method: string
  path: string
  query: Record<string, string>
  body: string
  /** Subject of the bearer token (user name / client id); set once the token is checked. */
  user: string
}

interface SyncScript {
  queue: string[]
  lastError: string | null | undefined
}

// ---------------------------------------------------------------------------------------------
// Small helpers
// ---------------------------------------------------------------------------------------------

function json(status: number, value: unknown, headers: Record<string, string> = {}): Reply {
  return {
    status,
    headers: { 'Content-Type': 'application/json', ...headers },
    body: JSON.stringify(value)
  }
}

function errorReply(status: number, message: string, headers: Record<string, string> = {}): Reply {
  return json(status, { status, message }, headers)
}

function text(status: number, body: string, contentType = 'text/plain;charset=UTF-8'): Reply {
  return { status, headers: { 'Content-Type': contentType }, body }
}

/** Qualys timestamps look like "2023-05-17T05:19:11.727+00:00". */
function qualysTime(ms: number): string {
  return new Date(ms).toISOString().replace('Z', '+00:00')
}

/** Seconds as the limit headers carry them; fractional so that tests may use small windows. */
function seconds(ms: number): string {
  return String(Math.max(0, Math.ceil(ms)) / 1000)
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function headerValue(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name.toLowerCase()]
  return Array.isArray(value) ? value[0] : value
}

function makeJwt(subject: string, expiresAtMs: number): string {
  const part = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url')
  const header = { alg: 'HS256', typ: 'JWT' }
  const payload = {
    sub: subject,
    iss: 'fake-qualys-gateway',
    iat: Math.floor(Date.now() / 1000),
    exp: Math.floor(expiresAtMs / 1000),
    jti: randomUUID()
  }
  // The signature is random: clients must treat the token as opaque.
  return `${part(header)}.${part(payload)}.${randomBytes(32).toString('base64url')}`
}

const HTML_502 =
  '<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n' +
  '<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n'

// ---------------------------------------------------------------------------------------------
// Request body validation (create and update share it: update is a full replacement)
// ---------------------------------------------------------------------------------------------

function parseJsonObject(body: string): Record<string, unknown> {
  let value: unknown
  try {
    value = JSON.parse(body)
  } catch {
    throw new ApiError(400, 'Malformed JSON request')
  }
  if (!isPlainObject(value)) throw new ApiError(400, 'Malformed JSON request')
  return value
}

function mandatoryString(body: Record<string, unknown>, field: string): string {
  const value = body[field]
  if (value === undefined || value === null || value === '') throw new ApiError(400, `${field} is mandatory`)
  if (typeof value !== 'string') throw new ApiError(400, `${field} must be a string`)
  if (value.trim() === '') throw new ApiError(400, `${field} is mandatory`)
  return value
}

function optionalBoolean(body: Record<string, unknown>, field: string): boolean {
  const value = body[field]
  if (value === undefined || value === null) return false
  if (typeof value !== 'boolean') throw new ApiError(400, `${field} must be a boolean`)
  return value
}

function optionalStringList(body: Record<string, unknown>, field: string): string[] {
  const value = body[field]
  if (value === undefined || value === null) return []
  if (!Array.isArray(value) || !value.every((v) => typeof v === 'string')) {
    throw new ApiError(400, `${field} must be a list of strings`)
  }
  return [...value]
}

/** The table says "String", the sample sends `[]`; tag ids are numbers, so digit strings are accepted too. */
function tagIds(body: Record<string, unknown>): number[] {
  const value = body.defaultTagIds
  if (value === undefined || value === null) return []
  const ok =
    Array.isArray(value) &&
    value.every((v) => (typeof v === 'number' && Number.isInteger(v)) || (typeof v === 'string' && /^\d+$/.test(v)))
  if (!ok) throw new ApiError(400, 'defaultTagIds must be a list of tag ids')
  return value.map(Number)
}

function appInfos(body: Record<string, unknown>): FakeAppInfo[] {
  const value = body.connectorAppInfos
  if (!Array.isArray(value) || value.length === 0) {
    throw new ApiError(400, 'connectorAppInfos is mandatory: choose one or more apps from [AI, CI, CSA]')
  }
  const seen = new Set<string>()
  return value.map((info): FakeAppInfo => {
    if (!isPlainObject(info)) throw new ApiError(400, 'connectorAppInfos entries must be objects')
    const unknown = Object.keys(info).find((k) => !['name', 'identifier', 'tagId'].includes(k))
    if (unknown) throw new ApiError(400, `Unrecognized field "${unknown}" in connectorAppInfos`)
    const { name, identifier, tagId = null } = info
    if (typeof name !== 'string' || !APP_NAMES.has(name)) {
      throw new ApiError(400, `connectorAppInfos name must be one of [AI, CI, CSA], got ${JSON.stringify(name)}`)
    }
    if (seen.has(name)) throw new ApiError(400, `connectorAppInfos contains ${name} more than once`)
    seen.add(name)
    if (typeof identifier !== 'string' || identifier.trim() === '') {
      throw new ApiError(400, `connectorAppInfos identifier is mandatory for ${name}`)
    }
    if (tagId !== null && !(typeof tagId === 'number' && Number.isInteger(tagId))) {
      throw new ApiError(400, `connectorAppInfos tagId must be an integer or null for ${name}`)
    }
    return { name, identifier, tagId }
  })
}

/**
 * Accepts `{hours, minutes}` (sample, release 2.14) or integer minutes (table). The server works
 * in whole days since release 2.14: out of 1..7 days is refused, anything else is rounded UP.
 */
function frequencyMinutes(body: Record<string, unknown>, field: string, shape: GatewayOptions['frequencyShape']): number {
  const value = body[field]
  if (value === undefined || value === null) throw new ApiError(400, `${field} is mandatory`)
  if (shape === 'minutes' && typeof value !== 'number') throw new ApiError(400, `${field} must be an integer number of minutes`)
  const total = rawMinutes(field, value)
  if (total <= 0 || total > MAX_FREQUENCY_MINUTES) {
    throw new ApiError(400, `${field} must be between 1 and 7 days (1440 to 10080 minutes), got ${total} minutes`)
  }
  return Math.ceil(total / DAY_MINUTES) * DAY_MINUTES
}

function rawMinutes(field: string, value: unknown): number {
  const shapeError = new ApiError(400, `${field} must be {"hours": h, "minutes": m} or an integer number of minutes`)
  if (typeof value === 'number') {
    if (!Number.isInteger(value)) throw shapeError
    return value
  }
  if (!isPlainObject(value) || Object.keys(value).some((k) => k !== 'hours' && k !== 'minutes')) throw shapeError
  const part = (v: unknown): number => {
    if (v === undefined || v === null) return 0
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) throw shapeError
    return v
  }
  return part(value.hours) * 60 + part(value.minutes)
}

/** Validates a create/update body like the API does; absent optional fields get their defaults. */
function parseConnectorInput(raw: string, frequencyShape?: GatewayOptions['frequencyShape']): ConnectorInput {
  const body = parseJsonObject(raw)
  const unknown = Object.keys(body).find((k) => !REQUEST_FIELDS.has(k))
  if (unknown) throw new ApiError(400, `Unrecognized field "${unknown}"`)

  const [name, tenantId, tenantName, applicationId, secretValue, connectorPrefixName] = MANDATORY_STRINGS.map((f) =>
    mandatoryString(body, f)
  )
  if (connectorPrefixName.length > MAX_PREFIX_LENGTH) {
    throw new ApiError(400, `connectorPrefixName must not exceed ${MAX_PREFIX_LENGTH} characters`)
  }
  if (body.description !== undefined && body.description !== null && typeof body.description !== 'string') {
    throw new ApiError(400, 'description must be a string')
  }
  const flags = Object.fromEntries(OPTIONAL_BOOLEANS.map((f) => [f, optionalBoolean(body, f)])) as Record<
    (typeof OPTIONAL_BOOLEANS)[number],
    boolean
  >
  return {
    name,
    tenantId,
    tenantName,
    applicationId,
    secretValue,
    connectorPrefixName,
    description: typeof body.description === 'string' ? body.description : null,
    connectorAppInfos: appInfos(body),
    orgRunFrequency: frequencyMinutes(body, 'orgRunFrequency', frequencyShape),
    connectorRunFrequency: frequencyMinutes(body, 'connectorRunFrequency', frequencyShape),
    includedMem: optionalStringList(body, 'includedMem'),
    excludedMem: optionalStringList(body, 'excludedMem'),
    defaultTagIds: tagIds(body),
    ...flags
  }
}

// ---------------------------------------------------------------------------------------------
// Response shapes. `secretValue` is never copied into either.
// ---------------------------------------------------------------------------------------------

function hoursMinutes(minutes: number): { hours: number; minutes: number } {
  return { hours: Math.floor(minutes / 60), minutes: minutes % 60 }
}

/** The shape of the create sample (create, update, get one). */
export function createStyle(c: FakeConnector): Record<string, unknown> {
  return {
    id: c.id,
    name: c.name,
    description: c.description,
    uuid: c.uuid,
    orgRunFrequency: hoursMinutes(c.orgRunFrequency),
    connectorRunFrequency: hoursMinutes(c.connectorRunFrequency),
    lastSynced: c.lastSynced,
    nextSync: c.nextSync,
    type: 'AZURE',
    customerId: c.customerId,
    userUuid: c.userUuid,
    userName: c.userName,
    lastError: c.lastError,
    state: c.state,
    connectorPrefixName: c.connectorPrefixName,
    defaultTagIds: [...c.defaultTagIds],
    connectorAppInfos: c.connectorAppInfos.map((a) => ({ ...a, tagMetadata: null })),
    connectorCapabilities: c.connectorAppInfos.map((a) => a.name),
    lastSuccessfulSync: c.lastSuccessfulSync,
    createdBy: c.createdBy,
    organizationId: c.organizationId,
    tenantId: c.tenantId,
    tenantName: c.tenantName, // not in the sample, but a reader needs it
    applicationId: c.applicationId,
    autoActivateVM: c.autoActivateVM,
    autoActivatePC: c.autoActivatePC,
    autoActivateSCA: c.autoActivateSCA,
    autoActivateCertView: c.autoActivateCertView,
    autoActivateCV: c.autoActivateCV,
    includedMem: [...c.includedMem],
    excludedMem: [...c.excludedMem],
    createConnectorForNewSubscriptionsAutomatically: c.isCreateConnectorForNewSubscriptionsAutomatically,
    disableConnectorsForDeletedManagementGroups: c.isDisableConnectorsForDeletedManagementGroups,
    disabled: c.disabled,
    deleted: c.deleted,
    remediationEnabled: c.isRemediationEnabled
  }
}

/**
 * The shape of the list/status samples: frequencies as strings of minutes (`runFrequency` is the
 * org one), `is*` booleans, and empty management-group lists as null.
 */
export function listStyle(c: FakeConnector): Record<string, unknown> {
  const {
    orgRunFrequency: _org,
    connectorRunFrequency: _member,
    disabled,
    deleted,
    remediationEnabled,
    createConnectorForNewSubscriptionsAutomatically,
    disableConnectorsForDeletedManagementGroups,
    ...common
  } = createStyle(c)
  return {
    ...common,
    runFrequency: String(c.orgRunFrequency),
    connectorRunFrequency: String(c.connectorRunFrequency),
    includedMem: c.includedMem.length > 0 ? [...c.includedMem] : null,
    excludedMem: c.excludedMem.length > 0 ? [...c.excludedMem] : null,
    isCreateConnectorForNewSubscriptionsAutomatically: createConnectorForNewSubscriptionsAutomatically,
    isDisableConnectorsForDeletedManagementGroups: disableConnectorsForDeletedManagementGroups,
    isRemediationEnabled: remediationEnabled,
    isDisabled: disabled,
    isDeleted: deleted
  }
}

/**
 * The shape of the documented list-style samples (the enable/disable answer, valid-org-connectors),
 * with only the fields they show: a listing may well be this thin.
 */
export function thinStyle(c: FakeConnector): Record<string, unknown> {
  return {
    id: c.id,
    organizationId: c.organizationId,
    name: c.name,
    connectorPrefixName: c.connectorPrefixName,
    runFrequency: String(c.orgRunFrequency),
    connectorRunFrequency: String(c.connectorRunFrequency),
    lastSynced: c.lastSynced,
    customerId: c.customerId,
    userUuid: c.userUuid,
    userName: c.userName,
    type: 'AZURE',
    lastError: c.lastError,
    isDeleted: c.deleted,
    isDisabled: c.disabled,
    description: c.description
  }
}

/** Spring Boot's default error body: no message, so a client cannot tell a taken name from any other 400. */
function springError(reply: Reply, path: string): Reply {
  return json(reply.status, { timestamp: new Date().toISOString(), status: reply.status, error: http.STATUS_CODES[reply.status] ?? 'Error', path }, reply.headers)
}

// ---------------------------------------------------------------------------------------------
// Faults
// ---------------------------------------------------------------------------------------------

/** Faults that let the operation happen (and then spoil or slow the answer). */
function faultActs(fault: FaultKind): boolean {
  switch (fault.kind) {
    case 'reset-after':
    case 'delay':
    case 'truncated':
      return true
    case 'empty':
      return isSuccess(fault.status ?? 200)
    default:
      return false
  }
}

function isSuccess(status: number): boolean {
  return status >= 200 && status < 300
}

/** The parts of a request a fault rule can look at. */
interface FaultTarget {
  method: string
  path: string
  query: Record<string, string>
  body: string
}

function ruleMatches(rule: FaultRule, target: FaultTarget, isAuth: boolean): boolean {
  if (rule.method && rule.method.toUpperCase() !== target.method) return false
  if (rule.query && !Object.entries(rule.query).every(([key, value]) => target.query[key] === value)) return false
  if (rule.bodyIncludes !== undefined && !target.body.includes(rule.bodyIncludes)) return false
  // A rule without a path is about the API: it must not be eaten by a login.
  if (rule.path === undefined) return !isAuth
  if (typeof rule.path === 'string') return rule.path === target.path
  rule.path.lastIndex = 0 // a /g or /y RegExp keeps state between tests
  return rule.path.test(target.path)
}

// ---------------------------------------------------------------------------------------------
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

  private readonly tokens = new Map<string, number>() // token → expiry (ms since epoch)
  private readonly issued: string[] = []

  private readonly inFlight = new Set<{ endsAt: number }>()
  private rateHits: number[] = [] // acceptance times inside the rolling window
  private counters: GatewayStats = FakeQualysGateway.zeroStats()

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
  }

  private static readonly FIRST_ID = 100001

  private static zeroStats(): GatewayStats {
    return { requests: 0, auth: 0, lists: 0, gets: 0, creates: 0, updates: 0, statuses: 0, throttled: 0, maxInFlight: 0 }
  }

  // ---- lifecycle -----------------------------------------------------------------------------

  async start(): Promise<string> {
    if (this.baseUrl && this.server?.listening) return this.baseUrl
    const server = http.createServer((req, res) => void this.handle(req, res))
    this.server = server
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject)
      server.listen(0, '127.0.0.1', () => resolve())
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
    await new Promise<void>((resolve) => {
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
    if (this.store.some((c) => c.id === id)) throw new Error(`seed: id ${id} is already used`)
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
      connectorAppInfos: ['AI', 'CI', 'CSA'].map((name) => ({ name, identifier: tenantId, tagId: null })),
      orgRunFrequency: frequency,
      connectorRunFrequency: DAY_MINUTES,
      connectorPrefixName: given.name.replace(/[^A-Za-z0-9_-]/g, '').slice(0, MAX_PREFIX_LENGTH) || 'seeded',
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
    const connector = this.store.find((c) => c.id === id)
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
    return [...this.issued]
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
    this.rateHits = []
    this.counters = { ...FakeQualysGateway.zeroStats(), maxInFlight: this.inFlight.size }
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
      const ctx: Context = { req, res, record, method: record.method, path: record.path, query: record.query, body: record.body, user: '' }
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
    const rule = this.faults.find((r) => {
      if (r.remaining <= 0 || !ruleMatches(r, target, isAuth)) return false
      if (r.toSkip > 0) {
        r.toSkip--
        return false
      }
      return true
    })
    if (!rule) return undefined
    rule.remaining--
    this.faults = this.faults.filter((r) => r.remaining > 0)
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
        for (const token of this.tokens.keys()) this.tokens.set(token, 0)
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
        this.send(ctx, { status: 200, headers: { 'Content-Type': 'application/json' }, body: reply.body.slice(0, Math.floor(reply.body.length / 2)) })
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
      return this.authenticate(ctx)
    }
    const subject = this.tokenSubject(headerValue(ctx.req.headers, 'authorization'))
    if (subject === undefined) return this.withLimitHeaders(errorReply(401, 'Unauthorized'))
    ctx.user = subject

    const throttled = this.admit()
    if (throttled) return throttled

    const waitMs = (this.options.latencyMs ?? 0) + extraDelayMs
    const slot = { endsAt: Date.now() + waitMs }
    this.inFlight.add(slot)
    this.counters.maxInFlight = Math.max(this.counters.maxInFlight, this.inFlight.size)
    try {
      await this.sleep(waitMs)
      return this.withLimitHeaders(this.route(ctx))
    } finally {
      this.inFlight.delete(slot)
    }
  }

  private get listPath(): string | undefined {
    const where = this.options.listSupported === false ? 'none' : (this.options.listPath ?? 'list')
    return where === 'none' ? undefined : LIST_PATHS[where]
  }

  private route(ctx: Context): Reply {
    try {
      if (ctx.method === 'GET' && ctx.path === this.listPath) return this.list(ctx)
      if (ctx.path === STATUS_PATH) return this.setStatus(ctx)
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

  // ---- auth ----------------------------------------------------------------------------------

  private authenticate(ctx: Context): Reply {
    this.counters.auth++
    if (ctx.method !== 'POST') return errorReply(405, 'Method not allowed', { Allow: 'POST' })
    return ctx.path === '/auth' ? this.passwordLogin(ctx) : this.clientLogin(ctx)
  }

  private passwordLogin(ctx: Context): Reply {
    const contentType = headerValue(ctx.req.headers, 'content-type') ?? ''
    if (!contentType.toLowerCase().startsWith('application/x-www-form-urlencoded')) {
      return errorReply(415, 'Content-Type must be application/x-www-form-urlencoded')
    }
    const form = new URLSearchParams(ctx.body) // decodes %XX and '+' like a real form parser
    if (form.get('token') !== 'true') return errorReply(400, 'token=true is required')
    const user = (this.options.users ?? []).find(
      (u) => u.username === form.get('username') && u.password === form.get('password')
    )
    if (!user) return errorReply(401, 'Invalid username or password')
    return text(201, this.issueToken(user.username))
  }

  /** As Qualys' documented curl: credentials in headers, an empty form body (Spring refuses other content types with 415). */
  private clientLogin(ctx: Context): Reply {
    const contentType = headerValue(ctx.req.headers, 'content-type') ?? ''
    if (!contentType.toLowerCase().startsWith('application/x-www-form-urlencoded')) {
      return errorReply(415, 'Content-Type must be application/x-www-form-urlencoded')
    }
    const clientId = headerValue(ctx.req.headers, 'clientId')
    const clientSecret = headerValue(ctx.req.headers, 'clientSecret')
    const client = (this.options.clients ?? []).find(
      (c) => c.clientId === clientId && c.clientSecret === clientSecret
    )
    if (!client) return errorReply(401, 'Invalid client id or secret')
    return text(201, this.issueToken(client.clientId))
  }

  private issueToken(subject: string): string {
    const expiresAt = Date.now() + (this.options.tokenLifetimeSec ?? TOKEN_LIFETIME_SEC) * 1000
    const token = makeJwt(subject, expiresAt)
    this.tokens.set(token, expiresAt)
    this.issued.push(token)
    return token
  }

  /** The subject a valid bearer token stands for, or undefined. */
  private tokenSubject(authorization: string | undefined): string | undefined {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '')
    if (!match) return undefined
    const token = match[1]
    if (this.options.staticTokens?.includes(token)) return 'static_token_user'
    const expiresAt = this.tokens.get(token)
    if (expiresAt === undefined || expiresAt <= Date.now()) return undefined
    const payload = JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8')) as { sub: string }
    return payload.sub
  }

  // ---- limits --------------------------------------------------------------------------------

  /** Returns a 429 if the request is over a limit; otherwise counts it in the rate window. */
  private admit(): Reply | undefined {
    const now = Date.now()
    const limit = this.options.concurrencyLimit
    if (limit !== undefined && this.inFlight.size >= limit) {
      // The earliest a slot frees up: when the first in-flight request is due to finish.
      const soonest = Math.min(...[...this.inFlight].map((s) => s.endsAt))
      return this.throttle(soonest - now)
    }
    const rate = this.options.rateLimit
    if (rate) {
      this.pruneRateWindow(now)
      if (this.rateHits.length >= rate.limit) return this.throttle(this.rateHits[0] + rate.windowSec * 1000 - now)
      this.rateHits.push(now)
    }
    return undefined
  }

  private throttle(waitMs: number): Reply {
    this.counters.throttled++
    return this.withLimitHeaders(
      errorReply(429, 'Too many requests', {
        'X-RateLimit-ToWait-Sec': seconds(waitMs),
        'Retry-After': String(Math.max(0, Math.ceil(waitMs / 1000)))
      })
    )
  }

  private pruneRateWindow(now: number): void {
    const windowMs = (this.options.rateLimit?.windowSec ?? 0) * 1000
    this.rateHits = this.rateHits.filter((t) => t > now - windowMs)
  }

  /** Adds the documented limit headers (only for the limits that are configured). */
  private withLimitHeaders(reply: Reply): Reply {
    if (this.options.advertiseLimits === false) return reply
    const headers: Record<string, string> = {}
    const rate = this.options.rateLimit
    if (rate) {
      const now = Date.now()
      this.pruneRateWindow(now)
      const remaining = Math.max(0, rate.limit - this.rateHits.length)
      const wait = remaining > 0 ? 0 : this.rateHits[0] + rate.windowSec * 1000 - now
      headers['X-RateLimit-Limit'] = String(rate.limit)
      headers['X-RateLimit-Window-Sec'] = String(rate.windowSec)
      headers['X-RateLimit-Remaining'] = String(remaining)
      headers['X-RateLimit-ToWait-Sec'] = seconds(wait)
    }
    if (this.options.concurrencyLimit !== undefined) {
      headers['X-Concurrency-Limit-Limit'] = String(this.options.concurrencyLimit)
      headers['X-Concurrency-Limit-Running'] = String(this.inFlight.size)
    }
    // A 429's own wait headers win over the advertised ones.
    return { ...reply, headers: { ...headers, ...reply.headers } }
  }

  // ---- endpoints -----------------------------------------------------------------------------

  private list(ctx: Context): Reply {
    this.counters.lists++
    const pageNumber = intParam(ctx.query, 'pageNumber', 0, 0)
    const pageSize = Math.min(intParam(ctx.query, 'pageSize', DEFAULT_PAGE_SIZE, 1), this.options.maxPageSize ?? 100)
    const all = [...this.store].sort((a, b) => a.id - b.id)
    const shape = { 'create-style': createStyle, 'list-style': listStyle, thin: thinStyle }[this.options.listShape ?? 'list-style']
    const page = all.slice(pageNumber * pageSize, (pageNumber + 1) * pageSize)
    // Without GET /{id} a client can only watch a sync through the listing: let it move there.
    if (this.options.getSupported === false) page.forEach((c) => this.advanceSync(c))
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
    if (!Array.isArray(ids) || ids.length === 0 || !ids.every((id) => Number.isInteger(id))) throw new ApiError(400, 'body must be a non-empty JSON array of connector ids')
    const connectors = (ids as number[]).map((id) => this.findLive(id))
    for (const connector of connectors) connector.disabled = action === 'DISABLE'
    this.counters.statuses++
    const content = connectors.map(listStyle)
    return json(200, { currentPage: 0, currentPageSize: content.length, totalPages: 1, numberOfElements: content.length, totalElements: content.length, content })
  }

  private find(id: number): FakeConnector {
    const connector = this.store.find((c) => c.id === id)
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
    if (!this.options.forceAI || input.connectorAppInfos.some((a) => a.name === 'AI')) return input
    return { ...input, connectorAppInfos: [{ name: 'AI', identifier: input.tenantId, tagId: null }, ...input.connectorAppInfos] }
  }

  private assertNameFree(name: string, exceptId: number | undefined): void {
    if (this.options.uniqueNames === false) return
    if (this.store.some((c) => !c.deleted && c.name === name && c.id !== exceptId)) {
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
    const reply = this.options.errorStyle === 'spring' && given.status >= 400 ? springError(given, ctx.record.path) : given
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
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.timers.delete(timer)
        resolve()
      }, ms)
      this.timers.add(timer)
    })
  }
}

// ---------------------------------------------------------------------------------------------
// Module-private request helpers
// ---------------------------------------------------------------------------------------------

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = []
  for await (const chunk of req) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks).toString('utf8')
}

function statusFaultReply(fault: { status: number; headers?: Record<string, string>; body?: string }): Reply {
  if (fault.body === undefined) {
    return errorReply(fault.status, http.STATUS_CODES[fault.status] ?? 'Injected fault', fault.headers)
  }
  const hasType = Object.keys(fault.headers ?? {}).some((h) => h.toLowerCase() === 'content-type')
  const looksJson = /^\s*[[{]/.test(fault.body)
  const headers: Record<string, string> = hasType ? {} : { 'Content-Type': looksJson ? 'application/json' : 'text/plain' }
  return { status: fault.status, headers: { ...headers, ...fault.headers }, body: fault.body }
}

/** Spring answers 415 when the body is not declared as JSON; the client must send the header. */
function requireJson(ctx: Context): void {
  const contentType = headerValue(ctx.req.headers, 'content-type') ?? ''
  if (!contentType.toLowerCase().startsWith('application/json')) {
    throw new ApiError(415, 'Content-Type must be application/json')
  }
}

function intParam(query: Record<string, string>, name: string, fallback: number, min: number): number {
  const raw = query[name]
  if (raw === undefined || raw === '') return fallback
  if (!/^\d+$/.test(raw) || Number(raw) < min) throw new ApiError(400, `${name} must be an integer >= ${min}`)
  return Number(raw)
}
