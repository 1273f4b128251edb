import { describe, expect, it } from '@jest/globals'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { neverSent, permanentNetworkFailure, throttleWaitMs } from '../src/http/retry-policy.js'
import { Transport } from '../src/http/transport.js'
import { QUALYS_PEER } from '../src/qualys/peer.js'
import { Redactor } from '../src/redact.js'
import { CapturingLogger } from '../test-support/qualys-harness.js'

describe('errors no retry can cure', () => {
  it('names a plain-HTTP answer to a TLS handshake', () => {
    const said = permanentNetworkFailure('ERR_SSL_WRONG_VERSION_NUMBER', 'ssl3_get_record:wrong version number')
    expect(said).toMatch(/does not speak HTTPS on this port/)
  })
  it('names an untrusted certificate, with the CA advice', () => {
    expect(
      permanentNetworkFailure('SELF_SIGNED_CERT_IN_CHAIN', 'self-signed certificate in certificate chain')
    ).toMatch(/certificate is not trusted.*NODE_EXTRA_CA_CERTS/)
    expect(
      permanentNetworkFailure('ERR_TLS_CERT_ALTNAME_INVALID', "Hostname/IP does not match certificate's altnames")
    ).toMatch(/not trusted/)
  })
  it('leaves errors that may pass to the retries', () => {
    expect(permanentNetworkFailure('ECONNRESET', 'socket hang up')).toBeUndefined()
    expect(permanentNetworkFailure('ETIMEDOUT', 'no complete answer within 30 s')).toBeUndefined()
    expect(permanentNetworkFailure('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:1')).toBeUndefined()
  })
  it('knows which failures never reached the server', () => {
    expect(neverSent('ECONNREFUSED')).toBe(true)
    expect(neverSent('ECONNRESET')).toBe(false)
  })
})

describe('a TLS failure through the transport', () => {
  it('an https URL to a plain-HTTP port fails at once, in words, with no retry', async () => {
    const server = createServer((_request, response) => response.end('plain http'))
    await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
    const { port } = server.address() as AddressInfo
    const logger = new CapturingLogger()
    const transport = new Transport({
      baseUrl: `https://127.0.0.1:${port}`,
      userAgent: 'test',
      timeoutMs: 5000,
      maxAttempts: 5,
      maxConcurrency: 2,
      logger,
      redactor: new Redactor(),
      peer: QUALYS_PEER,
      sleep: () => Promise.resolve()
    })
    try {
      const sent = transport.send({ method: 'GET', path: '/x', idempotent: true, token: 't', what: 'list connectors' })
      await expect(sent).rejects.toMatchObject({
        kind: 'rejected',
        message: expect.stringMatching(/^list connectors failed: the server does not speak HTTPS on this port/)
      })
      expect(transport.counts).toMatchObject({ calls: 1, retried: 0 })
    } finally {
      transport.dispose()
      server.close()
    }
  })
})

describe('a 409 is throttling only where the peer says so', () => {
  const conflict = { status: 409, headers: { 'retry-after': '2' }, body: '{"message":"too many requests"}' }
  it("Qualys' 409 with a wait is throttling", () => {
    expect(throttleWaitMs(conflict, QUALYS_PEER, () => 1)).toBe(2000)
  })
  it("a peer without Qualys' rule (Microsoft) reads the same 409 as a conflict", () => {
    const microsoft = { ...QUALYS_PEER, isThrottling409: undefined }
    expect(throttleWaitMs(conflict, microsoft, () => 1)).toBeUndefined()
    expect(throttleWaitMs({ ...conflict, status: 429 }, microsoft, () => 1)).toBe(2000)
  })
})
