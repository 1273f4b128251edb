import { describe, expect, it } from '@jest/globals'
import type { Connector } from '../src/qualys/connector.js'
import { HttpError } from '../src/http/errors.js'
import { FORCED_CHANGE } from '../src/reconcile/diff.js'
import type { Outcome } from '../src/reconcile/outcome.js'
import { reconcile as reconcileRun, type ReconcileOptions } from '../src/reconcile/reconcile-run.js'
import type { ConnectorSpec } from '../src/connector-spec/model.js'
import {
  ambiguousTimeout,
  duplicateName,
  FakeApi,
  FakeClock,
  RecordingLogger,
  serverConnector
} from '../test-support/fake-api.js'
import { APP, SECRET, TENANT, options, spec, stored } from '../test-support/builders.js'

/** The outcomes per connector (the run-wide problem has tests of its own). */
async function reconcile(...args: Parameters<typeof reconcileRun>): Promise<Outcome[]> {
  return (await reconcileRun(...args)).outcomes
}

function byName(outcomes: Outcome[], name: string): Outcome {
  const found = outcomes.find(o => o.name === name)
  if (!found) throw new Error(`no outcome for ${name}`)
  return found
}

describe('reconcile: create and no-op', () => {
  it('creates a connector that is missing, sending the spec with its secret', async () => {
    const api = new FakeApi()
    const [outcome] = await reconcile([spec()], api, options())
    expect(outcome.result).toBe('created')
    expect(outcome.action).toBe('create')
    expect(outcome.error).toBeUndefined()
    expect(outcome.connector?.id).toBeGreaterThan(0)
    // The listing after the creates looks for a connector a racing run created at the same time (duplicates.ts).
    expect(api.calls.map(c => c.op)).toEqual(['list', 'create', 'list'])
    const body = api.calls[1].body!
    expect(api.calls[1].name).toBe('prod')
    expect(body).toMatchObject({
      name: 'prod',
      tenantId: TENANT,
      applicationId: APP,
      secretValue: SECRET,
      connectorPrefixName: 'prod-',
      orgRunFrequency: { hours: 24, minutes: 0 },
      connectorRunFrequency: { hours: 24, minutes: 0 }
    })
    expect(body.connectorAppInfos).toEqual([
      { identifier: TENANT, name: 'AI', tagId: null },
      { identifier: TENANT, name: 'CI', tagId: null },
      { identifier: TENANT, name: 'CSA', tagId: null }
    ])
    // The plan rows show what is set, never the secret.
    expect(outcome.changes.map(c => c.field)).toEqual(
      expect.arrayContaining(['name', 'tenantId', 'connectorAppInfos', 'orgRunFrequency'])
    )
    expect(outcome.changes.every(c => c.from === '')).toBe(true)
    expect(outcome.changes.some(c => c.field === 'secretValue' || c.to.includes(SECRET))).toBe(false)
    expect(outcome.warnings).toEqual([])
  })

  it('leaves an equal connector unchanged with zero writes', async () => {
    const api = new FakeApi([stored(spec(), 7)])
    const [outcome] = await reconcile([spec()], api, options())
    expect(outcome).toMatchObject({ result: 'unchanged', action: 'none', changes: [] })
    expect(outcome.connector?.id).toBe(7)
    expect(api.calls.map(c => c.op)).toEqual(['list'])
  })

  type Case = [title: string, want: Partial<ConnectorSpec>, server: Record<string, unknown>, drift: string[]]
  const cases: Case[] = [
    [
      'frequency 60 min vs 1440 (both run daily)',
      { orgRunFrequency: 60 },
      { orgRunFrequency: { hours: 24, minutes: 0 } },
      []
    ],
    [
      'frequency 1500 vs 2880 (both run every 2 days)',
      { connectorRunFrequency: 1500 },
      { connectorRunFrequency: '2880' },
      []
    ],
    [
      'frequency 1440 vs 2880',
      { orgRunFrequency: 1440 },
      { orgRunFrequency: { hours: 48, minutes: 0 } },
      ['orgRunFrequency']
    ],
    [
      'frequency from the runFrequency spelling, string minutes',
      { orgRunFrequency: 1440 },
      { orgRunFrequency: undefined, runFrequency: '2880' },
      ['orgRunFrequency']
    ],
    ['lists as sets', { includedMem: ['mg-a', 'mg-b'] }, { includedMem: ['mg-b', 'mg-a'] }, []],
    [
      'lists with a different member',
      { includedMem: ['mg-a', 'mg-b'] },
      { includedMem: ['mg-a', 'mg-c'] },
      ['includedMem']
    ],
    ['null list equals []', { excludedMem: [] }, { excludedMem: null }, []],
    ['null tag list equals []', { defaultTagIds: [] }, { defaultTagIds: null }, []],
    ['tag ids as sets', { defaultTagIds: [1, 2] }, { defaultTagIds: [2, 1] }, []],
    ['tag ids differ', { defaultTagIds: [1, 2] }, { defaultTagIds: [1, 3] }, ['defaultTagIds']],
    [
      'GUID case',
      { tenantId: TENANT.toUpperCase(), applicationId: APP.toUpperCase() },
      { tenantId: TENANT, applicationId: APP },
      []
    ],
    [
      'a field absent on the server is not compared',
      { autoActivateVM: true, description: 'x' },
      { autoActivateVM: undefined, description: undefined },
      []
    ],
    ['a flag that differs', { autoActivateVM: true }, { autoActivateVM: false }, ['autoActivateVM']],
    [
      'a flag in the other spelling',
      { isRemediationEnabled: true },
      { isRemediationEnabled: undefined, remediationEnabled: true },
      []
    ],
    ['description null vs a new one', { description: 'now described' }, { description: null }, ['description']],
    ['text compared trimmed', { tenantName: 'Contoso' }, { tenantName: 'Contoso ' }, []],
    [
      'app tag ids differ',
      {
        connectorAppInfos: [
          { name: 'AI', tagId: 5 },
          { name: 'CI', tagId: null },
          { name: 'CSA', tagId: null }
        ]
      },
      {
        connectorAppInfos: [
          { name: 'AI', identifier: TENANT, tagId: 6 },
          { name: 'CI', identifier: TENANT, tagId: null },
          { name: 'CSA', identifier: TENANT, tagId: null }
        ]
      },
      ['connectorAppInfos']
    ],
    [
      'app missing on the server',
      {},
      {
        connectorAppInfos: [
          { name: 'AI', identifier: TENANT, tagId: null },
          { name: 'CI', identifier: TENANT, tagId: null }
        ]
      },
      ['connectorAppInfos']
    ],
    [
      'apps in another order',
      {},
      {
        connectorAppInfos: [
          { name: 'CSA', identifier: TENANT, tagId: null },
          { name: 'AI', identifier: TENANT, tagId: null },
          { name: 'CI', identifier: TENANT, tagId: null }
        ]
      },
      []
    ],
    [
      'unpinned identifiers are ignored',
      {},
      {
        connectorAppInfos: [
          { name: 'AI', identifier: 'something-else', tagId: null },
          { name: 'CI', identifier: 'other', tagId: null },
          { name: 'CSA', tagId: null }
        ]
      },
      []
    ],
    [
      'a pinned identifier is compared (case-insensitively)',
      { connectorAppInfos: [{ name: 'AI', identifier: 'AAAA-1', tagId: null }] },
      { connectorAppInfos: [{ name: 'AI', identifier: 'aaaa-1', tagId: null }] },
      []
    ],
    [
      'a pinned identifier that differs',
      { connectorAppInfos: [{ name: 'AI', identifier: 'aaaa-1', tagId: null }] },
      { connectorAppInfos: [{ name: 'AI', identifier: 'bbbb-2', tagId: null }] },
      ['connectorAppInfos']
    ]
  ]

  it.each(cases)('normalised comparison: %s', async (_title, want, server, drift) => {
    const api = new FakeApi([stored(spec(), 7, server)])
    const [outcome] = await reconcile([spec(want)], api, options({ mode: 'plan' }))
    expect(outcome.error).toBeUndefined()
    expect(outcome.changes.map(c => c.field).sort()).toEqual([...drift].sort())
    expect(outcome.result).toBe(drift.length === 0 ? 'unchanged' : 'would-update')
    expect(api.writes).toEqual([])
  })

  it('shows a change the way a person reads it', async () => {
    const api = new FakeApi([stored(spec(), 7, { orgRunFrequency: { hours: 48, minutes: 0 } })])
    const [outcome] = await reconcile([spec({ orgRunFrequency: 60 })], api, options({ mode: 'plan' }))
    expect(outcome.changes).toEqual([{ field: 'orgRunFrequency', from: '2 days', to: '1 hour (runs every 1 day)' }])
  })
})

