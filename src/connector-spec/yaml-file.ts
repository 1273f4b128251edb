import {
  isAlias,
  isMap,
  isPair,
  isScalar,
  isSeq,
  LineCounter,
  parseDocument,
  visit,
  type Alias,
  type Document,
  type Node,
  type Pair,
  type YAMLMap
} from 'yaml'
import { suggest, type Problem, type SourceLocation } from '../problems.js'
import { quickParse } from './quick-yaml.js'
import type { RawConnector, RawEntry } from './raw.js'
import { isRecord } from '../values.js'

/** Larger spec files are refused before parsing (a thousand connectors take well under 1 MiB). */
export const MAX_SPEC_BYTES = 4 * 1024 * 1024
/** Aliases a spec may expand; blocks "billion laughs" documents. */
const MAX_ALIAS_COUNT = 100
/** Nesting levels a spec may use (it needs about six). */
const MAX_NESTING = 64
const TOP_LEVEL_LIST_KEYS = ['connectors', 'defaults']
/** The library's own message names its API (parseAllDocuments), which means nothing to a spec author. */
const MULTIPLE_DOCS =
  'the file holds more than one YAML document (a --- line); put several connectors in one connectors: list instead'

type Path = (string | number)[]

export interface ParsedSpecFile {
  connectors: RawConnector[]
  problems: Problem[]
}

/** Parses a spec file into raw connectors that remember where each value was written. */
export function parseSpecFile(text: string, file: string): ParsedSpecFile {
  const tooDeep = deepestLine(text)
  if (tooDeep !== undefined) {
    return {
      connectors: [],
      problems: [{ path: 'spec', message: TOO_DEEP, location: { file, line: tooDeep, column: 1 } }]
    }
  }
  const lines = new LineCounter()
  const at = (offset: number): SourceLocation => {
    const { line, col } = lines.linePos(offset)
    return { file, line, column: col }
  }
  let doc: Document
  try {
    // Duplicate keys are found by duplicateKeys below: the parser's own check compares each key with every
    // key before it in its mapping, which took minutes on a mapping of 40,000 keys (docs/decisions/duplicate-keys.md).
    doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: false, merge: true, strict: true })
  } catch (error) {
    // The parser recurses; the depth check above should make this unreachable.
    return {
      connectors: [],
      problems: [
        {
          path: 'spec',
          message: error instanceof RangeError ? TOO_DEEP : `cannot be read: ${(error as Error).message}`,
          location: at(0)
        }
      ]
    }
  }
  const problems = syntaxProblems(doc, duplicateKeys(doc), text, at)
  if (problems.length > 0) return { connectors: [], problems }

  let root: unknown
  try {
    root = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT })
  } catch (error) {
    const message = error instanceof RangeError ? TOO_DEEP : `cannot be read: ${(error as Error).message}`
    return { connectors: [], problems: [{ path: 'spec', message, location: badMergeKey(doc, at) ?? at(0) }] }
  }
  return readRoot(root, new Locator(doc, at), at(0))
}

/**
 * The spec read by quick-yaml.ts, without positions: undefined when the quick reader is not
 * certain. Its problems have no location, so a caller with anything to report reads the file again
 * with parseSpecFile, which places every problem at its line.
 */
export function parseSpecFileQuickly(text: string): ParsedSpecFile | undefined {
  const root = quickParse(text)
  return root === undefined ? undefined : readRoot(root, NO_POSITIONS, undefined)
}

/** The connectors of a spec file's value (connectors: with defaults:, or one connector). */
function readRoot(root: unknown, locator: Positions, start: SourceLocation | undefined): ParsedSpecFile {
  const problems: Problem[] = []
  if (root === null || root === undefined || (typeof root === 'object' && Object.keys(root).length === 0)) {
    return {
      connectors: [],
      problems: [
        { path: 'spec', message: 'is empty; write one connector, or a list under connectors:', location: start }
      ]
    }
  }
  if (!isRecord(root)) {
    return {
      connectors: [],
      problems: [
        {
          path: 'spec',
          message: 'must be a mapping of connector fields, or connectors: with a list',
          location: locator.value([])
        }
      ]
    }
  }
  if (!('connectors' in root)) {
    if ('defaults' in root) {
      problems.push({
        path: 'defaults',
        message: 'is only used with a connectors: list',
        location: locator.key(['defaults'])
      })
      return { connectors: [], problems }
    }
    return { connectors: [toRawConnector(root, [], 'spec', locator)], problems }
  }
  return readConnectorList(root, locator)
}

