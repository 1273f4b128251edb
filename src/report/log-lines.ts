import type { CallCounts } from '../http/exchange.js'
import { shownState } from '../qualys/connector.js'
import { isSecretRow } from '../reconcile/diff.js'
import type { Outcome } from '../reconcile/reconcile-run.js'
import { plural, safeLine } from '../text.js'
import { MAX_VALUE, secretNeeds, type ReportContext } from './context.js'

/** The plan as a readable diff for the log, grouped per connector. */
export function planText(outcomes: Outcome[], mode: 'apply' | 'plan', context: ReportContext = {}): string {
  const lines: string[] = context.runProblem ? [`✗ ${line(context.runProblem)}`] : []
  const review = context.reviewedPlan
  if (review?.line) lines.push(line(review.line), ...review.differences.map(d => `  - ${line(d)}`))
  for (const outcome of outcomes) {
    lines.push(`${sign(outcome)} ${line(outcome.name)}: ${describe(outcome, mode)}`)
    for (const change of outcome.changes) {
      lines.push(
        isSecretRow(change)
          ? `    ~ ${change.field}: ${line(change.to)}`
          : change.from === ''
            ? `    + ${change.field}: ${line(change.to)}`
            : `    ~ ${change.field}: ${line(change.from)} → ${line(change.to)}`
      )
    }
    for (const note of outcome.notes ?? []) lines.push(`    · ${line(note)}`)
    if (outcome.error) lines.push(`    ! ${line(outcome.error)}`)
    for (const warning of outcome.warnings) lines.push(`    ! ${line(warning)}`)
  }
  const needs = secretNeeds(outcomes, mode, context)
  if (needs.length > 0)
    lines.push(
      `An apply needs these variables in the step's env: ${needs.map(n => `${n.variable} (${line(n.name)})`).join(', ')}`
    )
  return lines.join('\n')
}

/** Each value of the plan text on its own line of the log, however many lines it holds. */
function line(text: string): string {
  return safeLine(text, MAX_VALUE)
}

function sign(outcome: Outcome): string {
  if (outcome.result === 'failed') return '✗'
  if (outcome.result === 'not-attempted') return '·'
  if (outcome.result === 'deferred') return '»'
  return ACTION_SIGNS[outcome.action]
}

// A table over the whole union: a new action is a compile error here, not a silent '='.
const ACTION_SIGNS: Record<Outcome['action'], string> = { create: '+', update: '~', disable: '-', none: '=' }

function describe(outcome: Outcome, mode: 'apply' | 'plan'): string {
  const state = shownState(outcome.connector)
  const id = outcome.connector ? ` (id ${outcome.connector.id}${state ? `, ${line(state)}` : ''})` : ''
  switch (outcome.result) {
    case 'would-create':
      return 'will be created'
    case 'would-update':
      return `will be updated${id}`
    case 'created':
      return `created${id}`
    case 'updated':
      return `updated${id}`
    case 'unchanged':
      return `up to date${id}`
    case 'would-disable':
      return `will be disabled: no longer in the spec, and marked as managed by this action${id}`
    case 'disabled':
      return `disabled: no longer in the spec${id}`
    case 'exists':
      return `exists, left as it is${id}`
    case 'not-managed':
      return `left alone: not managed${id}`
    case 'failed':
      return mode === 'plan' ? 'cannot be planned' : 'failed'
    case 'not-attempted':
      return 'not attempted (see above)'
    case 'deferred':
      return `deferred: Qualys' API budget is used up; the next run takes it up${id}`
    case 'valid':
      return 'valid'
    default:
      // A new result is a compile error here rather than its raw name in the plan.
      return outcome.result satisfies never
  }
}

/** The step's failure message: which connectors failed and why (the first few in full). */
export function failureSummary(outcomes: Outcome[], context: ReportContext = {}, shown = 10): string | undefined {
  const failures = outcomes.filter(outcome => outcome.result === 'failed')
  if (context.runProblem) {
    const skipped = outcomes.filter(outcome => outcome.result === 'not-attempted').length
    const others = failures.length > 0 ? `; ${failureSummary(outcomes, {}, shown)}` : ''
    return `${context.runProblem}${skipped > 0 ? ` (${plural(skipped, 'connector')} not attempted)` : ''}${others}`
  }
  if (failures.length === 0) return undefined
  const listed = failures
    .slice(0, shown)
    .map(f => `${f.name}: ${f.error}`)
    .join('; ')
  const more = failures.length > shown ? `; and ${failures.length - shown} more (see the job summary)` : ''
  return `${failures.length} of ${plural(outcomes.length, 'connector')} failed: ${listed}${more}`
}

/** A closing count of what the run cost in calls. */
export function callsLine(counts: CallCounts): string {
  return `Qualys API calls: ${counts.calls} made, ${counts.retried} retried, ${counts.throttled} throttled`
}
