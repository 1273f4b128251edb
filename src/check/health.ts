/**
 * How one tenant connector is doing between merges, from what Qualys says about it: failing,
 * stale, disabled against the spec, deleted, or missing. Pure: the clock is passed in.
 */
import { effectiveDays } from '../connector-spec/frequency.js'
import { MAX_FREQUENCY_MINUTES, MINUTES_PER_DAY } from '../connector-spec/model.js'
import { classifyState, isFailing } from '../qualys/states.js'
import { plural } from '../text.js'

export type HealthFindingKind = 'failing' | 'stale' | 'disabled' | 'deleted' | 'missing'

export interface HealthFinding {
  kind: HealthFindingKind
  /** One line a person can act on; server text in it is not yet sanitised (the report does that). */
  detail: string
}

export interface Health {
  healthy: boolean
  state?: string
  lastSynced?: string
  findings: HealthFinding[]
}

/** What health reads of a connector as Qualys answered it. */
export interface ConnectorStatus {
  id: number
  state?: string
  lastError?: string | null
  /** Null: Qualys says it never synced; absent: the answer does not say. */
  lastSynced?: string | null
  disabled?: boolean
  deleted?: boolean
  orgRunFrequency?: number
}

export interface HealthContext {
  /** The spec's wish: a connector the spec disables is not unhealthy for being disabled. */
  wantEnabled: boolean
  /** The spec's run frequency (minutes), for when Qualys does not answer one. */
  wantedFrequency?: number
  now: number
  /** A soft-deleted connector of that name, when there is no live one. */
  deletedId?: number
}

const DAY_MS = 86_400_000
/** A sync counts as late after twice the run frequency: one missed run can be the server's queue. */
const STALE_AFTER_RUNS = 2

export function assessHealth(connector: ConnectorStatus | undefined, context: HealthContext): Health {
  if (!connector) {
    const finding: HealthFinding =
      context.deletedId === undefined
        ? { kind: 'missing', detail: 'no tenant connector of this name in Qualys' }
        : { kind: 'deleted', detail: `tenant connector ${context.deletedId} of this name is deleted in Qualys` }
    return { healthy: false, findings: [finding] }
  }
  const failures = failing(connector)
  // A failing connector has not synced for the same reason: one finding, the cause.
  const late = connector.disabled || failures.length > 0 ? [] : stale(connector, context)
  const findings = [...failures, ...disabled(connector, context), ...late]
  return {
    healthy: findings.length === 0,
    ...(connector.state ? { state: connector.state } : {}),
    ...(connector.lastSynced ? { lastSynced: connector.lastSynced } : {}),
    findings
  }
}

function failing(connector: ConnectorStatus): HealthFinding[] {
  if (!isFailing(connector)) return []
  const lastError = connector.lastError?.trim()
  if (classifyState(connector.state) === 'failed')
    return [
      {
        kind: 'failing',
        detail: `state ${connector.state}${lastError ? `: ${lastError}` : ' (Qualys gave no message)'}`
      }
    ]
  return [{ kind: 'failing', detail: `last error: ${lastError}` }]
}

function disabled(connector: ConnectorStatus, context: HealthContext): HealthFinding[] {
  if (!connector.disabled || !context.wantEnabled) return []
  return [{ kind: 'disabled', detail: 'disabled in Qualys, while the spec wants it enabled' }]
}

/** Late beyond twice its run frequency, in the whole days Qualys runs connectors in. */
function stale(connector: ConnectorStatus, context: HealthContext): HealthFinding[] {
  if (classifyState(connector.state) === 'in-progress') return []
  const frequency = connector.orgRunFrequency ?? context.wantedFrequency ?? MAX_FREQUENCY_MINUTES
  const days = Math.min(Math.max(effectiveDays(frequency), 1), MAX_FREQUENCY_MINUTES / MINUTES_PER_DAY)
  const allowedMs = STALE_AFTER_RUNS * days * DAY_MS
  // An answer without the field (a thin listing) says nothing; null says it never synced.
  if (connector.lastSynced === undefined) return []
  if (connector.lastSynced === null)
    return [{ kind: 'stale', detail: `has never synced (it runs every ${plural(days, 'day')})` }]
  const synced = syncTime(connector.lastSynced)
  // An unreadable timestamp is not evidence of anything: the report shows it as given.
  if (synced === undefined) return []
  const lateMs = context.now - synced
  if (lateMs <= allowedMs) return []
  return [
    {
      kind: 'stale',
      detail: `no sync for ${plural(Math.floor(lateMs / DAY_MS), 'day')} (it runs every ${plural(days, 'day')})`
    }
  ]
}

/** Qualys' timestamps: ISO 8601 text, or epoch seconds or milliseconds as digits. */
export function syncTime(value: string): number | undefined {
  const text = value.trim()
  if (/^\d{10}$/.test(text)) return Number(text) * 1000
  if (/^\d{13}$/.test(text)) return Number(text)
  const parsed = Date.parse(text)
  return Number.isNaN(parsed) ? undefined : parsed
}
