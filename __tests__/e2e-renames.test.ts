/**
 * End-to-end renames: the BUNDLED action against the stand-in Qualys gateway. An entry renamed
 * without id: is refused with the id: hint in plan and apply, and no second connector is ever
 * created for the tenant; with id: added, the apply renames the connector.
 */
import { afterEach, beforeEach, describe, expect, test } from '@jest/globals'
import {
  annotations,
  AZURE_SECRET,
  expectNoLeak,
  passwordInputs,
  spec,
  specConnector,
  TENANT_2,
  USER
} from '../test-support/e2e.js'
import { FakeQualysGateway, type RecordedRequest } from '../test-support/gateway.js'
import { runAction, type ActionRun } from '../test-support/run-action.js'

const SECRETS = [AZURE_SECRET, USER.password]
const CREATE_PATH = '/connectors/v1.0/org/azure/'
const UPDATE_PATH = /^\/connectors\/v1\.0\/org\/azure\/(\d+)$/

let gateway: FakeQualysGateway

function run(specText: string, inputs: Record<string, string> = {}): Promise<ActionRun> {
  return runAction({
    inputs: { ...passwordInputs(gateway.url), 'spec-file': 'connectors.yaml', ...inputs },
    env: { AZURE_SECRET },
    files: { 'connectors.yaml': specText }
  })
}

/** Every write sent since `from` (an index into the gateway's requests), whatever the gateway answered. */
function writesSince(from: number): RecordedRequest[] {
  return gateway.requests
    .slice(from)
    .filter(r => r.method === 'POST' && (r.path === CREATE_PATH || UPDATE_PATH.test(r.path)))
}

function expectExit(result: ActionRun, code: number): void {
  if (result.code !== code)
    throw new Error(`expected exit code ${code}, got ${result.code}\n${result.stdout}\n${result.stderr}`)
}

const ACME = specConnector('Acme Corp')
const GLOBEX = specConnector('Globex', TENANT_2)
/** The same entry under its new name: tenant and prefix kept, as a rename keeps them. */
const ACME_RENAMED = ACME.replace('  - name: Acme Corp\n', '  - name: Acme Corporation\n')

describe('renames against the stand-in Qualys gateway', () => {
  beforeEach(async () => {
    gateway = new FakeQualysGateway({ users: [USER] })
    await gateway.start()
  })
  afterEach(async () => {
    await gateway.stop()
  })

  test('a rename without id: is refused with the id hint in plan and apply; with id: the apply renames', async () => {
    expectExit(await run(spec(ACME, GLOBEX)), 0)
    const acme = gateway.connectors().find(c => c.name === 'Acme Corp')
    if (!acme) throw new Error('Acme Corp was not created')
    expect(ACME_RENAMED).toContain('name: Acme Corporation')
    expect(ACME_RENAMED).toContain('connectorPrefixName: acmecorp')
    const hint = `to rename 'Acme Corp' to 'Acme Corporation', add id: ${acme.id}`

    for (const mode of ['plan', 'apply']) {
      const from = gateway.requests.length
      const result = await run(spec(ACME_RENAMED, GLOBEX), { mode })
      expectExit(result, 1)
      expect(JSON.parse(result.outputs.plan)).toEqual([
        { name: 'Acme Corporation', action: 'error', changes: [] },
        { name: 'Globex', action: 'none', changes: [] }
      ])
      expect(annotations(result).join('\n')).toContain(hint)
      expect(writesSince(from)).toEqual([])
      expectNoLeak(result, SECRETS)
    }
    // Created concurrently (each create first computes the secret's fingerprint): in either order.
    expect(
      gateway
        .connectors()
        .map(c => c.name)
        .sort()
    ).toEqual(['Acme Corp', 'Globex'])

    const from = gateway.requests.length
    const renamed = await run(spec(`${ACME_RENAMED}\n    id: ${acme.id}`, GLOBEX))
    expectExit(renamed, 0)
    expect(JSON.parse(renamed.outputs.plan)).toEqual([
      {
        name: 'Acme Corporation',
        action: 'update',
        changes: [{ field: 'name', from: 'Acme Corp', to: 'Acme Corporation' }]
      },
      { name: 'Globex', action: 'none', changes: [] }
    ])
    expect(writesSince(from).map(r => r.path)).toEqual([`/connectors/v1.0/org/azure/${acme.id}`])
    expect(gateway.connectors().map(c => [c.id === acme.id, c.name])).toEqual(
      expect.arrayContaining([
        [true, 'Acme Corporation'],
        [false, 'Globex']
      ])
    )
    expect(gateway.connectors()).toHaveLength(2)
    expectNoLeak(renamed, SECRETS)
  })
})
