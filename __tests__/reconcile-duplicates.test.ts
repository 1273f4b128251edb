/**
 * Issue 26: applies that race each create the entry. After its creates an apply lists once more, keeps the
 * oldest connector of the name, and retires the duplicate it made itself (renamed and disabled); another
 * run's duplicate is left to that run, and reported.
 */
import { describe, expect, it } from '@jest/globals'
import { MAX_TEXT_LENGTH } from '../src/connector-spec/model.js'
import { duplicateName, findRaces, type CreatedWrite } from '../src/reconcile/duplicates.js'
import type { Outcome } from '../src/reconcile/outcome.js'
import { reconcile as reconcileRun } from '../src/reconcile/reconcile-run.js'
import { options, spec, stored } from '../test-support/builders.js'
import { FakeApi, FakeClock } from '../test-support/fake-api.js'

/** The outcomes per connector. */
async function reconcile(...args: Parameters<typeof reconcileRun>): Promise<Outcome[]> {
  return (await reconcileRun(...args)).outcomes
}

/** A row of this run's create of `id`. */
function createdWrite(id: number, name = 'prod'): CreatedWrite {
  const outcome: Outcome = {
    name,
    result: 'created',
    action: 'create',
    changes: [],
    connector: stored(spec({ name }), id),
    warnings: []
  }
  return { sent: spec({ name }), outcome }
}

/** A FakeApi whose creates are answered as if another run had created `name` just before: its id is older. */
function racedApi(theirs: number[], raw: Record<string, unknown> = {}): FakeApi {
  const api = new FakeApi()
  const create = api.create.bind(api)
  api.create = async (name, body) => {
    for (const id of theirs) api.connectors.push(stored(spec({ name }), id, raw))
    return create(name, body)
  }
  return api
}

describe('duplicateName', () => {
  it('names the duplicate by its own id and the one kept, so two runs retiring duplicates never collide', () => {
    expect(duplicateName('prod', 900002, 900001)).toBe('prod (duplicate 900002 of 900001)')
    expect(duplicateName('prod', 900003, 900001)).not.toBe(duplicateName('prod', 900002, 900001))
  })

  it("cuts the entry's name (by code points, no trailing space) to stay within Qualys' name length", () => {
    const suffix = ' (duplicate 900002 of 900001)'
    // The cut falls just after the space: the space goes too, so no name ends in two spaces before its suffix.
    const long = `${'é'.repeat(MAX_TEXT_LENGTH - suffix.length - 1)} ${'x'.repeat(40)}`
    const renamed = duplicateName(long, 900002, 900001)
    expect(renamed).toBe(`${'é'.repeat(MAX_TEXT_LENGTH - suffix.length - 1)}${suffix}`)
    expect([...duplicateName('x'.repeat(400), 900002, 900001)].length).toBe(MAX_TEXT_LENGTH)
  })
})

describe('findRaces', () => {
  it('keeps the oldest (smallest) id whichever run asks: each run retires only its own duplicate', () => {
    const listing = [900003, 900001, 900002].map(id => stored(spec(), id))
    const verdicts = [900001, 900002, 900003].map(id => findRaces(listing, [createdWrite(id)]))
    for (const [race] of verdicts) expect(race.keeper.id).toBe(900001)
    expect(verdicts.map(([race]) => race.ours.map(write => write.outcome.connector?.id))).toEqual([
      [],
      [900002],
      [900003]
    ])
    expect(verdicts[0][0].theirs.map(c => c.id)).toEqual([900003, 900002])
    expect(verdicts[1][0].theirs.map(c => c.id)).toEqual([900003])
  })

  it('finds no race for a name held once, counts no deleted connector, and counts its own create unlisted yet', () => {
    expect(findRaces([stored(spec(), 900001)], [createdWrite(900001)])).toEqual([])
    expect(findRaces([stored(spec(), 900001, { deleted: true })], [createdWrite(900002)])).toEqual([])
    const [race] = findRaces([stored(spec(), 900001)], [createdWrite(900002)])
    expect(race.keeper.id).toBe(900001)
    expect(race.ours.map(write => write.outcome.connector?.id)).toEqual([900002])
  })

  it('looks only at names this run created, compared as names are (NFC)', () => {
    const listing = [stored(spec({ name: 'Café' }), 1), stored(spec({ name: 'Cafe\u0301' }), 2)]
    expect(findRaces(listing, [createdWrite(5, 'other')])).toEqual([])
    expect(findRaces(listing, [createdWrite(2, 'Cafe\u0301')])[0].keeper.id).toBe(1)
  })
})

