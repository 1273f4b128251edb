/**
 * The check's report: log lines, the job summary and issue body (one Markdown), the issue title,
 * and the `report` output. Everything from outside goes through the same escapes as the plan.
 */
import type { CheckReport, ConnectorCheck, AzureCheck } from '../check/check-run.js'
import type { Coverage } from '../check/coverage.js'
import { drifted, expiring, type Findings } from '../check/findings.js'
import { isSecretRow } from '../reconcile/diff.js'
import { plural, safeLine } from '../text.js'
import { changeCell } from './job-summary.js'
import { cell, inline } from './markdown-cell.js'
import { provenanceParts } from './provenance.js'

/** Where and when the check ran: said in the summary and the issue so a reader knows what it is about. */
export interface CheckContext {
  /** The spec file, or undefined for inline inputs. */
  specFile?: string
  /** The commit the spec was read at (full SHA; shown short). */
  commit?: string
  /** ISO time of the check. */
  time: string
  runUrl?: string
  expiryWarningDays: number
}

const MAX_VALUE = 600

/** "Qualys: 2 connectors drifted, 1 unhealthy — qualys/connectors.yaml". */
export function checkTitle(findings: Findings, total: number, context: CheckContext): string {
  const parts = [
    findings.drift.length > 0 ? `${plural(findings.drift.length, 'connector')} drifted` : '',
    findings.unhealthy.length > 0 ? `${findings.unhealthy.length} unhealthy` : '',
    findings.expiring.length > 0 ? `${findings.expiring.length} with an expiring secret` : ''
  ].filter(Boolean)
  const what = parts.length > 0 ? parts.join(', ') : `all ${plural(total, 'connector')} as the spec says`
  return safeLine(`Qualys: ${what} — ${context.specFile ?? 'inline inputs'}`, 240)
}

export function checkText(report: CheckReport, context: CheckContext): string {
  const lines = report.runProblem ? [`✗ ${safeLine(report.runProblem, MAX_VALUE)}`] : []
  for (const check of report.connectors) {
    const bad = drifted(check) || !check.health.healthy || expiring(check, context.expiryWarningDays)
    lines.push(`${bad ? '✗' : '✓'} ${line(check.name)}${check.id === undefined ? '' : ` (id ${check.id})`}`)
    lines.push(`    drift: ${line(driftWords(check))}`)
    lines.push(`    health: ${line(healthWords(check))}`)
    lines.push(`    azure: ${line(azureWords(check.azure))}`)
    lines.push(`    coverage: ${line(coverageWords(check.coverage))}`)
  }
  for (const retired of report.retired) lines.push(`- ${line(retired.name)}: would be disabled (prune)`)
  if (report.notInSpec.length > 0)
    lines.push(
      `Not in this spec: ${plural(report.notInSpec.length, 'connector')} in Qualys (${report.notInSpec.map(line).join(', ')})`
    )
  return lines.join('\n')
}

/** The job summary, and the body of the check's issue: connectors with findings first. */
export function checkMarkdown(report: CheckReport, findings: Findings, context: CheckContext): string {
  const { drift, unhealthy, expiring: expiringNames } = findings
  const lines = [
    '### Qualys Azure tenant connectors: check',
    '',
    `**Check:** ${plural(report.connectors.length, 'connector')}: ${drift.length} drifted, ${unhealthy.length} unhealthy, ${expiringNames.length} with an expiring secret.`,
    '',
    provenance(context),
    ''
  ]
  if (report.runProblem) lines.push('> [!CAUTION]', `> ${inline(report.runProblem)}`, '')
  lines.push('| | Connector | Id | Drift | Health | Azure | Coverage |', '|---|---|---|---|---|---|---|')
  const ordered = [...report.connectors].sort(
    (a, b) => weight(a, context.expiryWarningDays) - weight(b, context.expiryWarningDays)
  )
  for (const check of ordered) lines.push(row(check, context.expiryWarningDays))
  for (const retired of report.retired)
    lines.push(`| ⏹️ | ${cell(retired.name)} | ${retired.connector?.id ?? ''} | would be disabled (prune) | | | |`)
  if (report.notInSpec.length > 0)
    lines.push(
      '',
      `**Not in this spec:** ${plural(report.notInSpec.length, 'connector')} in Qualys: ${report.notInSpec.map(name => inline(name)).join(', ')}.`
    )
  if (report.claimedByOthers.length > 0)
    lines.push(
      '',
      `**Managed elsewhere:** ${report.claimedByOthers.map(c => `${inline(c.name)} (id ${c.id}, by ${inline(c.owner)})`).join(', ')}.`
    )
  lines.push(
    '',
    '<details><summary>What the gateway showed</summary>',
    '',
    ...gatewayLines(report).map(l => `- ${inline(l, Infinity)}`),
    '',
    '</details>'
  )
  return `${lines.join('\n')}\n`
}

