/**
 * The runner glue: inputs in, one runner by mode, one failure. Each mode's glue is a module of src/modes/;
 * the work is done by the plain modules they call, which never import this, src/modes/ or settings.ts.
 */
import * as core from '@actions/core'
import { isForkPullRequest } from './github/event.js'
import { runCheck } from './modes/check.js'
import { runExport } from './modes/export.js'
import { runReconcile } from './modes/reconcile.js'
import { connect, openStep, type ModeRunner } from './modes/step.js'
import { runValidate } from './modes/validate.js'
import type { QualysClient } from './qualys/client.js'
import { callsLine } from './report/log-lines.js'
import { readSettings, SECRET_INPUTS, type Mode } from './settings.js'
import { errorMessage } from './values.js'

/** Every mode's runner: a new mode is a module in src/modes/ and a row here. */
const RUNNERS: Record<Mode, ModeRunner> = {
  validate: runValidate,
  plan: runReconcile,
  apply: runReconcile,
  check: runCheck,
  export: runExport
}

export async function run(): Promise<void> {
  const step = openStep()
  const opened: { client?: QualysClient } = {}
  try {
    // Secrets are read as given (a password may end in a space); everything else trimmed.
    const read = (name: string): string =>
      core.getInput(name, { trimWhitespace: !(SECRET_INPUTS as readonly string[]).includes(name) })
    const { settings, request, problems } = readSettings(read, {
      forkPullRequest: isForkPullRequest(process.env),
      repository: process.env.GITHUB_REPOSITORY
    })
    await RUNNERS[request.mode]({
      read,
      request,
      settings,
      problems,
      step,
      connect: async (qualys, describeProgress) => (opened.client = await connect(qualys, step, describeProgress))
    })
  } catch (error) {
    core.setFailed(step.redactor.logLine(errorMessage(error)))
  } finally {
    // The last line of every run that talked to Qualys, failed or not.
    if (opened.client) step.log.info(callsLine(opened.client.counts))
    opened.client?.dispose()
  }
}
