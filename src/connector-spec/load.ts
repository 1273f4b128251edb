import { lstatSync, readFileSync, realpathSync, statSync } from 'node:fs'
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path'
import type { AppName, ConnectorSpec } from './model.js'
import { formatProblem, type Problem } from '../problems.js'
import { connectorInputsSet, inlineConnector } from './inline.js'
import type { InputReader } from '../inputs.js'
import type { RawConnector, ValidationContext } from './raw.js'
import { fieldPath, validateConnector } from './validate.js'
import { MAX_SPEC_BYTES, parseSpecFile, parseSpecFileQuickly } from './yaml-file.js'
import { nameKey } from '../text.js'

export interface SpecSource {
  /** `spec-file` input: a path inside the workspace. */
  specFile?: string
  workspace: string
  readInput: InputReader
}

export interface LoadedSpec {
  connectors: ConnectorSpec[]
  problems: Problem[]
  notices: Problem[]
  /** Secrets found while loading (from the environment): mask them before printing anything. */
  secrets: string[]
  /** Connector name → the environment variable its secretValue names (an apply needs it). */
  secretVariables: Record<string, string>
  /** Workspace-relative spec file, when one was used. */
  file?: string
}

/** Loads and validates the connectors from a spec file or the inline inputs; never touches the network. */
export function loadSpec(source: SpecSource, ctx: ValidationContext): LoadedSpec {
  if (!source.specFile) return validateAll([inlineConnector(source.readInput)], [], ctx)
  const problems: Problem[] = connectorInputsSet(source.readInput).map(input => ({
    path: `input '${input}'`,
    message:
      'must be empty when spec-file is set (the spec file describes the connectors; only secret-value may be combined with it)'
  }))
  const opened = openSpecFile(source.specFile, source.workspace)
  if ('problem' in opened)
    return { connectors: [], problems: [...problems, opened.problem], notices: [], secrets: [], secretVariables: {} }
  return { ...readSpecText(opened.text, opened.file, ctx, problems), file: opened.file }
}

/**
 * Reads and validates a spec file's text. First quickly (yaml-file.ts parseSpecFileQuickly: no
 * positions, a fraction of the time and memory of a 1000-connector spec); that reading is kept only
 * when it is certain and finds nothing to report. Otherwise — a problem or a notice needs its line —
 * the text is read again with every position (parseSpecFile), which is also what `quick: false` does.
 */
export function readSpecText(
  text: string,
  file: string,
  ctx: ValidationContext,
  problems: Problem[] = [],
  quick = true
): LoadedSpec {
  if (quick && problems.length === 0) {
    const parsed = parseSpecFileQuickly(text)
    if (parsed && parsed.problems.length === 0) {
      const result = validateAll(parsed.connectors, [], ctx)
      if (result.problems.length === 0 && result.notices.length === 0) return result
    }
  }
  const parsed = parseSpecFile(text, file)
  return validateAll(parsed.connectors, [...problems, ...parsed.problems], ctx)
}

function validateAll(raws: RawConnector[], problems: Problem[], ctx: ValidationContext): LoadedSpec {
  const result: LoadedSpec = { connectors: [], problems: [...problems], notices: [], secrets: [], secretVariables: {} }
  for (const raw of raws) {
    const validated = validateConnector(raw, ctx)
    append(result.problems, validated.problems)
    append(result.notices, validated.notices)
    append(result.secrets, validated.secrets)
    if (validated.spec) result.connectors.push(validated.spec)
    if (validated.spec && validated.secretVariable)
      result.secretVariables[validated.spec.name] = validated.secretVariable
  }
  for (const more of [duplicates(raws, 'name'), duplicates(raws, 'id'), sameTenantAndPrefix(raws)])
    append(result.problems, more)
  // A bad value in `defaults:` is checked once per connector; report it once.
  result.problems = unique(result.problems)
  result.notices = unique(result.notices)
  if (result.problems.length > 0) result.connectors = []
  return result
}

/**
 * `target.push(...items)` for any number of items: a connector of 300,000 unknown keys is more
 * arguments than a call takes (issue 26), and a concat per connector would copy the list each time.
 */
