/** How a reconcile run is asked to behave: the inputs of the run, and the hooks it calls. */
import type { AzurePreflight } from '../azure/preflight.js'
import type { StatedBudget } from '../http/rate-gate.js'
import type { Logger } from '../logger.js'
import type { RunProgress } from './progress.js'
import type { QualysRead } from './qualys-read.js'
import { sameName } from '../text.js'
import type { SyncWait } from './sync.js'

export type OnExisting = 'update' | 'skip' | 'fail'
export interface ReconcileOptions {
  mode: 'apply' | 'plan'
  onExisting: OnExisting
  /**
   * Send an update even when nothing differs (it re-sends the secret): true for every connector, or the
   * names of the connectors to force (matched as names are, NFC), false for none.
   */
  forceUpdate: boolean | readonly string[]
  maxConcurrency: number
  /** Creates sent for one connector at most, each after checking the previous one did not happen (default 3). */
  maxCreateAttempts?: number
  /** Create connectors even when the gateway has no listing to look them up in (risks duplicates). */
  allowCreateWithoutLookup?: boolean
  /** Wait for the first sync after each write; undefined = do not wait. */
  sync?: SyncWait & { failOnError: boolean }
  /** Asked before each write that sends the secret; a refusal fails the connector before Qualys is written. */
  preflight?: AzurePreflight
  /**
   * The `managed-by:` line every create and update writes, whatever prune is; undefined when no owner is
   * known (inline inputs without `owner`): then nothing is marked, and any marker found is another's.
   */
  marker?: string
  /** prune: disable — how many connectors carrying the marker it may disable at most; undefined = off. */
  prune?: { max: number }
  /** Connector name → the environment variable its secretValue names: a write that sends the secret needs it. */
  secretVariables?: Record<string, string>
  /** Progress lines for runs of many connectors, and the words a wait for Qualys' window is said with. */
  progress?: RunProgress
  /** Qualys' call budget as its last answer stated it: the estimate before the first write compares with it. */
  budget?: () => StatedBudget
  /** A read of Qualys an earlier run of this step made (the re-plan before an apply): used, not read again. */
  read?: QualysRead
  logger: Logger
}

/** Whether force-update names this connector (true names every one). */
export function forced(forceUpdate: ReconcileOptions['forceUpdate'], name: string): boolean {
  return typeof forceUpdate === 'boolean' ? forceUpdate : forceUpdate.some(forcedName => sameName(forcedName, name))
}
