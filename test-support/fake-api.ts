/**
 * An in-memory ConnectorApi for driving the reconciler directly (no HTTP). It stores connectors
 * the way the server would answer them (through readConnector, like the real client), records
 * every call, counts calls in flight, and can be scripted to fail.
 */
import type { Logger } from '../src/logger.js'
import type { RequestBody } from '../src/qualys/body.js'
import type { ConnectorApi } from '../src/qualys/client.js'
import { readConnector, type Connector } from '../src/qualys/connector.js'
import { HttpError, type FailureKind } from '../src/http/errors.js'

export type Op = 'list' | 'get' | 'create' | 'update' | 'status'

export interface Call {
  op: Op
  id?: number
  name?: string
  body?: RequestBody
  /** For status: ENABLE or DISABLE, and the ids. */
  action?: string
  ids?: number[]
}

/** A scripted failure for the next call of one kind. */
export interface Failure {
  error: Error
  /** For create/update: the server acted on the request before the error (e.g. a lost answer). */
  committed?: boolean
  /** Only for a call about this connector name (create/update); any call when absent. */
  name?: string
}

export function qualysError(message: string, kind: FailureKind, status?: number, ambiguous = false): HttpError {
  return new HttpError(message, kind, status, ambiguous)
}

/** An ambiguous create failure (timeout after sending), as the real client reports it. */
export function ambiguousTimeout(): HttpError {
  return new HttpError('Create connector: no answer within 30 s', 'timeout', undefined, true)
}

export function duplicateName(name: string): HttpError {
  return new HttpError(
    `Create connector '${name}': Qualys says the name is taken (409: already exists)`,
    'duplicate-name',
    409
  )
}

/** A connector as the server answers it: the raw JSON is read exactly like the real client reads it. */
export function serverConnector(raw: Record<string, unknown>): Connector {
  return readConnector(raw)
}

/** What a create-style answer holds for the optional fields a request did not set. */
export const SERVER_DEFAULTS: Record<string, unknown> = {
  description: null,
  includedMem: [],
  excludedMem: [],
  defaultTagIds: [],
  isCreateConnectorForNewSubscriptionsAutomatically: false,
  isDisableConnectorsForDeletedManagementGroups: false,
  isRemediationEnabled: false,
  autoActivateVM: false,
  autoActivatePC: false,
  autoActivateSCA: false,
  autoActivateCertView: false,
  autoActivateCV: false
}

export class FakeApi implements ConnectorApi {
  readonly connectors: Connector[]
  readonly calls: Call[] = []
  /** Calls in the order they were answered. */
  readonly answered: Call[] = []
  /** The list endpoint answers 404/405 (list() → undefined). */
  listUnsupported = false
  /** Delay of every call, in ms (or per call); 0 = answer synchronously after a microtask. */
  delay: number | ((call: Call) => number) = 0
  inFlight = 0
  maxInFlight = 0
  /** States a get() answers, one per call per id, the last one repeating. */
  readonly states = new Map<number, { state: string; lastError?: string | null }[]>()
  /** Lets a test make the server store other values than sent (raw JSON → raw JSON). */
  rewrite?: (raw: Record<string, unknown>) => Record<string, unknown>
  /** Created connectors start in this state. */
  createdState = 'PENDING'
  private readonly failures: Record<Op, Failure[]> = { list: [], get: [], create: [], update: [], status: [] }
  private nextId = 1000

  constructor(connectors: Connector[] = []) {
    this.connectors = [...connectors]
  }

  failNext(op: Op, failure: Failure | Error): this {
    this.failures[op].push(failure instanceof Error ? { error: failure } : failure)
    return this
  }

  count(op: Op): number {
    return this.calls.filter(call => call.op === op).length
  }

  get writes(): Call[] {
    return this.calls.filter(call => call.op === 'create' || call.op === 'update')
  }

  async list(): Promise<Connector[] | undefined> {
    return this.run({ op: 'list' }, () => (this.listUnsupported ? undefined : this.connectors.map(c => ({ ...c }))))
  }

