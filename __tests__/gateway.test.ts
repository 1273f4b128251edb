import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { FakeQualysGateway } from '../test-support/gateway.js'
import type { GatewayOptions } from '../test-support/gateway.js'

const SECRET = 'Sup3r~secret_value.for-azure'
const TOKEN = 'static.jwt.token'
const CONNECTORS = '/connectors/v1.0/org/azure'
const LIST = `${CONNECTORS}/list`

let gateway: FakeQualysGateway
let base: string

async function boot(options: GatewayOptions = {}): Promise<void> {
  gateway = new FakeQualysGateway({ staticTokens: [TOKEN], ...options })
  base = await gateway.start()
}

afterEach(async () => {
  await gateway.stop()
})

function body(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    name: 'Azure Org',
    description: 'azure org connector',
    tenantId: '11111111-1111-1111-1111-111111111111',
    tenantName: 'Contoso',
    applicationId: '22222222-2222-2222-2222-222222222222',
    secretValue: SECRET,
    connectorAppInfos: [
      { name: 'AI', identifier: '11111111-1111-1111-1111-111111111111', tagId: null },
      { name: 'CI', identifier: '11111111-1111-1111-1111-111111111111', tagId: null }
    ],
    orgRunFrequency: { hours: 24, minutes: 0 },
    connectorRunFrequency: 1440,
    connectorPrefixName: 'contoso',
    includedMem: ['TestingManagementGroup'],
    ...overrides
  }
}

async function api(
  method: string,
  path: string,
  payload?: unknown,
  token = TOKEN
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- a test reads any JSON answer
): Promise<{ status: number; text: string; json: () => any; headers: Headers }> {
  const res = await fetch(base + path, {
    method,
    headers: {
      Authorization: `Bearer ${token}`,
      ...(payload === undefined ? {} : { 'Content-Type': 'application/json' })
    },
    body: payload === undefined ? undefined : typeof payload === 'string' ? payload : JSON.stringify(payload)
  })
  const text = await res.text()
  return { status: res.status, text, json: () => JSON.parse(text), headers: res.headers }
}

const create = (overrides: Record<string, unknown> = {}) => api('POST', `${CONNECTORS}/`, body(overrides))

describe('auth', () => {
  beforeEach(() =>
    boot({
      users: [{ username: 'alice', password: 'p&s=w+o%rd x' }],
      clients: [{ clientId: 'cid', clientSecret: 'csecret' }]
    })
  )

  it('logs in with a URL-encoded username/password and returns a raw JWT with 201', async () => {
    const form = new URLSearchParams({ username: 'alice', password: 'p&s=w+o%rd x', token: 'true' })
    const res = await fetch(`${base}/auth`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: form.toString()
    })
    expect(res.status).toBe(201)
    const jwt = await res.text()
    const parts = jwt.split('.')
    expect(parts).toHaveLength(3)
    expect(JSON.parse(Buffer.from(parts[0], 'base64url').toString())).toMatchObject({ alg: 'HS256', typ: 'JWT' })
    expect(JSON.parse(Buffer.from(parts[1], 'base64url').toString())).toMatchObject({ sub: 'alice' })
    expect(gateway.issuedTokens()).toEqual([jwt])
    expect((await api('GET', LIST, undefined, jwt)).status).toBe(200)

    const bad = await fetch(`${base}/auth`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'username=alice&password=p&s=w+o%rd x&token=true' // not encoded: the password is cut at '&'
    })
    expect(bad.status).toBe(401)
  })

  it('logs in with client id/secret headers', async () => {
    const form = { 'Content-Type': 'application/x-www-form-urlencoded' }
    const noType = await fetch(`${base}/auth/oidc`, {
      method: 'POST',
      headers: { clientId: 'cid', clientSecret: 'csecret' }
    })
    expect(noType.status).toBe(415)
    const ok = await fetch(`${base}/auth/oidc`, {
      method: 'POST',
      headers: { ...form, clientId: 'cid', clientSecret: 'csecret' }
    })
    expect(ok.status).toBe(201)
    expect((await ok.text()).split('.')).toHaveLength(3)
    const bad = await fetch(`${base}/auth/oidc`, {
      method: 'POST',
      headers: { ...form, clientId: 'cid', clientSecret: 'nope' }
    })
    expect(bad.status).toBe(401)
  })

  it('answers 401 JSON without a valid token, and after expire-tokens', async () => {
    const res = await fetch(base + LIST)
    expect(res.status).toBe(401)
    expect(await res.json()).toEqual({ status: 401, message: 'Unauthorized' })
    expect((await api('GET', LIST, undefined, 'not-issued')).status).toBe(401)

    const login = await fetch(`${base}/auth/oidc`, {
      method: 'POST',
      headers: { clientId: 'cid', clientSecret: 'csecret' }
    })
    const jwt = await login.text()
    gateway.fault({ fault: { kind: 'expire-tokens' } })
    expect((await api('GET', LIST, undefined, jwt)).status).toBe(401)
    expect((await api('GET', LIST, undefined, jwt)).status).toBe(401) // still expired
    expect((await api('GET', LIST)).status).toBe(200) // static tokens are not issued ones
  })
})

