/**
 * The modes main.test.ts does not run in-process — validate, export and check — each through run(), with
 * @actions/core replaced by the shared stand-in and the stand-in Qualys gateway over loopback.
 */
import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals'
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import * as core from '../__fixtures__/core.js'
import { FakeQualysGateway } from '../test-support/gateway.js'
import { APP_ID, inlineInputs, passwordInputs, TENANT, USER } from '../test-support/e2e.js'

jest.unstable_mockModule('@actions/core', () => core)
const { run } = await import('../src/main.js')
const { openStep } = await import('../src/modes/step.js')
const { SECRET_INPUTS } = await import('../src/settings.js')
// Loaded ahead: Jest's ESM loader fails ("request for … is not in cache") when the check's three lazy import()s,
// which share a module, run at once on a cold cache. Node loads them so; dist/ is tested by the e2e suites.
await Promise.all([import('../src/check/check-run.js'), import('../src/check/findings.js')])

let gateway: FakeQualysGateway
let url: string
let workspace: string
const saved = { ...process.env }

beforeEach(async () => {
  core.resetCore()
  gateway = new FakeQualysGateway({ users: [USER] })
  url = await gateway.start()
  workspace = mkdtempSync(join(tmpdir(), 'qualys-modes-'))
  for (const name of Object.keys(process.env))
    if (name.startsWith('GITHUB_') || name.startsWith('INPUT_')) delete process.env[name]
  process.env.GITHUB_WORKSPACE = workspace
  process.env.GITHUB_STEP_SUMMARY = join(workspace, 'summary.md')
})
afterEach(async () => {
  await gateway.stop()
  rmSync(workspace, { recursive: true, force: true })
  for (const name of Object.keys(process.env)) if (!(name in saved)) delete process.env[name]
  Object.assign(process.env, saved)
})

function outputs(): Record<string, string> {
  return Object.fromEntries(core.setOutput.mock.calls.map(([name, value]) => [name, String(value)]))
}

const said = (fn: (typeof core.LOG)[keyof typeof core.LOG]): string[] => fn.mock.calls.map(([m]) => String(m))

describe('mode: validate', () => {
  it('checks the spec offline: the outputs say valid, and nothing is sent to Qualys', async () => {
    core.useInputs({ ...inlineInputs(), mode: 'validate' })
    await run()
    expect(core.setFailed).not.toHaveBeenCalled()
    expect(gateway.requests).toEqual([])
    expect(said(core.info)).toEqual(['The spec is valid: 1 connector (Contoso)'])
    expect(outputs()).toMatchObject({ result: 'valid', changed: 'false' })
    expect(core.summary.addRaw).toHaveBeenCalledTimes(1)
  })

  it('a plan from a fork without secrets is a validate, with a notice that says why there is no plan', async () => {
    const event = join(workspace, 'event.json')
    writeFileSync(
      event,
      JSON.stringify({
        pull_request: {
          number: 7,
          head: { repo: { full_name: 'fork/config' } },
          base: { repo: { full_name: 'acme/config' } }
        }
      })
    )
    Object.assign(process.env, {
      GITHUB_EVENT_NAME: 'pull_request',
      GITHUB_EVENT_PATH: event,
      GITHUB_REPOSITORY: 'acme/config'
    })
    core.useInputs({ ...inlineInputs({ 'secret-value': '' }), mode: 'plan', 'qualys-platform': 'US1' })
    await run()
    expect(core.setFailed).not.toHaveBeenCalled()
    expect(said(core.notice)).toEqual([
      expect.stringMatching(/^The spec is valid, but there is no plan: this pull request comes from a fork/)
    ])
    expect(outputs()).toMatchObject({ result: 'valid' })
  })

  it('a spec with a problem fails the step and writes no output', async () => {
    core.useInputs({ ...inlineInputs({ 'tenant-id': 'not-a-guid' }), mode: 'validate' })
    await run()
    expect(core.setFailed.mock.calls).toEqual([
      ['1 problem in the inputs or the spec (listed above); nothing was sent to Qualys']
    ])
    expect(core.setOutput).not.toHaveBeenCalled()
  })
})

describe('mode: export', () => {
  it("writes Qualys' connectors to the export file and the spec output, and logs the calls", async () => {
    gateway.seed({ name: 'Contoso', tenantId: TENANT, applicationId: APP_ID })
    core.useInputs({ ...passwordInputs(url), mode: 'export', 'export-file': 'exported.yaml' })
    await run()
    expect(core.setFailed).not.toHaveBeenCalled()
    const written = readFileSync(join(workspace, 'exported.yaml'), 'utf8')
    expect(written).toContain('name: Contoso')
    expect(written).toContain(TENANT)
    expect(outputs()).toEqual({ spec: written })
    expect(said(core.info)).toContain('Exported 1 connector to exported.yaml')
    expect(said(core.info).at(-1)).toMatch(/^Qualys API calls: \d+ made/)
    expect(core.summary.addRaw).toHaveBeenCalledTimes(1)
  })

  it('an export file outside the workspace is a problem before any request', async () => {
    core.useInputs({ ...passwordInputs(url), mode: 'export', 'export-file': '../outside.yaml' })
    await run()
    expect(core.setFailed.mock.calls).toEqual([
      ['1 problem in the inputs or the spec (listed above); nothing was sent to Qualys']
    ])
    expect(said(core.error)).toEqual([expect.stringMatching(/^input 'export-file': /)])
    expect(gateway.requests).toEqual([])
    expect(existsSync(join(workspace, '..', 'outside.yaml'))).toBe(false)
  })
})

describe('mode: check', () => {
  it('reports drift in the outputs and the report, and fails on it (check-fail-on: drift, the default)', async () => {
    core.useInputs({ ...passwordInputs(url), ...inlineInputs(), mode: 'check', 'azure-preflight': 'false' })
    await run()
    expect(gateway.connectors()).toEqual([])
    const set = outputs()
    expect(set).toMatchObject({ result: 'would-create', changed: 'true', healthy: 'false' })
    expect(JSON.parse(set.report)).toEqual([
      expect.objectContaining({ name: 'Contoso', drift: expect.objectContaining({ drifted: true }) })
    ])
    expect(core.setFailed.mock.calls).toEqual([
      [expect.stringMatching(/^The check found connectors 1 drifted from the spec/)]
    ])
    expect(said(core.info)[0]).toBe(`Checking 1 connector against ${url}`)
    expect(said(core.info).at(-1)).toMatch(/^Qualys API calls: \d+ made/)
  })

  it('check-fail-on: none reports the same drift without failing the step', async () => {
    core.useInputs({
      ...passwordInputs(url),
      ...inlineInputs(),
      mode: 'check',
      'azure-preflight': 'false',
      'check-fail-on': 'none'
    })
    await run()
    expect(core.setFailed).not.toHaveBeenCalled()
    expect(outputs()).toMatchObject({ result: 'would-create', changed: 'true' })
  })
})

describe('the step', () => {
  it('masks every secret input as given and as trimmed, and nothing else', () => {
    core.useInputs({
      ...Object.fromEntries(SECRET_INPUTS.map(name => [name, `  ${name}-value  `])),
      'qualys-username': 'alice-the-user'
    })
    openStep()
    const masked = core.setSecret.mock.calls.map(([secret]) => secret)
    for (const name of SECRET_INPUTS)
      expect([name, masked.includes(`  ${name}-value  `), masked.includes(`${name}-value`)]).toEqual([name, true, true])
    expect(masked.some(secret => secret.includes('alice'))).toBe(false)
  })
})
