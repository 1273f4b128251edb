import { afterEach, describe, expect, it } from '@jest/globals'
import { readConnector, UnreadableConnectorError, type Connector } from '../src/qualys/connector.js'
import type { FakeConnector } from '../test-support/gateway.js'
import { body, closeAll, failure, lists, LIST_PATH, rig, TENANT } from '../test-support/qualys-harness.js'

afterEach(closeAll)

/** Everything but `raw`, which keeps the answer's own spelling on purpose. */
/** The connector as read, without the raw answer and the sync time (each shape is answered a moment apart). */
function normalised(connector: Connector): Omit<Connector, 'raw' | 'lastSynced'> {
  const { raw: _raw, lastSynced: _synced, ...rest } = connector
  return rest
}

describe('listing', () => {
  it('reads every page when the server caps the page size (250 connectors, 100 a page → 3 requests)', async () => {
    const { gateway, client } = await rig({ maxPageSize: 100 })
    for (let i = 0; i < 250; i++) gateway.seed({ name: `c${String(i).padStart(3, '0')}` })
    const all = await client.list()
    expect(all).toHaveLength(250)
    expect(all?.map(c => c.name)).toEqual(gateway.connectors().map(c => c.name))
    expect(new Set(all?.map(c => c.id)).size).toBe(250)
    const pages = lists(gateway.requests)
    expect(pages).toHaveLength(3)
    expect(pages.map(r => r.query.pageNumber)).toEqual(['0', '1', '2'])
  })

  it('an exact multiple of the page size does not ask for an empty extra page', async () => {
    const { gateway, client } = await rig({ maxPageSize: 10 })
    for (let i = 0; i < 30; i++) gateway.seed({ name: `c${i}` })
    expect(await client.list()).toHaveLength(30)
    expect(lists(gateway.requests)).toHaveLength(3)
  })

  it('an empty account is one request and an empty list', async () => {
    const { gateway, client } = await rig()
    expect(await client.list()).toEqual([])
    expect(lists(gateway.requests)).toHaveLength(1)
  })

  it('a gateway without a list endpoint gives undefined, not an error, after trying each candidate once', async () => {
    const { gateway, client, logger } = await rig({ listSupported: false })
    expect(await client.list()).toBeUndefined()
    // 404/405 are not retried; each candidate is asked once, in order.
    expect(gateway.requests.map(r => [r.method, r.path, r.status])).toEqual([
      ['GET', '/connectors/v1.0/org/azure/list', 404],
      ['GET', '/connectors/v1.0/org/azure', 405],
      ['GET', '/connectors/v1.0/org/azure/', 405]
    ])
    expect(logger.lines.filter(l => l.level === 'warning').map(l => l.message)).toEqual([
      expect.stringContaining('no tenant connector listing')
    ])
    // Known for the rest of the run: asking again costs nothing.
    expect(await client.list()).toBeUndefined()
    expect(gateway.requests).toHaveLength(3)
  })

  it.each([
    ['bare', '/connectors/v1.0/org/azure'],
    ['slash', '/connectors/v1.0/org/azure/']
  ] as const)('finds the listing at the %s path, says so, and goes straight there afterwards', async (where, path) => {
    const { gateway, client, logger } = await rig({ listPath: where, maxPageSize: 2 })
    for (const name of ['a', 'b', 'c']) gateway.seed({ name })
    expect((await client.list())?.map(c => c.name)).toEqual(['a', 'b', 'c'])
    expect(logger.text()).toContain(`listed through GET ${path}`)
    const before = gateway.requests.length
    expect(await client.list()).toHaveLength(3)
    expect(gateway.requests.slice(before).map(r => [r.path, r.query.pageNumber])).toEqual([
      [path, '0'],
      [path, '1']
    ])
  })

  it('a 404 after the listing was found is a failure, not "no listing"', async () => {
    const { gateway, client } = await rig({ listPath: 'bare' })
    await client.list()
    gateway.fault({ method: 'GET', path: '/connectors/v1.0/org/azure', fault: { kind: 'status', status: 404 } })
    expect(await failure(client.list())).toMatchObject({ kind: 'not-found', status: 404 })
  })

  it('falls back once to the smaller page size when the first page is refused with 400', async () => {
    const { gateway, client } = await rig()
    gateway.seed({ name: 'a' })
    gateway.fault({
      method: 'GET',
      path: LIST_PATH,
      fault: { kind: 'status', status: 400, body: '{"message":"pageSize must be <= 200"}' }
    })
    expect((await client.list())?.map(c => c.name)).toEqual(['a'])
    expect(lists(gateway.requests).map(r => r.query.pageSize)).toEqual(['1000', '50'])
  })

  it('a candidate that answers 400 even at the small page size is no listing (Spring: GET /{id} taking a number): the next is tried', async () => {
    const { gateway, client } = await rig({ listPath: 'bare' })
    gateway.seed({ name: 'a' })
    gateway.fault({
      method: 'GET',
      path: LIST_PATH,
      times: 2,
      fault: { kind: 'status', status: 400, body: '{"message":"Failed to convert value of type String to Long: list"}' }
    })
    expect((await client.list())?.map(c => c.name)).toEqual(['a'])
    expect(gateway.requests.map(r => [r.path, r.query.pageSize, r.status])).toEqual([
      [LIST_PATH, '1000', 400],
      [LIST_PATH, '50', 400],
      ['/connectors/v1.0/org/azure', '1000', 200]
    ])
  })

  it('a 400 after the listing was found is an error, never an empty list', async () => {
    const { gateway, client } = await rig()
    gateway.seed({ name: 'a' })
    await client.list()
    gateway.fault({
      method: 'GET',
      path: LIST_PATH,
      times: 2,
      fault: { kind: 'status', status: 400, body: '{"message":"bad request"}' }
    })
    const error = await failure(client.list())
    expect(error).toMatchObject({ kind: 'rejected', status: 400 })
    expect(error.message).toMatch(/bad request/)
  })

  it.each([
    ['an object without content', '{"status":"ok"}'],
    ['content null with pages to come', '{"content":null,"totalPages":3,"currentPage":0}'],
    ['an empty object', '{}']
  ])('%s is not read as "no connectors": the listing fails, so nothing can be created', async (_, answer) => {
    const { gateway, client } = await rig()
    gateway.seed({ name: 'a' })
    gateway.fault({ method: 'GET', path: LIST_PATH, fault: { kind: 'status', status: 200, body: answer } })
    const error = await failure(client.list())
    expect(error).toMatchObject({ kind: 'protocol' })
    expect(error.message).toMatch(/not a page of connectors/)
  })

  it('an envelope that says it is empty is an empty listing', async () => {
    const { gateway, client } = await rig()
    gateway.fault({
      method: 'GET',
      path: LIST_PATH,
      fault: { kind: 'status', status: 200, body: '{"content":null,"totalPages":0,"totalElements":0}' }
    })
    expect(await client.list()).toEqual([])
  })

  it('without a page count (a bare list), pages are read until one is empty, even when the server caps the size', async () => {
    const { gateway, client } = await rig()
    const [a, b, c] = ['a', 'b', 'c'].map(name => gateway.seed({ name }))
    const raw = (x: { id: number; name: string }) => ({ id: x.id, name: x.name })
    gateway.fault({
      method: 'GET',
      path: LIST_PATH,
      query: { pageNumber: '0' },
      fault: { kind: 'status', status: 200, body: JSON.stringify([raw(a), raw(b)]) }
    })
    gateway.fault({
      method: 'GET',
      path: LIST_PATH,
      query: { pageNumber: '1' },
      fault: { kind: 'status', status: 200, body: JSON.stringify([raw(c)]) }
    })
    gateway.fault({
      method: 'GET',
      path: LIST_PATH,
      query: { pageNumber: '2' },
      fault: { kind: 'status', status: 200, body: '[]' }
    })
    expect((await client.list())?.map(x => x.name)).toEqual(['a', 'b', 'c'])
  })

  it('a bare list that ignores pageNumber is refused instead of read forever', async () => {
    const { gateway, client } = await rig()
    const a = gateway.seed({ name: 'a' })
    gateway.fault({
      method: 'GET',
      path: LIST_PATH,
      times: Infinity,
      fault: { kind: 'status', status: 200, body: JSON.stringify([{ id: a.id, name: 'a' }]) }
    })
    expect((await failure(client.list())).message).toMatch(/sent the connectors of an earlier page again/)
  })

  it('a failure on a later page is an error, never a partial list', async () => {
    const { gateway, client, logger } = await rig({ maxPageSize: 2 })
    for (const name of ['a', 'b', 'c', 'd', 'e']) gateway.seed({ name })
    // Once the first page has been answered, the next list request meets a 404.
    logger.onLine = line => {
      if (line.message.startsWith('← 200 GET')) {
        logger.onLine = undefined
        gateway.fault({ method: 'GET', path: LIST_PATH, fault: { kind: 'status', status: 404 } })
      }
    }
    const error = await failure(client.list())
    expect(error).toMatchObject({ kind: 'not-found', status: 404 })
    expect(lists(gateway.requests)).toHaveLength(2)
  })

  it('a page whose item cannot be read is a protocol error', async () => {
    const { gateway, client } = await rig()
    gateway.fault({
      method: 'GET',
      path: LIST_PATH,
      fault: { kind: 'status', status: 200, body: '{"currentPage":0,"totalPages":1,"content":[{"name":"no id"}]}' }
    })
    const error = await failure(client.list())
    expect(error.kind).toBe('protocol')
    expect(error.message).toMatch(/no numeric id/)
  })

  it('asks once more for a page that came truncated, and counts it as a retry', async () => {
    const { gateway, client } = await rig()
    gateway.seed({ name: 'a' })
    gateway.fault({ method: 'GET', path: LIST_PATH, fault: { kind: 'truncated' } })
    expect((await client.list())?.map(c => c.name)).toEqual(['a'])
    expect(lists(gateway.requests)).toHaveLength(2)
    expect(client.counts.retried).toBe(1)
  })

  it('a page truncated twice is a protocol error (nothing is guessed)', async () => {
    const { gateway, client } = await rig()
    gateway.seed({ name: 'a' })
    gateway.fault({ method: 'GET', path: LIST_PATH, times: 2, fault: { kind: 'truncated' } })
    const error = await failure(client.list())
    expect(error).toMatchObject({ kind: 'protocol', ambiguous: false })
    expect(error.message).toMatch(/not JSON/)
  })
})

