/**
 * The runner glue (src/main.ts) in-process: run() with @actions/core replaced by the shared
 * stand-in (__fixtures__/core.ts), against the stand-in Qualys gateway over loopback. What is
 * checked is what the runner would see: inputs read, outputs set, secrets masked, the step failed.
 */
import { afterEach, beforeEach, describe, it, jest } from '@jest/globals'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import * as core from '../__fixtures__/core.js'
import { FakeQualysGateway } from '../test-support/gateway.js'
import { APP_ID, AZURE_SECRET, inlineInputs, passwordInputs, TENANT, USER } from '../test-support/e2e.js'

jest.unstable_mockModule('@actions/core', () => core)
const { run } = await import('../src/main.js')

let gateway: FakeQualysGateway
let url: string
let workspace: string
const saved = { ...process.env }

beforeEach(async () => {
  core.resetCore()
  gateway = new FakeQualysGateway({ users: [USER] })
  url = await gateway.start()
  workspace = mkdtempSync(join(tmpdir(), 'qualys-main-'))
  // What main reads of the runner's environment: a workspace, and nothing of a pull request.
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

/** The inputs of one inline connector against the stand-in, the Azure preflight off (it would call Microsoft). */
function inputs(extra: Record<string, string> = {}): Record<string, string> {
  return { ...passwordInputs(url), ...inlineInputs(), 'azure-preflight': 'false', ...extra }
}

/** The outputs set, by name, in the order they were set; each name once. */
function outputs(): Record<string, string> {
  const set = core.setOutput.mock.calls.map(([name, value]) => [name, value as string] as const)
  expect(new Set(set.map(([name]) => name)).size).toBe(set.length)
  return Object.fromEntries(set)
}

/** Every text the action wrote where a person (or a later step) can read it. */
function visible(): string {
  return [
    ...Object.values(core.LOG).flatMap(fn => fn.mock.calls.map(([message]) => String(message))),
    ...core.setOutput.mock.calls.map(([, value]) => String(value)),
    ...core.setFailed.mock.calls.map(([message]) => String(message)),
    ...core.summary.addRaw.mock.calls.map(([text]) => text)
  ].join('\n')
}

/** What the plan and the apply both say the one inline connector is, field by field. */
const CREATE_CHANGES = [
  { field: 'name', from: '', to: 'Contoso' },
  { field: 'tenantId', from: '', to: TENANT },
  { field: 'tenantName', from: '', to: 'contoso.onmicrosoft.com' },
  { field: 'applicationId', from: '', to: APP_ID },
  { field: 'connectorAppInfos', from: '', to: 'AI, CI, CSA' },
  { field: 'orgRunFrequency', from: '', to: '1 day' },
  { field: 'connectorRunFrequency', from: '', to: '1 day' },
  { field: 'connectorPrefixName', from: '', to: 'contoso' }
]

describe('inputs with problems', () => {
  it('fail the step once, naming each input, and send nothing', async () => {
    core.useInputs(inputs({ 'max-attempts': '11', 'request-timeout': 'forever' }))
    await run()
    expect(core.setFailed.mock.calls).toEqual([
      ['2 problems in the inputs or the spec (listed above); nothing was sent to Qualys']
    ])
    expect(core.error.mock.calls.map(([message]) => message)).toEqual([
      "input 'request-timeout': 'forever' is not a duration such as 30s, 10m or 1h",
      "input 'max-attempts': '11' must be a whole number from 1 to 10"
    ])
    expect(gateway.requests).toEqual([])
    expect(core.setOutput).not.toHaveBeenCalled()
    // No "Qualys API calls" line: no client was made.
    expect(core.info).not.toHaveBeenCalled()
  })

  it('in a plan, are the job summary in place of the plan, with the commit and the run; an apply writes none', async () => {
    Object.assign(process.env, {
      GITHUB_SHA: 'c0ffee0123456789c0ffee0123456789c0ffee01',
      GITHUB_SERVER_URL: 'https://github.com',
      GITHUB_REPOSITORY: 'acme/config',
      GITHUB_RUN_ID: '42'
    })
    core.useInputs(inputs({ mode: 'plan', 'max-attempts': '11' }))
    await run()
    expect(core.setFailed.mock.calls).toEqual([
      ['1 problem in the inputs or the spec (listed above); nothing was sent to Qualys']
    ])
    expect(core.summary.addRaw.mock.calls.map(([text]) => text)).toEqual([
      [
        '### Qualys Azure tenant connectors: plan failed',
        '',
        'Commit `c0ffee0` · [run 42](https://github.com/acme/config/actions/runs/42)',
        '',
        '**No plan:** 1 problem stopped it; nothing was changed in Qualys. Fix it and push again.',
        '',
        "- `input 'max-attempts': '11' must be a whole number from 1 to 10`",
        ''
      ].join('\n')
    ])
    expect(gateway.requests).toEqual([])

    core.resetCore()
    core.useInputs(inputs({ mode: 'apply', 'max-attempts': '11' }))
    await run()
    expect(core.setFailed).toHaveBeenCalledTimes(1)
    expect(core.summary.addRaw).not.toHaveBeenCalled()
  })

  it('no credentials and no gateway: one problem each, and no request', async () => {
    core.useInputs({ ...inlineInputs(), 'azure-preflight': 'false' })
    await run()
    expect(core.setFailed.mock.calls).toEqual([
      ['2 problems in the inputs or the spec (listed above); nothing was sent to Qualys']
    ])
    const errors = core.error.mock.calls.map(([message]) => String(message))
    expect(errors).toHaveLength(2)
    expect(errors[0]).toMatch(/^input 'qualys-platform': no Qualys gateway/)
    expect(errors[1]).toMatch(/^inputs 'qualys-token', 'qualys-username', .*: none is set/)
    expect(gateway.requests).toEqual([])
  })
})

describe('plan and apply against the stand-in gateway', () => {
  it('plan: the outputs say what apply would do, and nothing is written', async () => {
    core.useInputs(inputs({ mode: 'plan' }))
    await run()
    expect(core.setFailed).not.toHaveBeenCalled()
    expect(core.setOutput.mock.calls.map(([name]) => name)).toEqual([
      'connectors',
      'changed',
      'plan',
      'last-error',
      'connector-id',
      'connector-uuid',
      'state',
      'result',
      'connector'
    ])
    const set = outputs()
    expect(JSON.parse(set.connectors)).toEqual([
      { name: 'Contoso', id: null, uuid: null, state: null, result: 'would-create', azureSubscriptions: null }
    ])
    expect(JSON.parse(set.plan)).toEqual([{ name: 'Contoso', action: 'create', changes: CREATE_CHANGES }])
    expect({ ...set, connectors: undefined, plan: undefined }).toEqual({
      connectors: undefined,
      plan: undefined,
      changed: 'true',
      'last-error': '',
      'connector-id': '',
      'connector-uuid': '',
      state: '',
      result: 'would-create',
      connector: ''
    })
    expect(gateway.connectors()).toEqual([])
    expect(core.summary.addRaw).toHaveBeenCalledTimes(1)
    expect(core.summary.addRaw.mock.calls[0][0]).toContain('Qualys Azure tenant connectors: plan')
    expect(core.summary.write).toHaveBeenCalledTimes(1)
    expect(core.info.mock.calls.at(-1)).toEqual(['Qualys API calls: 2 made, 0 retried, 0 throttled'])
  })

  it("apply: creates the connector, and the outputs are the gateway's", async () => {
    core.useInputs(inputs())
    await run()
    expect(core.setFailed).not.toHaveBeenCalled()
    const [stored] = gateway.connectors()
    expect(gateway.connectors()).toHaveLength(1)
    expect(stored).toMatchObject({
      name: 'Contoso',
      tenantId: TENANT,
      applicationId: APP_ID,
      secretValue: AZURE_SECRET
    })
    const set = outputs()
    expect(set['connector-id']).toBe(String(stored.id))
    expect(set['connector-uuid']).toBe(stored.uuid)
    expect(set.state).toBe('PENDING')
    expect(set.result).toBe('created')
    expect(set.changed).toBe('true')
    expect(set['last-error']).toBe('')
    expect(JSON.parse(set.connectors)).toEqual([
      {
        name: 'Contoso',
        id: stored.id,
        uuid: stored.uuid,
        state: 'PENDING',
        result: 'created',
        azureSubscriptions: null
      }
    ])
    expect(JSON.parse(set.plan)).toEqual([{ name: 'Contoso', action: 'create', changes: CREATE_CHANGES }])
    // The connector as Qualys answered it: its own fields, never the secret it was sent.
    expect(JSON.parse(set.connector)).toMatchObject({ id: stored.id, uuid: stored.uuid, name: 'Contoso' })
    expect(set.connector).not.toContain(AZURE_SECRET)
  })
})

describe('secrets', () => {
  it('are masked, as given and in their encoded forms, before anything is logged or set', async () => {
    core.useInputs(inputs())
    await run()
    const masked = core.setSecret.mock.calls.map(([secret]) => secret)
    // The Azure secret and the password as given and URL-encoded (as they go over the wire), then the session token.
    expect(masked.slice(0, 5)).toEqual([
      AZURE_SECRET,
      encodeURIComponent(AZURE_SECRET).replace(/~/g, '%7E'),
      USER.password,
      encodeURIComponent(USER.password),
      new URLSearchParams({ v: USER.password }).toString().slice(2)
    ])
    expect(masked).toHaveLength(6)
    const firstMask = Math.min(...core.setSecret.mock.invocationCallOrder.slice(0, 5))
    const lastInputMask = Math.max(...core.setSecret.mock.invocationCallOrder.slice(0, 5))
    const firstWrite = Math.min(
      ...Object.values(core.LOG).flatMap(fn => fn.mock.invocationCallOrder),
      ...core.setOutput.mock.invocationCallOrder,
      ...core.summary.addRaw.mock.invocationCallOrder
    )
    expect(firstMask).toBeLessThan(firstWrite)
    expect(lastInputMask).toBeLessThan(firstWrite)
    for (const secret of masked) expect(visible()).not.toContain(secret)
  })

  it('a secret with spaces around it is masked as given and as trimmed', async () => {
    core.useInputs(inputs({ 'qualys-password': `  ${USER.password}  ` }))
    await run()
    const masked = core.setSecret.mock.calls.map(([secret]) => secret)
    expect(masked).toContain(`  ${USER.password}  `)
    expect(masked).toContain(USER.password)
  })
})

describe('failures of the run', () => {
  it('a refused login fails the step once, says nothing was changed, and sets the outputs', async () => {
    core.useInputs(inputs({ 'qualys-password': 'wrong' }))
    await run()
    expect(core.setFailed.mock.calls).toEqual([
      [
        "Could not look up the existing connectors, so nothing was changed: Log in to Qualys (/auth): Qualys refused the credentials (401): Invalid username or password. Check the Qualys username/password, client id/secret or token, and that qualys-platform / qualys-gateway-url is your account's platform. (1 connector not attempted)"
      ]
    ])
    // setFailed is the run's one error annotation.
    expect(core.error).not.toHaveBeenCalled()
    expect(outputs()).toMatchObject({ result: 'not-attempted', changed: 'false', 'connector-id': '' })
    expect(gateway.connectors()).toEqual([])
  })

  it('an error thrown after the writes fails the step once, redacted, and the calls line is still logged', async () => {
    core.summary.write.mockRejectedValueOnce(new Error(`Unable to write the summary (${USER.password})`))
    core.useInputs(inputs())
    await run()
    expect(core.setFailed.mock.calls).toEqual([['Unable to write the summary (***)']])
    expect(gateway.connectors()).toHaveLength(1)
    // Log in, list, create, list again (for a racing run's duplicate): the client was disposed of after the throw, its calls counted.
    expect(core.info.mock.calls.at(-1)).toEqual(['Qualys API calls: 4 made, 0 retried, 0 throttled'])
  })
})