describe('reconcile: update', () => {
  it('sends the current connector overlaid with the spec, plus the secret', async () => {
    const current = stored(spec(), 42, {
      tenantName: 'Old name',
      description: 'kept from Qualys',
      includedMem: ['mg-1'],
      autoActivatePC: true,
      isCreateConnectorForNewSubscriptionsAutomatically: undefined,
      createConnectorForNewSubscriptionsAutomatically: true,
      connectorAppInfos: [
        { name: 'AI', identifier: 'server-ai-id', tagId: 3 },
        { name: 'CI', identifier: 'server-ci-id', tagId: null },
        { name: 'CSA', identifier: TENANT, tagId: null }
      ]
    })
    const api = new FakeApi([current])
    const wanted = spec({
      tenantName: 'New name',
      connectorAppInfos: [
        { name: 'AI', tagId: 3 },
        { name: 'CI', tagId: 9 },
        { name: 'CSA', tagId: null }
      ]
    })
    const [outcome] = await reconcile([wanted], api, options())
    expect(outcome.result).toBe('updated')
    expect(outcome.action).toBe('update')
    expect(outcome.changes.map(c => c.field).sort()).toEqual(['connectorAppInfos', 'tenantName'])
    expect(api.calls.map(c => c.op)).toEqual(['list', 'update'])
    const [write] = api.writes
    expect(write).toMatchObject({ op: 'update', id: 42, name: 'prod' })
    expect(write.body).toMatchObject({
      name: 'prod',
      tenantName: 'New name',
      // The update sends the secret, so it records the secret's fingerprint as the description's last line.
      description: expect.stringMatching(/^kept from Qualys\nsecret-fingerprint: v1:[0-9a-f]{16}$/),
      includedMem: ['mg-1'],
      autoActivatePC: true,
      isCreateConnectorForNewSubscriptionsAutomatically: true,
      secretValue: SECRET,
      tenantId: TENANT,
      connectorPrefixName: 'prod-',
      orgRunFrequency: { hours: 24, minutes: 0 }
    })
    // Identifiers the spec does not pin keep the ones Qualys has.
    expect(write.body!.connectorAppInfos).toEqual([
      { identifier: 'server-ai-id', name: 'AI', tagId: 3 },
      { identifier: 'server-ci-id', name: 'CI', tagId: 9 },
      { identifier: TENANT, name: 'CSA', tagId: null }
    ])
    // Nothing outside the request fields (read-only server fields) is sent back.
    expect(write.body).not.toHaveProperty('id')
    expect(write.body).not.toHaveProperty('state')
    expect(write.body).not.toHaveProperty('uuid')
  })

  it('force-update writes a connector without drift (apply) and plans it (plan)', async () => {
    const api = new FakeApi([stored(spec(), 7)])
    const [applied] = await reconcile([spec()], api, options({ forceUpdate: true }))
    expect(applied).toMatchObject({ result: 'updated', action: 'update', changes: [FORCED_CHANGE] })
    expect(api.count('update')).toBe(1)
    expect(api.writes[0].body).toMatchObject({ secretValue: SECRET })

    const planApi = new FakeApi([stored(spec(), 7)])
    const [planned] = await reconcile([spec()], planApi, options({ mode: 'plan', forceUpdate: true }))
    expect(planned).toMatchObject({ result: 'would-update', action: 'update', changes: [FORCED_CHANGE] })
    expect(planApi.writes).toEqual([])
  })

  it('plan never creates or updates', async () => {
    const api = new FakeApi([
      stored(spec({ name: 'same' }), 1),
      stored(spec({ name: 'drifted' }), 2, { tenantName: 'Old' })
    ])
    const outcomes = await reconcile(
      [spec({ name: 'missing' }), spec({ name: 'same' }), spec({ name: 'drifted' })],
      api,
      options({ mode: 'plan' })
    )
    expect(outcomes.map(o => [o.name, o.result, o.action])).toEqual([
      ['missing', 'would-create', 'create'],
      ['same', 'unchanged', 'none'],
      ['drifted', 'would-update', 'update']
    ])
    expect(byName(outcomes, 'drifted').changes).toEqual([{ field: 'tenantName', from: 'Old', to: 'Contoso' }])
    expect(byName(outcomes, 'missing').warnings).toEqual([])
    expect(api.calls.map(c => c.op)).toEqual(['list'])
  })

  it.each(['apply', 'plan'] as const)('refuses an immutable change with no write (%s)', async mode => {
    const api = new FakeApi([
      stored(spec({ name: 'prefix' }), 1, { connectorPrefixName: 'old-' }),
      stored(spec({ name: 'tenant' }), 2, { tenantId: 'aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee', tenantName: 'Old' })
    ])
    const outcomes = await reconcile([spec({ name: 'prefix' }), spec({ name: 'tenant' })], api, options({ mode }))
    const prefix = byName(outcomes, 'prefix')
    expect(prefix.result).toBe('failed')
    expect(prefix.error).toContain("connectorPrefixName 'old-' → 'prod-'")
    expect(prefix.error).toContain('cannot change this field')
    const tenant = byName(outcomes, 'tenant')
    expect(tenant.result).toBe('failed')
    expect(tenant.error).toContain('tenantId')
    expect(tenant.error).not.toContain('tenantName') // only the frozen fields are named
    expect(api.writes).toEqual([])
  })

  it('on-existing skip leaves a drifted connector alone; missing ones are still created', async () => {
    const api = new FakeApi([stored(spec(), 7, { tenantName: 'Old' })])
    const outcomes = await reconcile([spec(), spec({ name: 'new' })], api, options({ onExisting: 'skip' }))
    expect(byName(outcomes, 'prod')).toMatchObject({ result: 'exists', action: 'none', changes: [] })
    expect(byName(outcomes, 'prod').connector?.id).toBe(7)
    expect(byName(outcomes, 'new').result).toBe('created')
    expect(api.writes.map(w => [w.op, w.name])).toEqual([['create', 'new']])
  })

  it('on-existing skip does not even refuse an immutable change (it writes nothing)', async () => {
    const api = new FakeApi([stored(spec(), 7, { connectorPrefixName: 'old-' })])
    const [outcome] = await reconcile([spec()], api, options({ onExisting: 'skip' }))
    expect(outcome.result).toBe('exists')
    expect(api.writes).toEqual([])
  })

  it('on-existing fail fails an existing connector (even an unchanged one) without writing', async () => {
    const api = new FakeApi([stored(spec(), 7)])
    const outcomes = await reconcile([spec(), spec({ name: 'new' })], api, options({ onExisting: 'fail' }))
    expect(byName(outcomes, 'prod').result).toBe('failed')
    expect(byName(outcomes, 'prod').error).toBe(
      "a tenant connector named 'prod' already exists (id 7) and on-existing is 'fail'"
    )
    expect(byName(outcomes, 'new').result).toBe('created')
    expect(api.writes.map(w => w.name)).toEqual(['new'])
  })
})

