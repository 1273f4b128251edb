import { afterEach, describe, expect, it } from '@jest/globals'
import { cancellableSleep, RateGate } from '../src/http/rate-gate.js'
import { closeAll, lists, rig } from '../test-support/qualys-harness.js'

afterEach(closeAll)

// These gates are never told to pause: a sleep that never ends makes a pause by mistake hang the test
// (and fail it) rather than pass after a real wait.
const neverWakes = (): Promise<void> => new Promise<void>(() => undefined)
const tick = (): Promise<void> => new Promise(resolve => setImmediate(resolve))

describe('RateGate', () => {
  it('lets at most `capacity` holders in, and the next one in when a slot is released', async () => {
    const gate = new RateGate(2, neverWakes)
    const first = await gate.acquire()
    await gate.acquire()
    let thirdIn = false
    const third = gate.acquire().then(release => {
      thirdIn = true
      return release
    })
    await tick()
    expect(thirdIn).toBe(false)
    first()
    first() // releasing twice frees one slot only
    ;(await third)()
    expect(thirdIn).toBe(true)
    let fourthIn = false
    void gate.acquire().then(() => (fourthIn = true))
    await tick()
    expect(fourthIn).toBe(true) // the third's release freed its slot
  })

  it('lets callers in first come, first served: a caller arriving as a slot frees never overtakes a waiting one', async () => {
    const gate = new RateGate(1, neverWakes)
    const release = await gate.acquire()
    const order: string[] = []
    const waiting = gate.acquire().then(next => {
      order.push('waiting')
      return next
    })
    release()
    const late = gate.acquire().then(next => {
      order.push('late')
      return next
    })
    await tick()
    expect(order).toEqual(['waiting'])
    ;(await waiting)()
    ;(await late)()
    expect(order).toEqual(['waiting', 'late'])
  })

  it('closing refuses every waiting caller at once, and clears the pause they were sleeping out', async () => {
    // A sleep that never ends by itself: the callers can only be let go by the closing.
    const signals: (AbortSignal | undefined)[] = []
    const endless = (_ms: number, cancel?: AbortSignal): Promise<void> => {
      signals.push(cancel)
      return new Promise(() => undefined)
    }
    const gate = new RateGate(2, endless)
    gate.pause(3_600_000)
    const reason = new Error('budget spent')
    const callers = [gate.acquire(), gate.acquire(), gate.acquire()].map(p =>
      p.then(
        () => 'let in',
        (e: Error) => e
      )
    )
    await tick()
    expect(signals).toHaveLength(1) // one sleep for the pause, not one per caller
    gate.close(reason)
    expect(await Promise.all(callers)).toEqual([reason, reason, reason])
    // The pause's timer is cleared: it does not keep the process alive for the hour.
    expect(signals[0]?.aborted).toBe(true)
    await expect(gate.acquire()).rejects.toBe(reason)
  })

  it("the transport's sleep ends when it is cancelled", async () => {
    const cancel = new AbortController()
    const slept = cancellableSleep(3_600_000, cancel.signal)
    cancel.abort()
    await expect(slept).resolves.toBeUndefined()
  })

  it('learns a lower concurrency limit from either header spelling, never a higher one', () => {
    const gate = new RateGate(5, neverWakes)
    gate.observe({ 'x-concurrency-limit-limit': '10' })
    expect(gate.limit).toBe(5)
    gate.observe({ 'x-concurrency-limit-limit': '3' })
    expect(gate.limit).toBe(3)
    gate.observe({ 'x-concurrencylimit-limit': '2' })
    expect(gate.limit).toBe(2)
    gate.observe({ 'x-concurrency-limit-limit': '0' })
    gate.observe({ 'x-concurrency-limit-limit': 'abc' })
    expect(gate.limit).toBe(2)
  })

  it('holds every caller while the rate window is used up', async () => {
    // A clock of the test's own: each sleep moves it on by exactly what was asked.
    let now = 1_000_000
    const sleeps: number[] = []
    const clockSleep = (ms: number): Promise<void> => {
      sleeps.push(ms)
      now += ms
      return Promise.resolve()
    }
    const gate = new RateGate(2, clockSleep, () => now)
    gate.observe({ 'x-ratelimit-remaining': '0', 'x-ratelimit-towait-sec': '0.1' })
    ;(await gate.acquire())()
    expect(sleeps).toEqual([100])
    // Remaining calls, or nothing to wait for: no pause.
    gate.observe({ 'x-ratelimit-remaining': '5', 'x-ratelimit-towait-sec': '10' })
    gate.observe({ 'x-ratelimit-remaining': '0', 'x-ratelimit-towait-sec': '0' })
    ;(await gate.acquire())()
    expect(sleeps).toEqual([100])
    // A pause set while the window is open holds the next caller for what is left of it.
    gate.pause(250)
    now += 50
    ;(await gate.acquire())()
    expect(sleeps).toEqual([100, 200])
  })
})

