/** How the preflight reads Microsoft's answers (azure/answers.ts): what "could not be asked" is, and how it is said. */
import { describe, expect, it } from '@jest/globals'
import { microsoftFailure, readJson, Unreachable } from '../src/azure/answers.js'
import { HttpError } from '../src/http/errors.js'
import type { ApiRequest } from '../src/http/exchange.js'
import { Redactor } from '../src/redact.js'
import { SECRET } from '../test-support/builders.js'

const REQUEST: ApiRequest = { method: 'GET', path: '/subscriptions', idempotent: true, what: 'List subscriptions' }

function redactor(): Redactor {
  const redactor = new Redactor()
  redactor.add(SECRET)
  return redactor
}

function thrown(run: () => unknown): unknown {
  try {
    run()
  } catch (error) {
    return error
  }
  throw new Error('nothing was thrown')
}

describe('readJson', () => {
  it('reads a 2xx JSON body', () => {
    const response = { status: 200, headers: {}, body: '{"value":[1,2]}' }
    expect(readJson(REQUEST, response, redactor())).toEqual({ value: [1, 2] })
  })

  it("a refusal is Unreachable with Microsoft's own words, one line, never a known secret", () => {
    const body = JSON.stringify({ error: { message: `bad request\nfor ${SECRET}` } })
    const error = thrown(() => readJson(REQUEST, { status: 400, headers: {}, body }, redactor()))
    expect(error).toBeInstanceOf(Unreachable)
    expect((error as Error).message).toMatch(/^List subscriptions: HTTP 400: bad request for /)
    expect((error as Error).message).not.toContain(SECRET)
    expect((error as Error).message).not.toContain('\n')
  })

  it('a refusal with an empty body says the status only', () => {
    const error = thrown(() => readJson(REQUEST, { status: 503, headers: {}, body: '' }, redactor()))
    expect((error as Error).message).toBe('List subscriptions: HTTP 503')
  })

  it("a 2xx that is not JSON (a proxy's page) is Unreachable, not a crash", () => {
    const error = thrown(() =>
      readJson(REQUEST, { status: 200, headers: {}, body: '<html>sign in</html>' }, redactor())
    )
    expect(error).toBeInstanceOf(Unreachable)
    expect((error as Error).message).toBe("List subscriptions: the answer is not JSON (a proxy's page?)")
  })
})

describe('microsoftFailure', () => {
  it('says what a transport failure was after every attempt, and any other error as its message', () => {
    expect(microsoftFailure(new HttpError('x', 'server', 502))).toBe('Microsoft answered 502 after every attempt')
    expect(microsoftFailure(new HttpError('x', 'throttled', 429))).toBe('Microsoft kept throttling the calls (429)')
    expect(microsoftFailure(new HttpError('connection reset', 'network'))).toBe('connection reset')
    expect(microsoftFailure('plain text')).toBe('plain text')
  })
})
