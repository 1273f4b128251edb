import { afterEach, describe, expect, it } from '@jest/globals'
import type { FaultKind } from '../test-support/gateway.js'
import {
  body,
  closeAll,
  creates,
  CREATE_ENDPOINT,
  failure,
  lists,
  LIST_PATH,
  requestsTo,
  rig
} from '../test-support/qualys-harness.js'

afterEach(closeAll)

const BY_ID = /^\/connectors\/v1\.0\/org\/azure\/\d+$/

describe('idempotent calls are retried', () => {
  it.each([500, 502, 503, 504])('a list that meets %i is sent again and succeeds', async status => {
    const { gateway, client, logger } = await rig()
    gateway.seed({ name: 'a' })
    gateway.fault({ method: 'GET', path: LIST_PATH, fault: { kind: 'status', status } })
    expect((await client.list())?.map(c => c.name)).toEqual(['a'])
    expect(lists(gateway.requests).map(r => r.status)).toEqual([status, 200])
    expect(client.counts).toEqual({ calls: 2, retried: 1, throttled: 0 })
    expect(logger.text()).toMatch(new RegExp(`${status} from Qualys; trying again \\(attempt 2 of 4\\)`))
  })

  it.each<FaultKind>([{ kind: 'reset-before' }, { kind: 'reset-after' }, { kind: 'html' }])(
    'a get that meets $kind is sent again',
    async fault => {
      const { gateway, client } = await rig()
      const { id } = gateway.seed({ name: 'a' })
      gateway.fault({ method: 'GET', path: BY_ID, fault })
      expect((await client.get(id)).name).toBe('a')
      expect(requestsTo(gateway.requests, 'GET', BY_ID)).toHaveLength(2)
      expect(client.counts).toMatchObject({ retried: 1 })
    }
  )

  it.each<FaultKind>([{ kind: 'status', status: 503 }, { kind: 'reset-after' }, { kind: 'reset-before' }])(
    'an update (a full replacement) that meets $kind is sent again',
    async fault => {
      const { gateway, client } = await rig()
      const created = await client.create('Prod tenant', body())
      gateway.fault({ method: 'POST', path: BY_ID, fault })
      const updated = await client.update(created.id, 'Prod tenant', body({ description: 'second' }))
      expect(updated.description).toBe('second')
      expect(requestsTo(gateway.requests, 'POST', BY_ID)).toHaveLength(2)
      expect(gateway.connectors()).toHaveLength(1)
    }
  )

  it('gives up after maxAttempts with kind server and the status', async () => {
    const { gateway, client } = await rig({}, { maxAttempts: 3 })
    gateway.fault({ method: 'GET', path: LIST_PATH, times: Infinity, fault: { kind: 'status', status: 503 } })
    const error = await failure(client.list())
    expect(error).toMatchObject({ kind: 'server', status: 503 })
    expect(error.message).toMatch(/Qualys answered 503.*run again later/)
    expect(lists(gateway.requests)).toHaveLength(3)
    expect(client.counts).toEqual({ calls: 3, retried: 2, throttled: 0 })
  })

  it('a network failure that persists is kind network with advice', async () => {
    const { gateway, client } = await rig({}, { maxAttempts: 2 })
    gateway.fault({ method: 'GET', path: LIST_PATH, times: Infinity, fault: { kind: 'reset-before' } })
    const error = await failure(client.list())
    expect(error.kind).toBe('network')
    expect(error.message).toMatch(/gateway URL/)
    expect(lists(gateway.requests)).toHaveLength(2)
  })

  it('waits for Retry-After on a 503 but does not wait longer than it accepts', async () => {
    const { gateway, client, logger } = await rig()
    gateway.fault({
      method: 'GET',
      path: LIST_PATH,
      fault: { kind: 'status', status: 503, headers: { 'Retry-After': '3600' } }
    })
    const error = await failure(client.list())
    expect(error).toMatchObject({ kind: 'server', status: 503 })
    expect(lists(gateway.requests)).toHaveLength(1)
    // No wait was even begun: the transport says each wait it takes ("trying again … in N s").
    expect(logger.text()).not.toMatch(/trying again/)
  })
})

