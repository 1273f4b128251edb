import {
  connectorPath,
  CREATE_PATH,
  FREQUENCY_SHAPES,
  isDuplicateNameRejection,
  isFrequencyShapeRejection,
  isUnexplainedRefusal,
  LIST_PATH_CANDIDATES,
  STATUS_METHODS,
  STATUS_PATH,
  updatePath,
  type FrequencyShape,
  type StatusAction
} from './assumptions.js'
import { TokenSource, type Credentials } from './auth.js'
import { withFrequencyShape, type RequestBody } from './body.js'
import { missingFields, type Connector } from './connector.js'
import { BudgetSpentError, HttpError, serverMessage } from '../http/errors.js'
import { WaitAllowance } from '../http/budget.js'
import { MAX_THROTTLE_WAIT_MS } from '../http/retry-policy.js'
import type { ApiRequest, ApiResponse, CallCounts } from '../http/exchange.js'
import { GatewayCalls } from './calls.js'
import { listPages, pageContent } from './listing.js'
import { MemberConnectors, type MemberListing } from './members.js'
import type { StatedBudget } from '../http/rate-gate.js'
import { Transport, type ConnectionOptions } from '../http/transport.js'
import { QUALYS_PEER } from './peer.js'
import { gatewayFailure } from './status-failure.js'

/** What the reconciler needs from Qualys; tests drive the reconciler with their own. */
export interface ConnectorApi {
  /** Every tenant connector (all pages, soft-deleted ones included), or undefined when the server has no list endpoint. */
  list(): Promise<Connector[] | undefined>
  /** One connector as it is now: `GET /{id}`, or a fresh listing where the gateway has no such endpoint. */
  get(id: number): Promise<Connector>
  /** A listed connector with every field the gateway gives: `GET /{id}`, or the listed object itself where there is no such endpoint. */
  complete(listed: Connector): Promise<Connector>
  /** `resend`: a second attempt, after the reconciler checked the first one did not happen. */
  create(name: string, body: RequestBody, options?: { resend?: boolean }): Promise<Connector>
  update(id: number, name: string, body: RequestBody): Promise<Connector>
  /** Enables or disables these connectors in one call; answers the connectors as Qualys now has them (may be fewer). */
  setStatus(action: StatusAction, ids: number[]): Promise<Connector[]>
  /** Why no further call is made in this run, when the call budget ran out beyond rate-limit-wait. */
  budgetSpent?(): BudgetSpentError | undefined
}

/** What a run learned of the gateway's undocumented behaviour (see assumptions.ts), and its stated budget. */
export interface GatewayFacts {
  /** The listing path that answered and whether its objects are thin; none: every candidate answered 404/405. */
  listing: { path: string; thin: boolean } | 'none' | 'not-asked'
  getById: 'works' | 'absent' | 'not-asked'
  /** How run frequencies are (or would be) sent. */
  frequencyShape: FrequencyShape
  budget: StatedBudget
  counts: CallCounts
}

export interface ClientOptions extends ConnectionOptions {
  gatewayUrl: string
  credentials: Credentials
  /** Called with every token the client obtains, before it is used (to mask it). */
  onToken: (token: string) => void
  backoff?: { baseMs: number; maxMs: number }
  /** rate-limit-wait: the most the whole run waits for Qualys' call window to roll (default 15 minutes). */
  rateLimitWaitMs?: number
  /** The run's progress, for the line that announces a wait for the window. */
  describeProgress?: () => string | undefined
}

export class QualysClient implements ConnectorApi {
  private readonly transport: Transport
  private readonly calls: GatewayCalls
  /** What this gateway turned out to support, learnt once per run. */
  private listPath?: string
  private listUnavailable = false
  /** Whether a listing left out fields an update sends (a thin, list-style answer). */
  private listingThin?: boolean
  private getUnavailable = false
  private getAnswered = false
  private frequencyShape: FrequencyShape = FREQUENCY_SHAPES[0]
  private statusMethod: (typeof STATUS_METHODS)[number] = STATUS_METHODS[0]
  private readonly members: MemberConnectors

