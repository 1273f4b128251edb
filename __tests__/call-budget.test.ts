/** Issue 17: the run's wait allowance, the words of a wait, the call estimate, progress lines, and the transport's window waits. */
import { afterEach, describe, expect, it } from '@jest/globals'
import { humanDuration, utcClock, WaitAllowance } from '../src/http/budget.js'
import { BudgetSpentError } from '../src/http/errors.js'
import { estimateCalls, estimateLine, totalCalls } from '../src/reconcile/call-estimate.js'
import { Inventory } from '../src/reconcile/inventory.js'
import type { Outcome } from '../src/reconcile/outcome.js'
import { RunProgress } from '../src/reconcile/progress.js'
import { reconcile } from '../src/reconcile/reconcile-run.js'
import { WriteOrder } from '../src/reconcile/write-order.js'
import type { PreflightResult } from '../src/azure/preflight.js'
import type { ConnectorSpec } from '../src/connector-spec/model.js'
import { FakeApi } from '../test-support/fake-api.js'
import { missingFields, type Connector } from '../src/qualys/connector.js'
import { options } from '../test-support/builders.js'
import { body, CapturingLogger, closeAll, creates, failure, rig, spec } from '../test-support/qualys-harness.js'

afterEach(closeAll)

describe('WaitAllowance', () => {
  it('draws waits while they fit, and refuses one that does not without drawing it', () => {
    const allowance = new WaitAllowance(10_000)
    expect(allowance.draw(4000)).toBe(true)
    expect(allowance.draw(7000)).toBe(false)
    expect(allowance.leftMs).toBe(6000)
    expect(allowance.draw(6000)).toBe(true)
    expect(allowance.waitedMs).toBe(10_000)
    expect(new WaitAllowance(0).draw(1)).toBe(false)
    expect(new WaitAllowance(0).draw(0)).toBe(true)
  })
})

describe('the words of a wait', () => {
  it('says a time of day in UTC, with the date when it is not today', () => {
    const now = Date.parse('2026-12-07T10:01:00Z')
    expect(utcClock(Date.parse('2026-12-07T10:42:30Z'), now)).toBe('10:42 UTC')
    expect(utcClock(Date.parse('2026-12-08T00:12:00Z'), now)).toBe('2026-12-08 00:12 UTC')
  })

  it('says a length as a person reads it', () => {
    expect(humanDuration(400)).toBe('1 s')
    expect(humanDuration(12_000)).toBe('12 s')
    expect(humanDuration(41 * 60_000 - 500)).toBe('41 min')
    expect(humanDuration(65 * 60_000)).toBe('1 h 5 min')
    expect(humanDuration(120 * 60_000)).toBe('2 h')
  })
})