describe('create is never sent twice when the server may have acted', () => {
  it.each([500, 502, 503, 504])('a create that meets %i throws ambiguous, after one POST', async status => {
    const { gateway, client } = await rig()
    gateway.fault({ method: 'POST', path: CREATE_ENDPOINT, fault: { kind: 'status', status } })
    const error = await failure(client.create('Prod tenant', body()))
    expect(error).toMatchObject({ kind: 'server', status, ambiguous: true })
    expect(error.message).toMatch(/Create connector 'Prod tenant'/)
    expect(creates(gateway.requests)).toHaveLength(1)
    expect(client.counts).toEqual({ calls: 1, retried: 0, throttled: 0 })
  })

  it('a 502 HTML page from a proxy: ambiguous, and the message has no tags', async () => {
    const { gateway, client } = await rig()
    gateway.fault({ method: 'POST', path: CREATE_ENDPOINT, fault: { kind: 'html' } })
    const error = await failure(client.create('Prod tenant', body()))
    expect(error).toMatchObject({ kind: 'server', status: 502, ambiguous: true })
    expect(error.message).toMatch(/502 Bad Gateway/)
    expect(error.message).not.toMatch(/[<>]/)
    expect(creates(gateway.requests)).toHaveLength(1)
  })

  it.each<[FaultKind, string, number]>([
    [{ kind: 'reset-before' }, 'network', 0],
    [{ kind: 'reset-after' }, 'network', 1],
    [{ kind: 'truncated' }, 'protocol', 1],
    [{ kind: 'empty' }, 'protocol', 1]
  ])('a create that meets %j throws %s, ambiguous, after one POST', async (fault, kind, stored) => {
    const { gateway, client } = await rig()
    gateway.fault({ method: 'POST', path: CREATE_ENDPOINT, fault })
    const error = await failure(client.create('Prod tenant', body()))
    expect(error).toMatchObject({ kind, ambiguous: true })
    expect(creates(gateway.requests)).toHaveLength(1)
    expect(gateway.connectors()).toHaveLength(stored) // what the server did; the client could not know
  })

  it('a create slower than timeoutMs throws timeout, ambiguous, after one POST', async () => {
    const { gateway, client } = await rig({}, { timeoutMs: 150 })
    gateway.fault({ method: 'POST', path: CREATE_ENDPOINT, fault: { kind: 'delay', ms: 1000 } })
    const error = await failure(client.create('Prod tenant', body()))
    expect(error).toMatchObject({ kind: 'timeout', ambiguous: true })
    expect(error.message).toMatch(/no answer within 150 ms/)
    expect(error.message).toMatch(/request-timeout/)
    expect(creates(gateway.requests)).toHaveLength(1)
  })

  it('a create answered 408 is not sent again by the transport: a proxy may time out after the backend acted', async () => {
    const { gateway, client } = await rig()
    gateway.fault({ method: 'POST', path: CREATE_ENDPOINT, fault: { kind: 'status', status: 408 } })
    const error = await failure(client.create('Prod tenant', body()))
    expect(error).toMatchObject({ status: 408, ambiguous: true })
    expect(error.message).toMatch(/408.*run again later/)
    expect(creates(gateway.requests)).toHaveLength(1)
  })

  it('a read answered 408 is simply retried', async () => {
    const { gateway, client } = await rig()
    gateway.fault({ method: 'GET', path: LIST_PATH, fault: { kind: 'status', status: 408 } })
    expect(await client.list()).toEqual([])
    expect(lists(gateway.requests).map(r => r.status)).toEqual([408, 200])
  })
})

