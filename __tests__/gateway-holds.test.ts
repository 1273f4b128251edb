/** Issue 26: the stand-in's holds put racing clients' requests in one order, by what the server did, never by time. */
import { afterEach, describe, expect, it } from '@jest/globals'
import { FakeQualysGateway, raceBarrier } from '../test-support/gateway.js'

const TOKEN = 'static.jwt.token'
const CONNECTORS = '/connectors/v1.0/org/azure'
const TENANT = '11111111-1111-1111-1111-111111111111'

let gateway: FakeQualysGateway | undefined

afterEach(async () => {
  await gateway?.stop()
  gateway = undefined
})

/** Sends a request; `done` records the order the answers came back in. */
function send(base: string, done: string[], label: string, method: string, path: string, payload?: unknown) {
  return fetch(base + path, {
    method,
    headers: { Authorization: `Bearer ${TOKEN}`, ...(payload ? { 'Content-Type': 'application/json' } : {}) },
    body: payload === undefined ? undefined : JSON.stringify(payload)
  }).then(async res => {
    done.push(label)
    return { status: res.status, json: (await res.json()) as { content?: { name: string }[] } }
  })
}

const connector = {
  name: 'Raced',
  tenantId: TENANT,
  tenantName: 'Contoso',
  applicationId: '22222222-2222-2222-2222-222222222222',
  secretValue: 'secret',
  connectorAppInfos: [{ name: 'AI', identifier: TENANT, tagId: null }],
  orgRunFrequency: 1440,
  connectorRunFrequency: 1440,
  connectorPrefixName: 'raced'
}

describe('raceBarrier', () => {
  it('holds creates until every first listing is answered, and later listings until every create is', async () => {
    gateway = new FakeQualysGateway({ staticTokens: [TOKEN], uniqueNames: false, hooks: raceBarrier(2) })
    const base = await gateway.start()
    const done: string[] = []
    // The first create arrives before any listing: held, the listings overtake it and find nothing.
    const first = send(base, done, 'create 1', 'POST', `${CONNECTORS}/`, connector)
    const lists = await Promise.all([1, 2].map(n => send(base, done, `list ${n}`, 'GET', `${CONNECTORS}/list`)))
    expect(lists.map(answer => answer.json.content)).toEqual([[], []])
    expect((await first).status).toBe(200)
    // A later listing waits for the second create, however long that takes.
    const later = send(base, done, 'list 3', 'GET', `${CONNECTORS}/list`)
    await new Promise(resolve => setTimeout(resolve, 100))
    expect(done).not.toContain('list 3')
    expect((await send(base, done, 'create 2', 'POST', `${CONNECTORS}/`, connector)).status).toBe(200)
    expect((await later).json.content?.map(c => c.name)).toEqual(['Raced', 'Raced'])
  })
})
