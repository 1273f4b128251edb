/** Validating create/update bodies the way the API does: unknown fields, mandatory fields, apps, run frequencies. */
import {
  SERVER_APP_NAMES,
  ApiError,
  ConnectorInput,
  DAY_MINUTES,
  FakeAppInfo,
  GatewayOptions,
  MANDATORY_STRINGS,
  SERVER_MAX_FREQUENCY_MINUTES,
  SERVER_MAX_PREFIX_LENGTH,
  OPTIONAL_BOOLEANS,
  REQUEST_FIELDS
} from './model.js'
import { isPlainObject } from './replies.js'

// ---------------------------------------------------------------------------------------------
// Request body validation (create and update share it: update is a full replacement)
// ---------------------------------------------------------------------------------------------

export function parseJsonObject(body: string): Record<string, unknown> {
  let value: unknown
  try {
    value = JSON.parse(body)
  } catch {
    throw new ApiError(400, 'Malformed JSON request')
  }
  if (!isPlainObject(value)) throw new ApiError(400, 'Malformed JSON request')
  return value
}

export function mandatoryString(body: Record<string, unknown>, field: string): string {
  const value = body[field]
  if (value === undefined || value === null || value === '') throw new ApiError(400, `${field} is mandatory`)
  if (typeof value !== 'string') throw new ApiError(400, `${field} must be a string`)
  if (value.trim() === '') throw new ApiError(400, `${field} is mandatory`)
  return value
}

export function optionalBoolean(body: Record<string, unknown>, field: string): boolean {
  const value = body[field]
  if (value === undefined || value === null) return false
  if (typeof value !== 'boolean') throw new ApiError(400, `${field} must be a boolean`)
  return value
}

export function optionalStringList(body: Record<string, unknown>, field: string): string[] {
  const value = body[field]
  if (value === undefined || value === null) return []
  if (!Array.isArray(value) || !value.every(v => typeof v === 'string')) {
    throw new ApiError(400, `${field} must be a list of strings`)
  }
  return [...value]
}

/** The table says "String", the sample sends `[]`; tag ids are numbers, so digit strings are accepted too. */
export function tagIds(body: Record<string, unknown>): number[] {
  const value = body.defaultTagIds
  if (value === undefined || value === null) return []
  const ok =
    Array.isArray(value) &&
    value.every(v => (typeof v === 'number' && Number.isInteger(v)) || (typeof v === 'string' && /^\d+$/.test(v)))
  if (!ok) throw new ApiError(400, 'defaultTagIds must be a list of tag ids')
  return value.map(Number)
}

export function appInfos(body: Record<string, unknown>): FakeAppInfo[] {
  const value = body.connectorAppInfos
  if (!Array.isArray(value) || value.length === 0) {
    throw new ApiError(400, 'connectorAppInfos is mandatory: choose one or more apps from [AI, CI, CSA]')
  }
  const seen = new Set<string>()
  return value.map((info): FakeAppInfo => {
    if (!isPlainObject(info)) throw new ApiError(400, 'connectorAppInfos entries must be objects')
    const unknown = Object.keys(info).find(k => !['name', 'identifier', 'tagId'].includes(k))
    if (unknown) throw new ApiError(400, `Unrecognized field "${unknown}" in connectorAppInfos`)
    const { name, identifier, tagId = null } = info
    if (typeof name !== 'string' || !SERVER_APP_NAMES.has(name)) {
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
export function frequencyMinutes(
  body: Record<string, unknown>,
  field: string,
  shape: GatewayOptions['frequencyShape']
): number {
  const value = body[field]
  if (value === undefined || value === null) throw new ApiError(400, `${field} is mandatory`)
  if (shape === 'minutes' && typeof value !== 'number')
    throw new ApiError(400, `${field} must be an integer number of minutes`)
  const total = rawMinutes(field, value)
  if (total <= 0 || total > SERVER_MAX_FREQUENCY_MINUTES) {
    throw new ApiError(400, `${field} must be between 1 and 7 days (1440 to 10080 minutes), got ${total} minutes`)
  }
  return Math.ceil(total / DAY_MINUTES) * DAY_MINUTES
}

export function rawMinutes(field: string, value: unknown): number {
  const shapeError = new ApiError(400, `${field} must be {"hours": h, "minutes": m} or an integer number of minutes`)
  if (typeof value === 'number') {
    if (!Number.isInteger(value)) throw shapeError
    return value
  }
  if (!isPlainObject(value) || Object.keys(value).some(k => k !== 'hours' && k !== 'minutes')) throw shapeError
  const part = (v: unknown): number => {
    if (v === undefined || v === null) return 0
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) throw shapeError
    return v
  }
  return part(value.hours) * 60 + part(value.minutes)
}

/** Validates a create/update body like the API does; absent optional fields get their defaults. */
export function parseConnectorInput(raw: string, frequencyShape?: GatewayOptions['frequencyShape']): ConnectorInput {
  const body = parseJsonObject(raw)
  const unknown = Object.keys(body).find(k => !REQUEST_FIELDS.has(k))
  if (unknown) throw new ApiError(400, `Unrecognized field "${unknown}"`)

  const [name, tenantId, tenantName, applicationId, secretValue, connectorPrefixName] = MANDATORY_STRINGS.map(f =>
    mandatoryString(body, f)
  )
  if (connectorPrefixName.length > SERVER_MAX_PREFIX_LENGTH) {
    throw new ApiError(400, `connectorPrefixName must not exceed ${SERVER_MAX_PREFIX_LENGTH} characters`)
  }
  if (body.description !== undefined && body.description !== null && typeof body.description !== 'string') {
    throw new ApiError(400, 'description must be a string')
  }
  const flags = Object.fromEntries(OPTIONAL_BOOLEANS.map(f => [f, optionalBoolean(body, f)])) as Record<
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
