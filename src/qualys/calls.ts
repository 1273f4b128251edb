/**
 * Calls to the Qualys gateway as the client makes them: with a token (logging in again once on a
 * 401), a non-2xx answer turned into an error unless the caller reads it, and the JSON answer and
 * the connectors in it read, or refused as unreadable.
 */
import type { Logger } from '../logger.js'
import type { ApiRequest, ApiResponse } from '../http/exchange.js'
import type { TokenSource } from './auth.js'
import { readConnector, UnreadableConnectorError, type Connector } from './connector.js'
import { HttpError } from '../http/errors.js'
import type { PageReader } from './listing.js'
import type { Transport } from '../http/transport.js'
import { UNREADABLE_ANSWER_ATTEMPTS } from '../http/retry-policy.js'
import { gatewayFailure } from './status-failure.js'

export class GatewayCalls implements PageReader {
  constructor(
    private readonly transport: Transport,
    private readonly tokens: TokenSource,
    readonly logger: Logger
  ) {}

  /**
   * Calls and reads the JSON answer. An answer cut short or empty is asked for once more when
   * the call is idempotent (a read, an update); for a create it stays an ambiguous failure.
   * Accepted non-2xx answers come back without a body for the caller to read.
   */
  async callJson(
    request: ApiRequest,
    accept?: (response: ApiResponse) => boolean
  ): Promise<{ response: ApiResponse; body?: unknown }> {
    for (let attempt = 1; ; attempt++) {
      const response = await this.call(request, accept)
      if (response.status < 200 || response.status >= 300) return { response }
      try {
        return { response, body: this.json(request, response) }
      } catch (error) {
        if (!request.idempotent || attempt >= UNREADABLE_ANSWER_ATTEMPTS) throw error
        this.transport.counts.retried++
        this.logger.info(`${(error as Error).message.split('.')[0]}; asking again`)
      }
    }
  }

  /**
   * Sends with the current token; on a 401 for a token we obtained, logs in again once.
   * A non-2xx answer is thrown unless `accept` says the caller reads it itself.
   */
  private async call(
    request: ApiRequest,
    accept: (response: ApiResponse) => boolean = () => false
  ): Promise<ApiResponse> {
    const token = await this.tokens.token()
    let response = await this.transport.send({ ...request, token })
    if (response.status === 401) {
      const fresh = await this.tokens.renew(token)
      if (fresh) {
        this.logger.info(`${request.what}: the Qualys token was refused (401); logged in again`)
        response = await this.transport.send({ ...request, token: fresh })
      }
    }
    if ((response.status < 200 || response.status >= 300) && !accept(response))
      throw gatewayFailure(this.transport, request, response)
    return response
  }

  private json(request: ApiRequest, response: ApiResponse): unknown {
    try {
      if (response.body.trim() === '') throw new SyntaxError('empty body')
      return JSON.parse(response.body)
    } catch {
      throw this.unreadable(
        request,
        response.body.trim() === ''
          ? 'an empty answer'
          : 'an answer that is not JSON (a proxy error page, or cut short)'
      )
    }
  }

  /** One connector from an answer; an unreadable one is a protocol failure (ambiguous for a write). */
  read(value: unknown, request: ApiRequest): Connector {
    try {
      return readConnector(value)
    } catch (error) {
      if (error instanceof UnreadableConnectorError) throw this.unreadable(request, error.message)
      throw error
    }
  }

  /** A write whose answer cannot be read may still have happened: mark it ambiguous. */
  private unreadable(request: ApiRequest, what: string): HttpError {
    return new HttpError(
      `${request.what}: Qualys sent ${what}. If this persists, check qualys-gateway-url points at the API gateway.`,
      'protocol',
      undefined,
      !request.idempotent
    )
  }
}
