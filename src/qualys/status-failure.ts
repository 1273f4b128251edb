/**
 * What Qualys' own error answers mean, in words a person can act on: a final non-2xx answer of the
 * gateway as an error naming the input or permission to check.
 */
import type { ApiRequest, ApiResponse } from '../http/exchange.js'
import { HttpError, serverMessage, type Redact } from '../http/errors.js'
import type { Transport } from '../http/transport.js'

/**
 * The error for a final non-2xx answer, with every known secret removed. The body is redacted
 * before the server's words are clipped, so a clip can never leave a piece of a secret behind.
 */
export function gatewayFailure(transport: Transport, request: ApiRequest, response: ApiResponse): HttpError {
  const error = statusFailure(request, response, false, transport.redact)
  return new HttpError(transport.redact(error.message), error.kind, error.status, error.ambiguous)
}

/** Turns a final non-2xx answer into an error that says what to do. */
export function statusFailure(
  request: ApiRequest,
  response: ApiResponse,
  ambiguous = false,
  redact?: Redact
): HttpError {
  const said = serverMessage(response.body, redact)
  const quoted = said ? `: ${said}` : ''
  const status = response.status
  if (status === 401) {
    return new HttpError(
      `${request.what}: Qualys refused the credentials (401)${quoted}. Check the Qualys username/password, client id/secret or token, and that qualys-platform / qualys-gateway-url is your account's platform.`,
      'unauthorized',
      status
    )
  }
  if (status === 403) {
    return new HttpError(
      `${request.what}: the Qualys user is not allowed to do this (403)${quoted}. Give the user the TotalCloud / connector management permissions (API access and "Create/Edit connector").`,
      'forbidden',
      status
    )
  }
  if (status === 404 || status === 405) {
    return new HttpError(
      `${request.what}: not found on the gateway (${status})${quoted}. Check qualys-platform / qualys-gateway-url.`,
      'not-found',
      status
    )
  }
  if (status >= 500 || status === 408) {
    return new HttpError(
      `${request.what}: Qualys answered ${status}${quoted}. The gateway is having trouble; run again later.`,
      'server',
      status,
      ambiguous
    )
  }
  if (status >= 400) {
    return new HttpError(
      `${request.what}: Qualys rejected the request (${status})${quoted || ' without saying why'}.`,
      'rejected',
      status
    )
  }
  return new HttpError(`${request.what}: unexpected answer ${status}${quoted}.`, 'protocol', status)
}
