/**
 * What the inputs say (runner glue): every input but the connector's own, read and checked into a
 * `Settings` union keyed on the mode, with every problem named after its input. Nothing here is handed to
 * the core as it is: core-options.ts turns Settings into what each core part takes, and the core never
 * imports this file.
 */
import { posix } from 'node:path'
import { AZURE_ENVIRONMENT_NAMES, AZURE_ENVIRONMENTS, type AzureSettings } from './azure/environments.js'
import { CHECK_FINDINGS, type CheckFinding } from './check/finding-kinds.js'
import { MAX_RATE_LIMIT_WAIT_MS } from './http/retry-policy.js'
import { PLATFORM_GATEWAYS } from './qualys/assumptions.js'
import type { Credentials } from './qualys/auth.js'
import type { OnExisting } from './reconcile/reconcile-run.js'
import type { OnPlanChange } from './reviewed-plan/review.js'
import {
  duration,
  flag,
  inputPath,
  integer,
  oneOf,
  parseBoolean,
  serviceUrl,
  type Fail,
  type InputReader
} from './inputs.js'
import type { Problem } from './problems.js'

export type Mode = 'apply' | 'plan' | 'validate' | 'export' | 'check'
export type Prune = 'off' | 'disable'

/** What every mode reads from its inputs (the connectors aside). */
interface CommonSettings {
  specFile?: string
  secretValue?: string
  requestTimeoutMs: number
  maxAttempts: number
  maxConcurrency: number
  onExisting: OnExisting
  /** true forces every connector, a list only the connectors it names (checked against the spec in core-options). */
  forceUpdate: boolean | string[]
  waitForSync: boolean
  waitTimeoutMs: number
  /** The most the whole run waits for Qualys' call window to roll before it defers the rest. */
  rateLimitWaitMs: number
  failOnSyncError: boolean
  githubToken?: string
  prComment: boolean
  /** An apply after a merge: what a plan that differs from the one reviewed on the pull request does. */
  onPlanChange: OnPlanChange
  allowCreateWithoutLookup: boolean
  /** The Azure preflight before writes; undefined when azure-preflight is false. */
  azure?: AzureSettings
  /**
   * Whose `managed-by:` marker every create and update writes, whatever prune is: the `owner` input, or the
   * repository and spec file; undefined for inline inputs without `owner`, which write no marker.
   */
  markerOwner?: string
  /** prune: disable — the marker owner (`owner` input, default the repository) and the prune-max guard. */
  prune?: { owner: string; max: number }
}

/** Where Qualys is and how to log in: every mode that talks to Qualys has both. */
export interface QualysAccess {
  gatewayUrl: string
  credentials: Credentials
}

/** mode: validate — offline: no gateway, no credentials. */
export interface ValidateSettings extends CommonSettings {
  mode: 'validate'
  /** Why a plan was run as an offline validation (a pull request from a fork has no secrets). */
  offlineBecause?: string
}

/** mode: plan or apply — the one place the two are told apart is `mode`. */
export interface ReconcileSettings extends CommonSettings, QualysAccess {
  mode: 'plan' | 'apply'
}

/** mode: export — reads Qualys, writes a spec file. */
export interface ExportSettings extends CommonSettings, QualysAccess {
  mode: 'export'
  /** Where the spec is written, relative to the workspace. */
  exportFile: string
}

/** mode: check — reads Qualys (and Azure, where a secret is given), writes nothing to Qualys. */
export interface CheckSettings extends CommonSettings, QualysAccess {
  mode: 'check'
  /** The findings that fail the step; empty for `check-fail-on: none`. */
  failOn: CheckFinding[]
  /** Who this spec's connectors and its check issue belong to: the `owner` input, or the repository and spec file. */
  owner: string
  /** issue: true — the one GitHub issue the report is kept in, found again by its owner's marker. */
  issue?: { labels: string[] }
}

