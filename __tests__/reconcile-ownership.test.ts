/** Issue 16, "ownership that survives": the marker is written whatever prune is, and never shown as a change. */
import { beforeAll, describe, expect, it } from '@jest/globals'
import { markerLine } from '../src/reconcile/prune.js'
import { fingerprintLine, secretFingerprint } from '../src/reconcile/secret-fingerprint.js'
import { reconcile, type ReconcileOptions } from '../src/reconcile/reconcile-run.js'
import { planText } from '../src/report/log-lines.js'
import { buildOutputs } from '../src/report/outputs.js'
import { FakeApi, RecordingLogger } from '../test-support/fake-api.js'
import { APP, SECRET, TENANT, namedSpec, options, stored } from '../test-support/builders.js'

// Another tenant's connectors: a same-tenant one would be taken for a rename of the spec's entry.
const OTHER_TENANT = { tenantId: '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d', tenantName: 'Fabrikam' }
const OWNER = 'acme/infra:qualys/connectors.yaml'
const MARKER = markerLine(OWNER)

/** An apply whose writes carry this owner's marker. */
function markedOptions(over: Partial<ReconcileOptions> = {}) {
  return options({ marker: MARKER, ...over })
}

const PLAN: Partial<ReconcileOptions> = { mode: 'plan' }
/** The fingerprint line of the specs' secret, which every write that sends it records before the marker. */
let FP = ''
beforeAll(async () => {
  FP = fingerprintLine(await secretFingerprint(SECRET, { tenantId: TENANT, applicationId: APP }))
})
const PRUNE: Partial<ReconcileOptions> = { prune: { max: 3 } }

function sentDescriptions(api: FakeApi): unknown[] {
  return api.calls.filter(c => c.op === 'create' || c.op === 'update').map(c => c.body?.description)
}

describe('the marker without prune', () => {
  it('is written on a create and on an update that happens anyway', async () => {
    const api = new FakeApi([stored(namedSpec('old', { description: 'Production' }), 1)])
    await reconcile(
      [namedSpec('new', { description: 'Staging' }), namedSpec('old', { orgRunFrequency: 2880 })],
      api,
      markedOptions()
    )
    expect(sentDescriptions(api).sort()).toEqual([`Production\n${FP}\n${MARKER}`, `Staging\n${FP}\n${MARKER}`])
  })

  it('is never a change in a plan: the create shows the spec, the update only what the spec changes', async () => {
    const api = new FakeApi([stored(namedSpec('old', { description: `Production\n${MARKER}` }), 1)])
    const { outcomes } = await reconcile(
      [namedSpec('new', { description: 'Staging' }), namedSpec('old', { description: 'Live' })],
      api,
      markedOptions(PLAN)
    )
    const descriptions = outcomes.flatMap(o => o.changes.filter(c => c.field === 'description'))
    expect(descriptions).toEqual([
      { field: 'description', from: '', to: 'Staging' },
      { field: 'description', from: 'Production', to: 'Live' }
    ])
  })

  it('a later plan of what it wrote is unchanged; an unmarked connector is not updated for the marker alone', async () => {
    const api = new FakeApi([stored(namedSpec('hand-made', { description: 'By hand' }), 7)])
    const specs = [namedSpec('a', { description: 'Staging' }), namedSpec('hand-made', { description: 'By hand' })]
    await reconcile(specs, api, markedOptions())
    const later = await reconcile(specs, api, markedOptions(PLAN))
    expect(later.outcomes.map(o => [o.name, o.result, o.changes])).toEqual([
      ['a', 'unchanged', []],
      ['hand-made', 'unchanged', []]
    ])
  })

  it('lists nothing outside the spec: without prune the spec claims no estate', async () => {
    // Another tenant: one of the same tenant and scope would make 'a' a refused rename instead.
    const api = new FakeApi([stored(namedSpec('by-hand', OTHER_TENANT), 5)])
    const { outcomes } = await reconcile([namedSpec('a')], api, markedOptions(PLAN))
    expect(outcomes.map(o => [o.name, o.result])).toEqual([['a', 'would-create']])
  })

  it('is not written for inline inputs without owner, and a notice says so', async () => {
    const logger = new RecordingLogger()
    const api = new FakeApi()
    await reconcile([namedSpec('a', { description: 'Staging' })], api, markedOptions({ marker: undefined, logger }))
    // The fingerprint line is then the last line.
    expect(sentDescriptions(api)).toEqual([`Staging\n${FP}`])
    expect(logger.infos.filter(i => i.includes("without a 'managed-by:' marker"))).toHaveLength(1)
  })
})

describe('enabling prune later', () => {
  it('retires a connector that an earlier run without prune created', async () => {
    const api = new FakeApi()
    await reconcile([namedSpec('a'), namedSpec('b')], api, markedOptions())
    const { outcomes } = await reconcile([namedSpec('a')], api, markedOptions(PRUNE))
    expect(outcomes.map(o => [o.name, o.result])).toEqual([
      ['a', 'unchanged'],
      ['b', 'disabled']
    ])
  })
})

describe('connectors outside the spec without a marker', () => {
  it('are listed with prune as left alone, with what to do, and never written', async () => {
    const api = new FakeApi([
      stored(namedSpec('by-hand', { ...OTHER_TENANT, description: 'Made in the UI' }), 5),
      stored(namedSpec('theirs', { ...OTHER_TENANT, description: 'managed-by: acme/other' }), 6),
      stored(namedSpec('off', OTHER_TENANT), 8, { disabled: true })
    ])
    const { outcomes } = await reconcile([namedSpec('a')], api, markedOptions({ ...PLAN, ...PRUNE }))
    const leftAlone = outcomes.filter(o => o.result === 'not-managed')
    expect(leftAlone.map(o => [o.name, o.connector?.id, o.action])).toEqual([['by-hand', 5, 'none']])
    expect(leftAlone[0].warnings[0]).toContain('add it to the spec (with id: 5)')
    expect(leftAlone[0].warnings[0]).toContain(`add '${MARKER}' as the last line of its description`)
    expect(planText(outcomes, 'plan')).toContain('= by-hand: left alone: not managed (id 5')
    expect(buildOutputs(outcomes).result).toBe('would-create')
    expect(api.calls.map(c => c.op)).toEqual(['list'])
  })

  it('are listed in an apply too, and left as they are', async () => {
    const api = new FakeApi([stored(namedSpec('by-hand', OTHER_TENANT), 5)])
    const { outcomes } = await reconcile([namedSpec('a')], api, markedOptions(PRUNE))
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
      const api = new FakeApi([stored(namedSpec('a', { description: 'x\nmanaged-by: acme/infra:old/path.yaml' }), 1)])
      const { outcomes } = await reconcile([namedSpec('a', { orgRunFrequency: 2880 })], api, markedOptions(over))
      expect(outcomes[0].result).toBe('failed')
      expect(outcomes[0].error).toContain('set owner: acme/infra:old/path.yaml (and remove it from the other spec)')
      expect(sentDescriptions(api)).toEqual([])
    }
  })

  it('is never dropped by a step without an owner: that step is refused too', async () => {
    const api = new FakeApi([stored(namedSpec('a', { description: 'managed-by: acme/infra' }), 1)])
    const { outcomes } = await reconcile(
      [namedSpec('a', { description: 'New' })],
      api,
      markedOptions({ marker: undefined })
    )
    expect(outcomes[0].error).toContain('set owner: acme/infra')
    expect(sentDescriptions(api)).toEqual([])
  })
})
