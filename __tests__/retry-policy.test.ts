import { describe, expect, it } from '@jest/globals'
import { neverSent, permanentNetworkFailure } from '../src/http/retry-policy.js'

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