/** Everything the action was asked to do, read from its inputs (the connectors aside), keyed on the mode. */
export type Settings = ValidateSettings | ReconcileSettings | ExportSettings | CheckSettings

/**
 * The mode and the inputs the spec (or the export file) is read with: known even when other
 * inputs have problems, so the spec is checked too and every problem is reported at once.
 */
export interface Request {
  /** The mode the run takes (a plan from a fork without secrets is a validate). */
  mode: Mode
  specFile?: string
  secretValue?: string
  exportFile: string
}

/** The inputs read: settings only when no input has a problem. */
interface SettingsRead {
  settings?: Settings
  request: Request
  problems: Problem[]
}

/** What the glue knows of the event that started the run. */
export interface RunContext {
  /** A pull request whose head is in another repository (a fork): GitHub gives it no secrets. */
  forkPullRequest: boolean
  /** `owner/name` of the repository the workflow runs in (GITHUB_REPOSITORY): the default owner. */
  repository?: string
}

/**
 * The inputs that hold secrets: masked before anything is logged, and read as given. The one list of them;
 * __tests__/secret-inputs.test.ts holds it to action.yml, so a new secret input cannot be left unmasked.
 */
export const SECRET_INPUTS = [
  'secret-value',
  'qualys-password',
  'qualys-client-secret',
  'qualys-token',
  'github-token'
] as const

const CREDENTIAL_INPUTS = [
  'qualys-token',
  'qualys-username',
  'qualys-password',
  'qualys-client-id',
  'qualys-client-secret'
] as const
/** The credential inputs that come from secrets, and so are empty in a pull request from a fork. */
const SECRET_CREDENTIAL_INPUTS = CREDENTIAL_INPUTS.filter(input => (SECRET_INPUTS as readonly string[]).includes(input))

const MODES: Mode[] = ['apply', 'plan', 'validate', 'export', 'check']
const PRUNE: Prune[] = ['off', 'disable']
const ON_EXISTING: OnExisting[] = ['update', 'skip', 'fail']
const ON_PLAN_CHANGE: OnPlanChange[] = ['warn', 'fail', 'ignore']

