import { plural } from '../text.js'
import type { Outcome } from '../reconcile/reconcile.js'
import type { CallCounts } from '../qualys/transport.js'

const RESULT_ICON: Record<string, string> = {
  created: '🆕', updated: '✏️', unchanged: '✅', exists: '✅', 'would-create': '➕', 'would-update': '✏️', valid: '✅', failed: '❌'
}

/** The plan as a readable diff for the log, grouped per connector. */
export function planText(outcomes: Outcome[], mode: 'apply' | 'plan'): string {
  const lines: string[] = []
  for (const outcome of outcomes) {
    lines.push(`${sign(outcome)} ${outcome.name}: ${describe(outcome, mode)}`)
    for (const change of outcome.changes) {
      lines.push(change.from === '' ? `    + ${change.field}: ${change.to}` : `    ~ ${change.field}: ${change.from} → ${change.to}`)
    }
    if (outcome.error) lines.push(`    ! ${outcome.error}`)
    for (const warning of outcome.warnings) lines.push(`    ! ${warning}`)
  }
  return lines.join('\n')
}

function sign(outcome: Outcome): string {
  if (outcome.result === 'failed') return '✗'
  return outcome.action === 'create' ? '+' : outcome.action === 'update' ? '~' : '='
}

function describe(outcome: Outcome, mode: 'apply' | 'plan'): string {
  const id = outcome.connector ? ` (id ${outcome.connector.id}${outcome.connector.state ? `, ${outcome.connector.state}` : ''})` : ''
  switch (outcome.result) {
    case 'would-create': return 'will be created'
    case 'would-update': return `will be updated${outcome.changes.length === 0 ? ' (forced: pushes the secret again)' : ''}${id}`
    case 'created': return `created${id}`
    case 'updated': return `updated${outcome.changes.length === 0 ? ' (forced)' : ''}${id}`
    case 'unchanged': return `up to date${id}`
    case 'exists': return `exists, left as it is${id}`
    case 'failed': return mode === 'plan' ? 'cannot be planned' : 'failed'
    default: return outcome.result
  }
}

/** The step's failure message: which connectors failed and why (the first few in full). */
export function failureSummary(outcomes: Outcome[], shown = 10): string | undefined {
  const failures = outcomes.filter(outcome => outcome.result === 'failed')
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
export function planMarkdown(outcomes: Outcome[], mode: 'apply' | 'plan', title: string): string {
  const lines = [`### ${title}`, '', summaryLine(outcomes, mode), '']
  lines.push('| | Connector | Result | Id | State | Changes |', '|---|---|---|---|---|---|')
  for (const outcome of outcomes) {
    const changes = outcome.error
      ? `**${cell(outcome.error)}**`
      : outcome.changes.map(c => (c.from === '' ? `\`${c.field}\` = ${cell(c.to)}` : `\`${c.field}\`: ${cell(c.from)} → ${cell(c.to)}`)).join('<br>')
    const warnings = outcome.warnings.map(w => `⚠️ ${cell(w)}`).join('<br>')
    lines.push(`| ${RESULT_ICON[outcome.result] ?? ''} | ${cell(outcome.name)} | ${outcome.result} | ${outcome.connector?.id ?? ''} | ${outcome.connector?.state ?? ''} | ${[changes, warnings].filter(Boolean).join('<br>')} |`)
  }
  return lines.join('\n') + '\n'
}

function summaryLine(outcomes: Outcome[], mode: 'apply' | 'plan'): string {
  const count = (...results: string[]): number => outcomes.filter(o => results.includes(o.result)).length
  if (mode === 'plan') {
    return `**Plan:** ${count('would-create')} to create, ${count('would-update')} to update, ${count('unchanged', 'exists')} unchanged${count('failed') ? `, ${count('failed')} with errors` : ''}.`
  }
  return `**Applied:** ${count('created')} created, ${count('updated')} updated, ${count('unchanged', 'exists')} unchanged${count('failed') ? `, ${count('failed')} failed` : ''}.`
}

/** A value safe inside a Markdown table cell. */
export function cell(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, ' ').replace(/</g, '&lt;')
}
