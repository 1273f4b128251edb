/** "1 connector", "2 connectors": the one pluralisation the messages need. */
export function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`
}

/** Longest log line the action writes; outside text is clipped well before this. */
export const MAX_LOG_LINE = 4000

// Characters that change how a line reads or where it ends without being seen: C0/C1 controls,
// the Unicode line and paragraph separators, bidi embeddings/overrides/isolates and the other
// invisible format characters (zero-width spaces, BOM). The zero-width joiner and emoji tags
// stay: emoji are built from them.
const UNSEEN = /(?![\t\n\r\u{e0020}-\u{e007f}\u200d])[\p{Cc}\p{Cf}\u2028\u2029]/gu
const ZERO_WIDTH_SPACE = '\u200b'

/**
 * Text from outside (the gateway, the GitHub API, a spec file) made safe for one log line or
 * annotation: line breaks and tabs written as `\n`, `\r`, `\t` (the JSON escapes, so a secret
 * that holds them is still found by the redactor), unseen characters dropped, and no `::` or
 * `##[` left for the runner to read as a workflow command (`::add-mask::`, `::stop-commands::`,
 * `##[error]`): a zero-width space goes between the two characters. Clipped to `max` characters.
 * `%` needs nothing here: annotations escape it in the command layer, and a plain line is
 * never decoded.
 */
export function safeLine(text: string, max = MAX_LOG_LINE): string {
  const line = text
    .replace(UNSEEN, '')
    .replace(/\r/g, '\\r')
    .replace(/\n/g, '\\n')
    .replace(/\t/g, '\\t')
    .replace(/:(?=:)/g, `:${ZERO_WIDTH_SPACE}`)
    .replace(/#(?=#\[)/g, `#${ZERO_WIDTH_SPACE}`)
  return clip(line, max)
}

/** Text on one line without unseen characters: line breaks and tabs become spaces (for markup). */
export function visibleText(text: string): string {
  return text.replace(UNSEEN, '').replace(/\r\n|[\r\n\t]/g, ' ')
}

/** At most `max` characters (code points), with an ellipsis when cut. */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text
  const points = [...text]
  return points.length <= max ? text : `${points.slice(0, max - 1).join('')}…`
}

/**
 * How two connector names are compared, everywhere (spec against spec, spec against Qualys):
 * after Unicode NFC normalisation, so two names that render the same are one name (`é` typed
 * as one character or as `e` plus a combining accent).
 */
export function nameKey(name: string): string {
  return name.normalize('NFC')
}

export function sameName(a: string, b: string): boolean {
  return nameKey(a) === nameKey(b)
}