describe('estimateCalls', () => {
  /** A connector as a full listing carries it: every field an update sends is there (null where the spec is silent). */
  const listed = (overrides: Partial<Connector>): Connector => {
    const connector = base(overrides)
    for (const field of missingFields(connector)) Object.assign(connector, { [field]: null })
    return connector
  }
  const base = (overrides: Partial<Connector>): Connector =>
    ({
      id: 1,
      name: 'Prod tenant',
      tenantId: spec().tenantId,
      tenantName: 'Contoso',
      applicationId: spec().applicationId,
      connectorAppInfos: [
        { name: 'AI', tagId: null },
        { name: 'CI', tagId: null }
      ],
      orgRunFrequency: 1440,
      connectorRunFrequency: 1440,
      connectorPrefixName: 'prod',
      description: '',
      defaultTagIds: [],
      includedManagementGroups: [],
      excludedManagementGroups: [],
      disabled: false,
      ...overrides
    }) as Connector
  const options = { forceUpdate: false, waitForSync: false, disables: 0 }

  it('counts a create per new connector, an update per changed one, nothing for an unchanged one', () => {
    const inventory = new Inventory([listed({}), listed({ id: 2, name: 'Changed', tenantName: 'Old' })])
    const specs = [spec(), spec({ name: 'Changed' }), spec({ name: 'New 1' }), spec({ name: 'New 2' })]
    const estimate = estimateCalls(specs, inventory, options)
    // The creates add the one listing an apply makes after them, to find a racing run's duplicate.
    expect(estimate).toEqual({ writes: 3, reads: 1, statusCalls: 0, syncPolls: 0 })
    expect(estimateCalls(specs, inventory, { ...options, forceUpdate: true }).writes).toBe(4)
  })

  it('counts the listing after the creates once, a page per 1000 connectors, and none without a create', () => {
    const many = Array.from({ length: 999 }, (_, i) => listed({ id: 10 + i, name: `Listed ${i}` }))
    const inventory = new Inventory(many)
    expect(estimateCalls([spec({ name: 'Listed 0' })], inventory, options).reads).toBe(0)
    expect(estimateCalls([spec({ name: 'New' })], inventory, options).reads).toBe(1)
    expect(estimateCalls([spec({ name: 'New 1' }), spec({ name: 'New 2' })], inventory, options).reads).toBe(2)
  })

  it('counts a read for each connector a thin listing holds, one status call per action, and sync polls per write', () => {
    const thin = { id: 3, name: 'Thin' } as Connector
    const inventory = new Inventory([thin, listed({ id: 4, name: 'Off' })])
    const specs = [spec({ name: 'Thin' }), spec({ name: 'Off', enabled: false }), spec({ name: 'New', enabled: false })]
    const estimate = estimateCalls(specs, inventory, { ...options, waitForSync: true, disables: 2 })
    expect(estimate).toEqual({ writes: 1, reads: 2, statusCalls: 1, syncPolls: 1 })
    expect(totalCalls(estimate)).toBe(5)
  })

  it('counts once each thinly listed connector a create reads to tell a rename, and none an earlier run read', () => {
    const peer = { id: 5, name: 'Old name', connectorPrefixName: 'shared' } as Connector
    const other = { id: 6, name: 'Elsewhere', connectorPrefixName: 'other' } as Connector
    const inventory = new Inventory([peer, other])
    const specs = [
      spec({ name: 'New 1', connectorPrefixName: 'shared' }),
      spec({ name: 'New 2', connectorPrefixName: 'shared' })
    ]
    // One read of the peer, and one page of the listing after the creates (duplicates.ts).
    expect(estimateCalls(specs, inventory, options)).toEqual({ writes: 2, reads: 2, statusCalls: 0, syncPolls: 0 })
    const read = { ...peer, tenantId: 'another tenant' } as Connector
    const readInFull = (id: number): Connector | undefined => (id === 5 ? read : undefined)
    expect(estimateCalls(specs, inventory, { ...options, readInFull }).reads).toBe(1)
  })

  it('says the need beside what Qualys said is left, and what happens when it is more', () => {
    const estimate = { writes: 400, reads: 12, statusCalls: 0, syncPolls: 0 }
    expect(estimateLine(estimate, 'apply', { limit: 300, remaining: 288, windowSec: 3600 })).toBe(
      'This apply needs about 412 calls (400 writes, 12 reads); Qualys has 288 of 300 left in this 3600 s window: more than is left, so the run waits for the window within rate-limit-wait, and defers the rest beyond it'
    )
    expect(estimateLine({ ...estimate, writes: 2, reads: 0 }, 'plan', { limit: 300, remaining: 288 })).toBe(
      'An apply of this plan needs about 2 calls (2 writes); Qualys has 288 of 300 left in this window'
    )
    expect(estimateLine(estimate, 'apply', {})).toMatch(/Qualys did not say how many calls are left/)
  })
})

describe('RunProgress', () => {
  const outcome = (result: Outcome['result']): Outcome => ({
    name: 'x',
    result,
    action: 'none',
    changes: [],
    warnings: []
  })

  it('an apply of many connectors says each tenth of the way, by result', () => {
    const logger = new CapturingLogger()
    const progress = new RunProgress('apply', logger, () => 0)
    progress.start(40)
    for (let i = 0; i < 40; i++) progress.finished(outcome(i % 4 === 0 ? 'unchanged' : 'created'))
    const lines = logger.lines.filter(line => line.message.startsWith('Progress:')).map(line => line.message)
    expect(lines).toHaveLength(9)
    expect(lines[0]).toBe('Progress: applied 4 of 40 connectors (1 unchanged, 3 created)')
    expect(progress.describe()).toBe('applied 40 of 40 connectors (10 unchanged, 30 created)')
  })

  it('a plan, or a small run, says nothing unless 30 s passed', () => {
    let now = 0
    const logger = new CapturingLogger()
    const plan = new RunProgress('plan', logger, () => now)
    plan.start(100)
    for (let i = 0; i < 50; i++) plan.finished(outcome('would-create'))
    expect(logger.lines).toEqual([])
    now = 30_000
    plan.finished(outcome('would-create'))
    expect(logger.lines.map(line => line.message)).toEqual(['Progress: planned 51 of 100 connectors (51 would-create)'])
    const small = new RunProgress('apply', logger, () => now)
    small.start(36)
    for (let i = 0; i < 35; i++) small.finished(outcome('created'))
    expect(logger.lines).toHaveLength(1)
    expect(new RunProgress('apply', logger).describe()).toBeUndefined()
  })
})