  async get(id: number): Promise<Connector> {
    return this.run({ op: 'get', id }, () => {
      const found = this.connectors.find(c => c.id === id)
      if (!found) throw new HttpError(`Read connector ${id}: 404`, 'not-found', 404)
      const script = this.states.get(id)
      if (script && script.length > 0) {
        const next = script.length > 1 ? script.shift()! : script[0]
        found.state = next.state
        found.raw = { ...found.raw, state: next.state }
        if (next.lastError !== undefined) {
          found.lastError = next.lastError
          found.raw = { ...found.raw, lastError: next.lastError }
        }
      }
      return { ...found }
    })
  }

  /** This fake has every field on every connector, and GET /{id}: completing is reading. */
  async complete(listed: Connector): Promise<Connector> {
    return this.get(listed.id)
  }

  async create(name: string, body: RequestBody): Promise<Connector> {
    return this.run({ op: 'create', name, body }, () => {
      const stored = this.store({ ...body, id: this.nextId++, uuid: `uuid-${this.nextId}`, state: this.createdState })
      this.connectors.push(stored)
      return stored
    })
  }

  async update(id: number, name: string, body: RequestBody): Promise<Connector> {
    return this.run({ op: 'update', id, name, body }, () => {
      const index = this.connectors.findIndex(c => c.id === id)
      if (index < 0) throw new HttpError(`Update connector ${id}: 404`, 'not-found', 404)
      const stored = this.store({ ...this.connectors[index].raw, ...body, id, state: 'PENDING' })
      this.connectors[index] = stored
      return stored
    })
  }

  async setStatus(action: 'ENABLE' | 'DISABLE', ids: number[]): Promise<Connector[]> {
    return this.run({ op: 'status', action, ids }, () =>
      ids.flatMap(id => {
        const index = this.connectors.findIndex(c => c.id === id)
        if (index < 0) return []
        const disabled = action === 'DISABLE'
        this.connectors[index] = this.store({ ...this.connectors[index].raw, disabled })
        return [{ ...this.connectors[index] }]
      })
    )
  }

  /** Like the real create/get answers, every field has a value: what a request left out got the server's default. */
  private store(raw: Record<string, unknown>): Connector {
    const answered = { ...SERVER_DEFAULTS, ...raw }
    return readConnector(this.rewrite ? this.rewrite(answered) : answered)
  }

  private async run<T>(call: Call, act: () => T): Promise<T> {
    this.calls.push(call)
    this.inFlight++
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight)
    try {
      const ms = typeof this.delay === 'function' ? this.delay(call) : this.delay
      await (ms > 0 ? new Promise(resolve => setTimeout(resolve, ms)) : Promise.resolve())
      const queue = this.failures[call.op]
      const index = queue.findIndex(f => f.name === undefined || f.name === call.name)
      const failure = index >= 0 ? queue.splice(index, 1)[0] : undefined
      this.answered.push(call)
      if (failure) {
        if (failure.committed) act()
        throw failure.error
      }
      const result = act()
      return result && typeof result === 'object' && !Array.isArray(result) ? { ...result } : result
    } finally {
      this.inFlight--
    }
  }
}

/** A logger that keeps what it is told. */
export class RecordingLogger implements Logger {
  readonly warnings: string[] = []
  readonly infos: string[] = []
  readonly errors: string[] = []
  debug(): void {}
  info(message: string): void {
    this.infos.push(message)
  }
  notice(message: string): void {
    this.infos.push(message)
  }
  warning(message: string): void {
    this.warnings.push(message)
  }
  error(message: string): void {
    this.errors.push(message)
  }
  group<T>(_title: string, body: () => Promise<T>): Promise<T> {
    return body()
  }
}

/** A clock whose sleep only moves time forward: waiting for sync takes no real time. */
export class FakeClock {
  time = 0
  readonly sleeps: number[] = []
  now = (): number => this.time
  sleep = (ms: number): Promise<void> => {
    this.sleeps.push(ms)
    this.time += ms
    return Promise.resolve()
  }
}
