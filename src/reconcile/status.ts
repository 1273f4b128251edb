import type { Logger } from '../logger.js'
import type { StatusAction } from '../qualys/assumptions.js'
import type { ConnectorApi } from '../qualys/client.js'
import type { Outcome } from './outcome.js'
import { errorMessage } from '../values.js'

/** A connector whose enabled state the run changes, after its other writes. */
export interface StatusChange {
  action: StatusAction
  outcome: Outcome
}

/**
 * Sends the status changes of the whole run: one call per action for every connector that
 * needs it, not one per connector. A failed call fails each connector it was for (their other
 * writes stand); the connector's state comes from the answer where it has one.
 */
export async function applyStatusChanges(api: ConnectorApi, changes: StatusChange[], logger: Logger): Promise<void> {
  for (const { action, outcome } of changes.filter(change => !change.outcome.connector)) {
    // A create Qualys confirmed only by refusing the resend: its id is not known yet.
    const warning = `its id is not known yet, so it was not ${action === 'DISABLE' ? 'disabled' : 'enabled'}; the next run does it`
    logger.warning(`${outcome.name}: ${warning}`)
    outcome.warnings.push(warning)
  }
  for (const action of ['DISABLE', 'ENABLE'] as const) {
    const group = changes.filter(change => change.action === action && change.outcome.connector)
    if (group.length === 0) continue
    // In id order: connectors finish in any order, the request is the same every run.
    const ids = [...new Set(group.map(change => (change.outcome.connector as { id: number }).id))].sort((a, b) => a - b)
    const verb = action === 'DISABLE' ? 'disable' : 'enable'
    try {
      const answered = await api.setStatus(action, ids)
      logger.info(
        `${verb === 'disable' ? 'Disabled' : 'Enabled'} ${ids.length === 1 ? 'connector' : 'connectors'} ${ids.join(', ')}`
      )
      for (const { outcome } of group) {
        const current = outcome.connector as NonNullable<Outcome['connector']>
        const now = answered.find(connector => connector.id === current.id)
        const disabled = now?.disabled ?? action === 'DISABLE'
        outcome.connector = {
          ...current,
          ...(now?.state !== undefined ? { state: now.state } : {}),
          disabled,
          enabled: !disabled
        }
        outcome.written = true
        if (disabled !== (action === 'DISABLE')) {
          const warning = `Qualys answered the ${verb} with the connector still ${disabled ? 'disabled' : 'enabled'}; check it in Qualys`
          logger.warning(`${outcome.name}: ${warning}`)
          outcome.warnings.push(warning)
        }
      }
    } catch (error) {
      const message = errorMessage(error)
      for (const { outcome } of group) {
        outcome.result = 'failed'
        outcome.error = `could not ${verb} it${outcome.written ? ' (its other changes were written)' : ''}: ${message}`
      }
    }
  }
}
