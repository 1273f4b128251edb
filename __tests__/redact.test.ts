import { afterEach, describe, expect, it } from '@jest/globals'
import { Redactor } from '../src/redact.js'
import { body, closeAll, creates, CREATE_ENDPOINT, failure, rig, SECRET } from '../test-support/qualys-harness.js'

afterEach(closeAll)

/** Every 6-character piece of the secret: none may survive, not even a clipped end. */
function pieces(secret: string): string[] {
  return Array.from({ length: secret.length - 5 }, (_, i) => secret.slice(i, i + 6))
}

function expectNoSecret(text: string, secret = SECRET): void {
  for (const piece of pieces(secret)) expect(text).not.toContain(piece)
}

describe('Redactor', () => {
  it('masks the secret and the forms a server may echo it in', () => {
    const redactor = new Redactor()
    const secret = 'a"b\\c&d=e+f%g h/é'
    const forms = redactor.add(secret)
    expect(forms).toEqual(
      expect.arrayContaining([
        secret,
        encodeURIComponent(secret),
        JSON.stringify(secret).slice(1, -1),
        new URLSearchParams({ v: secret }).toString().slice(2)
      ])
    )
    const echoed = [
      secret,
      encodeURIComponent(secret),
      JSON.stringify({ secretValue: secret }),
      `password=${new URLSearchParams({ v: secret }).toString().slice(2)}&token=true`
    ].join(' | ')
    const out = redactor.redact(echoed)
    expect(out).not.toContain(secret)
    expect(out).not.toContain(encodeURIComponent(secret))
    expect(out).not.toContain('d=e+f%g')
    expect(out).toContain('***')
  })

  it('ignores empty and very short values, and adds each form once', () => {
    const redactor = new Redactor()
    expect(redactor.add(undefined)).toEqual([])
    expect(redactor.add('')).toEqual([])
    expect(redactor.add('ab')).toEqual([])
    expect(redactor.redact('ab cab')).toBe('ab cab')
    expect(redactor.add('plainsecret')).toEqual(['plainsecret'])
    expect(redactor.add('plainsecret')).toEqual([])
  })

  it('replaces the longer secret whole when one contains another', () => {
    const redactor = new Redactor()
    redactor.add('secret')
    redactor.add('secret-extended')
    expect(redactor.redact('x secret-extended y secret')).toBe('x *** y ***')
  })
})

describe('the secret never reaches an error message or a log line', () => {
  const echo = (status: number, text: string) => ({ kind: 'status' as const, status, body: text })

  it.each([400, 422, 500, 502])('a %i whose body echoes the create request', async status => {
    const { gateway, client, logger } = await rig()
    const sent = body()
    gateway.fault({
      method: 'POST',
      path: CREATE_ENDPOINT,
      fault: echo(status, JSON.stringify({ status, message: `Invalid request: ${JSON.stringify(sent)}` }))
    })
    const error = await failure(client.create('Prod tenant', sent))
    expect(creates(gateway.requests)[0].body).toContain(SECRET) // it really was sent, and echoed
    expectNoSecret(error.message)
    expect(error.message).toContain('***')
    expectNoSecret(logger.text())
  })

  it('a plain-text echo with the secret URL-encoded', async () => {
    const { gateway, client } = await rig()
    gateway.fault({
      method: 'POST',
      path: CREATE_ENDPOINT,
      fault: echo(400, `bad value secretValue=${encodeURIComponent(SECRET)}`)
    })
    const error = await failure(client.create('Prod tenant', body()))
    expectNoSecret(error.message)
    expectNoSecret(error.message, encodeURIComponent(SECRET))
  })

  it('an echo long enough to be clipped right through the secret', async () => {
    const { gateway, client } = await rig()
    // The server's words are cut at about 500 characters: put the secret across that cut.
    for (const at of [480, 490, 494, 497]) {
      gateway.fault({
        method: 'POST',
        path: CREATE_ENDPOINT,
        fault: echo(400, JSON.stringify({ message: `${'x'.repeat(at)}${SECRET} tail` }))
      })
      const error = await failure(client.create('Prod tenant', body()))
      expectNoSecret(error.message)
    }
  })

  it('a duplicate-name answer that echoes the secret', async () => {
    const { gateway, client } = await rig()
    gateway.fault({
      method: 'POST',
      path: CREATE_ENDPOINT,
      fault: echo(
        409,
        JSON.stringify({ message: `Connector with name 'Prod tenant' already exists (secretValue ${SECRET})` })
      )
    })
    const error = await failure(client.create('Prod tenant', body()))
    expect(error.kind).toBe('duplicate-name')
    expectNoSecret(error.message)
  })

  it('a refused update that echoes the secret, after its retries', async () => {
    const { gateway, client, logger } = await rig({}, { maxAttempts: 2 })
    const created = await client.create('Prod tenant', body())
    gateway.fault({ method: 'POST', path: /\d+$/, times: 2, fault: echo(503, `upstream said: ${SECRET}`) })
    const error = await failure(client.update(created.id, 'Prod tenant', body()))
    expect(error).toMatchObject({ kind: 'server', status: 503 })
    expectNoSecret(error.message)
    expectNoSecret(logger.text())
  })

  it('a refused login that echoes the password', async () => {
    const password = 'Pa55&word=+%x'
    const { gateway, client } = await rig(
      { users: [{ username: 'alice', password: 'other' }] },
      { credentials: { kind: 'password', username: 'alice', password } }
    )
    gateway.fault({
      path: '/auth',
      fault: echo(401, `Invalid credentials for alice / ${password} (${new URLSearchParams({ password }).toString()})`)
    })
    const error = await failure(client.list())
    expect(error.kind).toBe('unauthorized')
    expectNoSecret(error.message, password)
    expectNoSecret(error.message, encodeURIComponent(password))
  })

  it('tokens the client obtains are masked too', async () => {
    const { gateway, client, redactor, tokens } = await rig(
      { users: [{ username: 'alice', password: 'pw-123' }] },
      { credentials: { kind: 'password', username: 'alice', password: 'pw-123' } }
    )
    await client.list()
    gateway.fault({ method: 'GET', fault: echo(400, `bad token ${tokens[0]}`) })
    gateway.fault({ method: 'GET', fault: echo(400, `bad token ${tokens[0]}`) })
    const error = await failure(client.list())
    expect(redactor.redact(tokens[0])).toBe('***')
    expect(error.message).not.toContain(tokens[0])
  })
})