describe('one shape whatever the spelling', () => {
  const seeded: Partial<FakeConnector> & { name: string } = {
    name: 'spelled',
    uuid: '33333333-3333-3333-3333-333333333333',
    applicationId: '44444444-4444-4444-4444-444444444444',
    description: 'd',
    tenantId: TENANT,
    tenantName: 'Contoso',
    orgRunFrequency: 2880,
    connectorRunFrequency: 1440,
    connectorPrefixName: 'sp',
    includedMem: [],
    excludedMem: ['mg-x'],
    isRemediationEnabled: true,
    isCreateConnectorForNewSubscriptionsAutomatically: true,
    autoActivateVM: true,
    disabled: true,
    defaultTagIds: [7, 8],
    connectorAppInfos: [{ name: 'AI', identifier: TENANT, tagId: 12 }]
  }

  it('list-style pages, create-style pages and a single GET all read the same', async () => {
    const listStyle = await rig({ listShape: 'list-style' })
    const { id } = listStyle.gateway.seed(seeded)
    const createStyle = await rig({ listShape: 'create-style' })
    createStyle.gateway.seed({ ...seeded, id })

    const [fromList] = (await listStyle.client.list()) ?? []
    const [fromCreateStyle] = (await createStyle.client.list()) ?? []
    const fromGet = await listStyle.client.get(id)

    expect(fromList.raw).toHaveProperty('runFrequency', '2880') // the spellings really differ
    expect(fromList.raw).toHaveProperty('isDisabled', true)
    expect(fromCreateStyle.raw).toHaveProperty('orgRunFrequency', { hours: 48, minutes: 0 })
    expect(fromCreateStyle.raw).toHaveProperty('remediationEnabled', true)

    expect(normalised(fromList)).toMatchObject({
      id,
      name: 'spelled',
      orgRunFrequency: 2880,
      connectorRunFrequency: 1440,
      includedMem: [],
      excludedMem: ['mg-x'],
      isRemediationEnabled: true,
      isCreateConnectorForNewSubscriptionsAutomatically: true,
      isDisableConnectorsForDeletedManagementGroups: false,
      autoActivateVM: true,
      autoActivatePC: false,
      disabled: true,
      defaultTagIds: [7, 8],
      connectorAppInfos: [{ name: 'AI', identifier: TENANT, tagId: 12 }]
    })
    expect(normalised(fromCreateStyle)).toEqual(normalised(fromList))
    expect(normalised(fromGet)).toEqual(normalised(fromList))
  })

  it('what the client creates reads back the same from create, get and list', async () => {
    const { client } = await rig({ listShape: 'list-style' })
    const created = await client.create('Prod tenant', body({ isRemediationEnabled: true, includedMem: [] }))
    const got = await client.get(created.id)
    const [listed] = (await client.list()) ?? []
    // state moves on with every GET; everything else must agree.
    const { state: _a, ...c } = normalised(created)
    const { state: _b, ...g } = normalised(got)
    const { state: _c, ...l } = normalised(listed)
    expect(g).toEqual(c)
    expect(l).toEqual(c)
    expect(c).toMatchObject({ isRemediationEnabled: true, includedMem: [], orgRunFrequency: 1440 })
  })

  it('get of an unknown id is not-found', async () => {
    const { client } = await rig()
    const error = await failure(client.get(424242))
    expect(error).toMatchObject({ kind: 'not-found', status: 404 })
    expect(error.message).toMatch(/Read connector 424242/)
  })
})

