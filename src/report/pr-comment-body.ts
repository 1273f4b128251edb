import type { Outcome } from '../reconcile/reconcile-run.js'
import { plural } from '../text.js'
import type { ReportContext } from './context.js'
import { markdownHead, markdownTail, PLAN_TITLE, planMarkdown, tableRow } from './job-summary.js'

/** The plan comment of this run, in `room` characters, pointing to the run's job summary at `summaryUrl`. */
export function planCommentBody(
  outcomes: Outcome[],
  summaryUrl: string | undefined,
  room: number,
  context: ReportContext = {}
): string {
  return planComment(outcomes, PLAN_TITLE, summaryUrl, room, context)
}

/**
 * The plan as a pull-request comment that fits GitHub's limit (`room` characters, the marker
 * left out). A plan too long for it is shortened: the counts, the connectors with changes or
 * errors first, as many as fit, and a link to the run's job summary, which has it all.
 */
export function planComment(
  outcomes: Outcome[],
  title: string,
  summaryUrl: string | undefined,
  room: number,
  context: ReportContext = {}
): string {
  const full = planMarkdown(outcomes, 'plan', title, context)
  if (full.length <= room) return full
  const where = summaryUrl ? `[the job summary of this run](${summaryUrl})` : 'the job summary of this run'
  const note = `The plan of ${plural(outcomes.length, 'connector')} is too long for a comment: the full plan is in ${where}. Connectors with changes or errors come first.`
  const head = markdownHead(outcomes, 'plan', title, context, note).join('\n')
  const ordered = [...outcomes].sort((a, b) => weight(a) - weight(b))
  const rows: string[] = []
  // Keep room for the closing lines: what was left out, and the variables an apply needs.
  let length = head.length + markdownTail(outcomes, 'plan', context).join('\n').length + 400
  for (const outcome of ordered) {
    const row = tableRow(outcome, 'plan')
    if (length + row.length + 1 > room) break
    rows.push(row)
    length += row.length + 1
  }
  const left = ordered.length - rows.length
  const tail = [
    ...(left > 0 ? ['', `… and ${plural(left, 'more connector')}, in ${where}.`] : []),
    ...markdownTail(outcomes, 'plan', context)
  ]
  return `${[head, ...rows, ...tail].join('\n')}\n`
}

/** Errors first, then writes, then the rest, each in spec order. */
function weight(outcome: Outcome): number {
  if (outcome.result === 'failed') return 0
  return outcome.action === 'none' ? 2 : 1
}