describe('reconcile after racing creates', () => {
  it('renames and disables the duplicate this run made, and its row points at the one kept', async () => {
    const api = racedApi([1])
    const run = options()
    const [outcome] = await reconcile([spec({ enabled: false })], api, run)
    const ops = api.calls.map(call => call.op)
    expect(ops).toEqual(['list', 'create', 'list', 'update', 'status'])
    const [, , , update, status] = api.calls
    expect(update).toMatchObject({ id: 1000, name: 'prod (duplicate 1000 of 1)' })
    // The rename is a full update: it sends the secret the create sent.
    expect(update.body).toMatchObject({ name: 'prod (duplicate 1000 of 1)', secretValue: spec().secretValue })
    // One disable, of the duplicate: the entry's own `enabled: false` is the kept connector's run's to send.
    expect(status).toMatchObject({ action: 'DISABLE', ids: [1000] })
    expect(outcome).toMatchObject({ result: 'exists', written: true, connector: { id: 1 } })
    expect(outcome.warnings).toEqual([expect.stringContaining('1000 was disabled and renamed')])
    expect(outcome.warnings[0]).toMatch(/connector 1 named 'prod'.*concurrency: group.*qualys-\$\{\{ github\.ref \}\}/)
    expect(run.logger.warnings).toEqual([`prod: ${outcome.warnings[0]}`])
    expect(api.connectors.find(c => c.id === 1000)).toMatchObject({
      name: 'prod (duplicate 1000 of 1)',
      disabled: true
    })
  })

  it('keeps its own connector when it is the oldest, and reports the racing run’s duplicate without touching it', async () => {
    const api = new FakeApi()
    const create = api.create.bind(api)
    api.create = async (name, body) => {
      const mine = await create(name, body)
      api.connectors.push(stored(spec({ name }), 5000))
      return mine
    }
    const [outcome] = await reconcile([spec()], api, options())
    expect(api.calls.map(call => call.op)).toEqual(['list', 'create', 'list'])
    expect(outcome).toMatchObject({ result: 'created', connector: { id: 1000 } })
    expect(outcome.warnings).toEqual([
      expect.stringMatching(
        /^another run created connector 5000 named 'prod' .*it is left to that run.*the oldest, 1000, is kept/
      )
    ])
  })

  it('lists once after every create, and not at all when nothing was created', async () => {
    const api = new FakeApi([stored(spec({ name: 'there' }), 7)])
    await reconcile([spec({ name: 'a' }), spec({ name: 'b' }), spec({ name: 'there' })], api, options())
    expect(api.count('list')).toBe(2)
    const quiet = new FakeApi([stored(spec(), 7)])
    await reconcile([spec()], quiet, options())
    expect(quiet.calls.map(call => call.op)).toEqual(['list'])
  })

  it('does not wait for the first sync of a duplicate it retired, nor of the one kept (its run does)', async () => {
    // Both still syncing: a wait would poll one of them.
    const api = racedApi([1], { state: 'PENDING' })
    const clock = new FakeClock()
    const sync = { timeoutMs: 60_000, sleep: clock.sleep, now: clock.now, firstPollMs: 1000, maxPollMs: 8000 }
    const [outcome] = await reconcile([spec()], api, options({ sync: { ...sync, failOnError: true } }))
    expect(outcome.result).toBe('exists')
    expect(api.calls.map(call => call.op)).toEqual(['list', 'create', 'list', 'update', 'status'])
    expect(clock.sleeps).toEqual([])
  })

  it('a plan never lists again', async () => {
    const api = racedApi([1])
    const [outcome] = await reconcile([spec()], api, options({ mode: 'plan' }))
    expect(outcome.result).toBe('would-create')
    expect(api.calls.map(call => call.op)).toEqual(['list'])
  })

  it('a rename that fails fails the row, with the duplicate’s id and what to do', async () => {
    const api = racedApi([1]).failNext('update', new Error('503 from the gateway'))
    const [outcome] = await reconcile([spec()], api, options())
    expect(outcome.result).toBe('failed')
    expect(outcome.error).toMatch(
      /renaming 1000 out of the way failed: 503 from the gateway\. Rename or delete connector 1000/
    )
    expect(api.count('status')).toBe(0)
  })

  it('a listing that fails after the creates is a warning: the creates stand', async () => {
    const api = new FakeApi()
    const create = api.create.bind(api)
    api.create = async (name, body) => {
      api.failNext('list', new Error('connection reset'))
      return create(name, body)
    }
    const run = options()
    const [outcome] = await reconcile([spec()], api, run)
    expect(outcome.result).toBe('created')
    expect(run.logger.warnings).toEqual([
      expect.stringMatching(/could not be listed again after the creates.*connection reset/)
    ])
  })
})
