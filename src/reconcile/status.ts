import type { Logger } from '../logger.js'
import type { StatusAction } from '../qualys/assumptions.js'
import type { ConnectorApi } from '../qualys/client.js'
import type { Outcome } from './outcome.js'
import { BudgetSpentError, HttpError } from '../http/errors.js'
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
    try {
      await send(api, action, group, logger)
    } catch (error) {
      // One refused id (deleted in the UI meanwhile, say) must not fail the others: each is sent on its own.
      // A refusal of the request itself; throttling (429) and timeouts (408) would only be met again, once per connector.
      const definite =
        error instanceof HttpError &&
        error.kind !== 'throttled' &&
        error.status !== undefined &&
        error.status >= 400 &&
        error.status < 500 &&
        error.status !== 408 &&
        error.status !== 429
      if (!definite || group.length === 1) {
        failAll(group, action, error)
        continue
      }
      logger.info(
        `The ${action} call for ${group.length} connectors was refused (${error.status}); sending one call per connector`
      )
      for (const change of group)
        await send(api, action, [change], logger).catch(single => failAll([change], action, single))
    }
  }
}

/** One status call for these connectors; each outcome takes its state from the answer. */
async function send(api: ConnectorApi, action: StatusAction, group: StatusChange[], logger: Logger): Promise<void> {
  // In id order: connectors finish in any order, the request is the same every run.
  const ids = [...new Set(group.map(change => (change.outcome.connector as { id: number }).id))].sort((a, b) => a - b)
  const verb = action === 'DISABLE' ? 'disable' : 'enable'
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
    const warning =
      disabled !== (action === 'DISABLE')
        ? `Qualys answered the ${verb} with the connector still ${disabled ? 'disabled' : 'enabled'}; check it in Qualys`
        : answered.length > 0 && !now
          ? `Qualys accepted the ${verb} call but did not list this connector in its answer; check it in Qualys`
          : undefined
    if (warning) {
      logger.warning(`${outcome.name}: ${warning}`)
      outcome.warnings.push(warning)
    }
  }
}

function failAll(group: StatusChange[], action: StatusAction, error: unknown): void {
  const verb = action === 'DISABLE' ? 'disable' : 'enable'
  for (const { outcome } of group) {
    // Nothing else was written to it: the next run sends the status change.
    if (error instanceof BudgetSpentError && !outcome.written) {
      Object.assign(outcome, { result: 'deferred', action: 'none' })
      continue
    }
    outcome.result = 'failed'
    outcome.error = `could not ${verb} it${outcome.written ? ' (its other changes were written)' : ''}: ${errorMessage(error)}`
  }
}
