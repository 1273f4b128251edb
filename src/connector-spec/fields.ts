/**
 * The field readers: one per kind of field in the model (text, GUID, frequency, …; the apps in
 * apps.ts), each turning a raw value into its checked form or reporting why not, through a
 * Checker that collects every problem of one connector.
 */
import { describeMinutes, effectiveDays, isWholeDays, parseFrequency } from './frequency.js'
import { ENV_NAME_PATTERN, GUID_PATTERN, type FieldDef } from './model.js'
import type { RawConnector, RawEntry, ValidationContext } from './raw.js'
import { plural } from '../text.js'
import { parseBoolean } from '../inputs.js'
import type { Problem, SourceLocation } from '../problems.js'

const GUID = new RegExp(GUID_PATTERN)
const SECRET_REF = new RegExp(`^\\$\\{(${ENV_NAME_PATTERN})\\}$`)
// Control and invisible format characters (bidi overrides, zero-width spaces) hide what a name
// really says; the zero-width joiner and emoji tags stay allowed, emoji are built from them.
const CONTROL = /(?![\u{e0020}-\u{e007f}\u200d])[\p{Cc}\p{Cf}\u2028\u2029]/u
const CONTROL_EXCEPT_NEWLINE = /(?![\t\n\u{e0020}-\u{e007f}\u200d])[\p{Cc}\p{Cf}\u2028\u2029]/u

export type Parsed<T> = { ok: true; value: T } | { ok: false }

/** Collects the problems of one connector while its fields are read. */
export class Checker {
  readonly problems: Problem[] = []
  readonly notices: Problem[] = []
  readonly secrets: string[] = []
  /** The environment variable secretValue names, resolved or not. */
  secretVariable?: string
  constructor(
    readonly ctx: ValidationContext,
    readonly origin: RawConnector['origin']
  ) {}

  fail<T>(
    entry: Pick<RawEntry, 'path' | 'location'>,
    message: string,
    sub?: { path: string; location?: SourceLocation }
  ): Parsed<T> {
    this.problems.push({ path: sub?.path ?? entry.path, message, location: sub?.location ?? entry.location })
    return { ok: false }
  }

  notice(entry: RawEntry, message: string): void {
    this.notices.push({ path: entry.path, message, location: entry.location })
  }
}

export function item(entry: RawEntry, index: number): { path: string; location?: SourceLocation } {
  return { path: `${entry.path}[${index}]`, location: entry.locate?.([index]) ?? entry.location }
}

/**
 * `${NAME}` is read from the environment in secretValue only. Anywhere else in a file it is
 * refused: a pull request could otherwise copy any variable of the step's environment (a
 * token, another secret) into a description, and so into the published plan.
 */
export function refuseReferences(entry: RawEntry, value: unknown, check: Checker): Parsed<unknown> {
  if (check.origin !== 'file' || !containsReference(value)) return { ok: true, value }
  return check.fail(
    entry,
    `holds a \${…} reference; environment variables are read only in secretValue (a spec in a pull request must not be able to publish the step's environment). Write the value itself`
  )
}

/** Anywhere in a value; the YAML reader refuses nesting past 64 levels before this runs. */
function containsReference(value: unknown, depth = 0): boolean {
  if (typeof value === 'string') return holdsReference(value)
  if (depth > 64 || value === null || typeof value !== 'object') return false
  return Object.values(value).some(element => containsReference(element, depth + 1))
}

/**
 * `${` with a `}` anywhere after it: two searches, not `/\$\{[^}]*\}/`, which scans to the end of
 * the text from every `${` and so took seconds on a description of `${` repeated (issue 26).
 */
function holdsReference(text: string): boolean {
  const start = text.indexOf('${')
  return start !== -1 && text.includes('}', start + 2)
}

export function readText(entry: RawEntry, value: unknown, def: FieldDef, check: Checker): Parsed<string> {
  const text = typeof value === 'number' ? String(value) : value
  if (typeof text !== 'string') return check.fail(entry, `expected text, got ${typeName(value)}`)
  const trimmed = text.trim()
  if (trimmed === '') return check.fail(entry, 'must not be empty')
  const control = def.kind === 'longText' ? CONTROL_EXCEPT_NEWLINE : CONTROL
  if (control.test(trimmed))
    return check.fail(entry, 'contains control characters (line breaks, tabs or invisible characters)')
  if (def.maxLength !== undefined && [...trimmed].length > def.maxLength) {
    return check.fail(entry, `is ${[...trimmed].length} characters long; at most ${def.maxLength} are allowed`)
  }
  return { ok: true, value: trimmed }
}

export function readGuid(
  entry: RawEntry,
  value: unknown,
  check: Checker,
  sub?: { path: string; location?: SourceLocation }
): Parsed<string> {
  if (typeof value !== 'string') return check.fail(entry, `expected a GUID, got ${typeName(value)}`, sub)
  const text = value.trim()
  if (!GUID.test(text)) {
    return check.fail(entry, `'${shorten(text)}' is not a GUID (expected xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx)`, sub)
  }
  return { ok: true, value: text.toLowerCase() }
}