/**
 * What the gateway showed this run, in plain lines: the first thing to run after setting up
 * credentials, and what to paste into a bug report (no secret, no token, only sanitised text).
 */
export function gatewayLines(report: CheckReport): string[] {
  const { gateway } = report
  const listing =
    typeof gateway.listing === 'object'
      ? `Tenant connectors listed through GET ${gateway.listing.path}${gateway.listing.thin ? ' (list-style objects: each connector is read in full)' : ''}`
      : gateway.listing === 'none'
        ? 'No tenant connector listing: every known path answered 404/405'
        : 'The listing was not reached'
  const getById = {
    works: 'GET /connectors/v1.0/org/azure/{id} works',
    absent: 'GET /connectors/v1.0/org/azure/{id} is not there: connectors are read from the listing',
    'not-asked': 'GET /connectors/v1.0/org/azure/{id} was not needed'
  }[gateway.getById]
  const members = !gateway.members
    ? 'Member connectors were not listed (no connector to cover)'
    : 'path' in gateway.members
      ? `Member connectors listed through GET ${gateway.members.path}`
      : `Member connectors: ${gateway.members.unavailable}`
  const frequency = `Run frequencies are sent as ${gateway.frequencyShape === 'minutes' ? 'minutes' : '{hours, minutes}'}`
  const { limit, remaining, windowSec, concurrencyLimit } = gateway.budget
  const budget =
    limit === undefined && remaining === undefined
      ? 'No rate-limit headers in the answers'
      : `Rate limit: ${limit ?? '?'} calls per ${windowSec ?? '?'} s, ${remaining ?? '?'} left after this run${concurrencyLimit ? `, ${concurrencyLimit} at a time` : ''}`
  const { calls, retried, throttled } = gateway.counts
  return [
    listing,
    getById,
    members,
    frequency,
    budget,
    `Calls: ${calls} made, ${retried} retried, ${throttled} throttled`
  ]
}

/** The `report` output: one object per connector, the parts as docs/check.md documents them. */
export function checkJson(report: CheckReport, context: CheckContext): string {
  return JSON.stringify(
    report.connectors.map(check => ({
      name: check.name,
      id: check.id ?? null,
      drift: {
        drifted: drifted(check),
        result: check.drift.result,
        changes: check.drift.changes,
        ...(check.drift.error ? { error: check.drift.error } : {})
      },
      health: check.health,
      azure: azureJson(check, context.expiryWarningDays),
      coverage: check.coverage
    }))
  )
}

function azureJson(check: ConnectorCheck, expiryWarningDays: number): Record<string, unknown> {
  // The subscription ids serve coverage; the report names only those without a member.
  const { subscriptionIds: _ids, ...azure } =
    check.azure.status === 'checked' ? check.azure : { ...check.azure, subscriptionIds: undefined }
  return { ...azure, expiring: expiring(check, expiryWarningDays) }
}

/** Posted on the check's issue just before a clean check closes it. */
export function checkClosingComment(context: CheckContext): string {
  return `The check of ${checkedAt(context)} UTC (${provenanceParts(context).join(' · ') || 'this run'}) found nothing to report: closing.`
}

function checkedAt(context: CheckContext): string {
  return context.time.slice(0, 16).replace('T', ' ')
}

function provenance(context: CheckContext): string {
  return [`Checked ${checkedAt(context)} UTC`, ...provenanceParts(context)].join(' · ')
}

