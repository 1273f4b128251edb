import { describe, expect, it } from '@jest/globals'
import type { ConnectorSpec } from '../src/connector-spec/model.js'
import { RecordingLogger } from '../test-support/fake-api.js'
import { Redactor } from '../src/redact.js'
import { planCommentTarget, pruneMarkerProblems, reconcileOptions } from '../src/run-options.js'
import { readSettings, type ReconcileSettings } from '../src/settings.js'

const TOKEN = { 'qualys-token': 'eyJ.jwt.sig', 'qualys-platform': 'US1' }

function reconcileSettings(inputs: Record<string, string>): ReconcileSettings {
  const { settings, problems } = readSettings(name => ({ ...TOKEN, ...inputs })[name] ?? '')
  expect(problems).toEqual([])
  if (settings?.mode !== 'apply' && settings?.mode !== 'plan') throw new Error(`not a reconcile run: ${settings?.mode}`)
  return settings
}

describe('reconcileOptions', () => {
  it('sends a create at most MAX_CREATE_ATTEMPTS times, however many attempts other calls get', () => {
    const options = reconcileOptions(reconcileSettings({ 'max-attempts': '9' }), { logger: new RecordingLogger() })
    expect(options.maxCreateAttempts).toBe(3)
  })

  it('waits for the first sync in an apply only', () => {
    const wait = { 'wait-for-sync': 'true' }
    expect(reconcileOptions(reconcileSettings(wait), { logger: new RecordingLogger() }).sync?.failOnError).toBe(true)
    expect(
      reconcileOptions(reconcileSettings({ ...wait, mode: 'plan' }), { logger: new RecordingLogger() }).sync
    ).toBeUndefined()
  })
})

describe('pruneMarkerProblems', () => {
  const long: ConnectorSpec = { name: 'prod', description: 'x'.repeat(2000) } as ConnectorSpec

  it('finds nothing when prune is off', () => {
    expect(pruneMarkerProblems(reconcileSettings({}), [long])).toEqual([])
    expect(pruneMarkerProblems(undefined, [long])).toEqual([])
  })

  it("with prune on, names the descriptions the owner's marker would push over the limit", () => {
    const settings = reconcileSettings({ prune: 'disable', owner: 'infra' })
    const problems = pruneMarkerProblems(settings, [long, { name: 'short', description: 'ok' } as ConnectorSpec])
    expect(problems.map(problem => problem.path)).toEqual(["connector 'prod' description"])
  })
})

describe('planCommentTarget', () => {
  it("talks to GitHub with the action's request-timeout and max-attempts, like every other peer", () => {
    const settings = reconcileSettings({
      mode: 'plan',
      'request-timeout': '7s',
      'max-attempts': '3',
      'github-token': 'ghs_t'
    })
    const wiring = { logger: new RecordingLogger(), redactor: new Redactor(), onToken: () => undefined }
    const target = planCommentTarget(settings, wiring, { GITHUB_EVENT_NAME: 'pull_request_target' })
    expect(target).toMatchObject({ eventName: 'pull_request_target', token: 'ghs_t' })
    expect(target.connection).toMatchObject({ timeoutMs: 7000, maxAttempts: 3, maxConcurrency: 2 })
    expect(target.connection.logger).toBe(wiring.logger)
    expect(target.connection.redactor).toBe(wiring.redactor)
  })
})
