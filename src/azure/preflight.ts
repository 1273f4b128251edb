/**
 * Asks Microsoft, before a connector's secret is written to Qualys, whether Qualys will be able to
 * use it: the app's credentials (Entra ID), what it can reach (Resource Manager), and when its
 * secret expires (Graph, best effort). A definite "no" fails that connector before any Qualys
 * write; not reaching Microsoft only warns, because a self-hosted runner may not reach Azure.
 *
 * Three plain requests through the action's own transport (proxy, timeouts, retries, Retry-After)
 * instead of @azure/msal-node: see docs/decisions/azure-preflight.md for the size and start-up figures.
 */
import { HttpError } from '../http/errors.js'
import type { ApiRequest, CallCounts } from '../http/exchange.js'
import { AZURE_MAX_THROTTLE_WAIT_MS } from '../http/retry-policy.js'
import { Transport, type ConnectionOptions } from '../http/transport.js'
import type { ConnectorSpec } from '../connector-spec/model.js'
import { plural } from '../text.js'
import { readEntraError, type AppRef } from './entra.js'
import type { AzureSettings } from './environments.js'
import { microsoftFailure, readJson, said, Unreachable } from './answers.js'
import { missingGroups, ResourceManager, sameGroupName } from './resource-manager.js'
import { passwordCredentials, type PasswordCredential } from './secrets.js'

/** Subscriptions the app can read: how many, and their ids (null: not read). */
interface Reach {
  refusal?: string
  subscriptions: number | null
  subscriptionIds?: string[]
}

/** What the reconciler asks just before a write that sends the secret; `mode: check` asks for details too. */
export interface AzurePreflight {
  check(spec: ConnectorSpec, options?: PreflightDetails): Promise<PreflightResult>
}

export interface PreflightDetails {
  /**
   * Also give the ids of the subscriptions the app can read and the age of the secret in use, in
   * the result (for coverage and the secret's rotation). Asks Microsoft nothing more.
   */
  details?: boolean
}

export interface PreflightResult {
  /** A definite refusal: the connector fails with this, before anything is written to Qualys. */
  refusal?: string
  /** Already logged; for the outcome. */
  warnings: string[]
  /** Subscriptions the app can read; null when not checked. */
  subscriptions: number | null
  /** With `details`: the ids of those subscriptions, when they were read. */
  subscriptionIds?: string[]
  /**
   * With `details`, when Graph tells (the app may read its own registration): when the secret in
   * use was made (Graph's startDateTime, ISO 8601) and its age in whole days. Compare with
   * RECOMMENDED_SECRET_ROTATION_DAYS (secrets.ts).
   */
  secretCreated?: string
  secretAgeDays?: number
  /** With `details`, when Graph tells: whole days until the secret in use expires. */
  secretExpiresInDays?: number
}

export interface PreflightOptions extends AzureSettings, ConnectionOptions {
  /** Called with every token obtained, before it is used (to mask it). */
  onToken: (token: string) => void
  now?: () => number
  backoff?: { baseMs: number; maxMs: number }
  sleep?: (ms: number) => Promise<void>
}

const DAY_MS = 86_400_000

interface Token {
  value?: string
  refusal?: string
}

export class MicrosoftPreflight implements AzurePreflight {
  private readonly login: Transport
  private readonly arm: ResourceManager
  private readonly armTransport: Transport
  private readonly graph: Transport
  /** One token request per app, tenant, secret and audience for the whole run. */
  private readonly tokens = new Map<string, Promise<Token>>()
  /**
   * Why Entra ID could not be reached (network, timeout, proxy), once that happened: a runner that
   * cannot reach Azure is not made to wait out the timeouts again for every connector.
   */
  private unreachable?: string

  constructor(private readonly options: PreflightOptions) {
    const transport = (baseUrl: string, input: string): Transport =>
      new Transport({
        ...options,
        baseUrl,
        maxThrottleWaitMs: AZURE_MAX_THROTTLE_WAIT_MS,
        peer: {
          name: 'Microsoft',
          networkAdvice: `check ${input} and the runner's network or proxy (HTTPS_PROXY / NO_PROXY), or turn the check off with azure-preflight: false`,
          timeoutAdvice: 'Microsoft did not answer in time (request-timeout)',
          dnsAdvice: `The runner cannot resolve Microsoft's host: check ${input} and the runner's DNS or proxy (HTTPS_PROXY), or turn the check off with azure-preflight: false`,
          throttleAdvice: 'run again in a minute, or turn the check off with azure-preflight: false'
        }
      })
    this.login = transport(options.authorityHost, 'azure-environment / azure-authority-host')
    this.armTransport = transport(options.resourceManagerUrl, 'azure-environment / azure-resource-manager-url')
    this.arm = new ResourceManager(this.armTransport, options.resourceManagerUrl, options.redactor)
    this.graph = transport(options.graphUrl, 'azure-environment / azure-graph-url')
  }

