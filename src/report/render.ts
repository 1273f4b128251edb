import { plural } from '../text.js'
import type { Outcome } from '../reconcile/reconcile.js'
import { shownState } from '../qualys/connector.js'
import type { CallCounts } from '../qualys/transport.js'

/** What the report says beside the rows: the run's own problem, and the secrets an apply needs. */
export interface ReportContext {
  /** A failure of the whole run (login, listing), said once rather than in every row. */
  runProblem?: string
  /** Connector name → environment variable its secretValue reads. */
  secretVariables?: Record<string, string>
}

const RESULT_ICON: Record<string, string> = {
  created: '🆕', updated: '✏️', unchanged: '✅', exists: '✅', 'would-create': '➕', 'would-update': '✏️', valid: '✅', failed: '❌', 'not-attempted': '⏸️'
}

/** The plan as a readable diff for the log, grouped per connector. */
export function planText(outcomes: Outcome[], mode: 'apply' | 'plan', context: ReportContext = {}): string {
  const lines: string[] = context.runProblem ? [`✗ ${context.runProblem}`] : []
  for (const outcome of outcomes) {
    lines.push(`${sign(outcome)} ${outcome.name}: ${describe(outcome, mode)}`)
    for (const change of outcome.changes) {
      lines.push(change.from === '' ? `    + ${change.field}: ${change.to}` : `    ~ ${change.field}: ${change.from} → ${change.to}`)
    }
    if (outcome.error) lines.push(`    ! ${outcome.error}`)
    for (const warning of outcome.warnings) lines.push(`    ! ${warning}`)
  }
  const needs = secretNeeds(outcomes, mode, context)
  if (needs.length > 0) lines.push(`An apply needs these variables in the step's env: ${needs.map(n => `${n.variable} (${n.name})`).join(', ')}`)
  return lines.join('\n')
}

/** In a plan: which connectors an apply would write, and so which secret variables it needs. */
function secretNeeds(outcomes: Outcome[], mode: 'apply' | 'plan', context: ReportContext): { name: string; variable: string }[] {
  if (mode !== 'plan') return []
  return outcomes.flatMap(outcome => {
    const variable = context.secretVariables?.[outcome.name]
    return variable && outcome.action !== 'none' && outcome.result !== 'failed' ? [{ name: outcome.name, variable }] : []
  })
}

function sign(outcome: Outcome): string {
  if (outcome.result === 'failed') return '✗'
  if (outcome.result === 'not-attempted') return '·'
  return outcome.action === 'create' ? '+' : outcome.action === 'update' ? '~' : '='
}

function describe(outcome: Outcome, mode: 'apply' | 'plan'): string {
  const state = shownState(outcome.connector)
  const id = outcome.connector ? ` (id ${outcome.connector.id}${state ? `, ${state}` : ''})` : ''
  switch (outcome.result) {
    case 'would-create': return 'will be created'
    case 'would-update': return `will be updated${outcome.changes.length === 0 ? ' (forced: pushes the secret again)' : ''}${id}`
    case 'created': return `created${id}`
    case 'updated': return `updated${outcome.changes.length === 0 ? ' (forced)' : ''}${id}`
    case 'unchanged': return `up to date${id}`
    case 'exists': return `exists, left as it is${id}`
    case 'failed': return mode === 'plan' ? 'cannot be planned' : 'failed'
    case 'not-attempted': return 'not attempted (see above)'
    default: return outcome.result
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
  const listed = failures.slice(0, shown).map(f => `${f.name}: ${f.error}`).join('; ')
  const more = failures.length > shown ? `; and ${failures.length - shown} more (see the job summary)` : ''
  return `${failures.length} of ${plural(outcomes.length, 'connector')} failed: ${listed}${more}`
}

/** A closing count of what the run cost in calls. */
export function callsLine(counts: CallCounts): string {
  return `Qualys API calls: ${counts.calls} made, ${counts.retried} retried, ${counts.throttled} throttled`
}

export const PR_COMMENT_MARKER = '<!-- qualys-azure-tenant-connector-plan -->'

/** Markdown for the job summary and the pull-request comment. */
export function planMarkdown(outcomes: Outcome[], mode: 'apply' | 'plan', title: string, context: ReportContext = {}): string {
  const lines = [`### ${title}`, '', summaryLine(outcomes, mode), '']
  if (context.runProblem) lines.push(`> [!CAUTION]`, `> ${cell(context.runProblem)}`, '')
  // Only an apply asks Azure (the preflight runs before writes): a plan has no such column.
  const azure = mode === 'apply'
  lines.push(`| | Connector | Result | Id | State |${azure ? ' Azure subscriptions |' : ''} Changes |`, `|---|---|---|---|---|${azure ? '---|' : ''}---|`)
  for (const outcome of outcomes) {
    const changes = outcome.error
      ? `**${cell(outcome.error)}**`
      : outcome.changes.map(c => (c.from === '' ? `\`${c.field}\` = ${cell(c.to)}` : `\`${c.field}\`: ${cell(c.from)} → ${cell(c.to)}`)).join('<br>')
    const warnings = outcome.warnings.map(w => `⚠️ ${cell(w)}`).join('<br>')
    const subscriptions = azure ? ` ${outcome.azureSubscriptions ?? ''} |` : ''
    lines.push(`| ${RESULT_ICON[outcome.result] ?? ''} | ${cell(outcome.name)} | ${outcome.result} | ${outcome.connector?.id ?? ''} | ${shownState(outcome.connector) ?? ''} |${subscriptions} ${[changes, warnings].filter(Boolean).join('<br>')} |`)
  }
  const needs = secretNeeds(outcomes, mode, context)
  if (needs.length > 0) {
    lines.push('', `**An apply needs** these variables in the step's \`env:\`: ${needs.map(n => `\`${n.variable}\` (${cell(n.name)})`).join(', ')}.`)
  }
  return lines.join('\n') + '\n'
}

function summaryLine(outcomes: Outcome[], mode: 'apply' | 'plan'): string {
  const count = (...results: string[]): number => outcomes.filter(o => results.includes(o.result)).length
  const notAttempted = count('not-attempted') ? `, ${count('not-attempted')} not attempted` : ''
  if (mode === 'plan') {
    return `**Plan:** ${count('would-create')} to create, ${count('would-update')} to update, ${count('unchanged', 'exists')} unchanged${count('failed') ? `, ${count('failed')} with errors` : ''}${notAttempted}.`
  }
  return `**Applied:** ${count('created')} created, ${count('updated')} updated, ${count('unchanged', 'exists')} unchanged${count('failed') ? `, ${count('failed')} failed` : ''}${notAttempted}.`
}

/** A value safe inside a Markdown table cell. */
export function cell(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, ' ').replace(/</g, '&lt;')
}