describe('reconcile: adopt by id', () => {
  it('adopts a connector by id and renames it', async () => {
    const api = new FakeApi([stored(spec({ name: 'old-name' }), 7)])
    const [outcome] = await reconcile([spec({ id: 7, name: 'new-name' })], api, options())
    expect(outcome.result).toBe('updated')
    expect(outcome.changes).toEqual([{ field: 'name', from: 'old-name', to: 'new-name' }])
    expect(api.writes).toHaveLength(1)
    expect(api.writes[0]).toMatchObject({ op: 'update', id: 7, name: 'new-name', body: { name: 'new-name' } })
    expect(api.writes[0].body).not.toHaveProperty('id')
  })

  it('fails when the id does not exist, without creating', async () => {
    const api = new FakeApi([stored(spec(), 7)])
    const [outcome] = await reconcile([spec({ id: 8 })], api, options())
    expect(outcome.result).toBe('failed')
    expect(outcome.error).toContain('no tenant connector with id 8')
    expect(api.writes).toEqual([])
  })

  it('fails a rename onto a name another connector has', async () => {
    const api = new FakeApi([stored(spec({ name: 'old-name' }), 7), stored(spec({ name: 'taken' }), 8)])
    const [outcome] = await reconcile([spec({ id: 7, name: 'taken' })], api, options())
    expect(outcome.result).toBe('failed')
    expect(outcome.error).toBe("cannot rename connector 7 to 'taken': connector 8 already has that name")
    expect(api.writes).toEqual([])
  })

  it('does not let another spec match, by its old name, a connector adopted by id', async () => {
    // Spec A adopts connector 7 and renames it 'new-name'; spec B is named after 7's current name.
    // Both would otherwise write connector 7 (and undo each other on every run).
    const api = new FakeApi([stored(spec({ name: 'old-name' }), 7)])
    const outcomes = await reconcile(
      [spec({ id: 7, name: 'new-name' }), spec({ name: 'old-name', tenantName: 'Other' })],
      api,
      options()
    )
    expect(api.writes.filter(w => w.id === 7)).toHaveLength(1)
    expect(byName(outcomes, 'old-name').result).toBe('failed')
  })

  it('reads the connector by id when the listing is not available', async () => {
    const api = new FakeApi([stored(spec(), 7, { tenantName: 'Old' })])
    api.listUnsupported = true
    const [outcome] = await reconcile([spec({ id: 7 })], api, options())
    expect(outcome.result).toBe('updated')
    expect(api.calls.map(c => [c.op, c.id])).toEqual([
      ['list', undefined],
      ['get', 7],
      ['update', 7]
    ])
  })
})

