import { afterEach, describe, expect, it } from '@jest/globals'
import { closeAll, failure, lists, rig, TOKEN } from '../test-support/qualys-harness.js'

const PASSWORD = 'p&s=w+o%rd x' // every character a form encoder must escape
const CLIENT = { clientId: 'ci-id', clientSecret: 'cs&=+%secret' }

afterEach(closeAll)

describe('logging in', () => {
  it('posts a URL-encoded username/password form to /auth and uses the JWT it answers', async () => {
    const { gateway, client, tokens } = await rig(
      { users: [{ username: 'al+ce@corp', password: PASSWORD }] },
      { credentials: { kind: 'password', username: 'al+ce@corp', password: PASSWORD } }
    )
    expect(await client.list()).toEqual([])

    const [login, list] = gateway.requests
    expect(login).toMatchObject({ method: 'POST', path: '/auth', status: 201 })
    expect(login.headers['content-type']).toMatch(/^application\/x-www-form-urlencoded/)
    expect(login.body).toBe('username=al%2Bce%40corp&password=p%26s%3Dw%2Bo%25rd+x&token=true')
    expect(login.headers.authorization).toBeUndefined()
    expect(tokens).toEqual(gateway.issuedTokens())
    expect(list.headers.authorization).toBe(`Bearer ${tokens[0]}`)
    expect(gateway.stats().auth).toBe(1)
  })

  it('logs in once per run, however many calls follow', async () => {
    const { gateway, client } = await rig(
      { users: [{ username: 'alice', password: PASSWORD }] },
      { credentials: { kind: 'password', username: 'alice', password: PASSWORD } }
    )
    const { id } = gateway.seed({ name: 'a' })
    await Promise.all([client.list(), client.get(id), client.get(id), client.list()])
    expect(gateway.stats().auth).toBe(1)
  })

  it('logs in with client id/secret headers on /auth/oidc', async () => {
    const { gateway, client, tokens } = await rig({ clients: [CLIENT] }, { credentials: { kind: 'client', ...CLIENT } })
    await client.list()
    const [login, list] = gateway.requests
    expect(login).toMatchObject({ method: 'POST', path: '/auth/oidc', body: '', status: 201 })
    expect(login.headers['content-type']).toBe('application/x-www-form-urlencoded')
    expect(login.headers.clientid).toBe(CLIENT.clientId)
    expect(login.headers.clientsecret).toBe(CLIENT.clientSecret)
    expect(list.headers.authorization).toBe(`Bearer ${tokens[0]}`)
  })

  it('sends a static token as it is, without logging in', async () => {
    const { gateway, client, tokens } = await rig()
    await client.list()
    expect(gateway.stats().auth).toBe(0)
    expect(gateway.requests).toHaveLength(1)
    expect(gateway.requests[0].headers.authorization).toBe(`Bearer ${TOKEN}`)
    expect(tokens).toEqual([]) // onToken is for tokens the client obtains; the user's own is masked by the caller
  })
})