describe('readConnector', () => {
  const base = { id: 5, name: 'n' }

  it('reads frequencies as strings of minutes, numbers or {hours, minutes}', () => {
    expect(readConnector({ ...base, runFrequency: '1440', connectorRunFrequency: '2880' })).toMatchObject({
      orgRunFrequency: 1440,
      connectorRunFrequency: 2880
    })
    expect(
      readConnector({
        ...base,
        orgRunFrequency: { hours: 24, minutes: 0 },
        connectorRunFrequency: { hours: 1, minutes: 30 }
      })
    ).toMatchObject({ orgRunFrequency: 1440, connectorRunFrequency: 90 })
    expect(readConnector({ ...base, orgRunFrequency: 4320 }).orgRunFrequency).toBe(4320)
    expect(readConnector({ ...base, orgRunFrequency: { hours: 48 } }).orgRunFrequency).toBe(2880)
    expect(readConnector({ ...base, orgRunFrequency: ' 60 ' }).orgRunFrequency).toBe(60)
    // The request spelling wins when both are present.
    expect(
      readConnector({ ...base, orgRunFrequency: { hours: 24, minutes: 0 }, runFrequency: '60' }).orgRunFrequency
    ).toBe(1440)
    expect(readConnector({ ...base, orgRunFrequency: 'daily' })).not.toHaveProperty('orgRunFrequency')
  })

  it('reads both spellings of the booleans', () => {
    const listStyle = readConnector({
      ...base,
      isDisabled: true,
      isRemediationEnabled: true,
      isCreateConnectorForNewSubscriptionsAutomatically: false,
      isDisableConnectorsForDeletedManagementGroups: true
    })
    const createStyle = readConnector({
      ...base,
      disabled: true,
      remediationEnabled: true,
      createConnectorForNewSubscriptionsAutomatically: false,
      disableConnectorsForDeletedManagementGroups: true
    })
    const expected = {
      disabled: true,
      isRemediationEnabled: true,
      isCreateConnectorForNewSubscriptionsAutomatically: false,
      isDisableConnectorsForDeletedManagementGroups: true
    }
    expect(listStyle).toMatchObject(expected)
    expect(createStyle).toMatchObject(expected)
    expect(readConnector({ ...base, disabled: 'false' }).disabled).toBe(false)
    expect(readConnector(base)).not.toHaveProperty('disabled')
  })

  it('reads null lists as empty ones', () => {
    expect(
      readConnector({ ...base, includedMem: null, excludedMem: null, defaultTagIds: null, connectorAppInfos: null })
    ).toMatchObject({
      includedMem: [],
      excludedMem: [],
      defaultTagIds: [],
      connectorAppInfos: []
    })
  })

  it('reads app infos, dropping unknown apps, and keeps string ids and tag ids as numbers', () => {
    const c = readConnector({
      id: '42',
      name: 'n',
      defaultTagIds: ['3', 4],
      connectorAppInfos: [
        { name: 'ai', identifier: TENANT, tagId: '9', tagMetadata: null },
        { name: 'CSA', identifier: '', tagId: null },
        { name: 'XX', identifier: 'x', tagId: null }
      ]
    })
    expect(c.id).toBe(42)
    expect(c.defaultTagIds).toEqual([3, 4])
    expect(c.connectorAppInfos).toEqual([
      { name: 'AI', identifier: TENANT, tagId: 9 },
      { name: 'CSA', tagId: null }
    ])
  })

  it('keeps the answer as raw, without anything secret', () => {
    const c = readConnector({
      ...base,
      secretValue: 's',
      clientSecret: 's',
      password: 'p',
      accessToken: 't',
      state: 'PENDING'
    })
    expect(c.raw).toEqual({ ...base, state: 'PENDING' })
  })

  it('lastError null stays null; a missing lastError stays missing', () => {
    expect(readConnector({ ...base, lastError: null }).lastError).toBeNull()
    expect(readConnector({ ...base, lastError: 'AADSTS7000215' }).lastError).toBe('AADSTS7000215')
    expect(readConnector(base)).not.toHaveProperty('lastError')
  })

  it('refuses what is not a connector', () => {
    for (const value of [
      null,
      [],
      'x',
      { name: 'no id' },
      { id: 1 },
      { id: 1.5, name: 'n' },
      { id: 'abc', name: 'n' }
    ]) {
      expect(() => readConnector(value)).toThrow(UnreadableConnectorError)
    }
  })
})