function readConnectorList(root: Record<string, unknown>, locator: Positions): ParsedSpecFile {
  const problems: Problem[] = []
  for (const key of Object.keys(root).filter(k => !TOP_LEVEL_LIST_KEYS.includes(k))) {
    const hint = suggest(key, TOP_LEVEL_LIST_KEYS)
    problems.push({
      path: key,
      message: `unknown top-level key '${key}'${hint ? `; did you mean '${hint}'?` : ''} (connector fields go inside connectors: or defaults:)`,
      location: locator.key([key])
    })
  }
  const { connectors, defaults } = root
  let defaultEntries: RawEntry[] = []
  if (defaults !== undefined && defaults !== null) {
    if (!isRecord(defaults)) {
      problems.push({
        path: 'defaults',
        message: 'must be a mapping of connector fields',
        location: locator.value(['defaults'])
      })
    } else {
      defaultEntries = toRawConnector(defaults, ['defaults'], 'defaults', locator).entries
      for (const entry of defaultEntries.filter(e => e.key === 'name' || e.key === 'id')) {
        problems.push({
          path: entry.path,
          message: `cannot be a default: every connector needs its own ${entry.key}`,
          location: entry.location
        })
      }
    }
  }
  if (!Array.isArray(connectors) || connectors.length === 0) {
    problems.push({
      path: 'connectors',
      message: 'must be a non-empty list of connectors',
      location: locator.value(['connectors'])
    })
    return { connectors: [], problems }
  }
  const raws: RawConnector[] = []
  connectors.forEach((connector, index) => {
    const path = ['connectors', index]
    if (!isRecord(connector)) {
      problems.push({
        path: `connectors[${index}]`,
        message: 'must be a mapping of connector fields',
        location: locator.value(path)
      })
      return
    }
    const raw = toRawConnector(connector, path, `connectors[${index}]`, locator)
    const own = new Set(raw.entries.map(e => e.key))
    // Not push(...): defaults of 300,000 keys are more arguments than a call takes.
    raw.entries = raw.entries.concat(defaultEntries.filter(e => !own.has(e.key) && e.key !== 'name' && e.key !== 'id'))
    raws.push(raw)
  })
  return { connectors: raws, problems }
}

function toRawConnector(record: Record<string, unknown>, path: Path, label: string, locator: Positions): RawConnector {
  const prefix = label === 'spec' ? '' : `${label}.`
  // Without positions (the quick reading) there is nothing to locate: 20,000 entries in a large spec.
  if (locator === NO_POSITIONS)
    return {
      origin: 'file',
      label,
      entries: Object.entries(record).map(([key, value]) => ({ key, value, path: prefix + key }))
    }
  const entries = Object.entries(record).map(([key, value]): RawEntry => ({
    key,
    value,
    path: prefix + key,
    location: locator.value([...path, key]),
    keyLocation: locator.key([...path, key]),
    locate: sub => locator.value([...path, key, ...sub])
  }))
  return { origin: 'file', label, location: locator.value(path), entries }
}

/** Where a path of the spec's value was written. */
interface Positions {
  value(path: Path): SourceLocation | undefined
  /** Where the key at the end of the path was written. */
  key(path: Path): SourceLocation | undefined
}

/** The quick reader's: it knows no positions. */
const NO_POSITIONS: Positions = { value: () => undefined, key: () => undefined }

/** Finds where a path of the parsed document was written; falls back to the nearest ancestor. */
class Locator implements Positions {
  /**
   * Each mapping's pairs by key and each alias's target, made once: a search per entry made a
   * mapping of many keys quadratic, and an alias resolves by walking the whole document (issue 26).
   */
  private readonly pairs = new WeakMap<object, Map<unknown, Pair>>()
  private readonly targets = new WeakMap<object, unknown>()

  constructor(
    private readonly doc: Document,
    private readonly at: (offset: number) => SourceLocation
  ) {}

  value(path: Path): SourceLocation | undefined {
    return this.find(path, false)
  }

  key(path: Path): SourceLocation | undefined {
    return this.find(path, true)
  }

  private find(path: Path, wantKey: boolean): SourceLocation | undefined {
    let node: unknown = this.doc.contents
    let found = node as Node | null
    for (const [index, segment] of path.entries()) {
      if (isAlias(node)) node = this.target(node)
      let next: unknown
      if (isMap(node)) {
        const pair = this.pairsOf(node).get(segment)
        if (pair && wantKey && index === path.length - 1) return this.start(pair.key as Node)
        next = pair?.value
      } else if (isSeq(node) && typeof segment === 'number') {
        next = node.items[segment]
      }
      if (!next) break
      node = next
      found = next as Node
    }
    return found ? this.start(found) : undefined
  }