describe('create and update', () => {
  beforeEach(() => boot())

  it('creates a connector in the create-sample shape and refuses a duplicate name', async () => {
    const res = await create()
    expect(res.status).toBe(200)
    const c = res.json()
    expect(c).toMatchObject({
      id: expect.any(Number),
      uuid: expect.any(String),
      name: 'Azure Org',
      type: 'AZURE',
      state: 'PENDING',
      lastError: null,
      tenantName: 'Contoso',
      connectorCapabilities: ['AI', 'CI'],
      connectorAppInfos: [expect.objectContaining({ name: 'AI', tagMetadata: null }), expect.anything()],
      autoActivateVM: false,
      excludedMem: [],
      includedMem: ['TestingManagementGroup'],
      disabled: false,
      deleted: false,
      remediationEnabled: false
    })
    expect(gateway.connectors()).toHaveLength(1)
    expect(gateway.connectors()[0].secretValue).toBe(SECRET)

    const dup = await create({ connectorPrefixName: 'other' })
    expect(dup.status).toBe(400)
    expect(dup.json()).toEqual({ status: 400, message: "Connector with name 'Azure Org' already exists" })
    expect(gateway.connectors()).toHaveLength(1)
  })

  it('uses duplicateNameStatus and accepts the create path without trailing slash', async () => {
    await gateway.stop()
    await boot({ duplicateNameStatus: 409 })
    expect((await api('POST', CONNECTORS, body())).status).toBe(200)
    expect((await api('POST', CONNECTORS, body())).status).toBe(409)
  })

  it('rounds frequencies up to whole days and refuses more than 7 days', async () => {
    const c = (await create({ orgRunFrequency: { hours: 1, minutes: 0 }, connectorRunFrequency: 1500 })).json()
    expect(c.orgRunFrequency).toEqual({ hours: 24, minutes: 0 })
    expect(c.connectorRunFrequency).toEqual({ hours: 48, minutes: 0 })
    expect(gateway.connectors()[0].orgRunFrequency).toBe(1440)

    const tooLong = await create({ name: 'other', orgRunFrequency: 10081 })
    expect(tooLong.status).toBe(400)
    expect(tooLong.json().message).toMatch(/between 1 and 7 days/)
    expect((await create({ name: 'zero', orgRunFrequency: { hours: 0, minutes: 0 } })).status).toBe(400)
    expect((await create({ name: 'seven', orgRunFrequency: { hours: 168, minutes: 0 } })).status).toBe(200)
  })

  it('validates the body like the API', async () => {
    const prefix = await create({ connectorPrefixName: 'x'.repeat(31) })
    expect(prefix.status).toBe(400)
    expect(prefix.json().message).toMatch(/connectorPrefixName/)
    expect((await create({ connectorPrefixName: 'x'.repeat(30) })).status).toBe(200)

    expect((await create({ name: 'u', unknownField: 1 })).json().message).toMatch(/Unrecognized field "unknownField"/)
    expect((await create({ name: 'm', tenantName: undefined })).json().message).toBe('tenantName is mandatory')
    expect((await create({ name: 'a', connectorAppInfos: [] })).status).toBe(400)
    expect(
      (await create({ name: 'b', connectorAppInfos: [{ name: 'XX', identifier: 'i', tagId: null }] })).status
    ).toBe(400)
    const malformed = await api('POST', `${CONNECTORS}/`, '{"name": ')
    expect(malformed.json()).toEqual({ status: 400, message: 'Malformed JSON request' })
    expect(gateway.connectors()).toHaveLength(1)
  })

  it('updates as a full replacement but refuses to change the prefix or tenant', async () => {
    const { id } = (await create({ autoActivateVM: true })).json()
    const updated = await api('POST', `${CONNECTORS}/${id}`, body({ description: 'new' }))
    expect(updated.status).toBe(200)
    expect(updated.json()).toMatchObject({ id, description: 'new', autoActivateVM: false, state: 'PENDING' })

    const prefix = await api('POST', `${CONNECTORS}/${id}`, body({ connectorPrefixName: 'changed' }))
    expect(prefix.status).toBe(400)
    expect(prefix.json().message).toBe('connectorPrefixName cannot be edited')
    const tenant = await api('POST', `${CONNECTORS}/${id}`, body({ tenantId: 'other-tenant' }))
    expect(tenant.status).toBe(400)
    expect((await api('POST', `${CONNECTORS}/999`, body())).status).toBe(404)

    gateway.seed({ name: 'taken' })
    expect((await api('POST', `${CONNECTORS}/${id}`, body({ name: 'taken' }))).status).toBe(400)
    expect(gateway.connectors().find(c => c.id === id)?.description).toBe('new')
  })

  it('never returns the secret', async () => {
    const texts: string[] = []
    const { id, name } = (await create()).json()
    texts.push((await api('GET', `${CONNECTORS}/${id}`)).text)
    texts.push((await api('GET', LIST)).text)
    texts.push((await api('POST', `${CONNECTORS}/${id}`, body())).text)
    texts.push((await create({ connectorPrefixName: 'p2' })).text) // duplicate error
    await gateway.stop()
    await boot({ listShape: 'create-style' })
    gateway.seed({ name, secretValue: SECRET })
    texts.push((await api('GET', LIST)).text)
    for (const t of texts) expect(t).not.toContain(SECRET)
    for (const t of texts) expect(t).not.toContain('secretValue')
  })
})

