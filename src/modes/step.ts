/**
 * The step's plumbing every mode's glue shares: the log and the secrets kept out of it, the job summary, the
 * outputs, the commit and run each report names, and the clients opened under the step's wiring.
 */
import * as core from '@actions/core'
import { actionsLogger } from '../actions-logger.js'
import { lazyPreflight } from '../azure/lazy.js'
import {
  azurePreflightOptions,
  qualysClientOptions,
  type ClientWiring,
  type QualysClientSettings
} from '../core-options.js'
import { headCommitOf } from '../github/event.js'
import { jobSummaryUrl } from '../github/run-url.js'
import { postPlanComment, type CommentTarget } from '../github/pr-comment.js'
import type { InputReader } from '../inputs.js'
import type { Logger } from '../logger.js'
import type { Problem } from '../problems.js'
import type { QualysClient } from '../qualys/client.js'
import type { Outcome } from '../reconcile/reconcile-run.js'
import { Redactor } from '../redact.js'
import { buildOutputs, checkOutputs } from '../report/outputs.js'
import type { Provenance } from '../report/provenance.js'
import { SECRET_INPUTS, type CheckSettings, type ReconcileSettings, type Request, type Settings } from '../settings.js'

/** What every part of the glue writes through: the log, and the secrets to keep out of it. */
export interface Step {
  log: Logger
  redactor: Redactor
  mask: (secret: string | undefined) => void
}

/** What a mode's runner starts from: the inputs as read, and the step it writes through. */
export interface ModeRun {
  /** One input by its action.yml name: a secret as given, anything else trimmed. */
  read: InputReader
  request: Request
  /** Only when no input has a problem. */
  settings?: Settings
  problems: Problem[]
  step: Step
  /** Opens the Qualys client; the glue logs its calls and disposes of it when the run ends, failed or not. */
  connect: (settings: QualysClientSettings, describeProgress?: () => string | undefined) => Promise<QualysClient>
}

/** One mode's glue, from the inputs read to the step's outputs and result. */
export type ModeRunner = (run: ModeRun) => Promise<void>

/** Masks the secret inputs before anything at all is logged. */
export function openStep(): Step {
  const redactor = new Redactor()
  const mask = (secret: string | undefined): void => redactor.add(secret).forEach(form => core.setSecret(form))
  for (const input of SECRET_INPUTS) {
    // As given, and as used (settings trims the token).
    mask(core.getInput(input, { trimWhitespace: false }))
    mask(core.getInput(input))
  }
  return { log: actionsLogger(redactor), redactor, mask }
}

/** What the clients log and redact through: the step's own. */
export function wiring(step: Step): ClientWiring {
  return { logger: step.log, redactor: step.redactor, onToken: step.mask }
}

/** The HTTP stack is loaded only here, so validate runs start without it. */
export async function connect(
  settings: QualysClientSettings,
  step: Step,
  describeProgress?: () => string | undefined
): Promise<QualysClient> {
  const { QualysClient } = await import('../qualys/client.js')
  return new QualysClient({ ...qualysClientOptions(settings, wiring(step)), describeProgress })
}

export function azurePreflight(
  settings: ReconcileSettings | CheckSettings,
  step: Step
): ReturnType<typeof lazyPreflight> | undefined {
  const options = azurePreflightOptions(settings, wiring(step))
  return options && lazyPreflight(options)
}

/** The commit and the run every report names. */
export function provenance(): Provenance {
  return { commit: headCommitOf(process.env), runUrl: jobSummaryUrl(process.env) }
}

export async function writeSummary(markdown: string, step: Step): Promise<void> {
  if (!process.env.GITHUB_STEP_SUMMARY) return
  await core.summary.addRaw(step.redactor.redact(markdown)).write()
}

export function writeOutputs(outcomes: Outcome[], step: Step): void {
  const { outputs, refused } = checkOutputs(buildOutputs(outcomes))
  for (const { output, form } of refused) {
    step.log.warning(
      `${outcomes[0]?.name}: output '${output}' is not set: the value Qualys answered for it is not ${form}, and workflows pass it to shell commands`
    )
  }
  for (const [name, value] of Object.entries(outputs)) core.setOutput(name, step.redactor.redact(value))
}

export async function postComment(markdown: string, target: CommentTarget, step: Step): Promise<void> {
  const stale = await postPlanComment(step.redactor.redact(markdown), target, step.log)
  if (stale) core.setFailed(step.redactor.logLine(stale))
}
