/** Reading Microsoft's answers for the preflight: what counts as "could not be asked", and how that is said. */
import type { ApiRequest, ApiResponse } from '../http/exchange.js'
import { HttpError, serverMessage } from '../http/errors.js'
import type { Redactor } from '../redact.js'
import { errorMessage } from '../values.js'

/** Microsoft could not be asked (network, 5xx, throttling, an unexpected answer): warn and go on. */
export class Unreachable extends Error {}

/** A 2xx JSON body; anything else is "could not be asked". */
export function readJson(request: ApiRequest, response: ApiResponse, redactor: Redactor): unknown {
  if (response.status < 200 || response.status >= 300)
    throw new Unreachable(
      `${request.what}: HTTP ${response.status}${said(response, redactor) ? `: ${said(response, redactor)}` : ''}`
    )
  try {
    return JSON.parse(response.body)
  } catch {
    throw new Unreachable(`${request.what}: the answer is not JSON (a proxy's page?)`)
  }
}

/** Microsoft's own words from an answer, without any known secret. */
export function said(response: ApiResponse, redactor: Redactor): string {
  return redactor.redact(serverMessage(redactor.redact(response.body)))
}

/** Transport failures (network, 5xx and throttling after the retries) and Unreachable, as text. */
export function microsoftFailure(error: unknown): string {
  if (error instanceof HttpError && error.kind === 'server')
    return `Microsoft answered ${error.status} after every attempt`
  if (error instanceof HttpError && error.kind === 'throttled')
    return `Microsoft kept throttling the calls (${error.status})`
  return errorMessage(error)
}
