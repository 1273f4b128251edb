import type { ConnectorApi } from '../qualys/client.js'
import type { Connector } from '../qualys/connector.js'
import { classifyState } from '../qualys/states.js'

export interface SyncWait {
  timeoutMs: number
  sleep: (ms: number) => Promise<void>
  now: () => number
  /** First poll delay; doubles up to maxPollMs. */
  firstPollMs?: number
  maxPollMs?: number
}

type SyncResult =
  | { outcome: 'success'; connector: Connector }
  | { outcome: 'unknown'; connector: Connector }
  /** The answers carry no state at all (a thin listing): there is nothing to wait on. */
  | { outcome: 'no-state'; connector: Connector }
  | { outcome: 'failed'; connector: Connector; lastError: string }
  | { outcome: 'timeout'; connector: Connector; waitedMs: number }

/** Polls the connector until its first sync after a write has ended, or the time is up. */
export async function waitForSync(api: ConnectorApi, written: Connector, wait: SyncWait): Promise<SyncResult> {
  const started = wait.now()
  let connector = written
  let delay = wait.firstPollMs ?? 1000
  // A write answered with no state at all still has a sync coming: read it at least once.
  let mustRead = connector.state === undefined
  while (mustRead || classifyState(connector.state) === 'in-progress') {
    const waited = wait.now() - started
    if (waited >= wait.timeoutMs) return { outcome: 'timeout', connector, waitedMs: waited }
    await wait.sleep(Math.min(delay, wait.timeoutMs - waited))
    delay = Math.min(delay * 2, wait.maxPollMs ?? 15_000)
    connector = await api.get(written.id)
    mustRead = false
  }
  if (connector.state === undefined) return { outcome: 'no-state', connector }
  const ended = classifyState(connector.state)
  if (ended === 'failed')
    return {
      outcome: 'failed',
      connector,
      lastError: connector.lastError || `state ${connector.state} without a message`
    }
  // DISABLED, INCOMPLETE or a state Qualys adds later: neither a known success nor a known failure.
  return ended === 'done-well' ? { outcome: 'success', connector } : { outcome: 'unknown', connector }
}
