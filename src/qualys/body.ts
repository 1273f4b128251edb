import { toHoursMinutes } from '../connector-spec/frequency.js'
import {
  FIELDS,
  FIELD_NAMES,
  kindOf,
  type AppInfo,
  type ConnectorSpec,
  type FieldName
} from '../connector-spec/model.js'
import { defaultAppIdentifier, type FrequencyShape } from './assumptions.js'
import type { Connector } from './connector.js'

/** The JSON body of a create or update, as the API documents it. */
export type RequestBody = Record<string, unknown>

type Values = Partial<Record<FieldName, unknown>>

/** Create: exactly the fields the spec sets, in the API's shapes. */
export function createBody(spec: ConnectorSpec): RequestBody {
  return toBody(spec, spec.tenantId)
}

/**
 * Update is a full replacement [INF]: start from the connector as Qualys has it, so fields the
 * spec leaves out keep their current values, then lay the spec over it and add the secret
 * (Qualys never returns it, and the update needs it again).
 */
export function updateBody(current: Connector, spec: ConnectorSpec): RequestBody {
  const merged: Values = {}
  for (const field of FIELD_NAMES) {
    if (!FIELDS[field].sent) continue
    const value = (spec as Values)[field] ?? (current as unknown as Values)[field]
    if (value !== undefined) merged[field] = value
  }
  if (spec.connectorAppInfos)
    merged.connectorAppInfos = keepIdentifiers(spec.connectorAppInfos, current.connectorAppInfos ?? [])
  return toBody(merged, spec.tenantId)
}

/** An app the spec names without an identifier keeps the one Qualys has (the plan does not compare it). */
function keepIdentifiers(wanted: AppInfo[], current: AppInfo[]): AppInfo[] {
  return wanted.map(app => {
    const identifier = app.identifier ?? current.find(existing => existing.name === app.name)?.identifier
    return identifier === undefined ? app : { ...app, identifier }
  })
}

function toBody(values: Values, tenantId: string): RequestBody {
  const body: RequestBody = {}
  for (const field of FIELD_NAMES) {
    const value = values[field]
    if (!FIELDS[field].sent || value === undefined) continue
    body[field] = bodyValue(field, value, tenantId)
  }
  return body
}

/** A field's value in the API's shape. */
function bodyValue(field: FieldName, value: unknown, tenantId: string): unknown {
  const kind = kindOf(field)
  switch (kind) {
    case 'frequency':
      return toHoursMinutes(value as number)
    case 'apps':
      return (value as AppInfo[]).map(app => appBody(app, tenantId))
    case 'id':
    case 'text':
    case 'longText':
    case 'guid':
    case 'secret':
    case 'names':
    case 'tagIds':
    case 'flag':
      return value
    default:
      return kind satisfies never
  }
}

function appBody(app: AppInfo, tenantId: string): RequestBody {
  return { identifier: app.identifier ?? defaultAppIdentifier(tenantId), name: app.name, tagId: app.tagId }
}

/** The body with its run frequencies in the shape the gateway takes (`{hours, minutes}` is how bodies are built). */
export function withFrequencyShape(body: RequestBody, shape: FrequencyShape): RequestBody {
  if (shape === 'hours-minutes') return body
  const reshaped: RequestBody = { ...body }
  for (const field of FIELD_NAMES) {
    const value = body[field] as { hours: number; minutes: number } | undefined
    if (FIELDS[field].kind === 'frequency' && value !== undefined) reshaped[field] = value.hours * 60 + value.minutes
  }
  return reshaped
}
