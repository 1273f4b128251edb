/** How a reconcile run is asked to behave: the inputs of the run, and the hooks it calls. */
import type { AzurePreflight } from '../azure/preflight.js'
import type { Logger } from '../logger.js'
import type { SyncWait } from './sync.js'

export type OnExisting = 'update' | 'skip' | 'fail'
export interface ReconcileOptions {
  mode: 'apply' | 'plan'
  onExisting: OnExisting
  forceUpdate: boolean
  maxConcurrency: number
  /** Creates sent for one connector at most, each after checking the previous one did not happen (default 3). */
  maxCreateAttempts?: number
  /** Create connectors even when the gateway has no listing to look them up in (risks duplicates). */
  allowCreateWithoutLookup?: boolean
  /** Wait for the first sync after each write; undefined = do not wait. */
  sync?: SyncWait & { failOnError: boolean }
  /** Asked before each write that sends the secret; a refusal fails the connector before Qualys is written. */
  preflight?: AzurePreflight
  /** prune: disable — the marker this run's connectors carry, and how many it may disable at most. */
  prune?: { marker: string; max: number }
  logger: Logger
}
