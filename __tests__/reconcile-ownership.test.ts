/** Issue 16, "ownership that survives": the marker is written whatever prune is, and never shown as a change. */
import { beforeAll, describe, expect, it } from '@jest/globals'
import { createBody } from '../src/qualys/body.js'
import type { Connector } from '../src/qualys/connector.js'
import { markerLine } from '../src/reconcile/prune.js'
import { fingerprintLine, secretFingerprint } from '../src/reconcile/secret-fingerprint.js'
import { reconcile, type ReconcileOptions } from '../src/reconcile/reconcile-run.js'
import { planText } from '../src/report/log-lines.js'
import { buildOutputs } from '../src/report/outputs.js'
import type { ConnectorSpec } from '../src/connector-spec/model.js'
import { FakeApi, RecordingLogger, SERVER_DEFAULTS, serverConnector } from '../test-support/fake-api.js'

const TENANT = '0f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f9'
const APP = '11111111-2222-4333-8444-555555555555'
// Another tenant's connectors: a same-tenant one would be taken for a rename of the spec's entry.
const OTHER_TENANT = { tenantId: '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d', tenantName: 'Fabrikam' }
const OWNER = 'acme/infra:qualys/connectors.yaml'
const MARKER = markerLine(OWNER)

function spec(name: string, over: Partial<ConnectorSpec> = {}): ConnectorSpec {
  return {
    name,
    tenantId: TENANT,
    tenantName: 'Contoso',
    applicationId: APP,
    secretValue: 'sup3r-s3cret',
    connectorAppInfos: [{ name: 'AI', tagId: null }],
    orgRunFrequency: 1440,
    connectorRunFrequency: 1440,
    connectorPrefixName: name.slice(0, 10),
    ...over
  }
}

function stored(s: ConnectorSpec, id: number, raw: Record<string, unknown> = {}): Connector {
  return serverConnector({
    ...SERVER_DEFAULTS,
    ...createBody(s),
    id,
    uuid: `uuid-${id}`,
    state: 'SUCCESS',
    lastError: null,
    disabled: false,
    ...raw
  })
}

function options(over: Partial<ReconcileOptions> = {}): ReconcileOptions {
  return {
    mode: 'apply',
    onExisting: 'update',
    forceUpdate: false,
    maxConcurrency: 2,
    marker: MARKER,
    logger: new RecordingLogger(),
    ...over
  }
}

const PLAN: Partial<ReconcileOptions> = { mode: 'plan' }
/** The fingerprint line of the specs' secret, which every write that sends it records before the marker. */
let FP = ''
beforeAll(async () => {
  FP = fingerprintLine(await secretFingerprint('sup3r-s3cret', { tenantId: TENANT, applicationId: APP }))
})
const PRUNE: Partial<ReconcileOptions> = { prune: { max: 3 } }

function sentDescriptions(api: FakeApi): unknown[] {
  return api.calls.filter(c => c.op === 'create' || c.op === 'update').map(c => c.body?.description)
}

describe('the marker without prune', () => {
  it('is written on a create and on an update that happens anyway', async () => {
    const api = new FakeApi([stored(spec('old', { description: 'Production' }), 1)])
    await reconcile([spec('new', { description: 'Staging' }), spec('old', { orgRunFrequency: 2880 })], api, options())
    expect(sentDescriptions(api).sort()).toEqual([`Production\n${FP}\n${MARKER}`, `Staging\n${FP}\n${MARKER}`])
  })

  it('is never a change in a plan: the create shows the spec, the update only what the spec changes', async () => {
    const api = new FakeApi([stored(spec('old', { description: `Production\n${MARKER}` }), 1)])
    const { outcomes } = await reconcile(
      [spec('new', { description: 'Staging' }), spec('old', { description: 'Live' })],
      api,
      options(PLAN)
    )
    const descriptions = outcomes.flatMap(o => o.changes.filter(c => c.field === 'description'))
    expect(descriptions).toEqual([
      { field: 'description', from: '', to: 'Staging' },
      { field: 'description', from: 'Production', to: 'Live' }
    ])
  })

  it('a later plan of what it wrote is unchanged; an unmarked connector is not updated for the marker alone', async () => {
    const api = new FakeApi([stored(spec('hand-made', { description: 'By hand' }), 7)])
    const specs = [spec('a', { description: 'Staging' }), spec('hand-made', { description: 'By hand' })]
    await reconcile(specs, api, options())
    const later = await reconcile(specs, api, options(PLAN))
    expect(later.outcomes.map(o => [o.name, o.result, o.changes])).toEqual([
      ['a', 'unchanged', []],
      ['hand-made', 'unchanged', []]
    ])
  })

  it('lists nothing outside the spec: without prune the spec claims no estate', async () => {
    // Another tenant: one of the same tenant and scope would make 'a' a refused rename instead.
    const api = new FakeApi([stored(spec('by-hand', OTHER_TENANT), 5)])
    const { outcomes } = await reconcile([spec('a')], api, options(PLAN))
    expect(outcomes.map(o => [o.name, o.result])).toEqual([['a', 'would-create']])
  })

  it('is not written for inline inputs without owner, and a notice says so', async () => {
    const logger = new RecordingLogger()
    const api = new FakeApi()
    await reconcile([spec('a', { description: 'Staging' })], api, options({ marker: undefined, logger }))
    // The fingerprint line is then the last line.
    expect(sentDescriptions(api)).toEqual([`Staging\n${FP}`])
    expect(logger.infos.filter(i => i.includes("without a 'managed-by:' marker"))).toHaveLength(1)
  })
})

