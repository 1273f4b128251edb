import type { AppInfo, AppName, ConnectorSpec, FieldDef, FieldKind, FieldName } from '../connector-spec/model.js'
import { APP_NAMES, FIELDS, FIELD_NAMES } from '../connector-spec/model.js'
import { answerKeys } from './assumptions.js'
import { isRecord } from '../values.js'

/**
 * A tenant connector as read from Qualys, in one shape whatever spelling the answer used
 * (the API returns `{hours, minutes}` or strings of minutes, `disabled` or `isDisabled`, …:
 * each field's spellings are in its FIELDS row, connector-spec/model.ts).
 * Its fields are the spec's (the request body's names; frequencies in minutes), all optional
 * since an answer may leave any out, plus what only the server knows.
 */
export type Connector = Partial<Omit<ConnectorSpec, 'id' | 'secretValue'>> & {
  id: number
  name: string
  uuid?: string
  state?: string
  lastError?: string | null
  /** When its last sync ended, as Qualys wrote it; null when Qualys says it never synced. */
  lastSynced?: string | null
  disabled?: boolean
  /** Soft-deleted: listings may still carry it, but it is not a connector to find or write to. */
  deleted?: boolean
  /** The answer as received, minus anything secret: the `connector` output. */
  raw: Record<string, unknown>
}

type Raw = Record<string, unknown>

/** The fields a connector cannot be read without: every answer names them, and they identify it. */
const IDENTITY: readonly FieldName[] = ['id', 'name']

/**
 * How an answer's value becomes a spec field of each kind; undefined when it cannot be read (the
 * field is then left out, as if Qualys had not said). `satisfies` makes a new kind need a reader.
 */
const READERS = {
  id: toInteger,
  text,
  // A connector without a description answers null: that is an empty one, so a spec that adds one shows as drift.
  longText: value => text(value) ?? '',
  guid: text,
  // Never read back: Qualys masks it, and its row says no answer carries it.
  secret: () => undefined,
  apps,
  frequency: minutes,
  names: strings,
  tagIds: integers,
  flag
} satisfies Record<FieldKind, (value: unknown) => unknown>

const SECRET_KEYS = /secret|password|token|credential/i

export class UnreadableConnectorError extends Error {}

/** Reads one connector object from any documented answer shape, each spec field as its FIELDS row says. */
export function readConnector(value: unknown): Connector {
  if (value === null || typeof value !== 'object' || Array.isArray(value))
    throw new UnreadableConnectorError('a connector is not a JSON object')
  const raw = value as Raw
  const id = toInteger(answered(raw, 'id'))
  const name = answered(raw, 'name')
  if (id === undefined || typeof name !== 'string')
    throw new UnreadableConnectorError('a connector has no numeric id or no name')
  const connector: Connector = { id, name, raw: withoutSecrets(raw) }
  const fields = connector as unknown as Record<string, unknown>
  for (const field of FIELD_NAMES) {
    const read = IDENTITY.includes(field) ? undefined : readField(raw, field)
    if (read !== undefined) fields[field] = read
  }
  readServerFields(raw, connector)
  return connector
}

/** One spec field of an answer in the spec's form; undefined when the answer does not carry it readably. */
function readField(raw: Raw, field: FieldName): unknown {
  const { kind, answer } = FIELDS[field] as FieldDef
  const found = answered(raw, field)
  if (found === undefined) return undefined
  const read: unknown = READERS[kind](found)
  return answer?.negated && typeof read === 'boolean' ? !read : read
}

/** The value an answer holds for a field, under the first of its spellings that is present. */
function answered(raw: Raw, field: FieldName): unknown {
  const def = FIELDS[field] as FieldDef
  if (!def.answer) return undefined
  return first(raw, answerKeys(field, def.sent, def.answer.keys))
}

/** What only the server knows; these are not spec fields, so their documented spellings are here. */
function readServerFields(raw: Raw, connector: Connector): void {
  assign(connector, 'uuid', text(raw.uuid))
  assign(connector, 'state', text(raw.state))
  // null is "no error"; left out is "not said".
  if ('lastError' in raw) connector.lastError = text(raw.lastError) ?? null
  // null is "never synced"; left out is "not said" (a thin listing).
  if ('lastSynced' in raw) connector.lastSynced = timestamp(raw.lastSynced)
  // The create sample says `deleted`, the list-style samples `isDeleted`.
  assign(connector, 'deleted', flag(first(raw, ['deleted', 'isDeleted'])))
  // Read as the spec's `enabled` (compared like any field); `disabled` is what a report shows.
  if (connector.enabled !== undefined) connector.disabled = !connector.enabled
}

/**
 * The fields an update sends that this answer does not carry. A listing may hold only a few
 * fields per connector (its documented samples do); such a connector is read in full before
 * it is compared or updated.
 */
export function missingFields(connector: Connector): FieldName[] {
  // A field no answer carries (the secret) is never missing: reading again would not find it either.
  return FIELD_NAMES.filter(
    field => FIELDS[field].sent && FIELDS[field].answer !== null && connector[field as keyof Connector] === undefined
  )
}

/** A timestamp as text (ISO, or epoch digits as Qualys may send a number); null for none. */
function timestamp(value: unknown): string | null {
  if (typeof value === 'number' && Number.isSafeInteger(value)) return String(value)
  return text(value) ?? null
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
