/**
 * A stand-in for the three Microsoft services the Azure preflight asks, on one loopback HTTP
 * server, each under its own base path (so a call sent to the wrong service is caught):
 *
 * - `/login`: Microsoft Entra ID's token endpoint, `POST /{tenant}/oauth2/v2.0/token` with the
 *   client-credentials form; success `{token_type, expires_in, access_token}`, refusals in Entra's
 *   documented error body `{error, error_description, error_codes, timestamp, trace_id, …}`.
 * - `/arm`: Azure Resource Manager, management groups (`name`, `properties.displayName`) and
 *   subscriptions, both paged by `nextLink`.
 * - `/graph`: Microsoft Graph, `GET /v1.0/applications(appId='…')?$select=passwordCredentials`
 *   (`keyId`, `displayName`, `hint` = the secret's first three characters, `startDateTime`, `endDateTime`).
 *
 * Strict where Microsoft is: tokens are checked for their audience, api-version must be the one
 * asked for, the form must be complete.
 */
import http from 'node:http'
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { randomBytes, randomUUID } from 'node:crypto'

export interface FakeSecret {
  value: string
  endDateTime: string
  /** When the secret was made, as Graph writes it; default 2026-01-01T00:00:00Z. */
  startDateTime?: string
  keyId?: string
  displayName?: string
}

export interface FakeApp {
  appId: string
  secrets: FakeSecret[]
  /** The app may read its own registration in Graph (Application.Read.All); default false. */
  readsGraph?: boolean
}

export interface FakeManagementGroup {
  name: string
  displayName: string
}

export interface FakeTenant {
  tenantId: string
  apps: FakeApp[]
  managementGroups?: FakeManagementGroup[]
  /** Subscriptions the apps can read: a count (ids are made up) or a list. */
  subscriptions?: number | { subscriptionId: string; displayName: string }[]
  /** false: Resource Manager refuses the management group listing with 403 AuthorizationFailed. */
  canReadManagementGroups?: boolean
}

export type AzureFaultKind =
  | { kind: 'status'; status: number; headers?: Record<string, string>; body?: string }
  | { kind: 'entra-error'; code: number }
  | { kind: 'reset' }

export interface AzureFault {
  method?: string
  /** Tested against the pathname, base path included (`/login/…`, `/arm/…`, `/graph/…`). */
  path?: string | RegExp
  times?: number
  fault: AzureFaultKind
}

export interface AzureRequest {
  method: string
  path: string
  query: Record<string, string>
  headers: IncomingHttpHeaders
  body: string
  status: number
}

/** The documented codes the preflight maps, with the `error` and HTTP status Entra sends them with. */
const ENTRA_ERRORS: Record<
  number,
  { error: string; status: number; description: (tenant: string, app: string) => string }
> = {
  7000215: {
    error: 'invalid_client',
    status: 401,
    description: (_t, app) =>
      `AADSTS7000215: Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '${app}'.`
  },
  7000222: {
    error: 'invalid_client',
    status: 401,
    description: (_t, app) =>
      `AADSTS7000222: The provided client secret keys for app '${app}' are expired. Visit the Azure portal to create new keys for your app: https://aka.ms/NewClientSecret, or consider using certificate credentials for added security.`
  },
  700016: {
    error: 'unauthorized_client',
    status: 400,
    description: (tenant, app) =>
      `AADSTS700016: Application with identifier '${app}' was not found in the directory '${tenant}'. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You may have sent your authentication request to the wrong tenant.`
  },
  90002: {
    error: 'invalid_request',
    status: 400,
    description: tenant =>
      `AADSTS90002: Tenant '${tenant}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud.`
  },
  50034: {
    error: 'invalid_request',
    status: 400,
    description: tenant => `AADSTS50034: The user account {EUII Hidden} does not exist in the ${tenant} directory.`
  },
  900023: {
    error: 'invalid_request',
    status: 400,
    description: tenant =>
      `AADSTS900023: Specified tenant identifier '${tenant}' is neither a valid DNS name, nor a valid external domain.`
  },
  70011: {
    error: 'invalid_scope',
    status: 400,
    description: () =>
      "AADSTS70011: The provided request must include a 'scope' input parameter. The provided value for the input parameter 'scope' is not valid."
  },
  900144: {
    error: 'invalid_request',
    status: 400,
    description: () => "AADSTS900144: The request body must contain the following parameter: 'grant_type'."
  }
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
const MANAGEMENT_GROUPS = '/arm/providers/Microsoft.Management/managementGroups'
const SUBSCRIPTIONS = '/arm/subscriptions'
const GRAPH_APP = /^\/graph\/v1\.0\/applications\(appId='([^']*)'\)$/