describe('list', () => {
  it('pages 0-based, caps pageSize and sorts by id', async () => {
    await boot({ maxPageSize: 2 })
    for (const name of ['e', 'd', 'c', 'b', 'a']) gateway.seed({ name })
    const pages = []
    for (let n = 0; n < 3; n++) pages.push((await api('GET', `${LIST}?pageNumber=${n}&pageSize=50`)).json())
    expect(pages.map(p => p.content.map((c: { name: string }) => c.name))).toEqual([['e', 'd'], ['c', 'b'], ['a']])
    expect(pages[2]).toMatchObject({
      currentPage: 2,
      currentPageSize: 1,
      totalPages: 3,
      numberOfElements: 1,
      totalElements: 5
    })
    expect((await api('GET', `${CONNECTORS}/?pageNumber=0&pageSize=2`)).status).toBe(405)
  })

  it('answers the listing only where listPath says: 404 on /list, 405 on the create paths', async () => {
    for (const [where, path] of [
      ['bare', CONNECTORS],
      ['slash', `${CONNECTORS}/`],
      ['list', LIST]
    ] as const) {
      await boot({ listPath: where, maxPageSize: 2 })
      for (const name of ['a', 'b', 'c']) gateway.seed({ name })
      expect((await api('GET', `${path}?pageNumber=1&pageSize=2`)).json()).toMatchObject({
        currentPage: 1,
        totalPages: 2
      })
      const others = [LIST, CONNECTORS, `${CONNECTORS}/`].filter(p => p !== path)
      for (const other of others)
        expect((await api('GET', `${other}?pageNumber=0`)).status).toBe(other === LIST ? 404 : 405)
      await gateway.stop()
    }
    await boot({ listPath: 'none' })
    for (const path of [LIST, CONNECTORS, `${CONNECTORS}/`])
      expect([404, 405]).toContain((await api('GET', path)).status)
  })

  it('thin listings carry only the documented list-style fields; soft-deleted rows stay listed', async () => {
    await boot({ listShape: 'thin' })
    const kept = gateway.seed({ name: 'kept', includedMem: ['Prod'] })
    const gone = gateway.seed({ name: 'gone' })
    gateway.softDelete(gone.id)
    const content = (await api('GET', LIST)).json().content as Record<string, unknown>[]
    expect(Object.keys(content[0]).sort()).toEqual([
      'connectorPrefixName',
      'connectorRunFrequency',
      'customerId',
      'description',
      'id',
      'isDeleted',
      'isDisabled',
      'lastError',
      'lastSynced',
      'name',
      'organizationId',
      'runFrequency',
      'type',
      'userName',
      'userUuid'
    ])
    expect(content.map(c => [c.name, c.isDeleted])).toEqual([
      ['kept', false],
      ['gone', true]
    ])
    expect((await api('GET', `${CONNECTORS}/${kept.id}`)).json().includedMem).toEqual(['Prod'])
    expect((await api('GET', `${CONNECTORS}/${gone.id}`)).status).toBe(404)
    // The deleted connector's name is free again.
    expect((await create({ name: 'gone' })).status).toBe(200)
  })

  it('switches: no GET by id, names not unique, Spring error bodies, AI forced on, minutes only', async () => {
    await boot({
      getSupported: false,
      uniqueNames: false,
      errorStyle: 'spring',
      forceAI: true,
      frequencyShape: 'minutes'
    })
    const refused = await create()
    expect(refused.status).toBe(400)
    expect(Object.keys(refused.json()).sort()).toEqual(['error', 'path', 'status', 'timestamp'])
    const minutes = {
      orgRunFrequency: 1440,
      connectorRunFrequency: 1440,
      connectorAppInfos: [{ name: 'CI', identifier: 'x', tagId: null }]
    }
    const first = (await create(minutes)).json()
    expect(first.connectorAppInfos.map((a: { name: string }) => a.name)).toEqual(['AI', 'CI'])
    expect((await create(minutes)).status).toBe(200)
    expect(gateway.connectors().length).toBe(2)
    expect((await api('GET', `${CONNECTORS}/${first.id}`)).status).toBe(404)
  })

  it('answers one empty page when there is nothing, and 404 when unsupported', async () => {
    await boot({ listSupported: false })
    expect((await api('GET', `${LIST}?pageNumber=0&pageSize=10`)).status).toBe(404)
    await gateway.stop()
    await boot()
    expect((await api('GET', `${LIST}?pageNumber=0&pageSize=10`)).json()).toMatchObject({
      currentPage: 0,
      totalPages: 1,
      content: []
    })
  })

  it('uses the list-style spellings', async () => {
    await boot()
    await create({ isRemediationEnabled: true, includedMem: [] })
    const [c] = (await api('GET', `${LIST}?pageNumber=0&pageSize=10`)).json().content
    expect(c).toMatchObject({
      runFrequency: '1440',
      connectorRunFrequency: '1440',
      isDisabled: false,
      isDeleted: false,
      isRemediationEnabled: true,
      isCreateConnectorForNewSubscriptionsAutomatically: false,
      isDisableConnectorsForDeletedManagementGroups: false,
      includedMem: null,
      excludedMem: null,
      tenantName: 'Contoso'
    })
    for (const key of ['orgRunFrequency', 'disabled', 'deleted', 'remediationEnabled'])
      expect(c).not.toHaveProperty(key)
  })
})