describe('throttling', () => {
  // How long the transport waits is what it pauses its rate gate for, and says so; that the gate
  // holds the next call that long is qualys-rate-gate.test.ts's, on a clock of its own.
  it('a create throttled with 429 + X-RateLimit-ToWait-Sec waits that long, then succeeds', async () => {
    const { gateway, client, logger } = await rig()
    gateway.fault({
      method: 'POST',
      path: CREATE_ENDPOINT,
      fault: {
        kind: 'status',
        status: 429,
        headers: { 'X-RateLimit-ToWait-Sec': '0.2' },
        body: '{"message":"Too many requests"}'
      }
    })
    const created = await client.create('Prod tenant', body())
    expect(logger.text()).toContain('throttled by Qualys (429); waiting 200 ms; trying again (attempt 2 of 4)')
    expect(created.name).toBe('Prod tenant')
    expect(creates(gateway.requests).map(r => r.status)).toEqual([429, 200])
    expect(gateway.connectors()).toHaveLength(1)
    expect(client.counts).toEqual({ calls: 2, retried: 1, throttled: 1 })
  })

  it('a create throttled with 429 + Retry-After (seconds) waits that long, then succeeds', async () => {
    const { gateway, client, logger } = await rig()
    gateway.fault({
      method: 'POST',
      path: CREATE_ENDPOINT,
      fault: { kind: 'status', status: 429, headers: { 'Retry-After': '1' } }
    })
    await client.create('Prod tenant', body())
    expect(logger.text()).toContain('throttled by Qualys (429); waiting 1 s; trying again (attempt 2 of 4)')
    expect(creates(gateway.requests).map(r => r.status)).toEqual([429, 200])
    expect(client.counts.throttled).toBe(1)
  })

  it('a bare 429 is retried after backoff', async () => {
    const { gateway, client } = await rig()
    gateway.fault({ method: 'POST', path: CREATE_ENDPOINT, fault: { kind: 'status', status: 429 } })
    await client.create('Prod tenant', body())
    expect(creates(gateway.requests).map(r => r.status)).toEqual([429, 200])
  })

  it('a create refused with 409 carrying a wait header is throttling: retried', async () => {
    const { gateway, client } = await rig()
    gateway.fault({
      method: 'POST',
      path: CREATE_ENDPOINT,
      fault: {
        kind: 'status',
        status: 409,
        headers: { 'X-RateLimit-ToWait-Sec': '0.05' },
        body: '{"message":"Conflict"}'
      }
    })
    await client.create('Prod tenant', body())
    expect(creates(gateway.requests).map(r => r.status)).toEqual([409, 200])
    expect(client.counts).toMatchObject({ throttled: 1, retried: 1 })
  })

  it('a 409 without any wait hint is a plain rejection: not retried', async () => {
    const { gateway, client } = await rig()
    gateway.fault({
      method: 'POST',
      path: CREATE_ENDPOINT,
      fault: { kind: 'status', status: 409, body: '{"message":"Conflict"}' }
    })
    const error = await failure(client.create('Prod tenant', body()))
    expect(error).toMatchObject({ kind: 'rejected', status: 409, ambiguous: false })
    expect(creates(gateway.requests)).toHaveLength(1)
  })

  it('a server that keeps throttling gives kind throttled with advice', async () => {
    const { gateway, client } = await rig({}, { maxAttempts: 3 })
    gateway.fault({
      method: 'GET',
      path: LIST_PATH,
      times: Infinity,
      fault: { kind: 'status', status: 429, headers: { 'X-RateLimit-ToWait-Sec': '0.01' } }
    })
    const error = await failure(client.list())
    expect(error).toMatchObject({ kind: 'throttled', status: 429 })
    expect(error.message).toMatch(/max-concurrency|limit/)
    expect(client.counts).toEqual({ calls: 3, retried: 2, throttled: 3 })
  })
})

describe('other refusals are final', () => {
  it.each([
    [400, 'rejected'],
    [403, 'forbidden'],
    [409, 'rejected'],
    [415, 'rejected'],
    [422, 'rejected']
  ])('%i on a get is not retried (kind %s)', async (status, kind) => {
    const { gateway, client } = await rig()
    const { id } = gateway.seed({ name: 'a' })
    gateway.fault({ method: 'GET', path: BY_ID, fault: { kind: 'status', status, body: '{"message":"nope"}' } })
    const error = await failure(client.get(id))
    expect(error).toMatchObject({ kind, status, ambiguous: false })
    expect(error.message).toMatch(/nope/)
    expect(requestsTo(gateway.requests, 'GET', BY_ID)).toHaveLength(1)
    expect(client.counts).toEqual({ calls: 1, retried: 0, throttled: 0 })
  })

  it.each([404, 405])(
    '%i on a get is not retried; the listing is asked whether the connector is there',
    async status => {
      const { gateway, client } = await rig()
      gateway.fault({
        method: 'GET',
        path: /\/org\/azure\/\d+$/,
        fault: { kind: 'status', status, body: '{"message":"nope"}' }
      })
      const error = await failure(client.get(4242))
      expect(error).toMatchObject({ kind: 'not-found', status, ambiguous: false })
      expect(error.message).toMatch(/nope/)
      expect(gateway.requests.map(r => r.path)).toEqual([
        '/connectors/v1.0/org/azure/4242',
        '/connectors/v1.0/org/azure/list'
      ])
      expect(client.counts).toEqual({ calls: 2, retried: 0, throttled: 0 })
    }
  )

  it('400 on a create is not retried and quotes the server', async () => {
    const { gateway, client } = await rig()
    const error = await failure(client.create('Prod tenant', body({ connectorPrefixName: 'x'.repeat(31) })))
    expect(error).toMatchObject({ kind: 'rejected', status: 400, ambiguous: false })
    expect(error.message).toMatch(/connectorPrefixName must not exceed 30 characters/)
    expect(creates(gateway.requests)).toHaveLength(1)
  })

  it('403 says the user lacks permissions', async () => {
    const { gateway, client } = await rig()
    gateway.fault({ method: 'POST', path: CREATE_ENDPOINT, fault: { kind: 'status', status: 403 } })
    const error = await failure(client.create('Prod tenant', body()))
    expect(error).toMatchObject({ kind: 'forbidden', status: 403 })
    expect(error.message).toMatch(/permission/i)
    expect(error.message).toMatch(/Forbidden/)
  })

  it('an HTML error body becomes plain words', async () => {
    const { gateway, client } = await rig()
    const html =
      '<html><head><title>Request Rejected</title><style>p{color:red}</style></head><body><p>The <b>URL</b> was rejected.</p><script>alert(1)</script></body></html>'
    gateway.fault({
      method: 'POST',
      path: CREATE_ENDPOINT,
      fault: { kind: 'status', status: 400, headers: { 'Content-Type': 'text/html' }, body: html }
    })
    const error = await failure(client.create('Prod tenant', body()))
    expect(error.kind).toBe('rejected')
    expect(error.message).toMatch(/Request Rejected The URL was rejected\./)
    expect(error.message).not.toMatch(/[<>]|color:red|alert/)
  })
})