export class FakeMicrosoft {
  readonly requests: AzureRequest[] = []
  private server?: http.Server
  private origin = ''
  private faults: (AzureFault & { left: number })[] = []
  private readonly tokens = new Map<string, { tenantId: string; appId: string; audience: 'arm' | 'graph' }>()

  constructor(private readonly options: { tenants: FakeTenant[]; pageSize?: number; now?: () => number }) {}

  async start(): Promise<string> {
    this.server = http.createServer((req, res) => void this.handle(req, res))
    await new Promise<void>(resolve => this.server!.listen(0, '127.0.0.1', resolve))
    this.origin = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`
    return this.origin
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections()
    await new Promise<void>(resolve => (this.server ? this.server.close(() => resolve()) : resolve()))
  }

  /** The action inputs that point the preflight here. */
  get inputs(): Record<string, string> {
    return {
      'azure-authority-host': `${this.origin}/login`,
      'azure-resource-manager-url': `${this.origin}/arm`,
      'azure-graph-url': `${this.origin}/graph`
    }
  }

  fault(rule: AzureFault): void {
    this.faults.push({ ...rule, left: rule.times ?? 1 })
  }

  issuedTokens(): string[] {
    return [...this.tokens.keys()]
  }

  tenant(tenantId: string): FakeTenant {
    const tenant = this.options.tenants.find(t => t.tenantId === tenantId)
    if (!tenant) throw new Error(`no fake tenant ${tenantId}`)
    return tenant
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = []
    for await (const chunk of req) chunks.push(chunk as Buffer)
    const url = new URL(req.url ?? '/', this.origin)
    const record: AzureRequest = {
      method: req.method ?? 'GET',
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      headers: req.headers,
      body: Buffer.concat(chunks).toString('utf8'),
      status: 0
    }
    this.requests.push(record)
    const send = (status: number, body: unknown, headers: Record<string, string> = {}): void => {
      record.status = status
      res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers })
      res.end(typeof body === 'string' ? body : JSON.stringify(body))
    }
    const fault = this.takeFault(record)
    if (fault?.kind === 'reset') return void req.socket.destroy()
    if (fault?.kind === 'status') return send(fault.status, fault.body ?? '', fault.headers)
    if (record.path.startsWith('/login/'))
      return this.token(record, send, fault?.kind === 'entra-error' ? fault.code : undefined)
    if (record.path.startsWith('/arm/')) return this.arm(record, url, send)
    if (record.path.startsWith('/graph/')) return this.graph(record, send)
    send(404, { error: { code: 'NotFound', message: `no route ${record.path}` } })
  }

  private takeFault(request: AzureRequest): AzureFaultKind | undefined {
    const rule = this.faults.find(
      f =>
        f.left > 0 &&
        (!f.method || f.method === request.method) &&
        (!f.path || (typeof f.path === 'string' ? f.path === request.path : f.path.test(request.path)))
    )
    if (!rule) return undefined
    rule.left--
    return rule.fault
  }

  private token(request: AzureRequest, send: (status: number, body: unknown) => void, scripted?: number): void {
    const match = /^\/login\/([^/]+)\/oauth2\/v2\.0\/token$/.exec(request.path)
    if (!match || request.method !== 'POST') return send(404, { error: 'not_found' })
    const tenantId = decodeURIComponent(match[1])
    const form = new URLSearchParams(request.body)
    const appId = form.get('client_id') ?? ''
    const refuse = (code: number): void => {
      const known = ENTRA_ERRORS[code]
      const traceId = randomUUID()
      const correlationId = randomUUID()
      const timestamp = new Date()
        .toISOString()
        .replace('T', ' ')
        .replace(/\.\d+Z$/, 'Z')
      send(known.status, {
        error: known.error,
        error_description:
          `${known.description(tenantId, appId)} Trace ID: ${traceId} Correlation ID: ${correlationId} Timestamp: ${timestamp}`.replace(
            / (Trace ID|Correlation ID|Timestamp):/g,
            '\r\n$1:'
          ),
        error_codes: [code],
        timestamp,
        trace_id: traceId,
        correlation_id: correlationId,
        error_uri: `https://login.microsoftonline.com/error?code=${code}`
      })
    }
    if (scripted !== undefined) return refuse(scripted)
    if (
      request.headers['content-type'] !== 'application/x-www-form-urlencoded' ||
      form.get('grant_type') !== 'client_credentials'
    )
      return refuse(900144)
    if (!GUID.test(tenantId) && !/^[a-z0-9-]+(\.[a-z0-9-]+)+$/i.test(tenantId)) return refuse(900023)
    const tenant = this.options.tenants.find(t => t.tenantId.toLowerCase() === tenantId.toLowerCase())
    if (!tenant) return refuse(90002)
    const app = tenant.apps.find(a => a.appId.toLowerCase() === appId.toLowerCase())
    if (!app) return refuse(700016)
    // Tokens are asked for the cloud's own audiences (AzureCloud here), whatever URL the requests then go to.
    const audience =
      form.get('scope') === 'https://management.azure.com/.default'
        ? 'arm'
        : form.get('scope') === 'https://graph.microsoft.com/.default'
          ? 'graph'
          : undefined
    if (!audience) return refuse(70011)
    const secret = app.secrets.find(s => s.value === form.get('client_secret'))
    if (!secret) return refuse(7000215)
    if (Date.parse(secret.endDateTime) <= this.now()) return refuse(7000222)
    const token = `eyJ0eXAiOiJKV1QifQ.${Buffer.from(JSON.stringify({ aud: audience, tid: tenantId, appid: appId })).toString('base64url')}.${randomBytes(24).toString('base64url')}`
    this.tokens.set(token, { tenantId: tenant.tenantId, appId: app.appId, audience })
    send(200, { token_type: 'Bearer', expires_in: 3599, ext_expires_in: 3599, access_token: token })
  }

  /** The token's holder, or undefined after answering 401 as Resource Manager / Graph do. */
  private bearer(
    request: AzureRequest,
    audience: 'arm' | 'graph',
    send: (status: number, body: unknown) => void
  ): { tenant: FakeTenant; appId: string } | undefined {
    const token = /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1]
    const holder = token ? this.tokens.get(token) : undefined
    if (!holder || holder.audience !== audience) {
      send(
        401,
        audience === 'arm'
          ? {
              error: {
                code: holder ? 'InvalidAuthenticationTokenAudience' : 'AuthenticationFailed',
                message: 'Authentication failed.'
              }
            }
          : {
              error: {
                code: 'InvalidAuthenticationToken',
                message: 'Access token validation failure. Invalid audience.'
              }
            }
      )
      return undefined
    }
    return { tenant: this.tenant(holder.tenantId), appId: holder.appId }
  }

  private arm(request: AzureRequest, url: URL, send: (status: number, body: unknown) => void): void {
    const caller = this.bearer(request, 'arm', send)
    if (!caller) return
    const { tenant } = caller
    if (request.path === MANAGEMENT_GROUPS) {
      if (request.query['api-version'] !== '2021-04-01')
        return send(400, {
          error: {
            code: 'InvalidApiVersionParameter',
            message: `The api-version '${request.query['api-version']}' is invalid.`
          }
        })
      if (tenant.canReadManagementGroups === false) {
        return send(403, {
          error: {
            code: 'AuthorizationFailed',
            message: `The client '${caller.appId}' does not have authorization to perform action 'Microsoft.Management/managementGroups/read' over scope '/providers/Microsoft.Management'.`
          }
        })
      }
      const groups = (tenant.managementGroups ?? []).map(g => ({
        id: `/providers/Microsoft.Management/managementGroups/${g.name}`,
        type: 'Microsoft.Management/managementGroups',
        name: g.name,
        properties: { tenantId: tenant.tenantId, displayName: g.displayName }
      }))
      return send(200, this.page(groups, url))
    }
    if (request.path === SUBSCRIPTIONS) {
      if (request.query['api-version'] !== '2022-12-01')
        return send(400, {
          error: {
            code: 'InvalidApiVersionParameter',
            message: `The api-version '${request.query['api-version']}' is invalid.`
          }
        })
      const listed =
        typeof tenant.subscriptions === 'number' || tenant.subscriptions === undefined
          ? Array.from({ length: tenant.subscriptions ?? 0 }, (_, i) => ({
              subscriptionId: `00000000-0000-4000-8000-${String(i + 1).padStart(12, '0')}`,
              displayName: `Subscription ${i + 1}`
            }))
          : tenant.subscriptions
      const subscriptions = listed.map(s => ({
        id: `/subscriptions/${s.subscriptionId}`,
        authorizationSource: 'RoleBased',
        subscriptionId: s.subscriptionId,
        tenantId: tenant.tenantId,
        displayName: s.displayName,
        state: 'Enabled',
        subscriptionPolicies: {
          locationPlacementId: 'Public_2014-09-01',
          quotaId: 'PayAsYouGo_2014-09-01',
          spendingLimit: 'Off'
        }
      }))
      return send(200, { ...this.page(subscriptions, url), count: { type: 'Total', value: subscriptions.length } })
    }
    send(404, {
      error: { code: 'InvalidResourceType', message: `The resource type could not be found for ${request.path}.` }
    })
  }

  /** One page of a list and the nextLink to the next, as Resource Manager pages (`$skiptoken`). */
  private page(items: unknown[], url: URL): { value: unknown[]; nextLink?: string } {
    const size = this.options.pageSize ?? 2
    const start = Number(url.searchParams.get('$skiptoken') ?? '0')
    const value = items.slice(start, start + size)
    if (start + size >= items.length) return { value }
    const next = new URL(url.toString())
    next.searchParams.set('$skiptoken', String(start + size))
    return { value, nextLink: next.toString() }
  }

  private graph(request: AzureRequest, send: (status: number, body: unknown) => void): void {
    const caller = this.bearer(request, 'graph', send)
    if (!caller) return
    const appId = GRAPH_APP.exec(request.path)?.[1]
    const app = caller.tenant.apps.find(a => a.appId === appId)
    const error = (status: number, code: string, message: string): void =>
      send(status, {
        error: {
          code,
          message,
          innerError: { date: new Date().toISOString(), 'request-id': randomUUID(), 'client-request-id': randomUUID() }
        }
      })
    if (!app)
      return error(
        404,
        'Request_ResourceNotFound',
        `Resource '${appId}' does not exist or one of its queried reference-property objects are not present.`
      )
    if (!caller.tenant.apps.find(a => a.appId === caller.appId)?.readsGraph)
      return error(403, 'Authorization_RequestDenied', 'Insufficient privileges to complete the operation.')
    if (request.query.$select !== 'passwordCredentials')
      return error(400, 'BadRequest', 'expected $select=passwordCredentials')
    send(200, {
      '@odata.context': `${this.origin}/graph/v1.0/$metadata#applications(passwordCredentials)/$entity`,
      passwordCredentials: app.secrets.map((secret, i) => ({
        customKeyIdentifier: null,
        displayName: secret.displayName ?? null,
        endDateTime: secret.endDateTime,
        hint: secret.value.slice(0, 3),
        keyId: secret.keyId ?? `5c0d1e2f-3a4b-4c5d-8e6f-${String(i).padStart(12, '0')}`,
        secretText: null,
        startDateTime: secret.startDateTime ?? '2026-01-01T00:00:00Z'
      }))
    })
  }

  private now(): number {
    return (this.options.now ?? Date.now)()
  }
}

/** A date `days` from now, as Graph writes it. */
export function daysFromNow(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().replace(/\.\d+Z$/, 'Z')
}
