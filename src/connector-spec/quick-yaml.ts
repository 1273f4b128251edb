/**
 * A quick reader for the plain YAML a connector spec is written in, without positions: block
 * mappings and lists, one-line scalars, one-line `[a, b]` lists, comments. It reads in one pass
 * what the `yaml` package (yaml-file.ts) would read, without building a document tree: a
 * 1000-connector spec (~700 KB) in under a tenth of yaml's time and with tens of MiB less at the
 * peak (bench/run.ts section 4 measures the whole run).
 *
 * It answers only when it is certain to give what `yaml` gives (YAML 1.2, core schema, as
 * yaml-file.ts reads it); anything else — anchors, aliases, merge keys, tags, block scalars,
 * flow mappings, quoted keys, escapes, directives, several documents, tabs, carriage returns,
 * control characters, a duplicate key, a floating-point, octal or hexadecimal number, a
 * multi-line value, anything malformed — makes it answer undefined, and the caller reads the
 * file with yaml-file.ts, which also knows where every value was written.
 * __tests__/spec-quick-yaml.test.ts reads specs both ways and compares.
 */

/** Deeper than a connector spec goes (top mapping, list, connector, list, app mapping). */
const MAX_DEPTH = 8
/** Characters that make the whole file go to the full parser. */
// eslint-disable-next-line no-control-regex
const UNSURE_CHARACTERS = /[\u0000-\u0008\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029\ufeff\ufffe\uffff]/
/** A key as a spec writes one; anything else (quoted keys, `<<`, `? `) is for the full parser. */
const KEY = /^([A-Za-z_][A-Za-z0-9_]{0,99}):(?: +|$)/
const NOT_TEXT_KEY = /^(?:[Nn]ull|NULL|[Tt]rue|TRUE|[Ff]alse|FALSE)$/
/** A one-line flow list item the quick reader resolves itself. */
const FLOW_ITEM = /^(?:[A-Za-z0-9_]|[-+][0-9])[A-Za-z0-9_ ./-]*$/
/** Plain scalars the core schema reads as something else than a string, and which are left to `yaml`. */
const OTHER_NUMBERS = [
  /^0o[0-7]+$/,
  /^0x[0-9a-fA-F]+$/,
  /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/,
  /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/,
  /^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/
]

const SPACE = 0x20
const HASH = 0x23

/** Thrown inside the reader when it is not certain; never leaves this module. */
class Unsure extends Error {}

function unsure(): never {
  throw new Unsure()
}

interface Line {
  indent: number
  /** The line without its indentation. */
  text: string
}

/**
 * The value `yaml`'s parseDocument(…).toJS() would give for this text, or undefined when the
 * quick reader cannot be certain (then nothing about the text is known: read it with yaml-file.ts).
 */
export function quickParse(text: string): unknown {
  if (UNSURE_CHARACTERS.test(text)) return undefined
  const lines: Line[] = []
  // An index loop, not split and replace: this runs once per start, before V8 has optimised anything.
  for (let start = 0; start < text.length;) {
    let end = text.indexOf('\n', start)
    if (end === -1) end = text.length
    let first = start
    while (first < end && text.charCodeAt(first) === SPACE) first++
    // Blank lines and whole-line comments carry nothing (the reader refuses multi-line values, the only place they would).
    if (first < end && text.charCodeAt(first) !== HASH)
      lines.push({ indent: first - start, text: text.slice(first, end) })
    start = end + 1
  }
  if (lines.length === 0 || lines[0].indent !== 0) return undefined
  try {
    const reader = new Reader(lines)
    const value = reader.mapping(0, 0)
    if (reader.at < lines.length) return undefined
    return value
  } catch (error) {
    if (error instanceof Unsure) return undefined
    throw error
  }
}

class Reader {
  at = 0

  constructor(private readonly lines: Line[]) {}

  /** A block mapping whose keys start at `column`; the first key may follow a `- ` on its line. */
  mapping(column: number, depth: number, first?: string): Record<string, unknown> {
    if (depth > MAX_DEPTH) unsure()
    const result: Record<string, unknown> = {}
    let text = first
    for (;;) {
      if (text === undefined) {
        const line = this.lines[this.at]
        if (line === undefined || line.indent < column) return result
        if (line.indent > column) unsure()
        text = line.text
      }
      this.at++
      const key = KEY.exec(text)
      if (!key) unsure()
      const name = key[1]
      // `true:` or `null:` is a boolean or null key, which toJS writes differently.
      if (name === '__proto__' || NOT_TEXT_KEY.test(name) || Object.prototype.hasOwnProperty.call(result, name))
        unsure()
      result[name] = this.value(text.slice(key[0].length), column, depth)
      text = undefined
    }
  }