export function readSecret(entry: RawEntry, check: Checker): Parsed<string> {
  const { value } = entry
  if (check.origin === 'inputs') {
    if (typeof value !== 'string' || value === '') return check.fail(entry, 'must not be empty')
    return { ok: true, value }
  }
  // Never echo the value: it may be a real secret pasted by mistake.
  const reference = typeof value === 'string' ? SECRET_REF.exec(value.trim()) : null
  if (!reference) {
    return check.fail(
      entry,
      'must be an environment variable reference such as ${AZURE_CLIENT_SECRET}; a literal secret in a checked-in file is refused (remove it and rotate it), or leave secretValue out to use the secret-value input'
    )
  }
  check.secretVariable = reference[1]
  const secret = check.ctx.env[reference[1]]
  // Only a write that sends the secret needs the variable (the reconciler asks for it there): an
  // enable/disable or a connector without changes needs none, and a plan checks the reference only.
  if (secret === undefined || secret === '') return { ok: false }
  check.secrets.push(secret)
  return { ok: true, value: secret }
}

export function readInteger(
  entry: RawEntry,
  value: unknown,
  what: string,
  check: Checker,
  sub?: { path: string; location?: SourceLocation }
): Parsed<number> {
  // `${ENV}` always yields text, so digits written as text are accepted as the number.
  const number = typeof value === 'string' && /^\d+$/.test(value.trim()) ? Number(value.trim()) : value
  if (typeof number === 'number' && Number.isSafeInteger(number) && number > 0) return { ok: true, value: number }
  const shown =
    typeof value === 'string' ? `'${shorten(value)}'` : typeof value === 'number' ? String(value) : typeName(value)
  return check.fail(entry, `${what} must be a positive whole number, got ${shown}`, sub)
}

export function readFrequency(entry: RawEntry, value: unknown, check: Checker): Parsed<number> {
  const parsed = parseFrequency(value)
  if ('error' in parsed) return check.fail(entry, parsed.error)
  if (!isWholeDays(parsed.minutes)) {
    const days = effectiveDays(parsed.minutes)
    check.notice(
      entry,
      `${describeMinutes(parsed.minutes)} is not a whole number of days; Qualys rounds it up and runs every ${plural(days, 'day')}`
    )
  }
  return { ok: true, value: parsed.minutes }
}

export function readNames(entry: RawEntry, value: unknown, check: Checker): Parsed<string[]> {
  if (value === null) return { ok: true, value: [] }
  if (!Array.isArray(value))
    return check.fail(entry, `expected a list of management group names, got ${typeName(value)}`)
  // A Set, not the list's includes: a wide list would be compared with itself, item by item.
  const names = new Set<string>()
  let ok = true
  value.forEach((element, index) => {
    const text: unknown = typeof element === 'number' ? String(element) : element
    if (typeof text !== 'string' || text.trim() === '' || CONTROL.test(text)) {
      ok = false
      check.fail(
        entry,
        `expected a management group name, got ${typeof text === 'string' ? 'an empty or unprintable text' : typeName(element)}`,
        item(entry, index)
      )
    } else names.add(text.trim())
  })
  return ok ? { ok: true, value: [...names] } : { ok: false }
}

export function readTagIds(entry: RawEntry, value: unknown, check: Checker): Parsed<number[]> {
  if (value === null) return { ok: true, value: [] }
  if (!Array.isArray(value))
    return check.fail(entry, `expected a list of tag ids (whole numbers), got ${typeName(value)}`)
  const ids = new Set<number>()
  let ok = true
  value.forEach((element, index) => {
    const id = readInteger(entry, element, 'a tag id', check, item(entry, index))
    if (!id.ok) ok = false
    else ids.add(id.value)
  })
  return ok ? { ok: true, value: [...ids] } : { ok: false }
}

export function readFlag(entry: RawEntry, value: unknown, check: Checker): Parsed<boolean> {
  if (typeof value === 'boolean') return { ok: true, value }
  // `${ENV}` always yields text: accept the text forms of true and false too.
  const flag = typeof value === 'string' ? parseBoolean(value) : undefined
  if (flag !== undefined) return { ok: true, value: flag }
  return check.fail(
    entry,
    `expected true or false, got ${typeof value === 'string' ? `'${shorten(value)}'` : typeName(value)}`
  )
}

export function typeName(value: unknown): string {
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'a list'
  if (typeof value === 'object') return 'a mapping'
  if (typeof value === 'string') return 'text'
  return typeof value === 'number' ? 'a number' : typeof value === 'boolean' ? 'a boolean' : typeof value
}

export function shorten(text: string): string {
  return text.length > 60 ? `${text.slice(0, 57)}…` : text
}
