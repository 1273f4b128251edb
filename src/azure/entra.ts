/**
 * The app's client-credentials token from Microsoft Entra ID, and what Entra's refusals mean for
 * the person running the action. Entra's error body is documented: `error`, `error_description`
 * ("AADSTS7000215: Invalid client secret provided. …", then trace lines) and `error_codes`.
 */

/** Who the app is: what each message names. Never the secret. */
export interface AppRef {
  tenantId: string
  applicationId: string
}

/**
 * Entra error code → what went wrong and what to do, one line each. Codes not listed here are
 * reported with Entra's own description.
 */
export const ENTRA_ERRORS: Record<number, (app: AppRef) => string> = {
  7000215: app =>
    `Microsoft Entra ID refused the client secret of app ${app.applicationId} (AADSTS7000215, invalid secret). Use the secret's Value, not its Secret ID (a GUID), copied when the secret was created, from the app's Certificates & secrets page; then update secret-value / secretValue`,
  7000222: app =>
    `the client secret of app ${app.applicationId} has expired (AADSTS7000222). Create a new client secret in the app registration (Certificates & secrets), put it in secret-value / secretValue, and run the apply`,
  700016: app =>
    `app ${app.applicationId} was not found in tenant ${app.tenantId} (AADSTS700016). Check applicationId / application-id, and that the app is registered in this tenant or consented to by its administrator`,
  90002: app =>
    `tenant ${app.tenantId} was not found (AADSTS90002). Check tenantId / tenant-id, and azure-environment: a US Government or China tenant is not in AzureCloud`,
  50034: app =>
    `Microsoft Entra ID does not know tenant ${app.tenantId} (AADSTS50034). Check tenantId / tenant-id and azure-environment`,
  900023: app =>
    `'${app.tenantId}' is not a valid tenant (AADSTS900023). Check tenantId / tenant-id: the directory (tenant) id, a GUID`
}

/** Errors Entra uses for "not now": the check is skipped with a warning, never failed on. */
const TRANSIENT_ERRORS = new Set(['temporarily_unavailable'])

interface EntraRefusal {
  /** A definite no: the connector would not work in Qualys either. */
  definite: boolean
  message: string
}

/**
 * Reads Entra's JSON error body; undefined when the answer is not one (a proxy's page, a
 * firewall's 403): that is not Entra saying no, so the check is skipped, not failed.
 */
export function readEntraError(body: string, app: AppRef): EntraRefusal | undefined {
  let parsed: unknown
  try {
    parsed = JSON.parse(body)
  } catch {
    return undefined
  }
  if (parsed === null || typeof parsed !== 'object') return undefined
  const { error, error_description: description, error_codes: codes } = parsed as Record<string, unknown>
  if (typeof error !== 'string') return undefined
  const numbers = Array.isArray(codes) ? codes.filter((code): code is number => typeof code === 'number') : []
  const known = numbers.find(code => ENTRA_ERRORS[code] !== undefined)
  if (known !== undefined) return { definite: true, message: ENTRA_ERRORS[known](app) }
  const said = typeof description === 'string' ? firstLine(description).replace(/^AADSTS\d+:\s*/, '') : ''
  const code = numbers.length > 0 ? `AADSTS${numbers[0]}` : error
  const message = `Microsoft Entra ID refused the credentials of app ${app.applicationId} in tenant ${app.tenantId} (${code}${said ? `: ${said}` : ''})`
  return { definite: !TRANSIENT_ERRORS.has(error), message }
}

/** Entra's description is one sentence followed by Trace ID / Correlation ID / Timestamp lines. */
function firstLine(description: string): string {
  const line = description.split(/\r?\n/)[0].replace(/\s+/g, ' ').trim()
  return line.length > 300 ? `${line.slice(0, 297)}…` : line
}
