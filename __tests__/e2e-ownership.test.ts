/**
 * Issue 16, "ownership that survives", end to end on the BUNDLED action (test-support/build-dist.js says
 * which) against the stand-in gateway: the marker kept by runs without prune, so prune enabled later
 * retires what they created; unmarked leavers reported; another owner's connector refused with the
 * owner: value that would claim it.
 */
import { afterEach, describe, expect, test } from '@jest/globals'
import {
  annotations,
  AZURE_SECRET,
  expectNoLeak,
  fingerprintLineOf,
  passwordInputs,
  spec,
  specConnector,
  TENANT,
  TENANT_2,
  USER
} from '../test-support/e2e.js'
import { FakeQualysGateway } from '../test-support/gateway.js'
import { runAction, type ActionRun } from '../test-support/run-action.js'

const REPOSITORY = 'acme/qualys-config'
const MARKER = `managed-by: ${REPOSITORY}:connectors.yaml`
const UPDATE_PATH = /^\/connectors\/v1\.0\/org\/azure\/(\d+)$/
const CREATE_PATH = '/connectors/v1.0/org/azure/'

let gateway: FakeQualysGateway

afterEach(async () => {
  await gateway?.stop()
})

async function start(): Promise<void> {
  gateway = new FakeQualysGateway({ users: [USER] })
  await gateway.start()
}

function run(specText: string, inputs: Record<string, string> = {}): Promise<ActionRun> {
  return runAction({
    inputs: { ...passwordInputs(gateway.url), 'spec-file': 'connectors.yaml', ...inputs },
    env: { AZURE_SECRET, GITHUB_REPOSITORY: REPOSITORY },
    files: { 'connectors.yaml': specText }
  })
}

function expectExit(result: ActionRun, code: number): void {
  if (result.code !== code)
    throw new Error(`expected exit code ${code}, got ${result.code}\n${result.stdout}\n${result.stderr}`)
}

function rows(result: ActionRun): { name: string; result: string }[] {
  return JSON.parse(result.outputs.connectors)
}

function description(name: string): string | null | undefined {
  return gateway.connectors().find(c => c.name === name)?.description
}

function writesSince(from: number): number {
  return gateway.requests
    .slice(from)
    .filter(r => r.method === 'POST' && (r.path === CREATE_PATH || UPDATE_PATH.test(r.path))).length
}

describe('ownership without prune', () => {
  test('an apply marks what it creates and updates, a later plan shows no marker change, and prune later retires it', async () => {
    await start()
    gateway.seed({
      name: 'Alpha',
      tenantId: TENANT,
      tenantName: 'alpha.onmicrosoft.com',
      connectorPrefixName: 'alpha',
      description: 'hand made'
    })
    const both = spec(
      specConnector('Alpha', TENANT, 'description: kept by the spec'),
      specConnector('Beta', TENANT_2, 'description: second tenant')
    )
    expectExit(await run(both), 0)
    expect([description('Alpha'), description('Beta')]).toEqual([
      `kept by the spec\n${await fingerprintLineOf()}\n${MARKER}`,
      `second tenant\n${await fingerprintLineOf(AZURE_SECRET, TENANT_2)}\n${MARKER}`
    ])

    const from = gateway.requests.length
    const planned = await run(both, { mode: 'plan' })
    expectExit(planned, 0)
    expect(JSON.parse(planned.outputs.plan)).toEqual([
      { name: 'Alpha', action: 'none', changes: [] },
      { name: 'Beta', action: 'none', changes: [] }
    ])
    expect(planned.summary).not.toContain('managed-by')
    expect(writesSince(from)).toBe(0)

    const pruned = await run(spec(specConnector('Alpha', TENANT, 'description: kept by the spec')), {
      prune: 'disable'
    })
    expectExit(pruned, 0)
    expect(rows(pruned).map(r => [r.name, r.result])).toEqual([
      ['Alpha', 'unchanged'],
      ['Beta', 'disabled']
    ])
    expect(gateway.connectors().find(c => c.name === 'Beta')?.disabled).toBe(true)
    expectNoLeak(pruned, [AZURE_SECRET, USER.password])
  })
})

describe('what prune leaves alone', () => {
  test('an unmarked connector outside the spec is listed in plan and apply with what to do, and never written', async () => {
    await start()
    const manual = gateway.seed({ name: 'Manual', tenantId: TENANT_2, description: 'made by hand' })
    const onlyAlpha = spec(specConnector('Alpha'))
    for (const mode of ['plan', 'apply']) {
      const result = await run(onlyAlpha, { prune: 'disable', mode })
      expectExit(result, 0)
      expect(rows(result).map(r => [r.name, r.result])).toEqual([
        ['Alpha', mode === 'plan' ? 'would-create' : 'created'],
        ['Manual', 'not-managed']
      ])
      expect(result.lines).toContainEqual(`= Manual: left alone: not managed (id ${manual.id}, SUCCESS)`)
      expect(result.lines).toContainEqual(expect.stringContaining(`add it to the spec (with id: ${manual.id})`))
      expect(result.summary).toMatch(/\| 🔸 \| `Manual` \| not-managed \|/)
      expect(result.outputs.result).toBe(mode === 'plan' ? 'would-create' : 'created')
    }
    expect(description('Manual')).toBe('made by hand')
    expect(gateway.connectors().find(c => c.name === 'Manual')?.disabled).toBe(false)
  })
})

describe("another owner's connector", () => {
  test('fails with the owner: value that would claim it, and is not written', async () => {
    await start()
    gateway.seed({
      name: 'Alpha',
      tenantId: TENANT,
      tenantName: 'alpha.onmicrosoft.com',
      connectorPrefixName: 'alpha',
      description: 'managed-by: acme/infra:old/path.yaml'
    })
    const from = gateway.requests.length
    const result = await run(spec(specConnector('Alpha', TENANT, 'description: changed')))
    expectExit(result, 1)
    expect(annotations(result).join('\n')).toContain(
      'set owner: acme/infra:old/path.yaml (and remove it from the other spec)'
    )
    expect(writesSince(from)).toBe(0)
    expect(description('Alpha')).toBe('managed-by: acme/infra:old/path.yaml')
  })
})
