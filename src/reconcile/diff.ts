import { IMMUTABLE_FIELDS } from '../qualys/assumptions.js'
import type { Connector } from '../qualys/connector.js'
import { describeMinutes, effectiveDays } from '../connector-spec/frequency.js'
import {
  FIELDS,
  FIELD_NAMES,
  kindOf,
  type AppInfo,
  type ConnectorSpec,
  type FieldName
} from '../connector-spec/model.js'
import { nameKey } from '../text.js'

/** One field that differs between the spec and Qualys, shown the way a person reads it. */
export interface Change {
  field: FieldName
  from: string
  to: string
}

/**
 * The plan rows of the secret. Qualys never returns it, so it is never diffed: these rows say why a write
 * sends it, in fixed words that hold no secret text, and the reports show them as `secretValue: rotated`.
 */
export const ROTATED_CHANGE: Change = { field: 'secretValue', from: '', to: 'rotated' }
export const FORCED_CHANGE: Change = { field: 'secretValue', from: '', to: 're-sent (force-update)' }

/** A row of the secret (ROTATED_CHANGE, FORCED_CHANGE): a reason in words, never a value to show as `from → to`. */
export function isSecretRow(change: Change): boolean {
  return FIELDS[change.field].kind === 'secret'
}

/**
 * Fields the spec sets that Qualys has differently. Compared after normalisation, the way
 * Qualys applies them: frequencies in the whole days it actually runs, lists as sets, null as
 * an empty list. A field the spec leaves out is not compared; a field Qualys does not return
 * cannot be compared either (showing it would be a diff no apply could remove).
 */
export function diff(spec: ConnectorSpec, actual: Connector): Change[] {
  const changes: Change[] = []
  for (const field of FIELD_NAMES) {
    if (field === 'id' || FIELDS[field].kind === 'secret') continue
    const wanted = (spec as unknown as Record<string, unknown>)[field]
    const current = (actual as unknown as Record<string, unknown>)[field]
    if (wanted === undefined || current === undefined) continue
    if (!sameValue(field, wanted, current, spec))
      changes.push({ field, from: show(field, current), to: show(field, wanted) })
  }
  return changes
}

/** Changes the API cannot make: refused before any write. */
export function immutableChanges(changes: Change[]): Change[] {
  return changes.filter(change => (IMMUTABLE_FIELDS as readonly string[]).includes(change.field))
}

/** Two values of a field compared as a plan compares them (also what tells a rename from a second connector). */
export function sameValue(field: FieldName, wanted: unknown, current: unknown, spec: ConnectorSpec): boolean {
  const kind = kindOf(field)
  switch (kind) {
    case 'frequency':
      return effectiveDays(wanted as number) === effectiveDays(current as number)
    case 'guid':
      return String(wanted).toLowerCase() === String(current).toLowerCase()
    case 'names':
    case 'tagIds':
      return sameSet((wanted as unknown[]).map(String), (current as unknown[]).map(String))
    case 'apps':
      return sameSet(appKeys(wanted as AppInfo[], spec), appKeys(current as AppInfo[], spec))
    // Text that renders the same is the same (NFC), as names are matched: no rename of 'é' to 'é'.
    case 'text':
    case 'longText':
      return nameKey(String(wanted).trim()) === nameKey(String(current).trim())
    case 'id':
    case 'flag':
    case 'secret':
      return wanted === current
    default:
      return kind satisfies never
  }
}

/** An app's identity for comparison; its identifier only counts where the spec names one. */
function appKeys(apps: AppInfo[], spec: ConnectorSpec): string[] {
  return apps.map(app => {
    const pinned = spec.connectorAppInfos.some(a => a.name === app.name && a.identifier !== undefined)
    return `${app.name}:${app.tagId ?? ''}:${pinned ? (app.identifier ?? '').toLowerCase() : ''}`
  })
}

function sameSet(a: string[], b: string[]): boolean {
  const left = new Set(a)
  const right = new Set(b)
  return left.size === right.size && [...left].every(value => right.has(value))
}

/**
 * A value as a person reads it in a plan, on one line: a line break in a description (from the
 * spec, or from Qualys) would otherwise start a new log line that the runner may take as a
 * `::command::`.
 */
export function show(field: FieldName, value: unknown): string {
  return describe(field, value).replace(/\r?\n|\r/g, '⏎')
}

function describe(field: FieldName, value: unknown): string {
  const kind = kindOf(field)
  switch (kind) {
    case 'frequency': {
      const minutes = value as number
      const days = effectiveDays(minutes)
      return minutes === days * 1440
        ? describeMinutes(minutes)
        : `${describeMinutes(minutes)} (runs every ${describeMinutes(days * 1440)})`
    }
    case 'apps':
      return (value as AppInfo[]).map(app => (app.tagId === null ? app.name : `${app.name}:${app.tagId}`)).join(', ')
    case 'names':
    case 'tagIds':
      return (value as unknown[]).length === 0 ? '(none)' : (value as unknown[]).join(', ')
    case 'id':
    case 'text':
    case 'longText':
    case 'guid':
    case 'secret':
    case 'flag':
      return String(value)
    default:
      return kind satisfies never
  }
}
