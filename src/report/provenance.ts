/** Where a report comes from: the commit it was made at and the run that made it. */
export interface Provenance {
  /** The commit the spec was read at (full or short SHA; shown short). */
  commit?: string
  /** The run's page (jobSummaryUrl): already checked for shape. */
  runUrl?: string
}

/** A commit SHA as Git writes it; anything else (it comes from the event payload) is not shown. */
const SHA = /^[0-9a-f]{7,40}$/i
/** The run id at the end of a run's page, for the link's text. */
const RUN_ID = /\/actions\/runs\/(\d+)$/

/** "commit `abc1234`" and "[run 42](…)", each left out when unknown or not of the expected form. */
export function provenanceParts(provenance: Provenance): string[] {
  const { commit, runUrl } = provenance
  const parts: string[] = []
  if (commit && SHA.test(commit)) parts.push(`commit \`${commit.slice(0, 7).toLowerCase()}\``)
  if (runUrl) {
    const id = RUN_ID.exec(runUrl)?.[1]
    parts.push(`[${id ? `run ${id}` : 'run'}](${runUrl})`)
  }
  return parts
}

/** "Commit `abc1234` · [run 42](…)": the line under a report's title; undefined when neither is known. */
export function provenanceLine(provenance: Provenance): string | undefined {
  const line = provenanceParts(provenance).join(' · ')
  return line ? line.charAt(0).toUpperCase() + line.slice(1) : undefined
}