  private target(alias: Alias): unknown {
    if (!this.targets.has(alias)) this.targets.set(alias, alias.resolve(this.doc))
    return this.targets.get(alias)
  }

  /** The first pair of each key, as a search from the start finds it. */
  private pairsOf(map: YAMLMap): Map<unknown, Pair> {
    let pairs = this.pairs.get(map)
    if (!pairs) {
      pairs = new Map()
      for (const pair of map.items) {
        if (!isPair(pair)) continue
        const key = isScalar(pair.key) ? pair.key.value : pair.key
        if (!pairs.has(key)) pairs.set(key, pair)
      }
      this.pairs.set(map, pairs)
    }
    return pairs
  }

  private start(node: Node): SourceLocation | undefined {
    return node.range ? this.at(node.range[0]) : undefined
  }
}

const TOO_DEEP = `is nested too deeply (more than ${MAX_NESTING} levels); a connector spec needs a handful`

/** A connector spec is a few levels deep; refusing absurd nesting keeps the recursive parser safe. */
function deepestLine(text: string): number | undefined {
  let flow = 0
  let quote: string | undefined
  let line = 1
  let lineStart = true
  let comment = false
  let column = 0
  // An index loop, not for…of: this runs once per start, before V8 has optimised anything.
  for (let i = 0; i < text.length; i++) {
    const char = text[i]
    if (char === '\n') {
      line++
      lineStart = true
      comment = false
      column = 0
      continue
    }
    if (comment) continue
    if (lineStart) {
      // Block nesting shows as indentation and as `- ` indicators at the start of a line.
      if (char === ' ' || char === '-' || char === '\t') {
        if (++column > MAX_NESTING * 4) return line
        continue
      }
      lineStart = false
    }
    if (quote) {
      if (char === quote) quote = undefined
    } else if (char === '"' || char === "'") quote = char
    else if (char === '#') comment = true
    else if (char === '[' || char === '{') {
      if (++flow > MAX_NESTING) return line
    } else if (char === ']' || char === '}') flow = Math.max(0, flow - 1)
  }
  return undefined
}

/**
 * Where a key repeats one before it in its mapping, as the parser's `uniqueKeys: true` finds them (two
 * scalar keys with the same value), with one set of keys per mapping instead of a search per key.
 */
function duplicateKeys(doc: Document): number[] {
  const offsets: number[] = []
  visit(doc, {
    Map(_, map) {
      const seen = new Set<unknown>()
      for (const pair of map.items) {
        const key = isScalar(pair.key) ? pair.key.value : pair.key
        // The parser's === never finds NaN equal to itself; a Set would.
        if (typeof key === 'number' && Number.isNaN(key)) continue
        if (seen.has(key)) {
          const range = (pair.key as Node | null)?.range
          if (range) offsets.push(range[0])
        } else seen.add(key)
      }
    }
  })
  return offsets
}

/** The parser says "Map keys must be unique"; a spec author needs to know which key, and where. */
function duplicateKey(text: string, offset: number): string {
  const written = /^(?:"((?:[^"\\\n]|\\.)*)"|'([^'\n]*)'|([^:#\n,{}[\]]*?))\s*:/.exec(text.slice(offset, offset + 300))
  const key = written ? (written[1] ?? written[2] ?? written[3]).trim() : ''
  const shown = key.length > 60 ? `${key.slice(0, 57)}…` : key
  return `duplicate key${shown ? ` '${shown}'` : ''}: write each key once in a mapping`
}

/**
 * Every duplicate key (each is its own mistake), and of the other syntax errors only the first: one
 * mis-indented line makes the parser report many, and all but the first are its consequences.
 */
function syntaxProblems(
  doc: Document,
  duplicates: number[],
  text: string,
  at: (offset: number) => SourceLocation
): Problem[] {
  const others = doc.errors
  const problems: Problem[] = duplicates.map(offset => ({
    path: 'spec',
    message: duplicateKey(text, offset),
    location: at(offset)
  }))
  const [first] = others
  if (first === undefined) return problems
  const location = at(first.pos[0])
  const more =
    others.length > 1
      ? ` (the parser reports ${others.length - 1} more after it, which usually follow from this one: fix this first)`
      : ''
  problems.push({
    path: 'spec',
    message: `YAML syntax error: ${describeSyntaxError(first.code, first.message, lineOf(text, location.line))}${more}`,
    location
  })
  return problems.sort((a, b) => (a.location?.line ?? 0) - (b.location?.line ?? 0))
}

