/** A problem found in the inputs or the spec, reported all at once before any request. */
export interface SourceLocation {
  /** Path of the spec file, relative to the workspace (what annotations need). */
  file: string
  line: number
  column: number
}

export interface Problem {
  /** Field path such as `connectors[1].tenantId`, or `input 'tenant-id'`. */
  path: string
  message: string
  location?: SourceLocation
}

function formatLocation(location: SourceLocation | undefined): string {
  return location ? `${location.file}:${location.line}:${location.column}: ` : ''
}

export function formatProblem(problem: Problem): string {
  return `${formatLocation(problem.location)}${problem.path}: ${problem.message}`
}

/** Levenshtein distance, for "did you mean" suggestions on unknown keys. */
function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i)
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0]
    row[0] = i
    for (let j = 1; j <= b.length; j++) {
      const above = row[j]
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1))
      diagonal = above
    }
  }
  return row[b.length]
}

/** Names with case, `-`, `_` and spaces dropped: how a typo is compared. */
const squashedNames = new WeakMap<readonly string[], string[]>()

function squash(name: string): string {
  return name.toLowerCase().replace(/[-_\s]/g, '')
}

/** The closest known name, if it is close enough to be a likely typo (or the same name in another case/spelling). */
export function suggest(unknown: string, known: readonly string[]): string | undefined {
  // Squashed once per list: a spec of 40,000 unknown keys squashed every known name for each of them.
  let names = squashedNames.get(known)
  if (!names) squashedNames.set(known, (names = known.map(squash)))
  const written = squash(unknown)
  const exact = names.indexOf(written)
  if (exact !== -1) return known[exact]
  const limit = Math.max(2, Math.floor(unknown.length / 3))
  let best: { index: number; score: number } | undefined
  names.forEach((name, index) => {
    // The distance is at least the difference in length: a name that cannot be close is not measured
    // (a key of a million characters against every field name took seconds).
    if (Math.abs(name.length - written.length) > limit) return
    const score = distance(written, name)
    if (!best || score < best.score) best = { index, score }
  })
  // A suggestion must keep something of the known name: `ab` is not a typo of `id`.
  return best && best.score <= limit && best.score < names[best.index].length ? known[best.index] : undefined
}
