/**
 * The one duration grammar, for run frequencies (`90m`, `24h`, `2d12h`, `1w`) and timeouts
 * (`500ms`, `30s`, `1m30s`): amounts with units, largest unit first, each unit at most once,
 * in any case. Each caller chooses its units, and the base unit they count in, by its table.
 */

/** Unit suffix → its size in the caller's base unit (e.g. minutes, or milliseconds). */
type DurationUnits = Readonly<Record<string, number>>

/** Timeouts, in milliseconds. */
export const TIMEOUT_UNITS: DurationUnits = { h: 3_600_000, m: 60_000, s: 1000, ms: 1 }

/** Run frequencies, in minutes. */
export const FREQUENCY_UNITS: DurationUnits = { w: 7 * 24 * 60, d: 24 * 60, h: 60, m: 1 }

/**
 * The duration in the table's base unit, or undefined when the text is not one. Whole amounts
 * unless `fractions` (`2.5s`). A bare number has no unit: what it means is the caller's choice.
 */
export function parseDuration(text: string, units: DurationUnits, { fractions = false } = {}): number | undefined {
  const { ordered, pattern } = grammarOf(units, fractions)
  const match = pattern.exec(text)
  if (text === '' || !match) return undefined
  return ordered.reduce((total, [, size], index) => total + Number(match[index + 1] ?? 0) * size, 0)
}

interface Grammar {
  ordered: [string, number][]
  pattern: RegExp
}

/** Each table's pattern, built once: a 1000-connector spec reads 2000 frequencies. */
const grammars = new WeakMap<DurationUnits, { whole?: Grammar; fractions?: Grammar }>()

function grammarOf(units: DurationUnits, fractions: boolean): Grammar {
  const built = grammars.get(units) ?? {}
  grammars.set(units, built)
  const kind = fractions ? 'fractions' : 'whole'
  const known = built[kind]
  if (known) return known
  const amount = fractions ? '(\\d+(?:\\.\\d+)?)' : '(\\d+)'
  const ordered = Object.entries(units).sort(([, a], [, b]) => b - a)
  const grammar = {
    ordered,
    // No `g` or `y` flag: exec keeps no state between texts.
    pattern: new RegExp(`^${ordered.map(([unit]) => `(?:${amount}${unit})?`).join('')}$`, 'i')
  }
  built[kind] = grammar
  return grammar
}