// Real time on purpose: the stand-in's latency keeps real requests in flight on real sockets, which is what
// the concurrency limit counts.
describe('the client against a gateway with a concurrency limit', () => {
  it('10 parallel gets with limit 2: none throttled, never more than 2 in flight', async () => {
    const { gateway, client } = await rig({ concurrencyLimit: 2, latencyMs: 20 }, { maxConcurrency: 2 })
    const ids = Array.from({ length: 10 }, (_, i) => gateway.seed({ name: `c${i}` }).id)
    const got = await Promise.all(ids.map(id => client.get(id)))
    expect(got.map(c => c.id)).toEqual(ids)
    expect(gateway.stats()).toMatchObject({ gets: 10, throttled: 0 })
    expect(gateway.stats().maxInFlight).toBeLessThanOrEqual(2)
    expect(client.counts).toEqual({ calls: 10, retried: 0, throttled: 0 })
  })

  it('learns a lower X-Concurrency-Limit-Limit than it was configured with', async () => {
    const { gateway, client } = await rig({ concurrencyLimit: 2, latencyMs: 20 }, { maxConcurrency: 6 })
    const ids = Array.from({ length: 10 }, (_, i) => gateway.seed({ name: `c${i}` }).id)
    await client.list() // the first answer carries the limit
    const got = await Promise.all(ids.map(id => client.get(id)))
    expect(got).toHaveLength(10)
    expect(gateway.stats()).toMatchObject({ throttled: 0 })
    expect(gateway.stats().maxInFlight).toBeLessThanOrEqual(2)
  })

  it('without a first answer to learn from, the throttled calls are retried and all succeed', async () => {
    const { gateway, client } = await rig({ concurrencyLimit: 2, latencyMs: 20 }, { maxConcurrency: 6, maxAttempts: 6 })
    const ids = Array.from({ length: 10 }, (_, i) => gateway.seed({ name: `c${i}` }).id)
    const got = await Promise.all(ids.map(id => client.get(id)))
    expect(got).toHaveLength(10)
    expect(gateway.stats().throttled).toBeGreaterThan(0)
    expect(client.counts.throttled).toBe(gateway.stats().throttled)
    expect(client.counts.retried).toBe(client.counts.throttled)
    expect(client.counts.calls).toBe(10 + client.counts.throttled)
  })

  it('slows down when the rate window is used up, instead of being throttled', async () => {
    const { gateway, client } = await rig({ rateLimit: { limit: 3, windowSec: 0.2 } })
    for (let i = 0; i < 5; i++) await client.list()
    expect(lists(gateway.requests)).toHaveLength(5)
    expect(gateway.stats().throttled).toBe(0)
    expect(client.counts).toEqual({ calls: 5, retried: 0, throttled: 0 })
  })

  it('logins do not take a slot (the auth call is exempt from the limits)', async () => {
    const { gateway, client } = await rig(
      { concurrencyLimit: 1, latencyMs: 10, users: [{ username: 'u', password: 'pw-123' }] },
      { maxConcurrency: 1, credentials: { kind: 'password', username: 'u', password: 'pw-123' } }
    )
    const ids = [gateway.seed({ name: 'a' }).id, gateway.seed({ name: 'b' }).id]
    await Promise.all(ids.map(id => client.get(id)))
    expect(gateway.stats()).toMatchObject({ auth: 1, gets: 2, throttled: 0, maxInFlight: 1 })
  })
})
