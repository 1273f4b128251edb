/**
 * Shared set-up for the qualys-*.test.ts files: a FakeQualysGateway on loopback and a real
 * QualysClient pointed at it, with a capturing logger and a Redactor. Not a test file itself.
 */
import type { Logger } from '../src/logger.js'
import { QualysClient, type ClientOptions } from '../src/qualys/client.js'
import type { Credentials } from '../src/qualys/auth.js'
import { createBody } from '../src/qualys/body.js'
import { HttpError } from '../src/http/errors.js'
import { Redactor } from '../src/redact.js'
import type { ConnectorSpec } from '../src/connector-spec/model.js'
import { spec as baseSpec } from './builders.js'
import { FakeQualysGateway, type GatewayOptions, type RecordedRequest } from './gateway.js'

export const TOKEN = 'static.jwt.token'
export const SECRET = 'Az~S3cr3t.value_for-the-app'
export const TENANT = '11111111-1111-1111-1111-111111111111'
export const APP = '22222222-2222-2222-2222-222222222222'
export const LIST_PATH = '/connectors/v1.0/org/azure/list'
export const CREATE_ENDPOINT = '/connectors/v1.0/org/azure/'
export const FAST_BACKOFF = { baseMs: 5, maxMs: 20 }

export interface LogLine {
  level: 'debug' | 'info' | 'notice' | 'warning' | 'error'
  message: string
}

/** A Logger that keeps every line; `onLine` lets a test act at a given moment of a run. */
export class CapturingLogger implements Logger {
  readonly lines: LogLine[] = []
  onLine?: (line: LogLine) => void

  debug(message: string): void {
    this.push('debug', message)
  }
  info(message: string): void {
    this.push('info', message)
  }
  notice(message: string): void {
    this.push('notice', message)
  }
  warning(message: string): void {
    this.push('warning', message)
  }
  error(message: string): void {
    this.push('error', message)
  }
  group<T>(_title: string, body: () => Promise<T>): Promise<T> {
    return body()
  }

  text(): string {
    return this.lines.map(line => line.message).join('\n')
  }

  private push(level: LogLine['level'], message: string): void {
    const line = { level, message }
    this.lines.push(line)
    this.onLine?.(line)
  }
}

export interface Rig {
  gateway: FakeQualysGateway
  client: QualysClient
  logger: CapturingLogger
  redactor: Redactor
  /** Every token handed to onToken, in order. */
  tokens: string[]
}

const open: Rig[] = []

/**
 * Starts a gateway (static token TOKEN accepted) and a client for it. The client's secrets
 * (SECRET, the password / client secret) are registered with the Redactor as the action does.
 */
export async function rig(
  gatewayOptions: GatewayOptions = {},
  clientOptions: Partial<Omit<ClientOptions, 'gatewayUrl' | 'logger' | 'redactor' | 'onToken'>> = {}
): Promise<Rig> {
  const gateway = new FakeQualysGateway({ staticTokens: [TOKEN], ...gatewayOptions })
  const url = await gateway.start()
  const logger = new CapturingLogger()
  const redactor = new Redactor()
  const tokens: string[] = []
  const credentials: Credentials = clientOptions.credentials ?? { kind: 'token', token: TOKEN }
  redactor.add(SECRET)
  if (credentials.kind === 'password') redactor.add(credentials.password)
  if (credentials.kind === 'client') redactor.add(credentials.clientSecret)
  const client = new QualysClient({
    gatewayUrl: url,
    credentials,
    userAgent: 'qualys-action-tests',
    timeoutMs: 2000,
    maxAttempts: 4,
    maxConcurrency: 2,
    backoff: FAST_BACKOFF,
    logger,
    redactor,
    onToken: token => {
      tokens.push(token)
      redactor.add(token)
    },
    ...clientOptions
  })
  const made = { gateway, client, logger, redactor, tokens }
  open.push(made)
  return made
}

/** For afterEach: frees every client's sockets and stops every gateway. */
export async function closeAll(): Promise<void> {
  for (const { client, gateway } of open.splice(0)) {
    client.dispose()
    await gateway.stop()
  }
}

export function spec(overrides: Partial<ConnectorSpec> = {}): ConnectorSpec {
  // The shared builder, with this harness' own tenant, app and secret (the ones its gateway and Redactor know).
  return baseSpec({
    name: 'Prod tenant',
    tenantId: TENANT,
    applicationId: APP,
    secretValue: SECRET,
    connectorAppInfos: [
      { name: 'AI', tagId: null },
      { name: 'CI', tagId: null }
    ],
    connectorPrefixName: 'prod',
    ...overrides
  })
}

/** A create body as the action sends it. */
export function body(overrides: Partial<ConnectorSpec> = {}): Record<string, unknown> {
  return createBody(spec(overrides))
}

/** Awaits a promise that must reject with a HttpError, and returns that error. */
export async function failure(promise: Promise<unknown>): Promise<HttpError> {
  try {
    await promise
  } catch (error) {
    if (error instanceof HttpError) return error
    throw error
  }
  throw new Error('expected a HttpError, but the call succeeded')
}

export function requestsTo(requests: RecordedRequest[], method: string, path: string | RegExp): RecordedRequest[] {
  return requests.filter(r => r.method === method && (typeof path === 'string' ? r.path === path : path.test(r.path)))
}

export const lists = (requests: RecordedRequest[]): RecordedRequest[] => requestsTo(requests, 'GET', LIST_PATH)
export const creates = (requests: RecordedRequest[]): RecordedRequest[] => requestsTo(requests, 'POST', CREATE_ENDPOINT)
