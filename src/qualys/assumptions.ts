/**
 * Every fact about the Qualys API that the documentation does NOT state (tagged [INF] in
 * docs/qualys-api.md) lives here and only here, so that correcting one is a
 * one-line change. Code elsewhere imports these names; it never hard-codes the guesses.
 */

/**
 * [INF] Listing tenant connectors is not documented. Public clients of the other v1.0 connector
 * types call `GET /connectors/v1.0/{type}/list?pageNumber&pageSize`; REST convention gives the
 * other two. Tried in this order, moving to the next only on 404/405; the log says which answered.
 */
export const LIST_PATH_CANDIDATES = [
  '/connectors/v1.0/org/azure/list',
  '/connectors/v1.0/org/azure',
  '/connectors/v1.0/org/azure/'
] as const

/**
 * [INF] Page size to ask for. The largest the server accepts is unknown; a server that caps it
 * silently still works because paging follows `totalPages`. A server that rejects it with 400
 * makes the client fall back once to FALLBACK_PAGE_SIZE (the size in Qualys' own examples).
 */
export const PREFERRED_PAGE_SIZE = 1000
export const FALLBACK_PAGE_SIZE = 50

/** [INF] Pages are numbered from 0. */
export const FIRST_PAGE = 0

/** [INF] Reading one connector. Where it answers 404/405 for a listed id, the listing is read instead. */
export const connectorPath = (id: number): string => `/connectors/v1.0/org/azure/${id}`

/**
 * [DOC] path of the update; [INF] that it is a full replacement: optional fields left out of the
 * body are reset, so an update carries every value the spec sets or Qualys returned.
 */
export const updatePath = (id: number): string => `/connectors/v1.0/org/azure/${id}`

/** [DOC] create path. */
export const CREATE_PATH = '/connectors/v1.0/org/azure/'

/**
 * [INF] In a connectorAppInfos entry of a TENANT connector the identifier is the tenant id
 * (for other connector types it is the subscription / project id).
 */
export const defaultAppIdentifier = (tenantId: string): string => tenantId

/**
 * [INF] A create refused with 400 or 409 may be a duplicate name even when the body does not say so
 * (Spring's default error body has no message): the name is looked up before the refusal is final.
 */
export const CREATE_REFUSALS_TO_CHECK = [400, 409]

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
 * [INF] An answer with X-RateLimit-Remaining: 0 says the window's calls are used up: a 429 with it is
 * the rate window (wait until X-RateLimit-ToWait-Sec), a 429 without it the concurrency limit (a short
 * wait). The documentation shows the headers, not which limit a 429 enforces.
 */
export function isWindowSpent(headers: Record<string, string | undefined>): boolean {
  return headers['x-ratelimit-remaining'] === '0'
}

/**
 * [INF] Ids grow with creation: of connectors created at the same time, the one with the smallest id is
 * the oldest. Racing applies that each created one (a server that does not enforce unique names, see
 * docs/qualys-api.md) all keep this one, without talking to each other, and retire the others.
 */
