/**
 * Every fact about the Qualys API that the documentation does NOT state (tagged [INF] in
 * shared/reference/qualys-api.md) lives here and only here, so that correcting one is a
 * one-line change. Code elsewhere imports these names; it never hard-codes the guesses.
 */

/** [INF] Listing tenant connectors: REST convention, not documented for the org/azure resource. */
export const LIST_PATH = '/connectors/v1.0/org/azure'

/**
 * [INF] Page size to ask for. The largest the server accepts is unknown; a server that caps it
 * silently still works because paging follows `totalPages`. A server that rejects it with 400
 * makes the client fall back once to FALLBACK_PAGE_SIZE (the size in Qualys' own examples).
 */
export const PREFERRED_PAGE_SIZE = 1000
export const FALLBACK_PAGE_SIZE = 50

/** [INF] Pages are numbered from 0. */
export const FIRST_PAGE = 0

/** [INF] Reading one connector (used when waiting for its first sync). */
export const connectorPath = (id: number): string => `/connectors/v1.0/org/azure/${id}`

/** [DOC] path of the update; [INF] that it is a full replacement needing every mandatory field again. */
export const updatePath = connectorPath

/** [DOC] create path. */
export const CREATE_PATH = '/connectors/v1.0/org/azure/'

/**
 * [INF] In a connectorAppInfos entry of a TENANT connector the identifier is the tenant id
 * (for other connector types it is the subscription / project id).
 */
export const defaultAppIdentifier = (tenantId: string): string => tenantId

/**
 * [INF] How the server says "a connector with this name exists" on create/update: the status
 * (400 or 409) and body are not documented. We accept either status when the message talks
 * about the name being taken.
 */
export function isDuplicateNameRejection(status: number, message: string): boolean {
  if (status !== 400 && status !== 409) return false
  return /already exists|duplicate|not unique|unique name|name .*(taken|in use)/i.test(message)
}

/**
 * [INF] A 409 is the classic API's "over the limit" answer [DOC], but a gateway may also use 409
 * for a conflict such as a duplicate name. The gateway sends its X-RateLimit-* headers on every
 * answer [DOC], so their mere presence proves nothing: a 409 is throttling only when it is not a
 * duplicate-name refusal and it asks for a wait (Retry-After, a positive X-RateLimit-ToWait-Sec)
 * or says so in its message.
 */
export function isThrottling409(headers: Record<string, string | undefined>, message: string): boolean {
  if (isDuplicateNameRejection(409, message)) return false
  if (headers['retry-after'] !== undefined || Number(headers['x-ratelimit-towait-sec']) > 0) return true
  return /rate limit|too many|concurrency limit|throttl/i.test(message)
}

/**
 * Fields an update cannot change: connectorPrefixName [DOC]; tenantId [INF], probably. A change to
 * either is refused before any write.
 */
export const IMMUTABLE_FIELDS = ['connectorPrefixName', 'tenantId'] as const

/** [DOC for some, INF for the set] connector states. */
export const SYNC_IN_PROGRESS_STATES = ['PENDING', 'QUEUED', 'RUNNING', 'PROCESSING']
export const SYNC_FAILED_STATES = ['ERROR', 'FINISHED_ERRORS']
export const SYNC_SUCCESS_STATES = ['SUCCESS', 'FINISHED_SUCCESS']

/** [INF] Auth answers 201 [DOC]; some clients also accept 200. */
export const AUTH_SUCCESS_STATUSES = [200, 201]

/**
 * [INF] Platform gateways beyond US1–US3 follow the documented pattern and public clients.
 * Private-cloud customers pass `qualys-gateway-url` instead.
 */
export const PLATFORM_GATEWAYS: Record<string, string> = {
  US1: 'https://gateway.qg1.apps.qualys.com',
  US2: 'https://gateway.qg2.apps.qualys.com',
  US3: 'https://gateway.qg3.apps.qualys.com',
  US4: 'https://gateway.qg4.apps.qualys.com',
  GOV1: 'https://gateway.gov1.qualys.us',
  EU1: 'https://gateway.qg1.apps.qualys.eu',
  EU2: 'https://gateway.qg2.apps.qualys.eu',
  EU3: 'https://gateway.qg3.apps.qualys.it',
  IN1: 'https://gateway.qg1.apps.qualys.in',
  CA1: 'https://gateway.qg1.apps.qualys.ca',
  AE1: 'https://gateway.qg1.apps.qualys.ae',
  UK1: 'https://gateway.qg1.apps.qualys.co.uk',
  AU1: 'https://gateway.qg1.apps.qualys.com.au',
  KSA1: 'https://gateway.qg1.apps.qualysksa.com'
}