function row(check: ConnectorCheck, expiryWarningDays: number): string {
  const bad = drifted(check) || !check.health.healthy
  const icon = bad ? '❌' : expiring(check, expiryWarningDays) ? '⚠️' : '✅'
  return `| ${icon} | ${cell(check.name)} | ${check.id ?? ''} | ${driftCell(check)} | ${cell(healthWords(check))} | ${cell(azureWords(check.azure))} | ${cell(coverageWords(check.coverage))} |`
}

/** Best effort, and said so: a guess is never shown as a fact. */
export function coverageWords(coverage: Coverage): string {
  if (coverage.status === 'not-available') return `not available: ${coverage.reason}`
  const parts = [`${plural(coverage.members, 'member connector')} (linked by ${coverage.linkedBy})`]
  if (coverage.subscriptions !== null) parts.push(`${plural(coverage.subscriptions, 'subscription')} readable`)
  if (coverage.withoutMember?.length) parts.push(`no member for ${coverage.withoutMember.join(', ')}`)
  if (coverage.notReadableByApp?.length) parts.push(`the app cannot read ${coverage.notReadableByApp.join(', ')}`)
  if (coverage.unknown) parts.push(`subscriptions without a member not known: ${coverage.unknown}`)
  for (const member of coverage.failingMembers)
    parts.push(
      `member ${member.name}${member.subscriptionId ? ` (${member.subscriptionId})` : ''} failing: ${member.lastError || member.state || 'no message'}`
    )
  if (coverage.disabledMembers.length > 0) parts.push(`${plural(coverage.disabledMembers.length, 'member')} disabled`)
  return parts.join('; ')
}

function driftCell(check: ConnectorCheck): string {
  if (check.drift.error) return `**${cell(check.drift.error)}**`
  if (check.drift.result === 'would-create') return 'missing: apply creates it'
  if (check.drift.changes.length === 0) return check.drift.action === 'none' ? 'none' : cell(driftWords(check))
  return check.drift.changes.map(change => changeCell(change)).join('<br>')
}

function driftWords(check: ConnectorCheck): string {
  const { drift } = check
  if (drift.error) return `cannot be planned: ${drift.error}`
  if (drift.result === 'would-create') return 'not in Qualys: apply would create it'
  if (drift.result === 'not-attempted') return 'not checked (see the run problem)'
  if (drift.result === 'deferred') return "not checked: Qualys' API budget is used up (see the run problem)"
  if (drift.action === 'none') return 'none'
  return drift.changes
    .map(c =>
      isSecretRow(c)
        ? `${c.field}: ${c.to}`
        : c.from === ''
          ? `${c.field} = ${c.to}`
          : `${c.field}: ${c.from} → ${c.to}`
    )
    .join('; ')
}

function healthWords(check: ConnectorCheck): string {
  const { health } = check
  if (health.findings.length > 0) return health.findings.map(finding => `${finding.kind}: ${finding.detail}`).join('; ')
  if (!health.healthy) return 'not checked'
  const synced = health.lastSynced ? `, last synced ${health.lastSynced}` : ''
  return `healthy${health.state ? ` (${health.state}${synced})` : synced}`
}

function azureWords(azure: AzureCheck): string {
  if (azure.status === 'skipped') return `skipped: ${azure.reason}`
  const parts = [
    azure.problem ?? 'credentials accepted',
    azure.subscriptions === null ? '' : `${plural(azure.subscriptions, 'subscription')} readable`,
    azure.secretExpiresInDays === undefined ? '' : `secret expires in ${plural(azure.secretExpiresInDays, 'day')}`,
    azure.secretAgeDays === undefined ? '' : `secret is ${plural(azure.secretAgeDays, 'day')} old`,
    ...azure.warnings
  ]
  return parts.filter(Boolean).join('; ')
}

/** Findings first, so a long report clipped to GitHub's limit keeps what matters. */
function weight(check: ConnectorCheck, expiryWarningDays: number): number {
  if (!check.health.healthy || check.drift.result === 'failed') return 0
  if (drifted(check)) return 1
  return expiring(check, expiryWarningDays) ? 2 : 3
}

function line(text: string): string {
  return safeLine(text, MAX_VALUE)
}
