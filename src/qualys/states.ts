/**
 * What a connector's `state` says about its last sync, in one place: the check's health and
 * coverage parts read tenant and member connectors with it. The state names themselves are the
 * assumption (SYNC_*_STATES in assumptions.ts); this only sorts them.
 */
import { SYNC_FAILED_STATES, SYNC_IN_PROGRESS_STATES, SYNC_SUCCESS_STATES } from './assumptions.js'

/**
 * `other`: a state that is neither (DISABLED, INCOMPLETE, one Qualys adds later); `none`: the
 * answer carried no state at all (a thin listing).
 */
export type StateClass = 'in-progress' | 'done-well' | 'failed' | 'other' | 'none'

export function classifyState(state: string | undefined): StateClass {
  if (state === undefined || state.trim() === '') return 'none'
  const upper = state.trim().toUpperCase()
  if (SYNC_IN_PROGRESS_STATES.includes(upper)) return 'in-progress'
  if (SYNC_SUCCESS_STATES.includes(upper)) return 'done-well'
  if (SYNC_FAILED_STATES.includes(upper)) return 'failed'
  return 'other'
}

/**
 * A connector whose sync failed: a failed state, or a message in lastError whatever the state
 * says (Qualys may keep a state such as SUCCESS next to an error from a later attempt).
 */
export function isFailing(connector: { state?: string; lastError?: string | null }): boolean {
  return classifyState(connector.state) === 'failed' || (connector.lastError ?? '').trim() !== ''
}
