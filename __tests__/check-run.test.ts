import { describe, expect, it } from '@jest/globals'
import type { AzurePreflight } from '../src/azure/preflight.js'
import { check, type CheckOptions } from '../src/check/check-run.js'
import type { ConnectorSpec } from '../src/connector-spec/model.js'
import type { Connector } from '../src/qualys/connector.js'
import type { GatewayFacts } from '../src/qualys/client.js'
import type { MemberListing } from '../src/qualys/members.js'
import { FakeApi, RecordingLogger } from '../test-support/fake-api.js'
import { spec, stored } from '../test-support/builders.js'

const NOW = Date.parse('2026-12-02T06:00:00Z')

/** The in-memory API with the member listing check asks for coverage. */
class CheckFakeApi extends FakeApi {
  memberLists = 0
  listing: MemberListing = { available: false, reason: 'no member listing on this gateway' }

  readonly facts: GatewayFacts = {
    listing: 'not-asked',
    getById: 'not-asked',
    frequencyShape: 'hours-minutes',
    budget: {},
    counts: { calls: 0, retried: 0, throttled: 0 }
  }

  listMembers(): Promise<MemberListing> {
    this.memberLists++
    return Promise.resolve(this.listing)
  }
}

/** Qualys' answer for `s`, synced well an hour before the check. */
function existing(s: ConnectorSpec, id: number, raw: Record<string, unknown> = {}): Connector {
  return stored(s, id, { state: 'FINISHED_SUCCESS', lastSynced: new Date(NOW - 3_600_000).toISOString(), ...raw })
}
function options(over: Partial<CheckOptions> = {}): CheckOptions {
  return { maxConcurrency: 2, logger: new RecordingLogger(), now: () => NOW, secretVariables: {}, ...over }
}

describe('mode check, driven directly', () => {
  it('reports the drift exactly as plan does, and never writes', async () => {
    const api = new CheckFakeApi([existing(spec({ tenantName: 'Old name' }), 7)])
    const report = await check([spec(), spec({ name: 'new' })], api, options())
    expect(report.connectors.map(c => [c.name, c.drift.result, c.drift.changes])).toEqual([
      ['prod', 'would-update', [{ field: 'tenantName', from: 'Old name', to: 'Contoso' }]],
      ['new', 'would-create', expect.any(Array)]
    ])
    expect(api.count('create') + api.count('update') + api.count('status')).toBe(0)
  })

  it('finds a failing, a missing and a deleted connector', async () => {
    const api = new CheckFakeApi([
      existing(spec(), 7, { state: 'FINISHED_ERRORS', lastError: 'AADSTS7000222: the secret expired' }),
      existing(spec({ name: 'gone' }), 8, { isDeleted: true })
    ])
    const report = await check([spec(), spec({ name: 'gone' }), spec({ name: 'never' })], api, options())
    expect(report.connectors.map(c => [c.name, c.health.findings])).toEqual([
      ['prod', [{ kind: 'failing', detail: 'state FINISHED_ERRORS: AADSTS7000222: the secret expired' }]],
      ['gone', [{ kind: 'deleted', detail: 'tenant connector 8 of this name is deleted in Qualys' }]],
      ['never', [{ kind: 'missing', detail: 'no tenant connector of this name in Qualys' }]]
    ])
  })

  it('reads when Qualys last synced a connector, and finds it stale past twice its frequency', async () => {
    const fiveDaysAgo = new Date(NOW - 5 * 86_400_000).toISOString()
    const api = new CheckFakeApi([existing(spec(), 7, { lastSynced: fiveDaysAgo })])
    const [prod] = (await check([spec()], api, options())).connectors
    expect(prod?.health).toEqual({
      healthy: false,
      state: 'FINISHED_SUCCESS',
      lastSynced: fiveDaysAgo,
      findings: [{ kind: 'stale', detail: 'no sync for 5 days (it runs every 1 day)' }]
    })
  })

  it('names the live connectors the spec does not, deleted and pinned ones aside', async () => {
    const api = new CheckFakeApi([
      existing(spec(), 7),
      existing(spec({ name: 'by hand' }), 9),
      existing(spec({ name: 'old' }), 10, { isDeleted: true }),
      existing(spec({ name: 'renamed in Qualys' }), 11)
    ])
    const report = await check([spec(), spec({ name: 'pinned', id: 11 })], api, options())
    expect(report.notInSpec).toEqual(['by hand'])
  })

  it('asks Azure only for connectors whose secret the step has, and says why the others were skipped', async () => {
    const asked: string[] = []
    const preflight: AzurePreflight = {
      check: s => {
        asked.push(s.name)
        return Promise.resolve({ warnings: ['Azure: the secret expires in 5 days'], subscriptions: 3 })
      }
    }
    const api = new CheckFakeApi([existing(spec(), 7), existing(spec({ name: 'other' }), 8)])
    const report = await check(
      [spec({ secretValue: 's3cret' }), spec({ name: 'other', secretValue: undefined })],
      api,
      options({ preflight, secretVariables: { other: 'OTHER_SECRET' } })
    )
    expect(asked).toEqual(['prod'])
    expect(report.connectors.map(c => c.azure)).toEqual([
      { status: 'checked', subscriptions: 3, warnings: ['Azure: the secret expires in 5 days'] },
      {
        status: 'skipped',
        reason: "OTHER_SECRET is not in the step's env, so the app's credentials were not tried"
      }
    ])
    const off = await check([spec({ secretValue: 's3cret' })], api, options())
    expect(off.connectors[0]?.azure).toEqual({ status: 'skipped', reason: 'azure-preflight is false' })
  })

  it('covers each connector from one member listing, and says why coverage is not available', async () => {
    const preflight: AzurePreflight = {
      check: () => Promise.resolve({ warnings: [], subscriptions: 2, subscriptionIds: ['sub-a', 'sub-b'] })
    }
    const api = new CheckFakeApi([
      existing(spec(), 7),
      existing(spec({ name: 'other', connectorPrefixName: 'other-' }), 8)
    ])
    api.listing = {
      available: true,
      path: '/connectors/v1.0/azure/list',
      ignored: 0,
      members: [
        {
          id: 70,
          name: 'prod-sub-a',
          state: 'FINISHED_SUCCESS',
          disabled: false,
          deleted: false,
          subscriptionId: 'sub-a'
        }
      ]
    }
    const report = await check(
      [
        spec({ secretValue: 's3cret' }),
        spec({ name: 'other', connectorPrefixName: 'other-', secretValue: undefined }),
        spec({ name: 'new', secretValue: undefined })
      ],
      api,
      options({ preflight, secretVariables: { other: 'OTHER_SECRET' } })
    )
    expect(api.memberLists).toBe(1)
    const [prod, other, fresh] = report.connectors
    expect(prod?.coverage).toMatchObject({
      status: 'available',
      members: 1,
      subscriptions: 2,
      withoutMember: ['sub-b']
    })
    expect(other?.coverage).toMatchObject({
      status: 'available',
      members: 0,
      withoutMember: null,
      unknown: expect.stringContaining("OTHER_SECRET is not in the step's env")
    })
    expect(fresh?.coverage).toEqual({ status: 'not-available', reason: 'the connector is not in Qualys' })
  })

  it('reports a run that could not list as one problem, with no connector called healthy', async () => {
    const api = new CheckFakeApi([existing(spec(), 7)])
    api.failNext('list', new Error('Qualys answered 500'))
    const report = await check([spec()], api, options())
    expect(report.runProblem).toMatch(/^Could not look up the existing connectors/)
    expect(report.connectors[0]?.health.healthy).toBe(false)
  })
})