  get counts(): CallCounts {
    const all = [this.login, this.armTransport, this.graph].map(t => t.counts)
    return { calls: sum(all, 'calls'), retried: sum(all, 'retried'), throttled: sum(all, 'throttled') }
  }

  dispose(): void {
    for (const transport of [this.login, this.armTransport, this.graph]) transport.dispose()
  }

  async check(spec: ConnectorSpec, options: PreflightDetails = {}): Promise<PreflightResult> {
    const secret = spec.secretValue
    if (!secret) return { warnings: [], subscriptions: null }
    const app: AppRef = { tenantId: spec.tenantId, applicationId: spec.applicationId }
    const warnings: string[] = []
    const warn = (message: string): void => {
      const text = this.options.redactor.redact(`Azure: ${message}`)
      this.options.logger.warning(`${spec.name}: ${text}`)
      warnings.push(text)
    }
    if (this.unreachable) {
      // One annotation per cause: the connector that met it said so for the run; each later one notes it in its own row.
      const note = this.options.redactor.redact(
        `Azure: not checked: Microsoft Entra ID could not be reached earlier in this run (${this.unreachable})`
      )
      this.options.logger.debug(`${spec.name}: ${note}`)
      return { warnings: [note], subscriptions: null }
    }
    let token: Token
    try {
      token = await this.token(app, secret, this.options.resourceManagerAudience)
    } catch (error) {
      if (
        error instanceof HttpError &&
        (error.kind === 'network' || error.kind === 'timeout' || error.kind === 'unreachable')
      )
        this.unreachable ??= microsoftFailure(error)
      warn(
        `the app's credentials were not checked, Microsoft Entra ID could not be reached (${microsoftFailure(error)}); the connector is written without the check${this.unreachable ? ', and so is every later one of this run' : ''}`
      )
      return { warnings, subscriptions: null }
    }
    if (token.refusal)
      return {
        refusal: this.options.redactor.redact(
          `Azure preflight: ${token.refusal}. Nothing was written to Qualys for this connector`
        ),
        warnings,
        subscriptions: null
      }
    this.options.logger.info(
      `${spec.name}: Azure: Microsoft Entra ID accepted the credentials of app ${app.applicationId}`
    )

    const { subscriptionIds, ...reach } = await this.reach(spec, token.value as string, warn)
    const inUse = await this.secretExpiry(spec, app, secret, warn)
    return {
      ...reach,
      warnings,
      ...(reach.refusal ? { refusal: this.options.redactor.redact(reach.refusal) } : {}),
      ...(options.details ? { ...(subscriptionIds ? { subscriptionIds } : {}), ...this.secretAge(inUse) } : {})
    }
  }

  /** When the secret in use was made and how many whole days ago, if Graph said. */
  private secretAge(
    inUse: PasswordCredential | undefined
  ): Pick<PreflightResult, 'secretCreated' | 'secretAgeDays' | 'secretExpiresInDays'> {
    const expires =
      inUse?.end === undefined ? {} : { secretExpiresInDays: Math.floor((inUse.end - this.now()) / DAY_MS) }
    if (inUse?.start === undefined) return expires
    return {
      secretCreated: new Date(inUse.start).toISOString(),
      // A start in the future (a clock apart from Microsoft's) is a secret made just now.
      secretAgeDays: Math.max(0, Math.floor((this.now() - inUse.start) / DAY_MS)),
      ...expires
    }
  }

  /** Management groups named in the spec, and the subscriptions the app can read. */
  private async reach(spec: ConnectorSpec, token: string, warn: (message: string) => void): Promise<Reach> {
    const wanted = [
      ...(spec.includedMem ?? []).map(name => ({ name, field: 'includedMem' })),
      ...(spec.excludedMem ?? []).map(name => ({ name, field: 'excludedMem' }))
    ]
    let refusal: string | undefined
    if (wanted.length > 0) {
      try {
        const groups = await this.arm.managementGroups(token)
        const known = (name: string): boolean =>
          groups.some(group => sameGroupName(group.name, name) || sameGroupName(group.displayName, name))
        const missing = wanted.filter(entry => !known(entry.name))
        if (missing.length > 0) refusal = missingGroups(missing, groups)
      } catch (error) {
        warn(`the management groups were not checked (${microsoftFailure(error)})`)
      }
    }
    let subscriptions: number | null = null
    let subscriptionIds: string[] | undefined
    try {
      ;({ count: subscriptions, ids: subscriptionIds } = await this.arm.readableSubscriptions(token))
      if (subscriptions === 0)
        warn(
          `the app can read no subscription in tenant ${spec.tenantId}, so Qualys will find nothing: give the app the Reader role on the management groups or subscriptions to scan`
        )
      else this.options.logger.info(`${spec.name}: Azure: the app can read ${plural(subscriptions, 'subscription')}`)
    } catch (error) {
      warn(`the subscriptions the app can read were not counted (${microsoftFailure(error)})`)
    }
    return { refusal, subscriptions, subscriptionIds }
  }

