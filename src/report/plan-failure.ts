import { plural } from '../text.js'
import { titleLines } from './job-summary.js'
import { inline } from './markdown-cell.js'
import type { Provenance } from './provenance.js'

/** The title of a plan that did not come to be: the comment and the summary say so instead of a plan. */
export const PLAN_FAILED_TITLE = 'Qualys Azure tenant connectors: plan failed'

/** Kept free for the closing line when the list is cut short. */
const TAIL_ROOM = 200

/**
 * What a failed plan step leaves in the pull-request comment and the job summary in place of a
 * plan: the problems (already redacted), each a code span of the one escape, under the commit and
 * the run, in at most `room` characters. No earlier plan is left standing beside them.
 */
export function planFailureMarkdown(
  problems: string[],
  provenance: Provenance,
  room = Number.POSITIVE_INFINITY
): string {
  const head = [
    ...titleLines(PLAN_FAILED_TITLE, provenance),
    `**No plan:** ${plural(problems.length, 'problem')} stopped it; nothing was changed in Qualys. Fix ${problems.length > 1 ? 'them' : 'it'} and push again.`,
    ''
  ].join('\n')
  const items: string[] = []
  let length = head.length + TAIL_ROOM
  for (const problem of problems) {
    const item = `- ${inline(problem)}`
    if (length + item.length + 1 > room) break
    items.push(item)
    length += item.length + 1
  }
  const left = problems.length - items.length
  const tail = left > 0 ? ['', `… and ${plural(left, 'more problem')}, in the log of this run.`] : []
  return `${[head, ...items, ...tail].join('\n')}\n`
}
