/** After a write: Qualys took the values sent, and (when asked) the first sync finished. */
import type { Logger } from '../logger.js'
import type { ConnectorApi } from '../qualys/client.js'
import type { Connector } from '../qualys/connector.js'
import type { ConnectorSpec } from '../connector-spec/model.js'
import { BudgetSpentError } from '../http/errors.js'
import { errorMessage } from '../values.js'
import { diff } from './diff.js'
import type { Outcome } from './outcome.js'
import { waitForSync, type SyncWait } from './sync.js'

/** What the checks after a write need: the API, the log, and the first-sync wait when asked for one. */
export interface AfterWriteDeps {
  api: ConnectorApi
  logger: Logger
  sync?: SyncWait & { failOnError: boolean }
  /** The first syncs to wait for once every write is sent (see settleFirstSyncs). */
  pendingSyncs: PendingSync[]
}

/** A written connector whose first sync the run waits for after the writes. */
export interface PendingSync {
  spec: ConnectorSpec
  outcome: Outcome
}

/**
 * Checks Qualys took the values; when asked to wait for the first sync, queues it. The syncs are waited for
 * after every write is sent (settleFirstSyncs): a connector waiting for its sync never holds a slot another
 * connector's write needs, and the polls never take the call budget the writes need.
 */
export function afterWrite(spec: ConnectorSpec, outcome: Outcome, deps: AfterWriteDeps): Outcome {
  const { logger, sync } = deps
  const written = outcome.connector
  if (!written) return outcome
  // `enabled` is set after the write, through the status endpoint: not in this answer yet.
  const ignored = diff(spec, written).filter(change => change.field !== 'enabled')
  if (ignored.length > 0) {
    const warning = `Qualys answered with other values than sent for ${ignored.map(c => `${c.field} (sent '${c.to}', got '${c.from}')`).join(', ')}`
    logger.warning(`${spec.name}: ${warning}`)
    outcome.warnings.push(warning)
  }
  outcome.written = true
  if (!sync) return outcome
  if (written.disabled || spec.enabled === false) {
    logger.info(`${spec.name}: the connector is disabled in Qualys, so no sync follows the write; not waiting`)
    return outcome
  }
  deps.pendingSyncs.push({ spec, outcome })
  return outcome
}

/** Waits for every queued first sync at once (the polls share the transport's slots); each outcome is updated in place. */
export async function settleFirstSyncs(deps: AfterWriteDeps): Promise<void> {
  const { sync, logger } = deps
  if (!sync || deps.pendingSyncs.length === 0) return
  logger.info(
    `Waiting for the first sync of ${deps.pendingSyncs.length === 1 ? '1 connector' : `${deps.pendingSyncs.length} connectors`}`
  )
  await Promise.all(
    deps.pendingSyncs.map(async ({ spec, outcome }) => {
      logger.info(`${spec.name}: waiting for the first sync (state ${outcome.connector?.state ?? 'unknown'})`)
      const problem = await waitForFirstSync(spec, outcome, sync, deps)
      if (problem === undefined) return
      if (sync.failOnError && outcome.result !== 'failed') {
        Object.assign(outcome, { result: 'failed', error: problem })
        return
      }
      logger.warning(`${spec.name}: ${problem}`)
      outcome.warnings.push(problem)
    })
  )
}

/** Waits, and says what went wrong with the first sync, if anything (the write itself stands). */
async function waitForFirstSync(
  spec: ConnectorSpec,
  outcome: Outcome,
  sync: SyncWait,
  { api, logger }: AfterWriteDeps
): Promise<string | undefined> {
  let result
  try {
    result = await waitForSync(api, outcome.connector as Connector, sync)
  } catch (error) {
    // The run's one message says why; the write stands, and the sync is for the next check to see.
    if (error instanceof BudgetSpentError) {
      outcome.warnings.push("the first sync was not waited for: Qualys' API budget is used up (see the run's message)")
      return undefined
    }
    return `the connector was written, but its state could not be read while waiting for the first sync: ${errorMessage(error)}`
  }
  outcome.connector = result.connector
  switch (result.outcome) {
    case 'success':
      logger.info(`${spec.name}: synced, state ${result.connector.state}`)
      return undefined
    case 'unknown': {
      const warning = `the first sync ended in state ${result.connector.state}, which the action does not know as a success or a failure; check the connector in Qualys`
      logger.warning(`${spec.name}: ${warning}`)
      outcome.warnings.push(warning)
      return undefined
    }
    case 'no-state': {
      const warning =
        'Qualys reports no state for this connector, so its first sync cannot be waited for; check the connector in Qualys'
      logger.warning(`${spec.name}: ${warning}`)
      outcome.warnings.push(warning)
      return undefined
    }
    case 'failed':
      return `the first sync failed (state ${result.connector.state}): ${result.lastError}`
    case 'timeout':
      return `still ${result.connector.state ?? 'syncing'} after ${Math.round(result.waitedMs / 1000)} s; raise sync-timeout, or check the connector in Qualys`
    default:
      // undefined means success to the caller: a new sync outcome must be a compile error, not a silent pass.
      return result satisfies never
  }
}