describe('reconcile: fail closed', () => {
  it('fails two connectors with the same name, naming both ids, while the others go ahead', async () => {
    const api = new FakeApi([
      stored(spec({ name: 'dup' }), 11),
      stored(spec({ name: 'dup' }), 12),
      stored(spec({ name: 'ok' }), 13)
    ])
    const outcomes = await reconcile(
      [spec({ name: 'dup' }), spec({ name: 'ok' }), spec({ name: 'new' })],
      api,
      options()
    )
    const dup = byName(outcomes, 'dup')
    expect(dup.result).toBe('failed')
    expect(dup.error).toContain('ids 11, 12')
    expect(byName(outcomes, 'ok').result).toBe('unchanged')
    expect(byName(outcomes, 'new').result).toBe('created')
    expect(api.writes.map(w => w.name)).toEqual(['new'])
  })

  it('a failed listing is one problem of the run: every connector not attempted, nothing created', async () => {
    const api = new FakeApi().failNext(
      'list',
      new HttpError('List tenant connectors: 503 Service Unavailable', 'server', 503)
    )
    const { outcomes, runProblem } = await reconcileRun([spec({ name: 'a' }), spec({ name: 'b' })], api, options())
    expect(outcomes.map(o => o.result)).toEqual(['not-attempted', 'not-attempted'])
    // Said once for the run, not copied into every connector.
    expect(outcomes.map(o => o.error)).toEqual([undefined, undefined])
    expect(runProblem).toContain('Could not look up the existing connectors')
    expect(runProblem).toContain('503 Service Unavailable')
    expect(api.calls.map(c => c.op)).toEqual(['list'])
  })

  it('fails closed in plan mode too', async () => {
    const api = new FakeApi().failNext('list', new Error('socket hang up'))
    const { outcomes, runProblem } = await reconcileRun([spec()], api, options({ mode: 'plan' }))
    expect(outcomes[0].result).toBe('not-attempted')
    expect(runProblem).toContain('socket hang up')
  })
})

