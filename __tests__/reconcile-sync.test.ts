/** The wait for a connector's first sync after a write, on a test clock: how it polls, and what each end means. */
import { describe, expect, it } from '@jest/globals'
import type { ConnectorApi } from '../src/qualys/client.js'
import type { Connector } from '../src/qualys/connector.js'
import { waitForSync, type SyncWait } from '../src/reconcile/sync.js'
import { FakeClock } from '../test-support/fake-api.js'
import { spec, stored } from '../test-support/builders.js'

/** The connector as a write answered it, in `state` (undefined: an answer with no state at all). */
function written(state: string | undefined, raw: Record<string, unknown> = {}): Connector {
  return stored(spec(), 7, { state, ...raw })
}

/** An API whose reads answer these connectors in turn, the last one again once they run out. */
function reads(...answers: Connector[]): ConnectorApi & { gets: number[] } {
  const gets: number[] = []
  const api = {
    gets,
    get: (id: number): Promise<Connector> => {
      gets.push(id)
      return Promise.resolve(answers[Math.min(gets.length, answers.length) - 1])
    }
  }
  return api as unknown as ConnectorApi & { gets: number[] }
}

function wait(clock: FakeClock, over: Partial<SyncWait> = {}): SyncWait {
  return { timeoutMs: 60_000, sleep: clock.sleep, now: clock.now, firstPollMs: 1000, maxPollMs: 4000, ...over }
}

describe('waitForSync', () => {
  it('polls with a delay that doubles up to maxPollMs, and ends on a successful state', async () => {
    const clock = new FakeClock()
    const api = reads(written('QUEUED'), written('RUNNING'), written('RUNNING'), written('FINISHED_SUCCESS'))
    const result = await waitForSync(api, written('PENDING'), wait(clock))
    expect(result.outcome).toBe('success')
    expect(result.connector.state).toBe('FINISHED_SUCCESS')
    expect(clock.sleeps).toEqual([1000, 2000, 4000, 4000])
    expect(api.gets).toEqual([7, 7, 7, 7])
  })

  it('does not poll a write that is already done', async () => {
    const clock = new FakeClock()
    const api = reads()
    expect((await waitForSync(api, written('SUCCESS'), wait(clock))).outcome).toBe('success')
    expect(api.gets).toEqual([])
    expect(clock.sleeps).toEqual([])
  })

  it("a failed state ends it with Qualys' message, or the state's name when there is none", async () => {
    const clock = new FakeClock()
    const withMessage = await waitForSync(
      reads(written('ERROR', { lastError: 'AADSTS7000215: invalid client secret' })),
      written('RUNNING'),
      wait(clock)
    )
    expect(withMessage).toMatchObject({ outcome: 'failed', lastError: 'AADSTS7000215: invalid client secret' })
    const bare = await waitForSync(reads(written('FINISHED_ERRORS')), written('RUNNING'), wait(clock))
    expect(bare).toMatchObject({ outcome: 'failed', lastError: 'state FINISHED_ERRORS without a message' })
  })

  it('a state that is neither success nor failure is unknown, not a success', async () => {
    const clock = new FakeClock()
    const result = await waitForSync(reads(written('INCOMPLETE')), written('RUNNING'), wait(clock))
    expect(result.outcome).toBe('unknown')
  })

  it('never sleeps past the deadline, and says how long it waited', async () => {
    const clock = new FakeClock()
    const api = reads(written('RUNNING'))
    const result = await waitForSync(api, written('RUNNING'), wait(clock, { timeoutMs: 10_000 }))
    expect(result).toMatchObject({ outcome: 'timeout', waitedMs: 10_000 })
    expect(clock.sleeps).toEqual([1000, 2000, 4000, 3000])
    expect(clock.time).toBe(10_000)
  })

  it('reads a write answered without a state once; still none is no-state, never a wait to the deadline', async () => {
    const clock = new FakeClock()
    const api = reads(written(undefined))
    const result = await waitForSync(api, written(undefined), wait(clock))
    expect(result.outcome).toBe('no-state')
    expect(api.gets).toEqual([7])
    expect(clock.sleeps).toEqual([1000])
  })

  it('a write answered without a state that then shows one is waited on as usual', async () => {
    const clock = new FakeClock()
    const api = reads(written('RUNNING'), written('SUCCESS'))
    expect((await waitForSync(api, written(undefined), wait(clock))).outcome).toBe('success')
    expect(clock.sleeps).toEqual([1000, 2000])
  })
})
