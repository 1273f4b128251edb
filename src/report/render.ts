import { clip, plural, safeLine, visibleText } from '../text.js'
import type { Outcome } from '../reconcile/reconcile.js'
import type { CallCounts } from '../qualys/transport.js'

const RESULT_ICON: Record<string, string> = {
  created: '🆕', updated: '✏️', unchanged: '✅', exists: '✅', 'would-create': '➕', 'would-update': '✏️', valid: '✅', failed: '❌'
}

/** The plan as a readable diff for the log, grouped per connector. */
export function planText(outcomes: Outcome[], mode: 'apply' | 'plan'): string {
  const lines: string[] = []
  for (const outcome of outcomes) {
    lines.push(`${sign(outcome)} ${line(outcome.name)}: ${describe(outcome, mode)}`)
    for (const change of outcome.changes) {
      lines.push(change.from === '' ? `    + ${change.field}: ${line(change.to)}` : `    ~ ${change.field}: ${line(change.from)} → ${line(change.to)}`)
    }
    if (outcome.error) lines.push(`    ! ${line(outcome.error)}`)
    for (const warning of outcome.warnings) lines.push(`    ! ${line(warning)}`)
  }
  return lines.join('\n')
}

/** Each value of the plan text on its own line of the log, however many lines it holds. */
function line(text: string): string {
  return safeLine(text, MAX_VALUE)
}

function sign(outcome: Outcome): string {
  if (outcome.result === 'failed') return '✗'
  return outcome.action === 'create' ? '+' : outcome.action === 'update' ? '~' : '='
}

function describe(outcome: Outcome, mode: 'apply' | 'plan'): string {
  const id = outcome.connector ? ` (id ${outcome.connector.id}${outcome.connector.state ? `, ${line(outcome.connector.state)}` : ''})` : ''
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

/** GitHub refuses a comment longer than this [DOC: GitHub REST API, "body is too long (maximum is 65536 characters)"]. */
export const MAX_COMMENT_CHARS = 65_536
/** Longest value shown in a table cell or a log line of the plan: a full server message fits. */
const MAX_VALUE = 600
const TABLE_HEAD = ['| | Connector | Result | Id | State | Changes |', '|---|---|---|---|---|---|']

/** Markdown for the job summary and the pull-request comment. */
export function planMarkdown(outcomes: Outcome[], mode: 'apply' | 'plan', title: string): string {
  const lines = [`### ${cell(title)}`, '', summaryLine(outcomes, mode), '', ...TABLE_HEAD, ...outcomes.map(tableRow)]
  return lines.join('\n') + '\n'
}

/**
 * The plan as a pull-request comment that fits GitHub's limit (`room` characters, the marker
 * left out). A plan too long for it is shortened: the counts, the connectors with changes or
 * errors first, as many as fit, and a link to the run's job summary, which has it all.
 */
export function planComment(outcomes: Outcome[], title: string, summaryUrl: string | undefined, room: number): string {
  const full = planMarkdown(outcomes, 'plan', title)
  if (full.length <= room) return full
  const where = summaryUrl ? `[the job summary of this run](${summaryUrl})` : 'the job summary of this run'
  const head = [
    `### ${cell(title)}`, '', summaryLine(outcomes, 'plan'), '',
    `The plan of ${plural(outcomes.length, 'connector')} is too long for a comment: the full plan is in ${where}. Connectors with changes or errors come first.`,
    '', ...TABLE_HEAD
  ].join('\n')
  const ordered = [...outcomes].sort((a, b) => weight(a) - weight(b))
  const rows: string[] = []
  let length = head.length
  for (const [index, outcome] of ordered.entries()) {
    const row = tableRow(outcome)
    const rest = ordered.length - index - 1
    // Keep room for the closing line that counts what was left out.
    if (length + row.length + 1 + (rest > 0 ? 200 : 0) > room - 200) break
    rows.push(row)
    length += row.length + 1
  }
  const left = ordered.length - rows.length
  const tail = left > 0 ? `\n\n… and ${plural(left, 'more connector')}, in ${where}.` : ''
  return `${[head, ...rows].join('\n')}${tail}\n`
}

/** Errors first, then writes, then the rest, each in spec order. */
function weight(outcome: Outcome): number {
  if (outcome.result === 'failed') return 0
  return outcome.action === 'none' ? 2 : 1
}

function tableRow(outcome: Outcome): string {
  const changes = outcome.error
    ? `**${cell(outcome.error)}**`
    : outcome.changes.map(c => (c.from === '' ? `\`${c.field}\` = ${cell(c.to)}` : `\`${c.field}\`: ${cell(c.from)} → ${cell(c.to)}`)).join('<br>')
  const warnings = outcome.warnings.map(w => `⚠️ ${cell(w)}`).join('<br>')
  const { connector } = outcome
  return `| ${RESULT_ICON[outcome.result] ?? ''} | ${cell(outcome.name)} | ${cell(outcome.result)} | ${connector ? cell(String(connector.id)) : ''} | ${cell(connector?.state ?? '')} | ${[changes, warnings].filter(Boolean).join('<br>')} |`
}

/** The validate summary: the connectors of a valid spec. */
export function validMarkdown(names: string[]): string {
  return `### Qualys Azure tenant connectors: spec valid\n\n${names.map(name => `- ${cell(name)}`).join('\n')}\n`
}

function summaryLine(outcomes: Outcome[], mode: 'apply' | 'plan'): string {
  const count = (...results: string[]): number => outcomes.filter(o => results.includes(o.result)).length
  if (mode === 'plan') {
    return `**Plan:** ${count('would-create')} to create, ${count('would-update')} to update, ${count('unchanged', 'exists')} unchanged${count('failed') ? `, ${count('failed')} with errors` : ''}.`
  }
  return `**Applied:** ${count('created')} created, ${count('updated')} updated, ${count('unchanged', 'exists')} unchanged${count('failed') ? `, ${count('failed')} failed` : ''}.`
}

/**
 * The one escape for text in the job summary and the pull-request comment (a table cell, a
 * list item): one line, clipped, markdown and HTML shown as text, @mentions that ping nobody
 * (a zero-width space after the @, as Dependabot does). Backslash escapes keep `|` from
 * splitting the table and `` ` ``, `*`, `_`, `~`, `[`, `#` from formatting or linking.
 */
export function cell(text: string, max = MAX_VALUE): string {
  return clip(visibleText(text), max)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/[\\`*_~[\]|#]/g, '\\$&')
    .replace(/@/g, '@&#8203;')
}

/** The run's page (where its job summary is), from the runner's variables; undefined if they look wrong. */
export function jobSummaryUrl(env: Readonly<Record<string, string | undefined>>): string | undefined {
  const { GITHUB_SERVER_URL: server, GITHUB_REPOSITORY: repository, GITHUB_RUN_ID: runId } = env
  if (!server || !repository || !runId) return undefined
  if (!/^https?:\/\/[\w.:-]+$/.test(server) || !/^[\w.-]+\/[\w.-]+$/.test(repository) || !/^\d+$/.test(runId)) return undefined
  return `${server}/${repository}/actions/runs/${runId}`
}