describe("the transport and Qualys' window", () => {
  it('a window wait within rate-limit-wait is said once, with the progress, and is no failed attempt', async () => {
    const { gateway, client, logger } = await rig(
      { rateLimit: { limit: 2, windowSec: 0.3 } },
      { rateLimitWaitMs: 60_000, maxAttempts: 1, describeProgress: () => 'applied 2 of 5 connectors' }
    )
    // Two at a time: the second of a pair meets the window its partner just used up, as a 429.
    await Promise.all(Array.from({ length: 6 }, (_, i) => client.create(`C${i}`, body({ name: `C${i}` }))))
    expect(gateway.connectors()).toHaveLength(6)
    expect(creates(gateway.requests).filter(r => r.status === 429).length).toBeGreaterThan(0)
    const waits = logger.lines.filter(line =>
      line.message.startsWith("Qualys' API budget is used up (2 calls per 0.3 s)")
    )
    expect(waits.length).toBeGreaterThanOrEqual(1)
    expect(waits[0].message).toMatch(/it is back at \d\d:\d\d UTC: waiting 1 s \(applied 2 of 5 connectors\)$/)
  })

  it('a window wait beyond rate-limit-wait stops every further call: nothing more is sent', async () => {
    const { gateway, client } = await rig({ rateLimit: { limit: 2, windowSec: 3600 } }, { rateLimitWaitMs: 1000 })
    await client.create('A', body({ name: 'A' }))
    await client.create('B', body({ name: 'B' }))
    const error = await failure(client.create('C', body({ name: 'C' })))
    expect(error).toBeInstanceOf(BudgetSpentError)
    expect(error.message).toMatch(
      /^Qualys' API budget is used up until \d\d:\d\d UTC \(2 calls per 3600 s\): waiting 1 h is more than rate-limit-wait \(1 s\) allows$/
    )
    expect(client.budgetSpent()).toBe(error)
    const sent = gateway.requests.length
    expect(await failure(client.create('D', body({ name: 'D' })))).toBe(error)
    expect(gateway.requests).toHaveLength(sent)
    expect(gateway.connectors().map(c => c.name)).toEqual(['A', 'B'])
  })
})

describe("writes in the spec's order", () => {
  it('WriteOrder gives each connector its turn once every earlier one has passed, whatever order they pass in', async () => {
    const order = new WriteOrder()
    const turns: number[] = []
    const waits = [3, 1, 2].map(index => order.turn(index).then(() => turns.push(index)))
    await order.turn(0)
    order.pass(2) // a later one done first (it sent no write) does not let 1 go before 0
    await tickTwice()
    expect(turns).toEqual([])
    order.pass(0)
    await tickTwice()
    expect(turns).toEqual([1])
    order.pass(1)
    order.pass(1) // said again: nothing more
    await Promise.all(waits)
    expect(turns.sort()).toEqual([1, 2, 3])
  })

  it('a connector that gets ready to write sooner waits for the earlier ones: creates go out in the spec order', async () => {
    const api = new FakeApi()
    // The first connector's preflight answers only once the second's has, and the second has had many turns
    // of the event loop to write: without the turns it would be created first. No timers.
    let releaseFirst = (): void => undefined
    const firstHeld = new Promise<void>(resolve => (releaseFirst = resolve))
    const preflight = {
      check: async (s: ConnectorSpec): Promise<PreflightResult> => {
        if (s.name === 'c0') await firstHeld
        else if (s.name === 'c1') void manyTicks().then(releaseFirst)
        return { warnings: [], subscriptions: 1 }
      }
    }
    const specs = ['c0', 'c1', 'c2', 'c3'].map(name => spec({ name, connectorPrefixName: name }))
    const { outcomes } = await reconcile(specs, api, options({ maxConcurrency: 2, preflight }))
    expect(outcomes.map(o => o.result)).toEqual(['created', 'created', 'created', 'created'])
    expect(api.calls.filter(call => call.op === 'create').map(call => call.name)).toEqual(['c0', 'c1', 'c2', 'c3'])
  })
})

const manyTicks = async (): Promise<void> => {
  for (let i = 0; i < 20; i++) await new Promise(resolve => setImmediate(resolve))
}

const tickTwice = async (): Promise<void> => {
  await new Promise(resolve => setImmediate(resolve))
  await new Promise(resolve => setImmediate(resolve))
}