/**
 * `key: value` on one line, the value unquoted. Whether the value holds `: ` (YAML reads a second
 * key) or ` #` (YAML reads a comment) is a second search (valueNeedingQuotes): one pattern for both,
 * `.*?(?::\s|\s#).*?\s*$`, took seconds on a line with a long run of spaces (issue 26).
 */
const KEY_AND_VALUE = /^\s*(?:-\s+)?([^\s:#'"][^:#]*?):\s+([^'"\s].*)$/
const QUOTE_NEEDED = /:\s|\s#/
const INDENTATION =
  "this line's indentation does not fit the lines above it: the keys of one connector line up with its first key (the one after '- '), and each new connector starts with '- '"

/**
 * The error in a spec author's terms, with what to do, for the mistakes people make; the parser's own
 * words otherwise (its "Nested mappings are not allowed in compact mappings" helps nobody).
 */
function describeSyntaxError(code: string, message: string, line: string): string {
  if (code === 'MULTIPLE_DOCS') return MULTIPLE_DOCS
  if (/call stack/i.test(message)) return TOO_DEEP
  const needsQuotes = valueNeedingQuotes(line)
  if (needsQuotes && (code === 'BLOCK_AS_IMPLICIT_KEY' || code === 'MULTILINE_IMPLICIT_KEY')) {
    const { key, value } = needsQuotes
    return `the value of '${key.trim()}' contains ': ', which YAML reads as another key; quote a value that contains ': ' or ' #': ${key.trim()}: '${value.replace(/'/g, "''")}'`
  }
  if (code === 'TAB_AS_INDENT') return 'a tab indents this line; indent with spaces (YAML does not allow tabs)'
  if (code === 'MISSING_CHAR' && /quote/i.test(message))
    return 'a quoted value is not closed; add the closing quote (a value that itself holds a quote: use the other kind around it)'
  if (/^Flow (sequence|mapping)/.test(message))
    return 'a [ list or { mapping is not closed; close it with ] or } on the same line'
  if (code === 'BAD_INDENT' || code === 'MISSING_CHAR' || code === 'BLOCK_AS_IMPLICIT_KEY') return INDENTATION
  return firstLine(message)
}

/** The key and the value of a `key: value` line whose value needs quotes; the value without its trailing spaces. */
function valueNeedingQuotes(line: string): { key: string; value: string } | undefined {
  const written = KEY_AND_VALUE.exec(line)
  if (!written) return undefined
  const [, key, rest] = written
  // After the value's first character, which may be a `:` or `#` of its own.
  const quoteNeeded = QUOTE_NEEDED.exec(rest.slice(1))
  if (!quoteNeeded) return undefined
  // The `: ` may end in the spaces after the value: they stay then.
  return { key, value: rest.slice(0, Math.max(quoteNeeded.index + 3, rest.trimEnd().length)) }
}

function lineOf(text: string, line: number): string {
  let start = 0
  for (let n = 1; n < line; n++) {
    const next = text.indexOf('\n', start)
    if (next === -1) return ''
    start = next + 1
  }
  const end = text.indexOf('\n', start)
  return text.slice(start, end === -1 ? undefined : end).replace(/\r$/, '')
}

/** Where a `<<` merge key does not merge a mapping (what makes toJS throw). */
function badMergeKey(doc: Document, at: (offset: number) => SourceLocation): SourceLocation | undefined {
  let found: SourceLocation | undefined
  visit(doc, {
    Pair(_, pair) {
      const key = isScalar(pair.key) ? pair.key.value : undefined
      // With merge keys on, the parser turns `<<` into a symbol.
      const isMerge = key === '<<' || (typeof key === 'symbol' && key.description === '<<')
      const value = pair.value
      const mergeable = (node: unknown): boolean => isMap(node) || isAlias(node)
      if (isMerge && !(mergeable(value) || (isSeq(value) && value.items.every(mergeable)))) {
        const range = (pair.key as Node).range
        if (range) found = at(range[0])
        return visit.BREAK
      }
      return undefined
    }
  })
  return found
}

function firstLine(message: string): string {
  return message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '')
}