  /**
   * Best effort: most apps may not read their own registration (Application.Read.All), which is fine.
   * Gives the secret in use, when Graph listed it.
   */
  private async secretExpiry(
    spec: ConnectorSpec,
    app: AppRef,
    secret: string,
    warn: (message: string) => void
  ): Promise<PasswordCredential | undefined> {
    const { logger, graphAudience, expiryWarningDays } = this.options
    const skipped = (why: string): undefined => {
      logger.debug(`${spec.name}: Azure: the secret's expiry was not checked: ${why}`)
      return undefined
    }
    let credentials: PasswordCredential[]
    try {
      const token = await this.token(app, secret, graphAudience)
      if (!token.value) return skipped(`no Microsoft Graph token (${token.refusal})`)
      const request: ApiRequest = {
        method: 'GET',
        path: `/v1.0/applications(appId='${app.applicationId}')?$select=passwordCredentials`,
        idempotent: true,
        token: token.value,
        what: `Read the secrets of app ${app.applicationId} (Microsoft Graph)`
      }
      const response = await this.graph.send(request)
      if (response.status === 401 || response.status === 403 || response.status === 404) {
        return skipped(
          `Microsoft Graph answered ${response.status} (${said(response, this.options.redactor)}); the app needs the Application.Read.All permission for this check`
        )
      }
      credentials = passwordCredentials(readJson(request, response, this.options.redactor))
    } catch (error) {
      warn(`the client secret's expiry was not checked (${microsoftFailure(error)})`)
      return
    }
    // Graph gives the first three characters of each secret as its `hint` [DOC]; several secrets
    // may share them, so the one expiring last is taken: a warning is then always deserved.
    const now = this.now()
    const inUse = credentials
      .filter(c => c.hint === secret.slice(0, 3) && c.end !== undefined && c.end > now)
      .sort((a, b) => (b.end as number) - (a.end as number))[0]
    if (!inUse) return skipped('no secret of the app matches the one in use')
    const days = Math.floor(((inUse.end as number) - now) / DAY_MS)
    const which = `${inUse.displayName ? `'${inUse.displayName}', ` : ''}id ${inUse.keyId ?? 'unknown'}`
    if (days < expiryWarningDays) {
      warn(
        `the client secret in use (${which}) expires on ${new Date(inUse.end as number).toISOString().slice(0, 10)}, in ${plural(days, 'day')}: create a new one in the app registration, put it in the secret, and run with force-update: true`
      )
    } else {
      logger.info(`${spec.name}: Azure: the client secret in use expires in ${plural(days, 'day')}`)
    }
    return inUse
  }

  /** The token, a definite refusal, or Unreachable/HttpError when Entra could not be asked. */
  private token(app: AppRef, secret: string, audience: string): Promise<Token> {
    const key = JSON.stringify([app.tenantId, app.applicationId, secret, audience])
    let token = this.tokens.get(key)
    if (!token) {
      token = this.requestToken(app, secret, audience)
      // A failure to reach Entra is not remembered: the next connector asks again.
      token.catch(() => this.tokens.delete(key))
      this.tokens.set(key, token)
    }
    return token
  }

  private async requestToken(app: AppRef, secret: string, audience: string): Promise<Token> {
    const request: ApiRequest = {
      method: 'POST',
      path: `/${encodeURIComponent(app.tenantId)}/oauth2/v2.0/token`,
      // The client secret goes to this endpoint and nowhere else.
      form: {
        grant_type: 'client_credentials',
        client_id: app.applicationId,
        client_secret: secret,
        scope: `${audience.replace(/\/+$/, '')}/.default`
      },
      idempotent: true,
      what: `Get a token for app ${app.applicationId} from Microsoft Entra ID`
    }
    const response = await this.login.send(request)
    if (response.status === 200) {
      const body = readJson(request, response, this.options.redactor) as Record<string, unknown>
      const value = body?.access_token
      if (typeof value !== 'string' || value.length < 10)
        throw new Unreachable(`${request.what}: the answer holds no access token`)
      this.options.onToken(value)
      return { value }
    }
    const refusal = readEntraError(response.body, app)
    if (refusal?.definite) return { refusal: refusal.message }
    throw new Unreachable(
      `${request.what}: HTTP ${response.status}${refusal ? `, ${refusal.message}` : `: ${said(response, this.options.redactor) || 'not an answer from Microsoft Entra ID'}`}`
    )
  }

  private now(): number {
    return (this.options.now ?? Date.now)()
  }
}

function sum(counts: CallCounts[], key: keyof CallCounts): number {
  return counts.reduce((total, c) => total + c[key], 0)
}