function append<T>(target: T[], items: readonly T[]): void {
  for (const item of items) target.push(item)
}

function unique(problems: Problem[]): Problem[] {
  const seen = new Set<string>()
  return problems.filter(problem => {
    const key = formatProblem(problem)
    if (seen.has(key)) return false
    seen.add(key)
    return true
  })
}

/** Two spec entries for one connector would fight each other on every run. */
function duplicates(raws: RawConnector[], key: 'name' | 'id'): Problem[] {
  const seen = new Map<string, string>()
  const problems: Problem[] = []
  for (const raw of raws) {
    const entry = raw.entries.find(e => e.key === key)
    if (!entry || (typeof entry.value !== 'string' && typeof entry.value !== 'number')) continue
    const value = String(entry.value).trim()
    const first = seen.get(nameKey(value))
    if (first)
      problems.push({
        path: entry.path,
        message: `${key} '${value}' is already used by ${first}; each connector needs its own`,
        location: entry.location
      })
    else seen.set(nameKey(value), raw.label)
  }
  return problems
}

/**
 * Qualys names a tenant connector's member connectors by its prefix: two entries with one tenantId and
 * one connectorPrefixName are one tenant connector written twice. Reported at both entries (the first
 * one is the one to change as much as the second), comparing values as the validator reads them:
 * GUIDs in any case, text trimmed and NFC.
 */
function sameTenantAndPrefix(raws: RawConnector[]): Problem[] {
  const groups = new Map<string, RawConnector[]>()
  for (const raw of raws) {
    const tenant = writtenText(raw, 'tenantId')?.toLowerCase()
    const prefix = writtenText(raw, 'connectorPrefixName')
    if (tenant === undefined || prefix === undefined) continue
    const key = `${tenant}\n${nameKey(prefix)}`
    const group = groups.get(key)
    if (group) group.push(raw)
    else groups.set(key, [raw])
  }
  return [...groups.values()]
    .filter(group => group.length > 1)
    .flatMap(group => {
      const some = group.length > 2 ? { which: 'all but one', them: 'them' } : { which: 'one', them: 'it' }
      const message = `entries ${entryList(group)} are one tenant connector: same tenantId and connectorPrefixName; Qualys makes member connectors by the prefix, so give ${some.which} of them another prefix or remove ${some.them}`
      return group.map(raw => prefixProblem(raw, message))
    })
}

/** A text value as written in the entry (or its defaults), trimmed; undefined when it is not text. */
function writtenText(raw: RawConnector, key: string): string | undefined {
  const value = raw.entries.find(e => e.key === key)?.value
  const text = typeof value === 'number' ? String(value) : typeof value === 'string' ? value.trim() : undefined
  return text === '' ? undefined : text
}

/** Entries an entryList names; the rest are counted. */
const LISTED_ENTRIES = 5

/**
 * `'A' (line 3) and 'B' (line 12)`: the entries by name and where each starts. A few of them: the
 * message is said at every entry, and 40,000 entries naming all 40,000 were gigabytes (issue 26).
 */
function entryList(group: RawConnector[]): string {
  const named = group.slice(0, LISTED_ENTRIES).map(raw => {
    const name = writtenText(raw, 'name')
    const line = raw.location ? ` (line ${raw.location.line})` : ''
    return `${name === undefined ? raw.label : `'${name}'`}${line}`
  })
  const more = group.length - named.length
  if (more > 0) return `${named.join(', ')} and ${more} more`
  return `${named.slice(0, -1).join(', ')} and ${named[named.length - 1]}`
}

/**
 * At the entry's own connectorPrefixName, the value to change; a prefix from defaults: would put every
 * entry's problem on the one defaults line, so those point at the entry itself.
 */
function prefixProblem(raw: RawConnector, message: string): Problem {
  const own = raw.entries.find(e => e.key === 'connectorPrefixName' && !e.path.startsWith('defaults.'))
  return own
    ? { path: own.path, message, location: own.location }
    : { path: fieldPath(raw, 'connectorPrefixName'), message, location: raw.location }
}

type Opened = { text: string; file: string } | { problem: Problem }