describe('sync states', () => {
  it('walks the default script one state per GET', async () => {
    await boot()
    const { id } = (await create()).json()
    const states = []
    for (let i = 0; i < 3; i++) states.push((await api('GET', `${CONNECTORS}/${id}`)).json().state)
    expect(states).toEqual(['RUNNING', 'SUCCESS', 'SUCCESS'])
  })

  it('follows setSync, also when scripted before the create', async () => {
    await boot()
    gateway.setSync('Azure Org', ['QUEUED', 'RUNNING', 'FINISHED_ERRORS'], 'bad secret')
    const created = (await create()).json()
    expect(created.state).toBe('QUEUED')
    const seen = []
    for (let i = 0; i < 2; i++) seen.push((await api('GET', `${CONNECTORS}/${created.id}`)).json())
    expect(seen.map(c => [c.state, c.lastError])).toEqual([
      ['RUNNING', null],
      ['FINISHED_ERRORS', 'bad secret']
    ])
    gateway.setSync('Azure Org', ['SUCCESS'])
    expect((await api('GET', `${CONNECTORS}/${created.id}`)).json()).toMatchObject({
      state: 'SUCCESS',
      lastError: null
    })
  })
})

describe('faults and limits', () => {
  it('reset-after really creates, and the client sees a reset', async () => {
    await boot()
    gateway.fault({ method: 'POST', path: /azure\/?$/, fault: { kind: 'reset-after' } })
    await expect(create()).rejects.toThrow()
    expect(gateway.connectors()).toHaveLength(1)
    expect(gateway.requests.at(-1)).toMatchObject({ method: 'POST', status: 0 })
    expect((await create()).status).toBe(400) // the rule was used up; now it is a duplicate
  })

  it('reset-before, html, status, empty and truncated', async () => {
    await boot()
    gateway.fault({ path: `${CONNECTORS}/`, fault: { kind: 'reset-before' } })
    await expect(create()).rejects.toThrow()
    expect(gateway.connectors()).toHaveLength(0)

    gateway.fault({ fault: { kind: 'html' } })
    const html = await api('GET', LIST)
    expect(html.status).toBe(502)
    expect(html.text).toMatch(/<html>/)

    gateway.fault({ times: 2, fault: { kind: 'status', status: 503, headers: { 'Retry-After': '1' } } })
    expect((await api('GET', LIST)).json()).toEqual({ status: 503, message: 'Service Unavailable' })
    expect((await api('GET', LIST)).headers.get('retry-after')).toBe('1')

    gateway.fault({ method: 'POST', fault: { kind: 'empty' } })
    expect((await create()).text).toBe('')
    expect(gateway.connectors()).toHaveLength(1)

    gateway.fault({ fault: { kind: 'truncated' } })
    const truncated = await api('GET', LIST)
    expect(truncated.status).toBe(200)
    expect(() => truncated.json()).toThrow()
    expect((await api('GET', LIST)).json().totalElements).toBe(1)
  })

  it('answers 429 over the concurrency limit and tracks the peak', async () => {
    // Real time on purpose: the latency keeps three real requests in flight on their sockets at once.
    await boot({ concurrencyLimit: 2, latencyMs: 150 })
    const results = await Promise.all([1, 2, 3].map(() => api('GET', LIST)))
    const statuses = results.map(r => r.status).sort()
    expect(statuses).toEqual([200, 200, 429])
    const limited = results.find(r => r.status === 429)!
    expect(limited.json()).toEqual({ status: 429, message: 'Too many requests' })
    expect(Number(limited.headers.get('x-ratelimit-towait-sec'))).toBeGreaterThan(0)
    expect(limited.headers.get('retry-after')).not.toBeNull()
    expect(results.find(r => r.status === 200)!.headers.get('x-concurrency-limit-limit')).toBe('2')
    expect(gateway.stats()).toMatchObject({ throttled: 1, maxInFlight: 2, lists: 2 })
  })

  it('enforces a rolling rate window and says how long to wait', async () => {
    let now = 1_000_000
    await boot({ rateLimit: { limit: 2, windowSec: 0.3 }, now: () => now })
    expect((await api('GET', LIST)).headers.get('x-ratelimit-remaining')).toBe('1')
    now += 100
    expect((await api('GET', LIST)).status).toBe(200)
    const limited = await api('GET', LIST)
    expect(limited.status).toBe(429)
    // The window started with the first call: it has 300 - 100 ms left.
    expect(Number(limited.headers.get('x-ratelimit-towait-sec'))).toBe(0.2)
    now += 199
    expect((await api('GET', LIST)).status).toBe(429)
    now += 1
    expect((await api('GET', LIST)).status).toBe(200)
  })

  it('matches a rule by query parameters, body text, and after skipping the first matches', async () => {
    await boot({ maxPageSize: 1 })
    for (const name of ['a', 'b', 'c']) gateway.seed({ name })
    const page = (n: number) => api('GET', `${LIST}?pageNumber=${n}&pageSize=50`)

    // query: only page 3 (pageNumber=2) fails; the other pages and a request without the parameter pass.
    gateway.fault({
      method: 'GET',
      path: LIST,
      query: { pageNumber: '2' },
      times: Infinity,
      fault: { kind: 'status', status: 500 }
    })
    expect((await page(0)).status).toBe(200)
    expect((await page(1)).status).toBe(200)
    expect((await page(2)).status).toBe(500)
    expect((await page(2)).status).toBe(500)
    expect((await api('GET', LIST)).status).toBe(200)
    gateway.reset()

    // skip: the first two matches pass, the next one is faulted, then the rule is used up.
    gateway.fault({ method: 'GET', path: LIST, skip: 2, fault: { kind: 'status', status: 503 } })
    expect([(await page(0)).status, (await page(0)).status, (await page(0)).status, (await page(0)).status]).toEqual([
      200, 200, 503, 200
    ])
    gateway.reset()

    // A skipping rule lets the request reach a later rule.
    gateway.fault({ method: 'GET', skip: 1, fault: { kind: 'status', status: 502 } })
    gateway.fault({ method: 'GET', fault: { kind: 'status', status: 504 } })
    expect([(await page(0)).status, (await page(0)).status, (await page(0)).status]).toEqual([504, 502, 200])
    gateway.reset()

    // bodyIncludes: only the create of the connector whose body names it.
    gateway.fault({ method: 'POST', bodyIncludes: '"name":"Second"', fault: { kind: 'status', status: 503 } })
    expect((await create({ name: 'First' })).status).toBe(200)
    expect((await create({ name: 'Second', connectorPrefixName: 'second' })).status).toBe(503)
    expect((await create({ name: 'Second', connectorPrefixName: 'second' })).status).toBe(200)
    expect(gateway.connectors().map(c => c.name)).toEqual(['First', 'Second'])

    // Every matcher must hold: a query rule does not fire on another page even with times left.
    gateway.fault({ path: LIST, query: { pageNumber: '1', pageSize: '50' }, fault: { kind: 'html' } })
    expect((await api('GET', `${LIST}?pageNumber=1&pageSize=10`)).status).toBe(200)
    expect((await page(1)).status).toBe(502)
  })

  // Real time on purpose: a real socket the client abandons while the stand-in's delay runs on.
  it('delay still acts when the client gave up', async () => {
    await boot()
    gateway.fault({ method: 'POST', fault: { kind: 'delay', ms: 300 } })
    const res = fetch(`${base}${CONNECTORS}/`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${TOKEN}`, 'Content-Type': 'application/json' },
      body: JSON.stringify(body()),
      signal: AbortSignal.timeout(50)
    })
    await expect(res).rejects.toThrow()
    expect(gateway.connectors()).toHaveLength(0)
    await new Promise(r => setTimeout(r, 350))
    expect(gateway.connectors()).toHaveLength(1)
  })
})