describe('reconcile: no listing (404/405)', () => {
  it('creates nothing: the connectors without id: are not attempted, one problem says why; pinned ones still work', async () => {
    const api = new FakeApi([stored(spec({ name: 'pinned' }), 5)])
    api.listUnsupported = true
    for (const mode of ['plan', 'apply'] as const) {
      const { outcomes, runProblem } = await reconcileRun(
        [spec({ name: 'new' }), spec({ name: 'pinned', id: 5, tenantName: 'Changed' })],
        api,
        options({ mode })
      )
      expect(outcomes.map(o => [o.name, o.result])).toEqual([
        ['new', 'not-attempted'],
        ['pinned', mode === 'plan' ? 'would-update' : 'updated']
      ])
      expect(runProblem).toContain('nothing was created')
      expect(runProblem).toContain('allow-create-without-lookup')
    }
    expect(api.count('create')).toBe(0)
    expect(api.writes.map(w => [w.op, w.id])).toEqual([['update', 5]])
  })

  it('with allowCreateWithoutLookup: warns once, creates, and treats a duplicate-name refusal as exists with a warning', async () => {
    const api = new FakeApi([stored(spec({ name: 'there' }), 5)])
    api.listUnsupported = true
    api.failNext('create', { error: duplicateName('there'), name: 'there' })
    const logger = new RecordingLogger()
    const { outcomes, runProblem } = await reconcileRun(
      [spec({ name: 'there' }), spec({ name: 'new-1' }), spec({ name: 'new-2' })],
      api,
      options({ logger, allowCreateWithoutLookup: true })
    )
    expect(runProblem).toBeUndefined()
    expect(logger.warnings.filter(w => w.includes('allow-create-without-lookup'))).toHaveLength(1)
    const there = byName(outcomes, 'there')
    expect(there.result).toBe('exists')
    expect(there.warnings).toHaveLength(1)
    expect(there.warnings[0]).toContain("a connector named 'there' exists")
    expect(there.error).toBeUndefined()
    expect(byName(outcomes, 'new-1').result).toBe('created')
    expect(byName(outcomes, 'new-2').result).toBe('created')
    expect(api.count('create')).toBe(3)
    expect(api.count('list')).toBe(1) // no re-list without a list endpoint
  })

  it('plans a create with a warning that it may already exist', async () => {
    const api = new FakeApi()
    api.listUnsupported = true
    const [outcome] = await reconcile([spec()], api, options({ mode: 'plan', allowCreateWithoutLookup: true }))
    expect(outcome.result).toBe('would-create')
    expect(outcome.warnings).toEqual(['the listing is not available, so this connector may already exist'])
    expect(api.writes).toEqual([])
  })
})

describe('reconcile: ambiguous creates', () => {
  it('an ambiguous create that happened is found by re-listing: created, not sent again', async () => {
    const api = new FakeApi().failNext('create', { error: ambiguousTimeout(), committed: true })
    const logger = new RecordingLogger()
    const [outcome] = await reconcile([spec()], api, options({ logger }))
    expect(outcome.result).toBe('created')
    expect(outcome.connector?.name).toBe('prod')
    expect(api.calls.map(c => c.op)).toEqual(['list', 'create', 'list', 'list'])
    expect(api.connectors.filter(c => c.name === 'prod')).toHaveLength(1)
    expect(logger.warnings.some(w => w.includes('Checking whether Qualys created it'))).toBe(true)
  })

  it('an ambiguous create that did not happen is sent once more', async () => {
    const api = new FakeApi().failNext('create', { error: ambiguousTimeout(), committed: false })
    const [outcome] = await reconcile([spec()], api, options())
    expect(outcome.result).toBe('created')
    expect(api.calls.map(c => c.op)).toEqual(['list', 'create', 'list', 'create', 'list'])
    expect(api.connectors.filter(c => c.name === 'prod')).toHaveLength(1)
  })

  it('a resend refused as a duplicate after an unsure create counts as created', async () => {
    const api = new FakeApi()
      .failNext('create', { error: ambiguousTimeout(), committed: false })
      .failNext('create', { error: duplicateName('prod'), committed: true })
    const [outcome] = await reconcile([spec()], api, options())
    expect(outcome.result).toBe('created')
    expect(outcome.warnings).toEqual([])
    expect(outcome.connector?.name).toBe('prod')
    expect(api.count('create')).toBe(2)
  })

  it('an ambiguous create without a list endpoint fails and is not sent again', async () => {
    const api = new FakeApi().failNext('create', { error: ambiguousTimeout(), committed: true })
    api.listUnsupported = true
    const [outcome] = await reconcile([spec()], api, options({ allowCreateWithoutLookup: true }))
    expect(outcome.result).toBe('failed')
    expect(outcome.error).toContain("look for 'prod' in Qualys")
    expect(api.count('create')).toBe(1)
  })

  it('a listing that stops answering during the re-check fails the connector: no blind resend', async () => {
    const api = new FakeApi().failNext('create', { error: ambiguousTimeout(), committed: false })
    const listOnce = api.list.bind(api)
    let lists = 0
    api.list = async () => (++lists === 1 ? listOnce() : undefined)
    const [outcome] = await reconcile([spec()], api, options())
    expect(outcome.result).toBe('failed')
    expect(outcome.error).toContain('the listing stopped answering')
    expect(api.count('create')).toBe(1)
  })

  it('sends at most maxCreateAttempts creates', async () => {
    const api = new FakeApi().failNext('create', ambiguousTimeout())
    const [outcome] = await reconcile([spec()], api, options({ maxCreateAttempts: 1 }))
    expect(outcome.result).toBe('failed')
    expect(api.count('create')).toBe(1)
  })

  it('gives up after three ambiguous creates that never happened', async () => {
    const api = new FakeApi()
    for (let i = 0; i < 3; i++) api.failNext('create', ambiguousTimeout())
    const [outcome] = await reconcile([spec()], api, options())
    expect(outcome.result).toBe('failed')
    expect(outcome.error).toContain('the create kept failing')
    expect(api.count('create')).toBe(3)
  })

  it('a clear refusal is not retried: the name is looked up once, then the refusal stands', async () => {
    const api = new FakeApi().failNext(
      'create',
      new HttpError("Create connector 'prod': 400 tenantName is mandatory", 'rejected', 400)
    )
    const [outcome] = await reconcile([spec()], api, options())
    expect(outcome.result).toBe('failed')
    expect(outcome.error).toContain('tenantName is mandatory')
    expect(api.calls.map(c => c.op)).toEqual(['list', 'create', 'list'])
  })

  it.each([400, 409])(
    "a %i without a reason (Spring's default body) is a taken name when the lookup finds it",
    async status => {
      const api = new FakeApi().failNext('create', {
        error: new HttpError(
          "Create connector 'prod': Qualys rejected the request (400): Bad Request",
          'rejected',
          status
        ),
        committed: true
      })
      const [outcome] = await reconcile([spec()], api, options())
      expect(outcome.result).toBe('exists')
      expect(outcome.connector?.name).toBe('prod')
      expect(api.count('create')).toBe(1)
    }
  )

  it('a 403 on a create is final without a lookup', async () => {
    const api = new FakeApi().failNext('create', new HttpError("Create connector 'prod': 403", 'forbidden', 403))
    const [outcome] = await reconcile([spec()], api, options())
    expect(outcome.result).toBe('failed')
    expect(api.calls.map(c => c.op)).toEqual(['list', 'create'])
  })
})