describe('enabling prune later', () => {
  it('retires a connector that an earlier run without prune created', async () => {
    const api = new FakeApi()
    await reconcile([spec('a'), spec('b')], api, options())
    const { outcomes } = await reconcile([spec('a')], api, options(PRUNE))
    expect(outcomes.map(o => [o.name, o.result])).toEqual([
      ['a', 'unchanged'],
      ['b', 'disabled']
    ])
  })
})

describe('connectors outside the spec without a marker', () => {
  it('are listed with prune as left alone, with what to do, and never written', async () => {
    const api = new FakeApi([
      stored(spec('by-hand', { ...OTHER_TENANT, description: 'Made in the UI' }), 5),
      stored(spec('theirs', { ...OTHER_TENANT, description: 'managed-by: acme/other' }), 6),
      stored(spec('off', OTHER_TENANT), 8, { disabled: true })
    ])
    const { outcomes } = await reconcile([spec('a')], api, options({ ...PLAN, ...PRUNE }))
    const leftAlone = outcomes.filter(o => o.result === 'not-managed')
    expect(leftAlone.map(o => [o.name, o.connector?.id, o.action])).toEqual([['by-hand', 5, 'none']])
    expect(leftAlone[0].warnings[0]).toContain('add it to the spec (with id: 5)')
    expect(leftAlone[0].warnings[0]).toContain(`add '${MARKER}' as the last line of its description`)
    expect(planText(outcomes, 'plan')).toContain('= by-hand: left alone: not managed (id 5')
    expect(buildOutputs(outcomes).result).toBe('would-create')
    expect(api.calls.map(c => c.op)).toEqual(['list'])
  })

  it('are listed in an apply too, and left as they are', async () => {
    const api = new FakeApi([stored(spec('by-hand', OTHER_TENANT), 5)])
    const { outcomes } = await reconcile([spec('a')], api, options(PRUNE))
    expect(outcomes.map(o => [o.name, o.result])).toEqual([
      ['a', 'created'],
      ['by-hand', 'not-managed']
    ])
    expect(api.calls.filter(c => c.op !== 'list' && c.op !== 'get').map(c => c.name)).toEqual(['a'])
  })
})

describe("another owner's marker", () => {
  it('fails the entry with the owner: value that would claim it, with or without prune', async () => {
    for (const over of [{}, PRUNE]) {
      const api = new FakeApi([stored(spec('a', { description: 'x\nmanaged-by: acme/infra:old/path.yaml' }), 1)])
      const { outcomes } = await reconcile([spec('a', { orgRunFrequency: 2880 })], api, options(over))
      expect(outcomes[0].result).toBe('failed')
      expect(outcomes[0].error).toContain('set owner: acme/infra:old/path.yaml (and remove it from the other spec)')
      expect(sentDescriptions(api)).toEqual([])
    }
  })

  it('is never dropped by a step without an owner: that step is refused too', async () => {
    const api = new FakeApi([stored(spec('a', { description: 'managed-by: acme/infra' }), 1)])
    const { outcomes } = await reconcile([spec('a', { description: 'New' })], api, options({ marker: undefined }))
    expect(outcomes[0].error).toContain('set owner: acme/infra')
    expect(sentDescriptions(api)).toEqual([])
  })
})
