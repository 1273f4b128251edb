import type { AppInfo, AppName, ConnectorSpec, FieldName } from '../connector-spec/model.js'
import { APP_NAMES, FIELDS, FIELD_NAMES } from '../connector-spec/model.js'
import { isRecord } from '../values.js'

/**
 * A tenant connector as read from Qualys, in one shape whatever spelling the answer used
 * (the API returns `{hours, minutes}` or strings of minutes, `disabled` or `isDisabled`, …).
 * Its fields are the spec's (the request body's names; frequencies in minutes), all optional
 * since an answer may leave any out, plus what only the server knows.
 */
export type Connector = Partial<Omit<ConnectorSpec, 'id' | 'secretValue'>> & {
  id: number
  name: string
  uuid?: string
  state?: string
  lastError?: string | null
  disabled?: boolean
  /** Soft-deleted: listings may still carry it, but it is not a connector to find or write to. */
  deleted?: boolean
  /** The answer as received, minus anything secret: the `connector` output. */
  raw: Record<string, unknown>
}

type Raw = Record<string, unknown>

/** Field → the spellings the API is known to use for it, request spelling first. */
const SPELLINGS = {
  orgRunFrequency: ['orgRunFrequency', 'runFrequency'],
  isCreateConnectorForNewSubscriptionsAutomatically: [
    'isCreateConnectorForNewSubscriptionsAutomatically',
    'createConnectorForNewSubscriptionsAutomatically'
  ],
  isDisableConnectorsForDeletedManagementGroups: [
    'isDisableConnectorsForDeletedManagementGroups',
    'disableConnectorsForDeletedManagementGroups'
  ],
  isRemediationEnabled: ['isRemediationEnabled', 'remediationEnabled'],
  disabled: ['disabled', 'isDisabled'],
  deleted: ['deleted', 'isDeleted']
} as const

const FLAGS = ['autoActivateVM', 'autoActivatePC', 'autoActivateSCA', 'autoActivateCertView', 'autoActivateCV'] as const
const SECRET_KEYS = /secret|password|token|credential/i

export class UnreadableConnectorError extends Error {}

/** Reads one connector object from any documented answer shape. */
export function readConnector(value: unknown): Connector {
  if (value === null || typeof value !== 'object' || Array.isArray(value))
    throw new UnreadableConnectorError('a connector is not a JSON object')
  const raw = value as Raw
  const id = toInteger(raw.id)
  const name = typeof raw.name === 'string' ? raw.name : undefined
  if (id === undefined || name === undefined)
    throw new UnreadableConnectorError('a connector has no numeric id or no name')
  const connector: Connector = { id, name, raw: withoutSecrets(raw) }
  assign(connector, 'uuid', text(raw.uuid))
  // A connector without a description answers null: that is an empty one, so a spec that adds one shows as drift.
  if ('description' in raw) connector.description = text(raw.description) ?? ''
  assign(connector, 'state', text(raw.state))
  if ('lastError' in raw) connector.lastError = text(raw.lastError) ?? null
  assign(connector, 'tenantId', text(raw.tenantId))
  assign(connector, 'tenantName', text(raw.tenantName))
  assign(connector, 'applicationId', text(raw.applicationId))
  assign(connector, 'connectorPrefixName', text(raw.connectorPrefixName))
  assign(connector, 'orgRunFrequency', minutes(first(raw, SPELLINGS.orgRunFrequency)))
  assign(connector, 'connectorRunFrequency', minutes(raw.connectorRunFrequency))
  assign(connector, 'connectorAppInfos', apps(raw.connectorAppInfos))
  assign(connector, 'includedMem', strings(raw.includedMem))
  assign(connector, 'excludedMem', strings(raw.excludedMem))
  assign(connector, 'defaultTagIds', integers(raw.defaultTagIds))
  for (const field of [
    'isCreateConnectorForNewSubscriptionsAutomatically',
    'isDisableConnectorsForDeletedManagementGroups',
    'isRemediationEnabled',
    'disabled',
    'deleted'
  ] as const) {
    assign(connector, field, flag(first(raw, SPELLINGS[field])))
  }
  for (const field of FLAGS) assign(connector, field, flag(raw[field]))
  // The spec's `enabled` is the other side of Qualys' `disabled`, compared like any field.
  if (connector.disabled !== undefined) connector.enabled = !connector.disabled
  return connector
}

/**
 * The fields an update sends that this answer does not carry. A listing may hold only a few
 * fields per connector (its documented samples do); such a connector is read in full before
 * it is compared or updated.
 */
export function missingFields(connector: Connector): FieldName[] {
  return FIELD_NAMES.filter(
    field => FIELDS[field].sent && FIELDS[field].kind !== 'secret' && connector[field as keyof Connector] === undefined
  )
}

/** The state to show: a disabled connector keeps its last sync state in Qualys, which would mislead. */
export function shownState(connector: Connector | undefined): string | undefined {
  if (!connector) return undefined
  return connector.disabled ? 'DISABLED' : connector.state
}

function assign<K extends keyof Connector>(target: Connector, key: K, value: Connector[K] | undefined): void {
  if (value !== undefined) target[key] = value
}

function first(raw: Raw, keys: readonly string[]): unknown {
  for (const key of keys) if (raw[key] !== undefined) return raw[key]
  return undefined
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : undefined
}

function toInteger(value: unknown): number | undefined {
  const number = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value
  return typeof number === 'number' && Number.isSafeInteger(number) ? number : undefined
}

/** `{hours, minutes}`, a number of minutes, or a string of minutes. */
function minutes(value: unknown): number | undefined {
  if (isRecord(value)) {
    const { hours = 0, minutes: mins = 0 } = value
    const h = toInteger(hours)
    const m = toInteger(mins)
    return h === undefined || m === undefined ? undefined : h * 60 + m
  }
  return toInteger(typeof value === 'string' ? value.trim() : value)
}

function flag(value: unknown): boolean | undefined {
  if (typeof value === 'boolean') return value
  if (value === 'true' || value === 'false') return value === 'true'
  return undefined
}

/** null and an empty list mean the same: none. */
function strings(value: unknown): string[] | undefined {
  if (value === null) return []
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : undefined
}

function integers(value: unknown): number[] | undefined {
  if (value === null) return []
  return Array.isArray(value) ? value.map(toInteger).filter((v): v is number => v !== undefined) : undefined
}

function apps(value: unknown): AppInfo[] | undefined {
  if (value === null) return []
  if (!Array.isArray(value)) return undefined
  return value.flatMap((entry): AppInfo[] => {
    if (entry === null || typeof entry !== 'object') return []
    const record = entry as Raw
    const name = typeof record.name === 'string' ? record.name.toUpperCase() : ''
    if (!(APP_NAMES as readonly string[]).includes(name)) return []
    const app: AppInfo = { name: name as AppName, tagId: toInteger(record.tagId) ?? null }
    const identifier = text(record.identifier)
    if (identifier) app.identifier = identifier
    return [app]
  })
}

function withoutSecrets(raw: Raw): Raw {
  return Object.fromEntries(Object.entries(raw).filter(([key]) => !SECRET_KEYS.test(key)))
}
