/** The stand-in gateway's data model: the public types tests use, the documented limits and paths, and the internal request and reply types. */
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http'

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

/**
 * A member (subscription) connector, as the tenant connector `organizationConnectorId` made it for
 * one subscription. Its shape in the listing follows the documented attach answer.
 */
export interface FakeMember {
  id: number
  uuid: string
  name: string
  description: string | null
  organizationConnectorId: number
  subscriptionId: string
  state: string
  lastError: string | null
  disabled: boolean
  deleted: boolean
  activatedModules: string[]
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
  /** Port on 127.0.0.1; default any free one. */
  port?: number
  users?: { username: string; password: string }[]
  clients?: { clientId: string; clientSecret: string }[]
  staticTokens?: string[]
  latencyMs?: number
  concurrencyLimit?: number
  rateLimit?: { limit: number; windowSec: number }
  /** The clock the rate window is kept by (Date.now unless a test moves time itself). */
  now?: () => number
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
  /**
   * Test hooks on every connector request (auth is never held), after its latency: `before` may hold it (the
   * promise) to force the order racing clients reach the server in, whatever the scheduler does; `after` is
   * told once the server acted on it. See raceBarrier (holds.ts).
   */
  hooks?: {
    before?(request: HookedRequest): Promise<void> | void
    after?(request: HookedRequest & { status: number }): void
  }
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
  /**
   * Where the (undocumented) member connector listing answers: `lower` = GET
   * /connectors/v1.0/azure/list (the default), `upper` = GET /connectors/v1.0/AZURE/list, `none` =
   * nowhere (404).
   */
  memberListPath?: 'lower' | 'upper' | 'none'
  /**
   * How a listed member names its tenant connector: `organizationConnectorId` (the default),
   * `orgConnectorId`, or `none` (only its name, which starts with the connectorPrefixName).
   */
  memberLinkField?: 'organizationConnectorId' | 'orgConnectorId' | 'none'
  /**
   * Where a listed member names its subscription: `subscriptionId` (the default), `authRecord`
   * (`authRecord.subscriptionId`), `appInfos` (`connectorAppInfos[].identifier`), or `none`.
   */
  memberSubscriptionField?: 'subscriptionId' | 'authRecord' | 'appInfos' | 'none'
}

/** What a hook is told of a request. */
export interface HookedRequest {
  method: string
  path: string
}

export interface RecordedRequest {
  method: string
  path: string
  query: Record<string, string>
  headers: IncomingHttpHeaders
  body: string
  /** Status answered; 0 while in progress or when the socket was reset. */
  status: number
  /** When the request arrived: `performance.timeOrigin + performance.now()` of the gateway's process, in ms (bench/ times the action by it). */
  at: number
  /** When the answer was handed to the socket, on the same clock; undefined until then, or when none was. */
  answeredAt?: number
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
  /** Pages of the member connector listing answered. */
  memberLists: number
  throttled: number
  maxInFlight: number
}

// ---------------------------------------------------------------------------------------------
// Constants (each assumption about the real server lives in one place)
// ---------------------------------------------------------------------------------------------

export const CONNECTORS_PATH = '/connectors/v1.0/org/azure'
export const LIST_PATHS = {
  list: `${CONNECTORS_PATH}/list`,
  bare: CONNECTORS_PATH,
  slash: `${CONNECTORS_PATH}/`
} as const
export const MEMBER_LIST_PATHS = {
  lower: '/connectors/v1.0/azure/list',
  upper: '/connectors/v1.0/AZURE/list'
} as const
export const CONNECTOR_BY_ID = /^\/connectors\/v1\.0\/org\/azure\/(\d+)$/
export const AUTH_PATHS = new Set(['/auth', '/auth/oidc'])
export const STATUS_ENDPOINT = `${CONNECTORS_PATH}/status/`

export const DAY_MINUTES = 1440
export const SERVER_MAX_FREQUENCY_MINUTES = 7 * DAY_MINUTES // release 2.14: 1 to 7 days
export const SERVER_MAX_PREFIX_LENGTH = 30
export const DEFAULT_PAGE_SIZE = 20 // [INF] Spring's default when the client sends no pageSize
export const DEFAULT_SYNC_STATES = ['PENDING', 'RUNNING', 'SUCCESS']
export const ERROR_STATES = new Set(['ERROR', 'FINISHED_ERRORS'])
export const SUCCESS_STATES = new Set(['SUCCESS', 'FINISHED_SUCCESS'])
export const DEFAULT_SYNC_ERROR = 'AADSTS7000215: Invalid client secret provided.'
export const TOKEN_LIFETIME_SEC = 4 * 3600
export const SERVER_APP_NAMES = new Set(['AI', 'CI', 'CSA'])

export const MANDATORY_STRINGS = [
  'name',
  'tenantId',
  'tenantName',
  'applicationId',
  'secretValue',
  'connectorPrefixName'
] as const
export const OPTIONAL_BOOLEANS = [
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
export const REQUEST_FIELDS = new Set<string>([
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
export type ConnectorInput = Pick<
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

export interface Reply {
  status: number
  headers: Record<string, string>
  body: string
}

/** Thrown by handlers; turned into `{"status":N,"message":…}`. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string
  ) {
    super(message)
  }
}

export interface Context {
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

export interface SyncScript {
  queue: string[]
  lastError: string | null | undefined
}