  constructor(private readonly options: ClientOptions) {
    this.transport = new Transport({
      ...options,
      baseUrl: options.gatewayUrl,
      peer: QUALYS_PEER,
      waitAllowance: new WaitAllowance(options.rateLimitWaitMs ?? MAX_THROTTLE_WAIT_MS)
    })
    this.calls = new GatewayCalls(
      this.transport,
      new TokenSource(options.credentials, this.transport, options.onToken),
      options.logger
    )
    this.members = new MemberConnectors(this.calls)
  }

  get counts(): CallCounts {
    return this.transport.counts
  }

  /** Qualys' call budget as its last answer stated it. */
  get budget(): StatedBudget {
    return { ...this.transport.gate.stated }
  }

  budgetSpent(): BudgetSpentError | undefined {
    const closed = this.transport.gate.closedBy
    return closed instanceof BudgetSpentError ? closed : undefined
  }

  dispose(): void {
    this.transport.dispose()
  }

  /**
   * The listing is not documented: the known candidates are tried in order, moving on only on
   * 404/405 to the first page. Once one has answered it is the listing for the rest of the run.
   */
  async list(): Promise<Connector[] | undefined> {
    if (this.listPath) return await listPages(this.listPath, false, this.calls)
    if (this.listUnavailable) return undefined
    for (const path of LIST_PATH_CANDIDATES) {
      const listing = await listPages(path, true, this.calls)
      if (listing === undefined) {
        this.options.logger.debug(`GET ${path}: 404/405, not the listing on this gateway`)
        continue
      }
      this.listPath = path
      this.listingThin = listing.some(connector => missingFields(connector).length > 0)
      this.options.logger.info(`Tenant connectors are listed through GET ${path} (${listing.length} found)`)
      return listing
    }
    this.listUnavailable = true
    this.options.logger.warning(
      `The Qualys gateway has no tenant connector listing: ${LIST_PATH_CANDIDATES.join(', ')} all answered 404/405`
    )
    return undefined
  }

  /** What this run learned of the gateway's undocumented behaviour: for the check's report and bug reports. */
  get facts(): GatewayFacts {
    return {
      listing: this.listPath
        ? { path: this.listPath, thin: this.listingThin ?? false }
        : this.listUnavailable
          ? 'none'
          : 'not-asked',
      getById: this.getUnavailable ? 'absent' : this.getAnswered ? 'works' : 'not-asked',
      frequencyShape: this.frequencyShape,
      budget: { ...this.transport.gate.stated },
      counts: { ...this.transport.counts }
    }
  }

  /**
   * The Azure member (subscription) connectors, for coverage: best effort, read once per run
   * (see members.ts). Throws only for a 401 that logging in again did not cure.
   */
  listMembers(): Promise<MemberListing> {
    return this.members.list()
  }

  /**
   * Reading one connector is not documented. A 404/405 for a connector the listing has means
   * the gateway has no such endpoint: from then on connectors are read from the listing.
   */
  async get(id: number): Promise<Connector> {
    if (!this.getUnavailable) {
      try {
        return await this.readById(id)
      } catch (error) {
        if (!(error instanceof HttpError && error.kind === 'not-found')) throw error
        const listed = (await this.list())?.find(connector => connector.id === id)
        if (!listed) throw error
        this.noGetById(id, error)
        return listed
      }
    }
    const listed = (await this.list())?.find(connector => connector.id === id)
    if (!listed) throw new HttpError(`Read connector ${id}: not in the listing`, 'not-found', 404)
    return listed
  }

  async complete(listed: Connector): Promise<Connector> {
    if (this.getUnavailable) return listed
    try {
      return await this.readById(listed.id)
    } catch (error) {
      if (!(error instanceof HttpError && error.kind === 'not-found')) throw error
      // Listed a moment ago: a 404/405 here says there is no GET /{id}, and listing again would tell nothing new.
      this.noGetById(listed.id, error)
      return listed
    }
  }

  private async readById(id: number): Promise<Connector> {
    const request: ApiRequest = {
      method: 'GET',
      path: connectorPath(id),
      idempotent: true,
      what: `Read connector ${id}`
    }
    const connector = this.calls.read((await this.calls.callJson(request)).body, request)
    this.getAnswered = true
    return connector
  }

  private noGetById(id: number, error: HttpError): void {
    this.getUnavailable = true
    this.options.logger.info(
      `GET ${connectorPath(id)} answered ${error.status} for a listed connector: reading connectors from the listing for the rest of the run`
    )
  }

