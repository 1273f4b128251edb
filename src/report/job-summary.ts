import { shownState } from '../qualys/connector.js'
import { isSecretRow, type Change } from '../reconcile/diff.js'
import type { Outcome } from '../reconcile/reconcile-run.js'
import { secretNeeds, type ReportContext } from './context.js'
import { cell, inline } from './markdown-cell.js'
import { provenanceLine, type Provenance } from './provenance.js'

const RESULT_ICON: Record<string, string> = {
  created: '🆕',
  updated: '✏️',
  unchanged: '✅',
  exists: '✅',
  'would-create': '➕',
  'would-update': '✏️',
  'would-disable': '⏹️',
  disabled: '⏹️',
  // Issue 16: an unmarked connector outside the spec that prune leaves alone (the row's warning says what to do).
  'not-managed': '🔸',
  valid: '✅',
  failed: '❌',
  'not-attempted': '⏸️',
  // Issue 17: Qualys' call budget ran out beyond rate-limit-wait; the next run takes it up.
  deferred: '⏭️'
}

/** A plan's title; the pull-request comment, which only a plan posts, carries it too. */
export const PLAN_TITLE = 'Qualys Azure tenant connectors: plan'
const APPLY_TITLE = 'Qualys Azure tenant connectors'

/** The job summary of a plan or an apply run. */
export function runSummary(outcomes: Outcome[], mode: 'apply' | 'plan', context: ReportContext = {}): string {
  return planMarkdown(outcomes, mode, mode === 'plan' ? PLAN_TITLE : APPLY_TITLE, context)
}

/** Markdown for the job summary and the pull-request comment. */
export function planMarkdown(
  outcomes: Outcome[],
  mode: 'apply' | 'plan',
  title: string,
  context: ReportContext = {}
): string {
  return (
    [
      ...markdownHead(outcomes, mode, title, context),
      ...outcomes.map(o => tableRow(o, mode)),
      ...markdownTail(outcomes, mode, context)
    ].join('\n') + '\n'
  )
}

/** The title, the counts, the run's problem and the table's header: the pull-request comment starts the same way. */
export function markdownHead(
  outcomes: Outcome[],
  mode: 'apply' | 'plan',
  title: string,
  context: ReportContext,
  note?: string
): string[] {
  const lines = [...titleLines(title, context), ...reviewedPlanLines(context), summaryLine(outcomes, mode), '']
  if (context.runProblem) lines.push(`> [!CAUTION]`, `> ${inline(context.runProblem)}`, '')
  if (note) lines.push(note, '')
  // Only an apply asks Azure (the preflight runs before writes): a plan has no such column.
  const azure = mode === 'apply'
  lines.push(
    `| | Connector | Result | Id | State |${azure ? ' Azure subscriptions |' : ''} Changes |`,
    `|---|---|---|---|---|${azure ? '---|' : ''}---|`
  )
  return lines
}

/** The title (the action's own words) and, under it, the commit and the run the report is of: a reader sees what it is current for. */
export function titleLines(title: string, provenance: Provenance): string[] {
  const from = provenanceLine(provenance)
  return [`### ${title}`, '', ...(from ? [from, ''] : [])]
}

/** What the comparison with the reviewed plan found: a line, and what differs as a list. */
export function reviewedPlanLines(context: Pick<ReportContext, 'reviewedPlan'>): string[] {
  const review = context.reviewedPlan
  if (!review?.line) return []
  const icon = review.differences.length > 0 ? '⚠️ ' : ''
  return [`${icon}${inline(review.line)}`, ...review.differences.map(d => `- ${inline(d)}`), '']
}

/** The variable names are ENV_NAME_PATTERN (letters, digits, _): safe in a code span, where escapes would show. */
export function markdownTail(outcomes: Outcome[], mode: 'apply' | 'plan', context: ReportContext): string[] {
  const needs = secretNeeds(outcomes, mode, context)
  if (needs.length === 0) return []
  return [
    '',
    `**An apply needs** these variables in the step's \`env:\`: ${needs.map(n => `\`${n.variable}\` (${inline(n.name)})`).join(', ')}.`
  ]
}

export function tableRow(outcome: Outcome, mode: 'apply' | 'plan'): string {
  const changes = outcome.error ? `**${cell(outcome.error)}**` : outcome.changes.map(changeCell).join('<br>')
  const notes = (outcome.notes ?? []).map(n => `ℹ️ ${cell(n)}`).join('<br>')
  const warnings = outcome.warnings.map(w => `⚠️ ${cell(w)}`).join('<br>')
  const subscriptions = mode === 'apply' ? ` ${outcome.azureSubscriptions ?? ''} |` : ''
  const { connector } = outcome
  return `| ${RESULT_ICON[outcome.result] ?? ''} | ${cell(outcome.name)} | ${outcome.result} | ${connector?.id ?? ''} | ${cell(shownState(connector) ?? '')} |${subscriptions} ${[changes, notes, warnings].filter(Boolean).join('<br>')} |`
}

/** One plan row: `field`: from → to, `field` = value for a new one, and the secret's row as the reason it is sent. */
export function changeCell(c: Change): string {
  if (isSecretRow(c)) return `\`${c.field}\`: ${cell(c.to)}`
  return c.from === '' ? `\`${c.field}\` = ${cell(c.to)}` : `\`${c.field}\`: ${cell(c.from)} → ${cell(c.to)}`
}

/** The validate summary: the connectors of a valid spec, and why there is no plan, if that is the case. */
export function validMarkdown(names: string[], offline?: string): string {
  return `### Qualys Azure tenant connectors: spec valid\n\n${offline ? `${offline}\n\n` : ''}${names.map(name => `- ${inline(name)}`).join('\n')}\n`
}

function summaryLine(outcomes: Outcome[], mode: 'apply' | 'plan'): string {
  const count = (...results: string[]): number => outcomes.filter(o => results.includes(o.result)).length
  const notAttempted =
    (count('not-attempted') ? `, ${count('not-attempted')} not attempted` : '') +
    (count('deferred') ? `, ${count('deferred')} deferred` : '')
  if (mode === 'plan') {
    const disable = count('would-disable') ? `, ${count('would-disable')} to disable` : ''
    return `**Plan:** ${count('would-create')} to create, ${count('would-update')} to update${disable}, ${count('unchanged', 'exists')} unchanged${count('failed') ? `, ${count('failed')} with errors` : ''}${notAttempted}.`
  }
  const disabled = count('disabled') ? `, ${count('disabled')} disabled` : ''
  return `**Applied:** ${count('created')} created, ${count('updated')} updated${disabled}, ${count('unchanged', 'exists')} unchanged${count('failed') ? `, ${count('failed')} failed` : ''}${notAttempted}.`
}
