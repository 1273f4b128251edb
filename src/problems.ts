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

/** The closest known name, if it is close enough to be a likely typo (or the same name in another case/spelling). */
export function suggest(unknown: string, known: readonly string[]): string | undefined {
  const squash = (s: string): string => s.toLowerCase().replace(/[-_\s]/g, '')
  const exact = known.find(name => squash(name) === squash(unknown))
  if (exact) return exact
  let best: { name: string; score: number } | undefined
  for (const name of known) {
    const score = distance(squash(unknown), squash(name))
    if (!best || score < best.score) best = { name, score }
  }
  // A suggestion must keep something of the known name: `ab` is not a typo of `id`.
  const close = (b: { name: string; score: number }): boolean =>
    b.score <= Math.max(2, Math.floor(unknown.length / 3)) && b.score < squash(b.name).length
  return best && close(best) ? best.name : undefined
}
