/**
 * What each core part is handed (runner glue). settings.ts says what the inputs say; this file turns those
 * Settings, with the step's wiring (its log, redactor and masking), into the options the Qualys client, the
 * Azure preflight, the reconcile and check runs and the GitHub targets take. It is the one place that knows
 * both sides, so a mode's glue only passes options along and the core never reads an input or a Settings.
 */
import type { PreflightOptions } from './azure/preflight.js'
import type { ConnectorSpec } from './connector-spec/model.js'
import type { CheckIssueTarget } from './github/check-issue.js'
import type { CommentTarget } from './github/pr-comment.js'
import type { ReviewedPlanTarget } from './github/reviewed-plan.js'
import type { ConnectionOptions } from './http/transport.js'
import { MAX_CREATE_ATTEMPTS } from './http/retry-policy.js'
import type { Logger } from './logger.js'
import { inputPath } from './inputs.js'
import { suggest, type Problem } from './problems.js'
import type { ClientOptions } from './qualys/client.js'
import { markerLengthProblems, markerLine, type ReconcileOptions } from './reconcile/reconcile-run.js'
import type { Redactor } from './redact.js'
import { ownerKey } from './reviewed-plan/comment-block.js'
import type { CheckOptions } from './check/check-run.js'
import type { CheckSettings, QualysAccess, ReconcileSettings, Settings } from './settings.js'
import { sameName } from './text.js'
import { USER_AGENT } from './version.js'

/** What every client the action opens logs and redacts through, and where it hands the tokens it is given. */
export interface ClientWiring {
  logger: Logger
  redactor: Redactor
  onToken: (secret: string | undefined) => void
}

/** The settings a Qualys client is opened with: those of any mode that talks to Qualys. */
export type QualysClientSettings = QualysAccess &
  Pick<Settings, 'requestTimeoutMs' | 'maxAttempts' | 'maxConcurrency' | 'rateLimitWaitMs'>

/**
 * The descriptions the bookkeeping block would push over the length limit: found before any request. Every
 * write records the secret's fingerprint, and the marker after it when an owner is known (whatever prune is).
 */
export function pruneMarkerProblems(settings: Settings | undefined, specs: ConnectorSpec[]): Problem[] {
  if (!settings) return []
  return markerLengthProblems(specs, settings.markerOwner === undefined ? undefined : markerLine(settings.markerOwner))
}

/**
 * force-update names connectors the spec does not have: a problem before any request, as a typo there
 * would otherwise push nothing and say nothing. Names are matched as everywhere (NFC); a close one is offered.
 */
export function forceUpdateProblems(settings: Settings | undefined, specs: ConnectorSpec[]): Problem[] {
  if (!settings || typeof settings.forceUpdate === 'boolean') return []
  const names = specs.map(spec => spec.name)
  return settings.forceUpdate
    .filter(name => !names.some(known => sameName(known, name)))
    .map(name => {
      const hint = suggest(name, names)
      return {
        path: inputPath('force-update'),
        message: `names '${name}', which is not a connector of the spec${hint ? `; did you mean '${hint}'?` : ''} (force-update takes true, false, or names of the spec's connectors, comma- or newline-separated)`
      }
    })
}

export function qualysClientOptions(settings: QualysClientSettings, wiring: ClientWiring): ClientOptions {
  return {
    gatewayUrl: settings.gatewayUrl,
    credentials: settings.credentials,
    userAgent: USER_AGENT,
    timeoutMs: settings.requestTimeoutMs,
    maxAttempts: settings.maxAttempts,
    maxConcurrency: settings.maxConcurrency,
    rateLimitWaitMs: settings.rateLimitWaitMs,
    ...wiring
  }
}

/** The Azure preflight's options; undefined when the settings ask for no preflight. */
export function azurePreflightOptions(
  settings: ReconcileSettings | CheckSettings,
  wiring: ClientWiring
): PreflightOptions | undefined {
  if (!settings.azure) return undefined
  const { requestTimeoutMs: timeoutMs, maxAttempts, maxConcurrency } = settings
  return { ...settings.azure, userAgent: USER_AGENT, timeoutMs, maxAttempts, maxConcurrency, ...wiring }
}

