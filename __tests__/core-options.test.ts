import { describe, expect, it } from '@jest/globals'
import type { ConnectorSpec } from '../src/connector-spec/model.js'
import { RecordingLogger } from '../test-support/fake-api.js'
import { Redactor } from '../src/redact.js'
import { forceUpdateProblems, planCommentTarget, pruneMarkerProblems, reconcileOptions } from '../src/core-options.js'
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

  it('without an owner (inline inputs), counts the secret fingerprint line alone', () => {
    const fits = { name: 'fits', description: 'x'.repeat(2000 - 40) } as ConnectorSpec
    const problems = pruneMarkerProblems(reconcileSettings({}), [long, fits])
    expect(problems.map(problem => problem.path)).toEqual(["connector 'prod' description"])
    expect(problems[0].message).toContain('the 39-character secret fingerprint')
    expect(pruneMarkerProblems(undefined, [long])).toEqual([])
  })

  it("with prune on, names the descriptions the owner's marker would push over the limit", () => {
    const settings = reconcileSettings({ prune: 'disable', owner: 'infra' })
    const problems = pruneMarkerProblems(settings, [long, { name: 'short', description: 'ok' } as ConnectorSpec])
    expect(problems.map(problem => problem.path)).toEqual(["connector 'prod' description"])
  })
})

describe('forceUpdateProblems', () => {
  const specs = [{ name: 'Contoso' }, { name: 'Fabrikam Ltd' }, { name: 'Café' }] as ConnectorSpec[]

  it('accepts true, false and names of the spec (as names are matched: NFC)', () => {
    for (const value of ['true', 'false', '', 'Contoso', 'Fabrikam Ltd, Contoso', 'Cafe\u0301'])
      expect(forceUpdateProblems(reconcileSettings({ 'force-update': value }), specs)).toEqual([])
    expect(forceUpdateProblems(undefined, specs)).toEqual([])
  })

  it('names each name the spec does not have, with a close one when there is one, before any request', () => {
    const problems = forceUpdateProblems(reconcileSettings({ 'force-update': 'Contso\nNorthwind' }), specs)
    expect(problems.map(p => p.path)).toEqual(["input 'force-update'", "input 'force-update'"])
    expect(problems[0].message).toBe(
      "names 'Contso', which is not a connector of the spec; did you mean 'Contoso'? (force-update takes true, false, or names of the spec's connectors, comma- or newline-separated)"
    )
    expect(problems[1].message).toMatch(/^names 'Northwind', which is not a connector of the spec \(/)
  })

  it('passes the names to the reconciler, which forces only those', () => {
    const options = reconcileOptions(reconcileSettings({ 'force-update': 'Contoso' }), {
      logger: new RecordingLogger()
    })
    expect(options.forceUpdate).toEqual(['Contoso'])
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