/** Reads and checks every non-connector input; all problems are returned together. */
export function readSettings(read: InputReader, context: RunContext = { forkPullRequest: false }): SettingsRead {
  const problems: Problem[] = []
  const fail: Fail = (input, message) => void problems.push({ path: inputPath(input), message })
  const text = (name: string): string => read(name).trim()

  const asked = oneOf(text('mode') || 'apply', MODES, 'mode', fail)
  const common: CommonSettings = {
    specFile: text('spec-file') || undefined,
    secretValue: read('secret-value') || undefined,
    requestTimeoutMs: duration(text('request-timeout') || '30s', 'request-timeout', 1, 600_000, fail),
    maxAttempts: integer(text('max-attempts') || '5', 'max-attempts', 1, 10, fail),
    maxConcurrency: integer(text('max-concurrency') || '2', 'max-concurrency', 1, 20, fail),
    onExisting: oneOf(text('on-existing') || 'update', ON_EXISTING, 'on-existing', fail),
    forceUpdate: forceUpdate(read('force-update')),
    waitForSync: flag(text('wait-for-sync'), 'wait-for-sync', false, fail),
    waitTimeoutMs: duration(text('sync-timeout') || '10m', 'sync-timeout', 1000, 6 * 3_600_000, fail),
    rateLimitWaitMs: duration(text('rate-limit-wait') || '15m', 'rate-limit-wait', 0, MAX_RATE_LIMIT_WAIT_MS, fail),
    failOnSyncError: flag(text('fail-on-sync-error'), 'fail-on-sync-error', true, fail),
    githubToken: text('github-token') || undefined,
    prComment: flag(text('pr-comment'), 'pr-comment', true, fail),
    onPlanChange: oneOf(text('on-plan-change') || 'warn', ON_PLAN_CHANGE, 'on-plan-change', fail),
    allowCreateWithoutLookup: flag(text('allow-create-without-lookup'), 'allow-create-without-lookup', false, fail),
    azure: azureSettings(text, fail),
    markerOwner: markerOwner(text, context, text('spec-file') || undefined, fail),
    prune: pruneSettings(text, context, text('spec-file') || undefined, fail)
  }
  const exportFile = text('export-file') || 'qualys-connectors.yaml'
  // GitHub withholds secrets from forks, not literals or variables: a username may still be set.
  const offline =
    asked === 'plan' && context.forkPullRequest && !SECRET_CREDENTIAL_INPUTS.some(input => read(input).trim() !== '')
  const mode = offline ? 'validate' : asked
  const request: Request = { mode, specFile: common.specFile, secretValue: common.secretValue, exportFile }
  // validate works offline: it needs neither a gateway nor credentials.
  if (mode === 'validate') {
    // Still a useful check: the spec is validated offline, and the notice says why there is no plan.
    const offlineBecause = offline
      ? 'this pull request comes from a fork, and GitHub gives workflows of pull requests from forks no secrets, so there are no Qualys credentials to plan with. The plan runs when the change is pushed to a branch of this repository, or on merge'
      : undefined
    return {
      settings: problems.length === 0 ? { ...common, mode, ...(offlineBecause ? { offlineBecause } : {}) } : undefined,
      request,
      problems
    }
  }
  const gatewayUrl = gateway(text('qualys-gateway-url'), text('qualys-platform'), fail)
  const access = credentials(read, fail)
  if (problems.length > 0 || !gatewayUrl || !access) return { request, problems }
  const qualys: QualysAccess = { gatewayUrl, credentials: access }
  if (mode === 'check') {
    const check = checkSettings(text, common, context, fail)
    return problems.length > 0
      ? { request, problems }
      : { settings: { ...common, ...qualys, ...check }, request, problems }
  }
  return {
    settings: mode === 'export' ? { ...common, ...qualys, mode, exportFile } : { ...common, ...qualys, mode },
    request,
    problems
  }
}

/**
 * force-update: true or false (any case), or connector names, comma- or newline-separated (a block scalar
 * in YAML), to push the secret of those connectors only. The names are checked against the spec once it
 * is read (core-options.ts: forceUpdateProblems).
 */
function forceUpdate(value: string): boolean | string[] {
  if (value.trim() === '') return false
  const parsed = parseBoolean(value)
  if (parsed !== undefined) return parsed
  return value
    .split(/[,\r\n]/)
    .map(name => name.trim())
    .filter(name => name !== '')
}

/** check-fail-on, issue, issue-labels. */
function checkSettings(
  text: (name: string) => string,
  common: CommonSettings,
  context: RunContext,
  fail: Fail
): Pick<CheckSettings, 'mode' | 'failOn' | 'owner' | 'issue'> {
  const failOn = findingList(text('check-fail-on') || 'drift,unhealthy', fail)
  // One issue per spec file: the same owner that names the connectors a spec manages.
  const owner = (
    text('owner') ||
    defaultOwner(context.repository?.trim(), common.specFile) ||
    context.repository ||
    ''
  ).normalize('NFC')
  if (!flag(text('issue'), 'issue', false, fail)) return { mode: 'check', failOn, owner }
  if (!common.githubToken)
    fail('github-token', 'is needed with issue: true (the default is ${{ github.token }}, with issues: write)')
  const labels = text('issue-labels')
    .split(/[,\n]/)
    .map(label => label.trim())
    .filter(Boolean)
  if (labels.some(label => label.length > 50 || /[\p{Cc}\p{Cf}]/u.test(label)))
    fail('issue-labels', "each label is at most 50 characters (GitHub's limit), without control characters")
  return { mode: 'check', failOn, owner, issue: { labels } }
}