describe('reconcile: concurrency', () => {
  it('never has more than maxConcurrency calls in flight, and keeps the spec order', async () => {
    const names = ['c0', 'c1', 'c2', 'c3', 'c4', 'c5']
    const api = new FakeApi([stored(spec({ name: 'c1' }), 1, { tenantName: 'Old' })])
    // Early connectors are slow, late ones fast, so completion order differs from spec order.
    api.delay = call => (call.op === 'list' ? 1 : 5 + (names.length - names.indexOf(call.name ?? '')) * 4)
    const outcomes = await reconcile(
      names.map(name => spec({ name })),
      api,
      options({ maxConcurrency: 2 })
    )
    expect(api.maxInFlight).toBe(2)
    expect(outcomes.map(o => o.name)).toEqual(names)
    expect(outcomes.map(o => o.result)).toEqual(['created', 'updated', 'created', 'created', 'created', 'created'])
    // The writes did not finish in spec order (so the order of outcomes is not an accident).
    const finished = api.answered.filter(c => c.op !== 'list').map(c => c.name)
    expect(finished).toHaveLength(names.length)
    expect(finished).not.toEqual(names)
  })

  it('with maxConcurrency 1 runs one at a time', async () => {
    const api = new FakeApi()
    api.delay = 2
    await reconcile(
      ['a', 'b', 'c'].map(name => spec({ name })),
      api,
      options({ maxConcurrency: 1 })
    )
    expect(api.maxInFlight).toBe(1)
    expect(api.writes.map(w => w.name)).toEqual(['a', 'b', 'c'])
  })
})