  async create(name: string, body: RequestBody, options: { resend?: boolean } = {}): Promise<Connector> {
    const request: ApiRequest = {
      method: 'POST',
      path: CREATE_PATH,
      json: body,
      idempotent: false,
      what: `Create connector '${name}'`
    }
    // The reconciler resends only after checking the first attempt did not happen; it is still a retry.
    if (options.resend) this.transport.counts.retried++
    return this.write(request)
  }

  async update(id: number, name: string, body: RequestBody): Promise<Connector> {
    // A full replacement: sending it twice leaves the same result, so it may be retried.
    const request: ApiRequest = {
      method: 'POST',
      path: updatePath(id),
      json: body,
      idempotent: true,
      what: `Update connector '${name}' (id ${id})`
    }
    return this.write(request)
  }

  /**
   * One call for every connector that needs the same action. Setting a status twice leaves the
   * same result, so it may be retried. The method is not documented (assumptions.ts): on a 405
   * the other one is tried once, and kept for the rest of the run.
   */
  async setStatus(action: StatusAction, ids: number[]): Promise<Connector[]> {
    const request = (method: (typeof STATUS_METHODS)[number]): ApiRequest => ({
      method,
      path: STATUS_PATH,
      query: { action },
      json: ids,
      idempotent: true,
      what: `${action === 'ENABLE' ? 'Enable' : 'Disable'} connector${ids.length > 1 ? 's' : ''} ${ids.join(', ')}`
    })
    const other = STATUS_METHODS.find(method => method !== this.statusMethod) as (typeof STATUS_METHODS)[number]
    const first = await this.calls.callJson(request(this.statusMethod), r => r.status === 405)
    let body = first.body
    if (first.response.status === 405) {
      this.options.logger.info(
        `${STATUS_PATH}: ${this.statusMethod} answered 405; sending ${other}, and using it for the rest of the run`
      )
      this.statusMethod = other
      body = (await this.calls.callJson(request(other))).body
    }
    return pageContent(body, request(this.statusMethod)).map(item => this.calls.read(item, request(this.statusMethod)))
  }

  /**
   * Sends a create or update in the frequency shape this gateway takes. A 400 about a frequency
   * field is a definite refusal (nothing was written): it is sent once more with minutes, and
   * when that is taken, minutes are used for the rest of the run.
   */
  private async write(request: ApiRequest): Promise<Connector> {
    const nameTaken = (r: ApiResponse): boolean => isDuplicateNameRejection(r.status, serverMessage(r.body))
    const shapeRefused = (r: ApiResponse): boolean =>
      this.frequencyShape !== 'minutes' &&
      (isFrequencyShapeRejection(r.status, serverMessage(r.body)) || isUnexplainedRefusal(r.status, r.body))
    let { response, body } = await this.calls.callJson(
      this.shaped(request, this.frequencyShape),
      r => nameTaken(r) || shapeRefused(r)
    )
    if (shapeRefused(response)) {
      const refusal = response
      this.options.logger.info(
        `${request.what}: Qualys refused the request (${refusal.status}: ${this.transport.said(refusal) || 'no reason given'}); trying run frequencies as minutes`
      )
      this.transport.counts.retried++
      ;({ response, body } = await this.calls.callJson(
        this.shaped(request, 'minutes'),
        r => nameTaken(r) || r.status === 400
      ))
      // Minutes refused too: the first refusal is the one to report, and the shape stays as it was.
      if (response.status === 400) throw gatewayFailure(this.transport, request, refusal)
      this.frequencyShape = 'minutes'
      this.options.logger.info('Run frequencies are sent as minutes for the rest of the run')
    }
    if (nameTaken(response)) {
      const said = this.transport.said(response)
      throw new HttpError(
        this.options.redactor.redact(`${request.what}: Qualys says the name is taken (${response.status}: ${said})`),
        'duplicate-name',
        response.status
      )
    }
    return this.calls.read(body, request)
  }

  private shaped(request: ApiRequest, shape: FrequencyShape): ApiRequest {
    return { ...request, json: withFrequencyShape(request.json as RequestBody, shape) }
  }
}
