import { readApps } from './apps.js'
import {
  Checker,
  readFlag,
  readFrequency,
  readGuid,
  readInteger,
  readNames,
  readSecret,
  readTagIds,
  readText,
  refuseReferences,
  type Parsed
} from './fields.js'
import { FIELDS, FIELD_NAMES, type ConnectorSpec, type FieldDef, type FieldName } from './model.js'
import type { RawConnector, RawEntry, ValidationContext } from './raw.js'
import { suggest, type Problem, type SourceLocation } from '../problems.js'

export interface ValidatedConnector {
  spec?: ConnectorSpec
  problems: Problem[]
  notices: Problem[]
  /** Secret values resolved from the environment: the caller masks them. */
  secrets: string[]
  /** The environment variable secretValue names (an apply needs it set). */
  secretVariable?: string
}

/** Checks one connector: every problem is collected, none stops the others being found. */
export function validateConnector(raw: RawConnector, ctx: ValidationContext): ValidatedConnector {
  const check = new Checker(ctx, raw.origin)
  const values: Partial<Record<FieldName, unknown>> = {}
  for (const entry of raw.entries) {
    if (!(FIELD_NAMES as string[]).includes(entry.key)) {
      const hint = suggest(entry.key, FIELD_NAMES)
      // Point at the key itself: the value of a misspelt block key starts on a later line.
      check.fail(
        { path: entry.path, location: entry.keyLocation ?? entry.location },
        `unknown key '${entry.key}'${hint ? `; did you mean '${hint}'?` : ''}`
      )
      continue
    }
    const name = entry.key as FieldName
    // An explicit null (`key:` with nothing after it) means "not set" for optional fields.
    if (
      entry.value === null &&
      !FIELDS[name].required &&
      FIELDS[name].kind !== 'names' &&
      FIELDS[name].kind !== 'tagIds'
    )
      continue
    const parsed = readField(name, entry, check)
    if (parsed.ok) values[name] = parsed.value
  }
  // One set of the keys, not a search of every entry per field: a connector may hold 300,000 keys.
  const written = new Set(raw.entries.map(entry => entry.key))
  for (const name of FIELD_NAMES) {
    if (FIELDS[name].required && !written.has(name)) {
      check.problems.push({
        path: fieldPath(raw, name),
        message: `is missing; ${FIELDS[name].description}`,
        location: raw.location
      })
    }
  }
  checkSecret(raw, values, check)
  checkManagementGroups(raw, values, check)
  const spec = check.problems.length === 0 ? (values as ConnectorSpec) : undefined
  return {
    spec,
    problems: check.problems,
    notices: check.notices,
    secrets: check.secrets,
    secretVariable: check.secretVariable
  }
}

function checkSecret(raw: RawConnector, values: Partial<Record<FieldName, unknown>>, check: Checker): void {
  // A secretValue that was written but refused is already reported; `secretValue:` left empty
  // (null) means "not set", like any other optional field, so the input or the error still applies.
  if (values.secretValue !== undefined || raw.entries.some(e => e.key === 'secretValue' && e.value !== null)) return
  if (check.ctx.secretInput) {
    values.secretValue = check.ctx.secretInput
  } else if (check.ctx.requireSecret) {
    check.problems.push({
      path: fieldPath(raw, 'secretValue'),
      message:
        'no Azure client secret: set the secret-value input (from ${{ secrets.… }}) or secretValue: ${ENV_NAME} in the spec',
      location: raw.location
    })
  }
}

function checkManagementGroups(raw: RawConnector, values: Partial<Record<FieldName, unknown>>, check: Checker): void {
  const included = (values.includedMem as string[] | undefined) ?? []
  const excluded = new Set((values.excludedMem as string[] | undefined) ?? [])
  const both = included.filter(group => excluded.has(group))
  if (both.length > 0) {
    const entry = raw.entries.find(e => e.key === 'excludedMem')
    check.problems.push({
      path: entry?.path ?? fieldPath(raw, 'excludedMem'),
      message: `management group${both.length > 1 ? 's' : ''} ${both.map(g => `'${g}'`).join(', ')} both included and excluded; keep each in one list`,
      location: entry && excludedItemLocation(entry, both[0])
    })
  }
}

/** Where the first conflicting group is written in excludedMem (a block list starts a line below its key). */
function excludedItemLocation(entry: RawEntry, group: string): SourceLocation | undefined {
  const index = Array.isArray(entry.value) ? entry.value.findIndex(v => String(v).trim() === group) : -1
  return index >= 0 ? (entry.locate?.([index]) ?? entry.location) : entry.location
}

/** Reads one field by its kind; `${…}` is refused everywhere but secretValue. */
function readField(name: FieldName, entry: RawEntry, check: Checker): Parsed<unknown> {
  const def: FieldDef = FIELDS[name]
  if (def.kind === 'secret') return readSecret(entry, check)
  const resolved = refuseReferences(entry, entry.value, check)
  if (!resolved.ok) return resolved
  const value = resolved.value
  switch (def.kind) {
    case 'id':
      return readInteger(entry, value, 'id', check)
    case 'text':
    case 'longText':
      return readText(entry, value, def, check)
    case 'guid':
      return readGuid(entry, value, check)
    case 'apps':
      return readApps(entry, value, check)
    case 'frequency':
      return readFrequency(entry, value, check)
    case 'names':
      return readNames(entry, value, check)
    case 'tagIds':
      return readTagIds(entry, value, check)
    case 'flag':
      return readFlag(entry, value, check)
  }
}

/** How a field is named in messages for this connector (input name for inline inputs). */
export function fieldPath(raw: Pick<RawConnector, 'origin' | 'label'>, name: FieldName): string {
  const input = (FIELDS[name] as FieldDef).input
  if (raw.origin === 'inputs') return input ? `input '${input}'` : name
  return raw.label === 'spec' ? name : `${raw.label}.${name}`
}