/** Reads the spec file, refusing anything outside the workspace (also through symlinks). */
/**
 * The problems a spec file's text has, as a plan would find them, without the environment: used
 * to check an exported file before anyone relies on it.
 */
export function specTextProblems(text: string, file: string, alwaysOnApps: readonly AppName[]): Problem[] {
  return readSpecText(text, file, { env: {}, requireSecret: false, alwaysOnApps }).problems
}

export function openSpecFile(specFile: string, workspace: string): Opened {
  const refuse = (message: string): Opened => ({ problem: { path: "input 'spec-file'", message } })
  if (specFile.includes('\0')) return refuse('is not a valid path')
  let root: string
  try {
    root = realpathSync(workspace)
  } catch {
    return refuse(`cannot be read: the workspace ${workspace} does not exist (did you run actions/checkout first?)`)
  }
  // The path is checked as written against the workspace as given (an absolute path built from
  // `${{ github.workspace }}` must pass even when the workspace sits behind a symlink), then
  // its real target against the real workspace.
  const base = resolve(workspace)
  const requested = resolve(base, specFile)
  if (!isInside(base, requested))
    return refuse(`'${specFile}' is outside the workspace; give a path inside the repository`)
  let real: string
  try {
    real = realpathSync(requested)
  } catch {
    return refuse(
      `'${specFile}' does not exist in the workspace (${root}); check the path and that actions/checkout ran first`
    )
  }
  if (!isInside(root, real))
    return refuse(`'${specFile}' links to a file outside the workspace; symlinks out of the repository are refused`)
  const stat = statSync(real)
  if (!stat.isFile()) return refuse(`'${specFile}' is not a file`)
  if (stat.size > MAX_SPEC_BYTES) {
    return refuse(
      `'${specFile}' is ${(stat.size / 1024 / 1024).toFixed(1)} MiB; spec files are limited to ${MAX_SPEC_BYTES / 1024 / 1024} MiB`
    )
  }
  return { text: readFileSync(real, 'utf8'), file: relative(base, requested).split(sep).join('/') }
}

/**
 * Where `mode: export` may write: the spec file's rules (inside the workspace, also through
 * symlinks: the folder it goes into, and the file when it exists), plus an existing folder.
 */
export function exportPath(file: string, workspace: string): { path: string; file: string } | { problem: Problem } {
  const refuse = (message: string): { problem: Problem } => ({ problem: { path: "input 'export-file'", message } })
  if (file.includes('\0')) return refuse('is not a valid path')
  let root: string
  try {
    root = realpathSync(workspace)
  } catch {
    return refuse(`cannot be written: the workspace ${workspace} does not exist`)
  }
  const base = resolve(workspace)
  const requested = resolve(base, file)
  if (!isInside(base, requested)) return refuse(`'${file}' is outside the workspace; give a path inside the repository`)
  let folder: string
  try {
    folder = realpathSync(dirname(requested))
  } catch {
    return refuse(`the folder of '${file}' does not exist in the workspace; create it first`)
  }
  if (folder !== root && !isInside(root, folder))
    return refuse(
      `'${file}' is in a folder that links outside the workspace; symlinks out of the repository are refused`
    )
  // The file itself may not be a link at all: a dangling one would be followed by the write, out of the workspace.
  if (isSymlink(requested)) return refuse(`'${file}' is a symbolic link; the export writes only a plain file`)
  let existing: string | undefined
  try {
    existing = realpathSync(requested)
  } catch {
    existing = undefined
  }
  if (existing !== undefined && !isInside(root, existing))
    return refuse(`'${file}' links to a file outside the workspace; symlinks out of the repository are refused`)
  if (existing !== undefined && !statSync(existing).isFile()) return refuse(`'${file}' is not a file`)
  return { path: existing ?? requested, file: relative(base, requested).split(sep).join('/') }
}

function isInside(root: string, path: string): boolean {
  const rel = relative(root, path)
  // `..name` is a file inside the workspace; only `..` as a whole segment climbs out.
  return rel !== '' && rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel)
}

function isSymlink(path: string): boolean {
  try {
    return lstatSync(path).isSymbolicLink()
  } catch {
    return false
  }
}