describe('reconcile: after a write', () => {
  function syncOptions(
    clock: FakeClock,
    failOnError = true,
    timeoutMs = 60_000
  ): ReconcileOptions & { logger: RecordingLogger } {
    return options({
      sync: { timeoutMs, sleep: clock.sleep, now: clock.now, firstPollMs: 1000, maxPollMs: 8000, failOnError }
    })
  }

  it('waits for the first sync to succeed', async () => {
    const api = new FakeApi()
    api.states.set(1000, [{ state: 'QUEUED' }, { state: 'RUNNING' }, { state: 'SUCCESS' }])
    const clock = new FakeClock()
    const [outcome] = await reconcile([spec()], api, syncOptions(clock))
    expect(outcome.result).toBe('created')
    expect(outcome.connector?.state).toBe('SUCCESS')
    expect(outcome.warnings).toEqual([])
    expect(api.calls.map(c => c.op)).toEqual(['list', 'create', 'list', 'get', 'get', 'get'])
    expect(clock.sleeps).toEqual([1000, 2000, 4000])
  })

  it('waits after an update too', async () => {
    const api = new FakeApi([stored(spec(), 7, { tenantName: 'Old' })])
    api.states.set(7, [{ state: 'FINISHED_SUCCESS' }])
    const [outcome] = await reconcile([spec()], api, syncOptions(new FakeClock()))
    expect(outcome.result).toBe('updated')
    expect(outcome.connector?.state).toBe('FINISHED_SUCCESS')
    expect(api.count('get')).toBe(1)
  })

  it('a failed first sync fails the connector with its lastError', async () => {
    const api = new FakeApi()
    api.states.set(1000, [
      { state: 'RUNNING' },
      { state: 'FINISHED_ERRORS', lastError: 'AADSTS7000215: Invalid client secret provided' }
    ])
    const [outcome] = await reconcile([spec()], api, syncOptions(new FakeClock()))
    expect(outcome.result).toBe('failed')
    expect(outcome.error).toContain('FINISHED_ERRORS')
    expect(outcome.error).toContain('AADSTS7000215: Invalid client secret provided')
    expect(outcome.connector?.lastError).toBe('AADSTS7000215: Invalid client secret provided')
  })

  it('times out (instantly, on a fake clock)', async () => {
    const api = new FakeApi()
    api.states.set(1000, [{ state: 'PENDING' }])
    const clock = new FakeClock()
    const [outcome] = await reconcile([spec()], api, syncOptions(clock, true, 30_000))
    expect(outcome.result).toBe('failed')
    expect(outcome.error).toContain('still PENDING after 30 s')
    expect(clock.time).toBe(30_000) // never sleeps past the deadline
  })

  it('with failOnError false a failed or slow sync is a warning', async () => {
    const api = new FakeApi()
    api.states.set(1000, [{ state: 'ERROR', lastError: 'no access' }])
    api.states.set(1001, [{ state: 'PENDING' }])
    const logger = new RecordingLogger()
    const clock = new FakeClock()
    const outcomes = await reconcile([spec({ name: 'a' }), spec({ name: 'b' })], api, {
      ...syncOptions(clock, false, 10_000),
      logger,
      maxConcurrency: 1
    })
    expect(outcomes.map(o => o.result)).toEqual(['created', 'created'])
    expect(outcomes[0].warnings).toEqual([expect.stringContaining('no access')])
    expect(outcomes[1].warnings).toEqual([expect.stringContaining('still PENDING after 10 s')])
    expect(logger.warnings.filter(w => w.startsWith('a: ') || w.startsWith('b: '))).toHaveLength(2)
  })

  it('a state that is neither a known success nor a failure is a warning, not a failure', async () => {
    const api = new FakeApi()
    api.states.set(1000, [{ state: 'INCOMPLETE' }])
    const [outcome] = await reconcile([spec()], api, syncOptions(new FakeClock()))
    expect(outcome.result).toBe('created')
    expect(outcome.warnings).toEqual([expect.stringContaining('state INCOMPLETE, which the action does not know')])
  })

  it('a failed first sync still counts as written (the create happened)', async () => {
    const api = new FakeApi()
    api.states.set(1000, [{ state: 'ERROR', lastError: 'no access' }])
    const [outcome] = await reconcile([spec()], api, syncOptions(new FakeClock()))
    expect(outcome).toMatchObject({ result: 'failed', written: true })
  })

  it('an error while polling follows fail-on-sync-error: the write stands either way', async () => {
    for (const failOnError of [true, false]) {
      const api = new FakeApi().failNext('get', new HttpError('Read connector 1000: not found (404)', 'not-found', 404))
      const [outcome] = await reconcile([spec()], api, syncOptions(new FakeClock(), failOnError))
      expect(outcome.written).toBe(true)
      expect(outcome.result).toBe(failOnError ? 'failed' : 'created')
      const said = failOnError ? outcome.error : outcome.warnings.join()
      expect(said).toContain('its state could not be read while waiting for the first sync')
      expect(api.count('create')).toBe(1)
    }
  })

  it('does not wait for a connector it only found (unchanged / exists)', async () => {
    const api = new FakeApi([stored(spec(), 7, { state: 'PENDING' })])
    const [outcome] = await reconcile([spec()], api, syncOptions(new FakeClock()))
    expect(outcome.result).toBe('unchanged')
    expect(api.count('get')).toBe(0)
  })

  it('warns when Qualys answers other values than were sent', async () => {
    const api = new FakeApi()
    api.createdState = 'SUCCESS'
    api.rewrite = raw => ({ ...raw, orgRunFrequency: { hours: 72, minutes: 0 }, tenantName: 'Renamed by Qualys' })
    const logger = new RecordingLogger()
    const [outcome] = await reconcile([spec()], api, options({ logger }))
    expect(outcome.result).toBe('created')
    expect(outcome.warnings).toHaveLength(1)
    expect(outcome.warnings[0]).toContain("orgRunFrequency (sent '1 day', got '3 days')")
    expect(outcome.warnings[0]).toContain("tenantName (sent 'Contoso', got 'Renamed by Qualys')")
    expect(logger.warnings).toEqual([`prod: ${outcome.warnings[0]}`])
  })

  it('does not warn when Qualys answers the same values in its own shapes', async () => {
    const api = new FakeApi()
    api.rewrite = raw => ({
      ...raw,
      orgRunFrequency: '1440',
      connectorRunFrequency: undefined,
      tenantId: TENANT.toUpperCase()
    })
    const [outcome] = await reconcile([spec()], api, options())
    expect(outcome.result).toBe('created')
    expect(outcome.warnings).toEqual([])
  })
})

