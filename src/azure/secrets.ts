/** The app's client secrets as Microsoft Graph lists them, for the expiry check. */
import { asRecord } from '../values.js'

export interface PasswordCredential {
  keyId?: string
  displayName?: string
  hint?: string
  end?: number
}

/** Graph's passwordCredentials, with endDateTime as a time; odd entries are left out. */
export function passwordCredentials(body: unknown): PasswordCredential[] {
  const list = asRecord(body)?.passwordCredentials
  if (!Array.isArray(list)) return []
  return list.flatMap(item => {
    const record = asRecord(item)
    if (!record) return []
    const end = typeof record.endDateTime === 'string' ? Date.parse(record.endDateTime) : NaN
    return [
      {
        keyId: typeof record.keyId === 'string' ? record.keyId : undefined,
        displayName: typeof record.displayName === 'string' ? record.displayName : undefined,
        hint: typeof record.hint === 'string' ? record.hint : undefined,
        end: Number.isNaN(end) ? undefined : end
      }
    ]
  })
}