export function oldestConnectorId(ids: readonly number[]): number {
  return Math.min(...ids)
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

/**
 * [DOC] The documentation's field table says run frequencies are integer minutes; its sample and
 * release 2.14 say `{hours, minutes}`. [INF] which the server takes: `{hours, minutes}` first; a
 * create or update refused with a 400 that names a frequency field is sent once more with minutes,
 * and that shape is kept for the rest of the run.
 */
export const FREQUENCY_SHAPES = ['hours-minutes', 'minutes'] as const
export type FrequencyShape = (typeof FREQUENCY_SHAPES)[number]
export function isFrequencyShapeRejection(status: number, message: string): boolean {
  // About the field's value, not an echo of the request body that merely contains its name.
  const aboutValue =
    /(orgRunFrequency|connectorRunFrequency)[^{}]{0,80}?(must|integer|number|minutes|type|format|invalid)/i
  const parseError = /(deserializ|parse error|not a valid)[^{}]*(orgRunFrequency|connectorRunFrequency)/i
  return status === 400 && (aboutValue.test(message) || parseError.test(message))
}

/**
 * [INF] A 400 that gives no reason at all (Spring's default body `{timestamp, status, error, path}`,
 * or nothing) may be the frequency shape too: it is tried once with minutes as well. A 400 is a
 * definite refusal, so nothing was created by the first attempt.
 */
export function isUnexplainedRefusal(status: number, body: string): boolean {
  if (status !== 400) return false
  if (body.trim() === '') return true
  try {
    const parsed: unknown = JSON.parse(body)
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return false
    const keys = Object.keys(parsed)
    return keys.every(key => ['timestamp', 'status', 'error', 'path', 'requestId'].includes(key))
  } catch {
    return false
  }
}

/**
 * [DOC, UI] Asset Inventory "is active by default for all connectors. This cannot be disabled."
 * [INF] that the API reports it on a connector whose request left it out: a spec without it gets
 * it added (with a notice), so the plan never shows a diff no apply can remove. The validator is
 * handed this list (ValidationContext.alwaysOnApps) rather than importing it: the spec layer does
 * not depend on qualys/.
 */
export const ALWAYS_ON_APPS = ['AI'] as const

/**
 * [INF] An answer may spell a field the way the request does, even where the documented answers
 * spell it otherwise (the create sample says `remediationEnabled` for the request's
 * `isRemediationEnabled`) or leave it out (no sample answer shows `tenantName`). So a field the
 * body carries is looked for under its request spelling first, then under the documented ones
 * (each row's `answer` in connector-spec/model.ts FIELDS).
 */
export function answerKeys(field: string, sentInBody: boolean, documented: readonly string[]): string[] {
  return [...new Set([...(sentInBody ? [field] : []), ...documented])]
}

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

/**
 * [DOC] Enabling and disabling: `/connectors/v1.0/org/azure/status/?action=ENABLE|DISABLE` with a
 * JSON array of ids, answered by a page of list-style connectors. [INF] the method: the page's
 * heading says POST, its sample curl says PUT. POST is sent first; a 405 means this gateway wants
 * the other one, which is then used for the rest of the run.
 */
export const STATUS_PATH = '/connectors/v1.0/org/azure/status/'
export const STATUS_METHODS = ['POST', 'PUT'] as const
export type StatusAction = 'ENABLE' | 'DISABLE'

// ---------------------------------------------------------------------------------------------
// Member (subscription) connectors, for the coverage part of `mode: check` (issue 15).
// None of this is documented; every guess is here so that correcting one is a one-line change.
// ---------------------------------------------------------------------------------------------

/**
 * [INF] Listing member (subscription) connectors is not documented. Two unrelated public clients
 * list the subscription-level connectors of other clouds with
 * `GET /connectors/v1.0/{TYPE}/list?pageNumber&pageSize` (upper-case `AWS`, `OCI`); by analogy
 * Azure's is one of these. Tried in order, moving on only on 404/405; the one that answered is
 * used for the rest of the run.
 */
export const MEMBER_LIST_PATH_CANDIDATES = ['/connectors/v1.0/azure/list', '/connectors/v1.0/AZURE/list'] as const

/**
 * [INF] The field of a member connector that holds the id of its tenant (organization) connector.
 * The attach call's body names it `organizationConnectorId` [DOC, request]; whether listed members
 * carry it, and in which spelling, is a guess. Where no member carries any of these, members are
 * linked by name prefix instead (memberHasPrefix).
 */
export const MEMBER_ORG_CONNECTOR_ID_FIELDS = ['organizationConnectorId', 'orgConnectorId'] as const

/**
 * [DOC] `connectorPrefixName` is "the prefix name for member connectors of the tenant". [INF] that
 * it is a plain, case-sensitive start of each member's name. A prefix that is itself the start of
 * another tenant connector's prefix (`prod`, `prod2`) links that one's members too: linking by id
 * is preferred wherever the members carry one.
 */
export function memberHasPrefix(memberName: string, prefix: string): boolean {
  return prefix !== '' && memberName.startsWith(prefix)
}

/**
 * [INF] Where a member connector names its Azure subscription: `subscriptionId`, or
 * `authRecord.subscriptionId` (the v3 API's spelling), or the identifier of its connectorAppInfos
 * (Qualys' own scripts put the subscription id there). Undefined when none says, or when the app
 * infos name more than one identifier (which one is the subscription would be a guess).
 */
export function memberSubscriptionId(raw: Record<string, unknown>): string | undefined {
  const direct = nonEmptyText(raw.subscriptionId)
  if (direct) return direct
  const authRecord = raw.authRecord
  const nested =
    authRecord !== null && typeof authRecord === 'object' && !Array.isArray(authRecord)
      ? nonEmptyText((authRecord as Record<string, unknown>).subscriptionId)
      : undefined
  if (nested) return nested
  if (!Array.isArray(raw.connectorAppInfos)) return undefined
  // Subscription ids are GUIDs: the same one in another case is the same subscription.
  const identifiers = new Map<string, string>()
  for (const app of raw.connectorAppInfos as unknown[]) {
    const identifier =
      app !== null && typeof app === 'object' ? nonEmptyText((app as Record<string, unknown>).identifier) : undefined
    if (identifier && !identifiers.has(identifier.toLowerCase())) identifiers.set(identifier.toLowerCase(), identifier)
  }
  return identifiers.size === 1 ? [...identifiers.values()][0] : undefined
}

function nonEmptyText(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined
}

/**
 * [DOC] the attach answer's member shows `isDisabled` / `isDeleted`; [INF] the create-style
 * spellings `disabled` / `deleted` as for tenant connectors.
 */
export const MEMBER_DISABLED_FIELDS = ['isDisabled', 'disabled'] as const
export const MEMBER_DELETED_FIELDS = ['isDeleted', 'deleted'] as const

/**
 * [DOC] the attach answer's member says `cloudType: "AZURE"`; [INF] `type` as tenant connectors
 * spell it. A listed object that names another cloud is no Azure member and is left out.
 */
export const MEMBER_CLOUD_TYPE_FIELDS = ['cloudType', 'type'] as const
export const AZURE_CLOUD_TYPE = 'AZURE'