  /** A block list whose `-` indicators are at `column`. */
  list(column: number, depth: number): unknown[] {
    if (depth > MAX_DEPTH) unsure()
    const result: unknown[] = []
    for (;;) {
      const line = this.lines[this.at]
      if (line === undefined || line.indent < column) return result
      if (line.indent > column) unsure()
      const item = /^- +/.exec(line.text)
      if (!item) return result
      const rest = line.text.slice(item[0].length)
      const itemColumn = column + item[0].length
      if (KEY.test(rest)) {
        result.push(this.mapping(itemColumn, depth + 1, rest))
      } else {
        if (rest.startsWith('-') || rest.startsWith('#')) unsure()
        this.at++
        result.push(inlineValue(rest))
        // A more indented line after a scalar item would continue it, or be an error.
        const next = this.lines[this.at]
        if (next !== undefined && next.indent > column) unsure()
      }
    }
  }

  /** The value after `key:` of a key at `column`: on the same line, or the block on the lines below. */
  private value(rest: string, column: number, depth: number): unknown {
    const next = this.lines[this.at]
    if (rest === '' || rest.startsWith('#')) {
      if (next === undefined || next.indent < column) return null
      if (next.indent === column) return next.text.startsWith('- ') ? this.list(column, depth + 1) : null
      if (next.text.startsWith('- ')) return this.list(next.indent, depth + 1)
      if (KEY.test(next.text)) return this.mapping(next.indent, depth + 1)
      return unsure()
    }
    const value = inlineValue(rest)
    // A more indented line after a value on the key's line would continue it, or be an error.
    if (next !== undefined && next.indent > column) unsure()
    return value
  }
}

/** A value written on one line: a plain or quoted scalar or a `[…]` list, with an optional comment. */
function inlineValue(written: string): unknown {
  const first = written[0]
  if (first === "'") return afterValue(singleQuoted(written))
  if (first === '"') return afterValue(doubleQuoted(written))
  if (first === '[') return afterValue(flowList(written))
  return plainScalar(written)
}

/** What may follow a quoted value or a `[…]` list on its line: spaces and a comment. */
function afterValue([value, rest]: [unknown, string]): unknown {
  if (!/^(?: +#.*| *)$/.test(rest)) unsure()
  return value
}

function singleQuoted(written: string): [string, string] {
  let value = ''
  let i = 1
  for (;;) {
    const end = written.indexOf("'", i)
    if (end === -1) unsure()
    value += written.slice(i, end)
    if (written[end + 1] !== "'") return [value, written.slice(end + 1)]
    value += "'"
    i = end + 2
  }
}

function doubleQuoted(written: string): [string, string] {
  const end = written.indexOf('"', 1)
  if (end === -1) unsure()
  const value = written.slice(1, end)
  // Escapes are the full parser's.
  if (value.includes('\\')) unsure()
  return [value, written.slice(end + 1)]
}

function flowList(written: string): [unknown[], string] {
  const end = written.indexOf(']')
  if (end === -1) unsure()
  const inside = written.slice(1, end)
  const rest = written.slice(end + 1)
  if (inside.trim() === '') {
    if (inside !== '' && !/^ +$/.test(inside)) unsure()
    return [[], rest]
  }
  const items = inside.split(',').map(item => {
    const trimmed = trimSpaces(item)
    if (!FLOW_ITEM.test(trimmed) || trimmed.includes('  ')) unsure()
    return resolvePlain(trimmed)
  })
  return [items, rest]
}

/** A plain scalar on one line in block context, as the core schema resolves it. */
function plainScalar(written: string): unknown {
  // A comment starts at ` #`; the value ends before it, trailing spaces dropped.
  const comment = written.indexOf(' #')
  const value = trimSpaces(comment === -1 ? written : written.slice(0, comment), false)
  if (value === '') unsure()
  // Indicators (anchors, aliases, tags, block scalars, flow mappings, reserved characters, `- `, `? `, `: `).
  if (/^[?:,\]{}#&*!|>%@`]/.test(value) || /^-(?: |$)/.test(value)) unsure()
  // `: ` would start a mapping (an error in this position), as would a trailing `:`.
  if (value.includes(': ') || value.endsWith(':')) unsure()
  return resolvePlain(value)
}

/**
 * Without the spaces at its end (and at its start unless `start` is false). A loop, not `/ +$/`:
 * that pattern is tried at every space of a run and scans the run each time, so a value holding
 * a million spaces took minutes (issue 26).
 */
function trimSpaces(text: string, start = true): string {
  let end = text.length
  while (end > 0 && text.charCodeAt(end - 1) === SPACE) end--
  let first = 0
  if (start) while (first < end && text.charCodeAt(first) === SPACE) first++
  return text.slice(first, end)
}

/** The core schema's reading of a plain scalar: null, a boolean, a decimal integer or a string. */
function resolvePlain(value: string): unknown {
  if (/^(?:~|[Nn]ull|NULL)$/.test(value)) return null
  if (/^(?:[Tt]rue|TRUE)$/.test(value)) return true
  if (/^(?:[Ff]alse|FALSE)$/.test(value)) return false
  if (/^[-+]?[0-9]+$/.test(value)) return parseInt(value, 10)
  if (OTHER_NUMBERS.some(pattern => pattern.test(value))) unsure()
  return value
}
