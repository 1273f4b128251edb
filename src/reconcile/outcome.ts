/** What reconciling one connector came to: the outcome the report and the outputs are built from. */
import type { Connector } from '../qualys/connector.js'
import type { ConnectorSpec } from '../connector-spec/model.js'
import type { Change } from './diff.js'

/** Every result a connector can have: the `result` output takes exactly these. */
export const RESULTS = [
  'created',
  'exists',
  'updated',
  'unchanged',
  'would-create',
  'would-update',
  'would-disable',
  'disabled',
  'not-managed',
  'valid',
  'failed',
  'not-attempted',
  'deferred'
] as const
export type Result = (typeof RESULTS)[number]
type PlannedAction = 'create' | 'update' | 'disable' | 'none'

export interface Outcome {
  name: string
  result: Result
  /** What apply does (or did) to this connector. */
  action: PlannedAction
  changes: Change[]
  connector?: Connector
  error?: string
  warnings: string[]
  /**
   * What the reader should know that is neither a change nor a warning (the secret's fingerprint is not
   * recorded yet): shown beside the row, it never makes the connector count as changed.
   */
  notes?: string[]
  /** Qualys was changed for this connector (also when its first sync then failed). */
  written?: boolean
  /** Azure subscriptions the app can read, from the preflight; null or absent when not checked. */
  azureSubscriptions?: number | null
}

/** Thrown inside one connector's reconcile: it fails that connector only. */
export class ConnectorFailure extends Error {}

/** A connector the run did not get to (a problem of the whole run stopped it). */
export function notAttempted(spec: ConnectorSpec): Outcome {
  return { name: spec.name, result: 'not-attempted', action: 'none', changes: [], warnings: [] }
}

/**
 * A connector the run stopped short of because Qualys' call budget is used up beyond rate-limit-wait:
 * nothing was written to it, and the next run takes it up where this one stopped.
 */
export function deferred(spec: ConnectorSpec, found?: Connector): Outcome {
  return {
    name: spec.name,
    result: 'deferred',
    action: 'none',
    changes: [],
    warnings: [],
    ...(found ? { connector: found } : {})
  }
}

/** A connector that failed; `found` is the existing one, when there is one, so its id is still reported. */
export function failed(spec: ConnectorSpec, error: string, found?: Connector): Outcome {
  return {
    name: spec.name,
    result: 'failed',
    action: 'none',
    changes: [],
    error,
    warnings: [],
    ...(found ? { connector: found } : {})
  }
}

/**
 * Whether apply's write of this connector sends its Azure secret: a create, or an update of more than
 * `enabled` (which has its own endpoint), a forced update or a rotated secret included (their secretValue row).
 */
export function sendsSecret(outcome: Pick<Outcome, 'action' | 'changes'>): boolean {
  if (outcome.action === 'create') return true
  if (outcome.action !== 'update') return false
  return outcome.changes.length === 0 || outcome.changes.some(change => change.field !== 'enabled')
}
