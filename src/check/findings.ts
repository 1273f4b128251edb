/** What a check found, by the kinds `check-fail-on` names, and whether the step fails for it. */
import { RECOMMENDED_SECRET_ROTATION_DAYS } from '../azure/secrets.js'
import type { CheckReport, ConnectorCheck } from './check-run.js'
import type { CheckFinding } from './finding-kinds.js'

export type Findings = Record<CheckFinding, string[]>

export function findingsOf(report: CheckReport, expiryWarningDays: number): Findings {
  const named = (test: (c: ConnectorCheck) => boolean): string[] => report.connectors.filter(test).map(c => c.name)
  return {
    drift: [...named(drifted), ...report.retired.filter(o => o.action === 'disable').map(o => o.name)],
    unhealthy: named(c => !c.health.healthy && c.health.findings.length > 0),
    expiring: named(c => expiring(c, expiryWarningDays))
  }
}

/** A plan that would write, or that cannot be made for this connector (it cannot be applied as it is). */
export function drifted(check: ConnectorCheck): boolean {
  return check.drift.action !== 'none' || check.drift.result === 'failed'
}

export function expiring(check: ConnectorCheck, expiryWarningDays: number): boolean {
  const { azure } = check
  if (azure.status !== 'checked') return false
  return (
    (azure.secretExpiresInDays !== undefined && azure.secretExpiresInDays < expiryWarningDays) ||
    (azure.secretAgeDays !== undefined && azure.secretAgeDays > RECOMMENDED_SECRET_ROTATION_DAYS)
  )
}

/** The kinds in check-fail-on that this check found. */
export function failingKinds(findings: Findings, failOn: readonly CheckFinding[]): CheckFinding[] {
  return failOn.filter(kind => findings[kind].length > 0)
}

export function anyFinding(findings: Findings): boolean {
  return Object.values(findings).some(names => names.length > 0)
}

/** The step's failure message for the kinds check-fail-on names; undefined when none of them was found. */
export function checkFailure(findings: Findings, failOn: readonly CheckFinding[]): string | undefined {
  const kinds = failingKinds(findings, failOn)
  if (kinds.length === 0) return undefined
  const shown = (names: string[]): string =>
    `${names.slice(0, 10).join(', ')}${names.length > 10 ? ` and ${names.length - 10} more` : ''}`
  const words: Record<CheckFinding, string> = {
    drift: 'drifted from the spec (apply brings them back)',
    unhealthy: 'unhealthy in Qualys',
    expiring: 'with an Azure secret to rotate'
  }
  const parts = kinds.map(kind => `${findings[kind].length} ${words[kind]}: ${shown(findings[kind])}`)
  return `The check found connectors ${parts.join('; ')} (check-fail-on: ${failOn.join(',')}; the job summary has the details)`
}

/** What the check's issue tracks: the kinds check-fail-on names, or every kind when the step fails on none. */
export function issueFindings(findings: Findings, failOn: readonly CheckFinding[]): boolean {
  return failOn.length === 0 ? anyFinding(findings) : failingKinds(findings, failOn).length > 0
}
