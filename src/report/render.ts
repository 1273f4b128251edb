import { clip, plural, safeLine, visibleText } from '../text.js'
import type { Outcome } from '../reconcile/outcome.js'
import { shownState } from '../qualys/connector.js'
import type { CallCounts } from '../http/exchange.js'

/** What the report says beside the rows: the run's own problem, and the secrets an apply needs. */
export interface ReportContext {
  /** A failure of the whole run (login, listing), said once rather than in every row. */
  runProblem?: string
  /** Connector name → environment variable its secretValue reads. */
  secretVariables?: Record<string, string>
}

const RESULT_ICON: Record<string, string> = {
  created: '🆕',
  updated: '✏️',
  unchanged: '✅',
  exists: '✅',
  'would-create': '➕',
  'would-update': '✏️',
  'would-disable': '⏹️',
  disabled: '⏹️',
  valid: '✅',
  failed: '❌',
  'not-attempted': '⏸️'
}

/** The plan as a readable diff for the log, grouped per connector. */
export function planText(outcomes: Outcome[], mode: 'apply' | 'plan', context: ReportContext = {}): string {
  const lines: string[] = context.runProblem ? [`✗ ${line(context.runProblem)}`] : []
  for (const outcome of outcomes) {
    lines.push(`${sign(outcome)} ${line(outcome.name)}: ${describe(outcome, mode)}`)
    for (const change of outcome.changes) {
      lines.push(
        change.from === ''
          ? `    + ${change.field}: ${line(change.to)}`
          : `    ~ ${change.field}: ${line(change.from)} → ${line(change.to)}`
      )
    }
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

/** In a plan: which connectors an apply would write, and so which secret variables it needs. */
function secretNeeds(
  outcomes: Outcome[],
  mode: 'apply' | 'plan',
  context: ReportContext
): { name: string; variable: string }[] {
  if (mode !== 'plan') return []
  return outcomes.flatMap(outcome => {
    const variable = context.secretVariables?.[outcome.name]
    return variable && outcome.action !== 'none' && outcome.result !== 'failed'
      ? [{ name: outcome.name, variable }]
      : []
  })
}

/** Each value of the plan text on its own line of the log, however many lines it holds. */
function line(text: string): string {
  return safeLine(text, MAX_VALUE)
}

function sign(outcome: Outcome): string {
  if (outcome.result === 'failed') return '✗'
  if (outcome.result === 'not-attempted') return '·'
  return outcome.action === 'create'
    ? '+'
    : outcome.action === 'update'
      ? '~'
      : outcome.action === 'disable'
        ? '-'
        : '='
}

function describe(outcome: Outcome, mode: 'apply' | 'plan'): string {
  const state = shownState(outcome.connector)
  const id = outcome.connector ? ` (id ${outcome.connector.id}${state ? `, ${line(state)}` : ''})` : ''
  switch (outcome.result) {
    case 'would-create':
      return 'will be created'
    case 'would-update':
      return `will be updated${outcome.changes.length === 0 ? ' (forced: pushes the secret again)' : ''}${id}`
    case 'created':
      return `created${id}`
    case 'updated':
      return `updated${outcome.changes.length === 0 ? ' (forced)' : ''}${id}`
    case 'unchanged':
      return `up to date${id}`
    case 'would-disable':
      return `will be disabled: no longer in the spec, and marked as managed by this action${id}`
    case 'disabled':
      return `disabled: no longer in the spec${id}`
    case 'exists':
      return `exists, left as it is${id}`
    case 'failed':
      return mode === 'plan' ? 'cannot be planned' : 'failed'
    case 'not-attempted':
      return 'not attempted (see above)'
    default:
      return outcome.result
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

/** GitHub refuses a comment longer than this [DOC: GitHub REST API, "body is too long (maximum is 65536 characters)"]. */
export const MAX_COMMENT_CHARS = 65_536
/** Longest value shown in a table cell or a log line of the plan: a full server message fits. */
const MAX_VALUE = 600

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

function markdownHead(
  outcomes: Outcome[],
  mode: 'apply' | 'plan',
  title: string,
  context: ReportContext,
  note?: string
): string[] {
  const lines = [`### ${cell(title)}`, '', summaryLine(outcomes, mode), '']
  if (context.runProblem) lines.push(`> [!CAUTION]`, `> ${cell(context.runProblem)}`, '')
  if (note) lines.push(note, '')
  // Only an apply asks Azure (the preflight runs before writes): a plan has no such column.
  const azure = mode === 'apply'
  lines.push(
    `| | Connector | Result | Id | State |${azure ? ' Azure subscriptions |' : ''} Changes |`,
    `|---|---|---|---|---|${azure ? '---|' : ''}---|`
  )
  return lines
}

/** The variable names are ENV_NAME_PATTERN (letters, digits, _): safe in a code span, where escapes would show. */
function markdownTail(outcomes: Outcome[], mode: 'apply' | 'plan', context: ReportContext): string[] {
  const needs = secretNeeds(outcomes, mode, context)
  if (needs.length === 0) return []
  return [
    '',
    `**An apply needs** these variables in the step's \`env:\`: ${needs.map(n => `\`${n.variable}\` (${cell(n.name)})`).join(', ')}.`
  ]
}

function tableRow(outcome: Outcome, mode: 'apply' | 'plan'): string {
  const changes = outcome.error
    ? `**${cell(outcome.error)}**`
    : outcome.changes
        .map(c =>
          c.from === '' ? `\`${c.field}\` = ${cell(c.to)}` : `\`${c.field}\`: ${cell(c.from)} → ${cell(c.to)}`
        )
        .join('<br>')
  const warnings = outcome.warnings.map(w => `⚠️ ${cell(w)}`).join('<br>')
  const subscriptions = mode === 'apply' ? ` ${outcome.azureSubscriptions ?? ''} |` : ''
  const { connector } = outcome
  return `| ${RESULT_ICON[outcome.result] ?? ''} | ${cell(outcome.name)} | ${cell(outcome.result)} | ${connector ? cell(String(connector.id)) : ''} | ${cell(shownState(connector) ?? '')} |${subscriptions} ${[changes, warnings].filter(Boolean).join('<br>')} |`
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

/** The validate summary: the connectors of a valid spec, and why there is no plan, if that is the case. */
export function validMarkdown(names: string[], offline?: string): string {
  return `### Qualys Azure tenant connectors: spec valid\n\n${offline ? `${cell(offline, Infinity)}\n\n` : ''}${names.map(name => `- ${cell(name)}`).join('\n')}\n`
}

function summaryLine(outcomes: Outcome[], mode: 'apply' | 'plan'): string {
  const count = (...results: string[]): number => outcomes.filter(o => results.includes(o.result)).length
  const notAttempted = count('not-attempted') ? `, ${count('not-attempted')} not attempted` : ''
  if (mode === 'plan') {
    const disable = count('would-disable') ? `, ${count('would-disable')} to disable` : ''
    return `**Plan:** ${count('would-create')} to create, ${count('would-update')} to update${disable}, ${count('unchanged', 'exists')} unchanged${count('failed') ? `, ${count('failed')} with errors` : ''}${notAttempted}.`
  }
  const disabled = count('disabled') ? `, ${count('disabled')} disabled` : ''
  return `**Applied:** ${count('created')} created, ${count('updated')} updated${disabled}, ${count('unchanged', 'exists')} unchanged${count('failed') ? `, ${count('failed')} failed` : ''}${notAttempted}.`
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

/**
 * The export summary: the file as written, in a fence longer than any run of backticks in it,
 * so no line of it (a connector's description) can close the block and become markdown.
 */
export function exportMarkdown(file: string, text: string, count: number): string {
  const longest = Math.max(0, ...[...text.matchAll(/`+/g)].map(match => match[0].length))
  const fence = '`'.repeat(Math.max(3, longest + 1))
  return `### Qualys Azure tenant connectors: export\n\n${plural(count, 'connector')} written to ${cell(file)}. Commit it, set the secret variables it names, and run plan.\n\n${fence}yaml\n${text.replace(/\n$/, '')}\n${fence}\n`
}

/** The run's page (where its job summary is), from the runner's variables; undefined if they look wrong. */
export function jobSummaryUrl(env: Readonly<Record<string, string | undefined>>): string | undefined {
  const { GITHUB_SERVER_URL: server, GITHUB_REPOSITORY: repository, GITHUB_RUN_ID: runId } = env
  if (!server || !repository || !runId) return undefined
  if (!/^https?:\/\/[\w.:-]+$/.test(server) || !/^[\w.-]+\/[\w.-]+$/.test(repository) || !/^\d+$/.test(runId))
    return undefined
  return `${server}/${repository}/actions/runs/${runId}`
}