describe('refused credentials', () => {
  it('a wrong password fails once, with a message that says what to check', async () => {
    const { gateway, client } = await rig(
      { users: [{ username: 'alice', password: 'right' }] },
      { credentials: { kind: 'password', username: 'alice', password: PASSWORD } }
    )
    const error = await failure(client.list())
    expect(error).toMatchObject({ kind: 'unauthorized', status: 401, ambiguous: false })
    expect(error.message).toMatch(/Log in to Qualys \(\/auth\)/)
    expect(error.message).toMatch(/Invalid username or password/) // the server's own words
    expect(error.message).toMatch(/username\/password/)
    expect(error.message).toMatch(/qualys-platform/)
    expect(error.message).not.toContain(PASSWORD)
    expect(gateway.requests.map(r => r.path)).toEqual(['/auth']) // not retried, no API call
  })

  it('a wrong client secret fails as unauthorized', async () => {
    const { gateway, client } = await rig(
      { clients: [CLIENT] },
      { credentials: { kind: 'client', clientId: 'ci-id', clientSecret: 'wrong' } }
    )
    const error = await failure(client.list())
    expect(error).toMatchObject({ kind: 'unauthorized', status: 401 })
    expect(error.message).toMatch(/client id\/secret/)
    expect(gateway.stats().auth).toBe(1)
  })

  it('a refused static token is reported, not retried and never "renewed"', async () => {
    const { gateway, client } = await rig({}, { credentials: { kind: 'token', token: 'not.a.valid-token' } })
    const error = await failure(client.list())
    expect(error).toMatchObject({ kind: 'unauthorized', status: 401 })
    expect(error.message).toMatch(/token/)
    expect(gateway.stats()).toMatchObject({ auth: 0, requests: 1 })
  })

  it('an answer to /auth that is not a JWT is a protocol error pointing at the gateway URL', async () => {
    const { gateway, client } = await rig(
      { users: [{ username: 'alice', password: PASSWORD }] },
      { credentials: { kind: 'password', username: 'alice', password: PASSWORD } }
    )
    gateway.fault({ path: '/auth', fault: { kind: 'status', status: 200, body: '<html>login page</html>' } })
    const error = await failure(client.list())
    expect(error.kind).toBe('protocol')
    expect(error.message).toMatch(/not a token/)
    expect(error.message).toMatch(/gateway/)
  })

  it('a login that meets a 503 is retried (it changes nothing on the server)', async () => {
    const { gateway, client } = await rig(
      { users: [{ username: 'alice', password: PASSWORD }] },
      { credentials: { kind: 'password', username: 'alice', password: PASSWORD } }
    )
    gateway.fault({ path: '/auth', fault: { kind: 'status', status: 503 } })
    await client.list()
    expect(gateway.requests.map(r => [r.path, r.status])).toEqual([
      ['/auth', 503],
      ['/auth', 201],
      ['/connectors/v1.0/org/azure/list', 200]
    ])
  })
})

describe('tokens that expire mid-run', () => {
  const users = [{ username: 'alice', password: PASSWORD }]
  const credentials = { kind: 'password' as const, username: 'alice', password: PASSWORD }

  it('logs in again exactly once and the refused call then succeeds', async () => {
    const { gateway, client, logger, tokens } = await rig({ users }, { credentials })
    const { id } = gateway.seed({ name: 'a' })
    await client.list()
    gateway.fault({ fault: { kind: 'expire-tokens' } })

    const connector = await client.get(id)
    expect(connector).toMatchObject({ id, name: 'a' })
    expect(gateway.stats().auth).toBe(2)
    expect(tokens).toHaveLength(2)
    expect(tokens).toEqual(gateway.issuedTokens())
    const gets = gateway.requests.filter(r => r.method === 'GET' && r.path.endsWith(`/${id}`))
    expect(gets.map(r => [r.status, r.headers.authorization])).toEqual([
      [401, `Bearer ${tokens[0]}`],
      [200, `Bearer ${tokens[1]}`]
    ])
    expect(logger.text()).toMatch(/token was refused \(401\); logged in again/)
    // Later calls use the new token without any further login.
    await client.list()
    expect(gateway.stats().auth).toBe(2)
  })

  it('also for a client id/secret login', async () => {
    const { gateway, client } = await rig({ clients: [CLIENT] }, { credentials: { kind: 'client', ...CLIENT } })
    await client.list()
    gateway.fault({ fault: { kind: 'expire-tokens' } })
    expect(await client.list()).toEqual([])
    expect(gateway.stats().auth).toBe(2)
  })

  it('parallel calls refused together share one new login', async () => {
    const { gateway, client } = await rig({ users }, { credentials })
    const ids = ['a', 'b', 'c', 'd'].map(name => gateway.seed({ name }).id)
    await client.list()
    gateway.fault({ fault: { kind: 'expire-tokens' } })
    const got = await Promise.all(ids.map(id => client.get(id)))
    expect(got.map(c => c.name)).toEqual(['a', 'b', 'c', 'd'])
    expect(gateway.stats().auth).toBe(2)
  })

  it('does not log in a second time when the fresh token is refused too', async () => {
    const { gateway, client } = await rig({ users }, { credentials })
    await client.list()
    gateway.fault({ times: 2, fault: { kind: 'status', status: 401, body: '{"message":"Unauthorized"}' } })
    const error = await failure(client.list())
    expect(error).toMatchObject({ kind: 'unauthorized', status: 401 })
    expect(gateway.stats().auth).toBe(2)
    expect(lists(gateway.requests)).toHaveLength(3)
  })
})
