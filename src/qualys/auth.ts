import { AUTH_SUCCESS_STATUSES } from './assumptions.js'
import { HttpError } from '../http/errors.js'
import type { ApiRequest } from '../http/exchange.js'
import type { Transport } from '../http/transport.js'
import { gatewayFailure } from './status-failure.js'

export type Credentials =
  | { kind: 'token'; token: string }
  | { kind: 'password'; username: string; password: string }
  | { kind: 'client'; clientId: string; clientSecret: string }

/**
 * Hands out the bearer token: the user's own, or one obtained by logging in once per run.
 * A 401 on an obtained token logs in again once (tokens live 4 hours and cannot be refreshed).
 */
export class TokenSource {
  private current?: Promise<string>
  private readonly renewed = new Set<string>()

  constructor(
    private readonly credentials: Credentials,
    private readonly transport: Transport,
    private readonly onToken: (token: string) => void
  ) {}

  token(): Promise<string> {
    this.current ??= this.obtain()
    return this.current
  }

  /** A fresh token after `stale` was refused, or undefined when logging in again cannot help. */
  async renew(stale: string): Promise<string | undefined> {
    if (this.credentials.kind === 'token') return undefined
    const current = await this.token()
    if (current !== stale) return current // another call already logged in again
    if (this.renewed.has(stale)) return undefined
    this.renewed.add(stale)
    this.current = this.obtain()
    return this.current
  }

  private async obtain(): Promise<string> {
    const { credentials } = this
    if (credentials.kind === 'token') return credentials.token
    // Both logins are form posts; /auth/oidc carries its credentials in headers and an empty form body, as Qualys' curl does.
    const request: ApiRequest =
      credentials.kind === 'password'
        ? {
            method: 'POST' as const,
            path: '/auth',
            form: { username: credentials.username, password: credentials.password, token: 'true' },
            idempotent: true,
            what: 'Log in to Qualys (/auth)'
          }
        : {
            method: 'POST' as const,
            path: '/auth/oidc',
            form: {},
            headers: { clientId: credentials.clientId, clientSecret: credentials.clientSecret },
            idempotent: true,
            what: 'Log in to Qualys (/auth/oidc)'
          }
    const response = await this.transport.send(request)
    if (!AUTH_SUCCESS_STATUSES.includes(response.status)) throw gatewayFailure(this.transport, request, response)
    const token = response.body.trim()
    if (!/^[\w-]+\.[\w-]+\.[\w-]*$/.test(token)) {
      throw new HttpError(
        `${request.what}: the answer is not a token (HTTP ${response.status}, ${token.length} characters). Check qualys-platform / qualys-gateway-url: it must be the API gateway (gateway.qgN.apps.qualys.…).`,
        'protocol',
        response.status
      )
    }
    this.onToken(token)
    return token
  }
}