describe('duplicate names', () => {
  it.each([400, 409])('a create refused for its name (status %i) is kind duplicate-name, not retried', async status => {
    const { gateway, client } = await rig({ duplicateNameStatus: status })
    gateway.seed({ name: 'Prod tenant' })
    const error = await failure(client.create('Prod tenant', body()))
    expect(error).toMatchObject({ kind: 'duplicate-name', status, ambiguous: false })
    expect(error.message).toMatch(/name is taken/)
    expect(error.message).toMatch(/already exists/)
    expect(creates(gateway.requests)).toHaveLength(1)
  })

  it('a 409 duplicate on a gateway that sends its rate-limit headers on every answer is still a duplicate', async () => {
    // The gateway adds X-RateLimit-ToWait-Sec (here 0) to the 409 as well: that is no request to wait.
    const { gateway, client } = await rig({ duplicateNameStatus: 409, rateLimit: { limit: 100, windowSec: 60 } })
    gateway.seed({ name: 'Prod tenant' })
    const error = await failure(client.create('Prod tenant', body()))
    expect(error).toMatchObject({ kind: 'duplicate-name', status: 409 })
    expect(creates(gateway.requests)).toHaveLength(1)
    expect(client.counts.throttled).toBe(0)
  })

  it('a 409 duplicate that used the last call of the window is a duplicate too', async () => {
    const { gateway, client } = await rig({ duplicateNameStatus: 409, rateLimit: { limit: 1, windowSec: 0.2 } })
    gateway.seed({ name: 'Prod tenant' })
    const error = await failure(client.create('Prod tenant', body()))
    expect(error.kind).toBe('duplicate-name')
    expect(creates(gateway.requests)).toHaveLength(1)
  })

  it('an update that renames onto a taken name is kind duplicate-name', async () => {
    const { gateway, client } = await rig()
    gateway.seed({ name: 'taken' })
    const created = await client.create('Prod tenant', body())
    const error = await failure(client.update(created.id, 'taken', body({ name: 'taken' })))
    expect(error).toMatchObject({ kind: 'duplicate-name', status: 400 })
  })
})

describe('timeouts on reads', () => {
  it('a get slower than timeoutMs fails with kind timeout when no attempt is left', async () => {
    const { gateway, client } = await rig({}, { timeoutMs: 100, maxAttempts: 1 })
    const { id } = gateway.seed({ name: 'a' })
    gateway.fault({ method: 'GET', path: BY_ID, fault: { kind: 'delay', ms: 600 } })
    const error = await failure(client.get(id))
    expect(error.kind).toBe('timeout')
  })

  it('a get that timed out once is sent again and succeeds', async () => {
    const { gateway, client } = await rig({}, { timeoutMs: 100 })
    const { id } = gateway.seed({ name: 'a' })
    gateway.fault({ method: 'GET', path: BY_ID, fault: { kind: 'delay', ms: 600 } })
    expect((await client.get(id)).name).toBe('a')
    expect(client.counts).toMatchObject({ calls: 2, retried: 1 })
  })
})

describe('requests Node refuses to send', () => {
  it('a credential with a line break fails at once, without retries, naming what to check', async () => {
    const { gateway, client } = await rig(
      { clients: [{ clientId: 'id', clientSecret: 'x' }] },
      { credentials: { kind: 'client', clientId: 'id', clientSecret: 'bad\nsecret' } }
    )
    const error = await failure(client.list())
    expect(error.kind).toBe('rejected')
    expect(error.message).toMatch(/was not sent: .*stray characters/)
    expect(error.message).not.toContain('bad\nsecret')
    expect(gateway.requests).toHaveLength(0)
    expect(client.counts.retried).toBe(0)
  })
})