describe('reading one connector', () => {
  it('reads the listing instead when GET /{id} answers 404 for a listed connector, and remembers it', async () => {
    const { gateway, client, logger } = await rig({ getSupported: false })
    const { id } = gateway.seed({ name: 'a', includedMem: ['Prod'] })
    expect(await client.get(id)).toMatchObject({ id, name: 'a', includedMem: ['Prod'] })
    expect(logger.text()).toContain('reading connectors from the listing')
    const byId = (): number => gateway.requests.filter(r => r.path === `/connectors/v1.0/org/azure/${id}`).length
    expect(byId()).toBe(1)
    await client.get(id)
    expect(byId()).toBe(1)
  })

  it('completing listed connectors without GET /{id} costs one failed GET, never a listing per connector', async () => {
    const { gateway, client } = await rig({ listShape: 'thin', getSupported: false })
    for (let i = 0; i < 20; i++) gateway.seed({ name: `c${i}` })
    const listed = (await client.list()) ?? []
    for (const connector of listed) expect(await client.complete(connector)).toBe(connector)
    expect(gateway.requests.map(r => (r.path.endsWith('/list') ? 'list' : 'get'))).toEqual(['list', 'get'])
  })

  it('a 404 for a connector the listing does not have either is not-found', async () => {
    const { client } = await rig()
    expect(await failure(client.get(424242))).toMatchObject({ kind: 'not-found', status: 404 })
  })
})