/**
 * Where the plan comment goes (the run's event and github-token) and how GitHub is reached: through
 * the same request-timeout, max-attempts, log and redaction as Qualys and Microsoft.
 */
export function planCommentTarget(
  settings: ReconcileSettings,
  wiring: ClientWiring,
  env: Readonly<Record<string, string | undefined>>
): CommentTarget {
  return {
    eventName: env.GITHUB_EVENT_NAME,
    token: settings.githubToken,
    env,
    connection: githubConnection(settings, wiring),
    ownerKey: ownerKey(settings.markerOwner)
  }
}

/** Where an apply looks for the plan reviewed on the pull request that brought its commit. */
export function reviewedPlanTarget(
  settings: ReconcileSettings,
  wiring: ClientWiring,
  env: Readonly<Record<string, string | undefined>>
): ReviewedPlanTarget {
  return {
    token: settings.githubToken,
    env,
    connection: githubConnection(settings, wiring),
    ownerKey: ownerKey(settings.markerOwner)
  }
}

/** Where the check's issue goes (GITHUB_REPOSITORY) and how GitHub is reached: as for the plan comment. */
export function checkIssueTarget(
  settings: CheckSettings,
  wiring: ClientWiring,
  env: Readonly<Record<string, string | undefined>>
): CheckIssueTarget {
  return { env, connection: githubConnection(settings, wiring) }
}

/** GitHub's calls under the same request-timeout, max-attempts, log and redaction as Qualys' and Microsoft's. */
function githubConnection(settings: ReconcileSettings | CheckSettings, wiring: ClientWiring): ConnectionOptions {
  const { requestTimeoutMs: timeoutMs, maxAttempts, maxConcurrency } = settings
  const { logger, redactor } = wiring
  return { userAgent: USER_AGENT, timeoutMs, maxAttempts, maxConcurrency, logger, redactor }
}

/** How the reconcile run behaves: the settings, plus the preflight and the log it calls. */
export function reconcileOptions(
  settings: ReconcileSettings,
  hooks: Pick<ReconcileOptions, 'preflight' | 'logger' | 'secretVariables' | 'progress' | 'budget' | 'read'>
): ReconcileOptions {
  const { mode } = settings
  return {
    mode,
    onExisting: settings.onExisting,
    forceUpdate: settings.forceUpdate,
    allowCreateWithoutLookup: settings.allowCreateWithoutLookup,
    maxConcurrency: settings.maxConcurrency,
    maxCreateAttempts: Math.min(settings.maxAttempts, MAX_CREATE_ATTEMPTS),
    sync:
      settings.waitForSync && mode === 'apply'
        ? {
            timeoutMs: settings.waitTimeoutMs,
            failOnError: settings.failOnSyncError,
            sleep: ms => new Promise(resolve => setTimeout(resolve, ms)),
            now: Date.now
          }
        : undefined,
    preflight: hooks.preflight,
    marker: settings.markerOwner === undefined ? undefined : markerLine(settings.markerOwner),
    prune: settings.prune ? { max: settings.prune.max } : undefined,
    secretVariables: hooks.secretVariables,
    progress: hooks.progress,
    budget: hooks.budget,
    read: hooks.read,
    logger: hooks.logger
  }
}

/** How the check run behaves: the plan's options it shares, plus the preflight, the secrets' variables and the clock. */
export function checkOptions(
  settings: CheckSettings,
  hooks: Pick<CheckOptions, 'preflight' | 'logger' | 'secretVariables'>
): CheckOptions {
  return {
    maxConcurrency: settings.maxConcurrency,
    allowCreateWithoutLookup: settings.allowCreateWithoutLookup,
    marker: settings.markerOwner === undefined ? undefined : markerLine(settings.markerOwner),
    prune: settings.prune ? { max: settings.prune.max } : undefined,
    now: Date.now,
    owner: settings.prune?.owner ?? settings.owner,
    ...hooks
  }
}
