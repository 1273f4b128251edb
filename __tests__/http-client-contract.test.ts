/**
 * Issue 24, item 2: what src/http/transport.ts borrows from @actions/http-client without its documentation
 * promising it. The Transport hands each request its deadline through a handler's `prepareRequest`, set just
 * before `request()` and cleared just after it returns its promise: that works only while HttpClient calls
 * `prepareRequest` synchronously, before its first `await`, and passes on the `signal` it sets. An upgrade
 * that moves the call after an await would leave every request without its deadline (a hung GitHub or
 * Qualys would hold the run until the job's timeout) and no other test would say why. These do.
 */
import { afterEach, beforeEach, expect, it } from '@jest/globals'
import { HttpClient } from '@actions/http-client'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'

let server: Server
let url: string

beforeEach(async () => {
  // Accepts and never answers: only the signal can end a request to it.
  server = createServer(() => undefined)
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`
})
afterEach(async () => {
  server.closeAllConnections()
  await new Promise(resolve => server.close(resolve))
})

function client(prepare: (options: { signal?: AbortSignal }) => void): HttpClient {
  return new HttpClient(
    'contract-test',
    [
      {
        prepareRequest: prepare,
        canHandleAuthentication: () => false,
        handleAuthentication: () => Promise.reject(new Error('not used'))
      }
    ],
    { allowRetries: false, allowRedirects: false }
  )
}

it('calls prepareRequest synchronously inside request(), before it returns its promise', async () => {
  let prepared = 0
  const http = client(() => prepared++)
  const pending = http.request('GET', url, null, {})
  // Nothing has been awaited yet: a prepareRequest called after an await would not have run.
  const preparedBeforeReturn = prepared
  const settled = pending.catch(() => undefined)
  http.dispose()
  server.closeAllConnections()
  await settled
  expect(preparedBeforeReturn).toBe(1)
})

it('sends the request with the signal prepareRequest set: aborting it ends a request that gets no answer', async () => {
  const deadline = new AbortController()
  const http = client(options => {
    options.signal = deadline.signal
  })
  const pending = http.request('GET', url, null, {})
  setTimeout(() => deadline.abort(), 50)
  try {
    await expect(pending).rejects.toThrow(/abort/i)
  } finally {
    http.dispose()
  }
})
