/** The app's client secrets as Microsoft Graph lists them, for the expiry check and the secret's age. */
import { asRecord } from '../values.js'

/**
 * [DOC] Qualys' page for tenant connectors (Azure console configuration) recommends an app secret
 * expiry of 180 days: a secret older than this is due for rotation (Microsoft allows 24 months).
 */
export const RECOMMENDED_SECRET_ROTATION_DAYS = 180

export interface PasswordCredential {
  keyId?: string
  displayName?: string
  hint?: string
  /** startDateTime, when Graph gives one: when the secret was made. */
  start?: number
  end?: number
}

/** Graph's passwordCredentials, with startDateTime and endDateTime as times; odd entries are left out. */
export function passwordCredentials(body: unknown): PasswordCredential[] {
  const list = asRecord(body)?.passwordCredentials
  if (!Array.isArray(list)) return []
  return list.flatMap(item => {
    const record = asRecord(item)
    if (!record) return []
    return [
      {
        keyId: typeof record.keyId === 'string' ? record.keyId : undefined,
        displayName: typeof record.displayName === 'string' ? record.displayName : undefined,
        hint: typeof record.hint === 'string' ? record.hint : undefined,
        start: time(record.startDateTime),
        end: time(record.endDateTime)
      }
    ]
  })
}

function time(value: unknown): number | undefined {
  const parsed = typeof value === 'string' ? Date.parse(value) : NaN
  return Number.isNaN(parsed) ? undefined : parsed
}