/** `drift,unhealthy`, `expiring`, `none`: comma- or space-separated. */
function findingList(value: string, fail: Fail): CheckFinding[] {
  const names = value
    .split(/[\s,]+/)
    .map(name => name.trim().toLowerCase())
    .filter(Boolean)
  if (names.length === 1 && names[0] === 'none') return []
  const unknown = names.filter(name => !(CHECK_FINDINGS as readonly string[]).includes(name))
  if (unknown.length > 0 || names.length === 0)
    fail(
      'check-fail-on',
      `${unknown.length > 0 ? `'${unknown.join(', ')}' is not a finding` : 'is empty'}; use any of ${CHECK_FINDINGS.join(', ')}, or none`
    )
  return CHECK_FINDINGS.filter(finding => names.includes(finding))
}

function gateway(url: string, platform: string, fail: Fail): string | undefined {
  if (url && platform) {
    fail('qualys-platform', 'set either qualys-platform or qualys-gateway-url, not both')
    return undefined
  }
  if (platform) {
    const known = PLATFORM_GATEWAYS[platform.toUpperCase()]
    if (!known)
      fail(
        'qualys-platform',
        `'${platform}' is not a Qualys platform; use one of ${Object.keys(PLATFORM_GATEWAYS).join(', ')}, or qualys-gateway-url for a private cloud`
      )
    return known
  }
  if (!url) {
    fail('qualys-platform', 'no Qualys gateway: set qualys-platform (US1, EU1, …) or qualys-gateway-url')
    return undefined
  }
  return serviceUrl(
    url,
    'qualys-gateway-url',
    'https://gateway.qg1.apps.qualys.com',
    fail,
    '; use qualys-username / qualys-password'
  )
}

/** prune, owner, prune-max; undefined when prune is off. */
function pruneSettings(
  text: (name: string) => string,
  context: RunContext,
  specFile: string | undefined,
  fail: Fail
): Settings['prune'] {
  const prune = oneOf(text('prune') || 'off', PRUNE, 'prune', fail)
  const max = integer(text('prune-max') || '3', 'prune-max', 0, 100_000, fail)
  if (prune === 'off') return undefined
  const owner = ownerInput(text, context, specFile)
  if (owner === '' && !specFile)
    fail(
      'owner',
      'is needed with prune: disable and inline inputs: the default would be the repository, and every other step of it that prunes would disable this connector. Set owner to a name that only this step uses'
    )
  else if (owner === '')
    fail(
      'owner',
      'is needed with prune: disable (it names who owns the connectors); set it, or run in a workflow where GITHUB_REPOSITORY is set'
    )
  return { owner, max }
}

/**
 * The owner every write marks its connectors with, prune or not. Inline inputs without `owner` get none:
 * the repository alone is the same for every inline step of it, so each would take the others' connectors
 * for its own. Checked here, once: the marker is one line of a description, and a line break would make
 * it two that never match.
 */
function markerOwner(
  text: (name: string) => string,
  context: RunContext,
  specFile: string | undefined,
  fail: Fail
): string | undefined {
  const owner = ownerInput(text, context, specFile)
  if (owner === '') return undefined
  if (/[\p{Cc}\p{Cf}\u2028\u2029]/u.test(owner) || owner.length > 200)
    fail('owner', 'must be one line of at most 200 characters without control characters')
  return owner
}

/**
 * The owner the inputs name (the owner input, else the repository and spec file), read as given when the
 * settings may have problems: a failed plan replaces the plan comment of this owner. Undefined when none.
 */
export function ownerAsGiven(read: InputReader, context: RunContext): string | undefined {
  const text = (name: string): string => read(name).trim()
  return ownerInput(text, context, text('spec-file') || undefined) || undefined
}

function ownerInput(text: (name: string) => string, context: RunContext, specFile: string | undefined): string {
  return (text('owner') || defaultOwner(context.repository?.trim(), specFile)).normalize('NFC')
}

