/** Issue 26 item 4: the re-plan before an apply and the apply share one read of Qualys. */
import { describe, expect, it } from '@jest/globals'
import type { Connector } from '../src/qualys/connector.js'
import { QualysRead } from '../src/reconcile/qualys-read.js'
import { reconcile } from '../src/reconcile/reconcile-run.js'
import { FakeApi, qualysError, serverConnector } from '../test-support/fake-api.js'
import { namedSpec, options, stored } from '../test-support/builders.js'

/** A connector as a list-style listing carries it: no tenant, application or apps, so it is read in full. */
function thin(connector: Connector): Connector {
  const { id, name, connectorPrefixName, description, disabled } = connector
  return serverConnector({ id, name, connectorPrefixName, description, isDisabled: disabled ?? false })
}

describe('QualysRead', () => {
  it('lists once for every caller, and asks again after a failed listing', async () => {
    const api = new FakeApi([stored(namedSpec('Contoso'), 7)])
    api.failNext('list', qualysError('List tenant connectors: 503', 'server', 503))
    const read = new QualysRead(api)
    await expect(read.list()).rejects.toThrow('503')
    const [first, second] = await Promise.all([read.list(), read.list()])
    expect(first).toBe(second)
    expect(first?.map(c => c.id)).toEqual([7])
    expect(api.count('list')).toBe(2)
  })

  it('reads each connector in full once, says which are read, and asks again after a failed read', async () => {
    const contoso = stored(namedSpec('Contoso'), 7)
    const api = new FakeApi([contoso])
    api.failNext('get', qualysError('Read connector 7: 503', 'server', 503))
    const read = new QualysRead(api)
    await expect(read.complete(thin(contoso))).rejects.toThrow('503')
    expect(read.readInFull(7)).toBeUndefined()
    const full = await read.complete(thin(contoso))
    expect(full.tenantId).toBe(contoso.tenantId)
    expect(await read.get(7)).toBe(full)
    expect(read.readInFull(7)).toBe(full)
    expect(api.calls.map(c => [c.op, c.id])).toEqual([
      ['get', 7],
      ['get', 7]
    ])
  })
})

describe('reconcile with the read of an earlier run', () => {
  const unchanged = namedSpec('Unchanged')
  const changed = namedSpec('Changed')
  const specs = [unchanged, { ...changed, tenantName: 'New name' }, namedSpec('New')]
  const existing = (): Connector[] => [stored(unchanged, 7), stored(changed, 8)]

  /** A listing of thin connectors: every one an entry names is read in full before it is compared. */
  function thinlyListed(): FakeApi {
    const api = new FakeApi(existing())
    api.list = () => {
      api.calls.push({ op: 'list' })
      return Promise.resolve(api.connectors.map(thin))
    }
    return api
  }

  it('the apply after a plan lists nothing and reads nothing again, and writes what it writes alone', async () => {
    const alone = thinlyListed()
    const aloneRun = await reconcile(specs, alone, options())
    const shared = thinlyListed()
    const read = new QualysRead(shared)
    const plan = await reconcile(specs, shared, options({ mode: 'plan', read }))
    const readsOfThePlan = shared.calls.length
    const apply = await reconcile(specs, shared, options({ read }))

    expect(plan.outcomes.map(o => o.result)).toEqual(['unchanged', 'would-update', 'would-create'])
    expect(apply.outcomes.map(o => [o.name, o.result])).toEqual(aloneRun.outcomes.map(o => [o.name, o.result]))
    expect(shared.calls.slice(0, readsOfThePlan).map(c => [c.op, c.id])).toEqual([
      ['list', undefined],
      ['get', 7],
      ['get', 8]
    ])
    // The apply's own calls are its writes (the same ones, with the same bodies, as an apply on its own
    // sends), then the one listing after its create that finds a racing run's duplicate (duplicates.ts).
    expect(shared.calls.slice(readsOfThePlan)).toEqual([...alone.writes, { op: 'list' }])
    expect(alone.calls.filter(c => c.op === 'list' || c.op === 'get')).toHaveLength(4)
  })

  it("the estimate before the apply's first write counts no read of what the plan read in full", async () => {
    const api = thinlyListed()
    const read = new QualysRead(api)
    const budget = () => ({ limit: 300, remaining: 290 })
    const alone = options({ budget })
    await reconcile(specs, thinlyListed(), alone)
    expect(alone.logger.infos).toContain(
      'This apply needs about 4 calls (1 write, 3 reads); Qualys has 290 of 300 left in this window'
    )
    await reconcile(specs, api, options({ mode: 'plan', read }))
    const after = options({ budget, read })
    await reconcile(specs, api, after)
    expect(after.logger.infos).toContain(
      'This apply needs about 3 calls (2 writes, 1 read); Qualys has 290 of 300 left in this window'
    )
  })
})