describe('reconcile: what a real listing may hold', () => {
  /** The few fields of Qualys' list-style samples. */
  function thin(connector: Connector): Connector {
    const {
      id,
      name,
      connectorPrefixName,
      orgRunFrequency,
      connectorRunFrequency,
      description,
      disabled,
      deleted,
      raw
    } = connector
    return serverConnector({
      ...raw,
      id,
      name,
      connectorPrefixName,
      runFrequency: String(orgRunFrequency),
      connectorRunFrequency: String(connectorRunFrequency),
      description,
      isDisabled: disabled ?? false,
      isDeleted: deleted ?? false,
      tenantName: undefined,
      tenantId: undefined,
      applicationId: undefined,
      connectorAppInfos: undefined,
      includedMem: undefined,
      excludedMem: undefined
    })
  }

  it('reads a thinly listed connector in full before comparing it, and finds the drift the listing hides', async () => {
    const full = stored(spec(), 7, { includedMem: ['Old'] })
    const api = new FakeApi([full])
    api.list = () => Promise.resolve([thin(full)])
    const [outcome] = await reconcile([spec({ includedMem: ['New'] })], api, options({ mode: 'plan' }))
    expect(outcome.changes.map(c => [c.field, c.from, c.to])).toEqual([['includedMem', 'Old', 'New']])
    expect(api.calls.map(c => [c.op, c.id])).toEqual([['get', 7]])
  })

  it('leaves out, and warns about, a field known to neither the spec nor Qualys', async () => {
    const full = stored(spec(), 7, {
      tenantName: 'Old',
      autoActivateVM: undefined,
      isCreateConnectorForNewSubscriptionsAutomatically: undefined
    })
    const api = new FakeApi([full])
    for (const mode of ['plan', 'apply'] as const) {
      const [outcome] = await reconcile([spec()], api, options({ mode }))
      expect(outcome.result).toBe(mode === 'plan' ? 'would-update' : 'updated')
      expect(outcome.warnings).toEqual([
        expect.stringContaining(
          'did not return isCreateConnectorForNewSubscriptionsAutomatically, autoActivateVM and the spec does not set them'
        )
      ])
    }
    const [write] = api.writes
    expect(write.body).not.toHaveProperty('autoActivateVM')
    expect(write.body).not.toHaveProperty('isCreateConnectorForNewSubscriptionsAutomatically')
    expect(write.body).toMatchObject({ tenantName: 'Contoso', autoActivatePC: false })
  })

  it('a soft-deleted connector of the same name is not the connector: a new one is created, the deleted one untouched', async () => {
    const gone = stored(spec(), 7, { deleted: true })
    const api = new FakeApi([gone])
    const [outcome] = await reconcile([spec()], api, options())
    expect(outcome.result).toBe('created')
    expect(api.writes.map(w => w.op)).toEqual(['create'])
  })

  it('refuses to adopt a soft-deleted connector by id', async () => {
    const api = new FakeApi([stored(spec(), 7, { isDeleted: true })])
    const [outcome] = await reconcile([spec({ id: 7 })], api, options())
    expect(outcome.result).toBe('failed')
    expect(outcome.error).toContain('is deleted in Qualys')
    expect(api.writes).toEqual([])
  })

  it('keeps updating a disabled connector and does not wait for a sync that will not come', async () => {
    const api = new FakeApi([stored(spec(), 7, { isDisabled: true, tenantName: 'Old' })])
    api.rewrite = raw => ({ ...raw, disabled: true })
    const clock = new FakeClock()
    const [outcome] = await reconcile(
      [spec()],
      api,
      options({ sync: { timeoutMs: 60_000, failOnError: true, sleep: clock.sleep, now: clock.now } })
    )
    expect(outcome.result).toBe('updated')
    expect(outcome.connector?.disabled).toBe(true)
    expect(api.count('get')).toBe(0)
  })
})

describe('reconcile: deleted connectors that still matter', () => {
  it('a name refused because a deleted connector holds it fails and says so, instead of "exists"', async () => {
    const api = new FakeApi([stored(spec(), 7, { deleted: true })])
    api.failNext('create', duplicateName('prod'))
    const [outcome] = await reconcile([spec()], api, options())
    expect(outcome.result).toBe('failed')
    expect(outcome.error).toContain('the deleted connector 7 still holds it')
  })

  it('a connector deleted between the listing and its full read is never written', async () => {
    const live = stored(spec(), 7, { tenantName: 'Old', autoActivateVM: undefined })
    const api = new FakeApi([live])
    api.get = () => Promise.resolve({ ...live, deleted: true })
    const [outcome] = await reconcile([spec()], api, options())
    expect(outcome.result).toBe('failed')
    expect(outcome.error).toContain('is deleted in Qualys')
    expect(api.writes).toEqual([])
  })
})