/**
 * The repository and the spec file: each spec file of a repository owns its own connectors, so
 * pruning one spec never disables what another spec (another step, another file) manages.
 */
function defaultOwner(repository: string | undefined, specFile: string | undefined): string {
  if (!repository || !specFile) return ''
  return `${repository}:${posix.normalize(specFile.replace(/\\/g, '/')).replace(/^\.\//, '')}`
}

/** The azure-* inputs: the cloud's published endpoints, each overridable (a proxy, a test); tokens stay for the cloud's own audiences. */
function azureSettings(text: (name: string) => string, fail: Fail): AzureSettings | undefined {
  const enabled = flag(text('azure-preflight'), 'azure-preflight', true, fail)
  const name = text('azure-environment') || 'AzureCloud'
  const environment = AZURE_ENVIRONMENT_NAMES.find(known => known.toLowerCase() === name.toLowerCase())
  if (!environment)
    fail(
      'azure-environment',
      `'${name}' is not one of ${AZURE_ENVIRONMENT_NAMES.join(', ')}; for another cloud set azure-authority-host, azure-resource-manager-url and azure-graph-url`
    )
  const endpoints = AZURE_ENVIRONMENTS[environment ?? 'AzureCloud']
  const url = (input: string, fallback: string): string =>
    (text(input) ? serviceUrl(text(input), input, fallback, fail) : undefined) ?? fallback
  const settings: AzureSettings = {
    authorityHost: url('azure-authority-host', endpoints.authorityHost),
    resourceManagerUrl: url('azure-resource-manager-url', endpoints.resourceManagerUrl),
    graphUrl: url('azure-graph-url', endpoints.graphUrl),
    resourceManagerAudience: endpoints.resourceManagerUrl,
    graphAudience: endpoints.graphUrl,
    expiryWarningDays: integer(
      text('azure-secret-expiry-warning-days') || '30',
      'azure-secret-expiry-warning-days',
      0,
      3650,
      fail
    )
  }
  return enabled ? settings : undefined
}

function credentials(read: InputReader, fail: Fail): Credentials | undefined {
  const token = read('qualys-token').trim()
  const username = read('qualys-username').trim()
  const password = read('qualys-password')
  const clientId = read('qualys-client-id').trim()
  const clientSecret = read('qualys-client-secret')
  const methods = [
    { inputs: ['qualys-token'], set: token !== '' },
    { inputs: ['qualys-username', 'qualys-password'], set: username !== '' || password !== '' },
    { inputs: ['qualys-client-id', 'qualys-client-secret'], set: clientId !== '' || clientSecret !== '' }
  ]
  const chosen = methods.filter(method => method.set)
  if (chosen.length === 0) {
    fail(
      CREDENTIAL_INPUTS,
      'none is set: give qualys-username + qualys-password, qualys-client-id + qualys-client-secret, or qualys-token (from ${{ secrets.… }}; in a pull request from a fork GitHub passes no secrets)'
    )
    return undefined
  }
  if (chosen.length > 1) {
    // Named after the inputs that were actually set, so the annotation points at the conflict.
    const set = CREDENTIAL_INPUTS.filter(input => read(input).trim() !== '')
    fail(
      set,
      'set exactly one way to log in: qualys-token, qualys-username + qualys-password, or qualys-client-id + qualys-client-secret'
    )
    return undefined
  }
  if (token) return { kind: 'token', token }
  if (username || password) {
    if (!username) fail('qualys-username', 'is required with qualys-password')
    if (!password) fail('qualys-password', 'is required with qualys-username')
    return username && password ? { kind: 'password', username, password } : undefined
  }
  if (!clientId) fail('qualys-client-id', 'is required with qualys-client-secret')
  if (!clientSecret) fail('qualys-client-secret', 'is required with qualys-client-id')
  return clientId && clientSecret ? { kind: 'client', clientId, clientSecret } : undefined
}
