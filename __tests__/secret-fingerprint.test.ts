/** Issue 16, "rotation without announcing it": the fingerprint of the Azure client secret a description records. */
import { describe, expect, it } from '@jest/globals'
import {
  FINGERPRINT_LINE_LENGTH,
  fingerprintLine,
  fingerprintOf,
  isFingerprintLine,
  Fingerprints,
  secretFingerprint
} from '../src/reconcile/secret-fingerprint.js'

const OWNER = {
  tenantId: '0f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f9',
  applicationId: '11111111-2222-4333-8444-555555555555'
}
const SECRET = 'Abc8Q~first.secret-value_0123456789abcdefgh'

describe('secretFingerprint', () => {
  it('is v1: and 16 lowercase hex digits, the same for the same secret and connector', async () => {
    const first = await secretFingerprint(SECRET, OWNER)
    expect(first).toMatch(/^v1:[0-9a-f]{16}$/)
    expect(await secretFingerprint(SECRET, OWNER)).toBe(first)
    expect(first).not.toContain(SECRET.slice(0, 6))
  })

  it('differs for another secret, even one character apart', async () => {
    const first = await secretFingerprint(SECRET, OWNER)
    expect(await secretFingerprint(`${SECRET.slice(0, -1)}i`, OWNER)).not.toBe(first)
    expect(await secretFingerprint('', OWNER)).not.toBe(first)
  })

  it('is salted per connector: another tenant or application gives another fingerprint of the same secret', async () => {
    const first = await secretFingerprint(SECRET, OWNER)
    const otherTenant = { ...OWNER, tenantId: '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d' }
    const otherApp = { ...OWNER, applicationId: '22222222-2222-4333-8444-555555555555' }
    expect(await secretFingerprint(SECRET, otherTenant)).not.toBe(first)
    expect(await secretFingerprint(SECRET, otherApp)).not.toBe(first)
  })

  it('reads GUIDs without regard to case, as the plan compares them', async () => {
    const upper = { tenantId: OWNER.tenantId.toUpperCase(), applicationId: OWNER.applicationId.toUpperCase() }
    expect(await secretFingerprint(SECRET, upper)).toBe(await secretFingerprint(SECRET, OWNER))
  })

  it('is a known value: a change of parameters must come with a new version prefix', async () => {
    // Pinned: if this changes, every recorded fingerprint would read as a rotation. Bump FINGERPRINT_VERSION instead.
    // Also the documented construction (SECURITY.md): HMAC-SHA256(scrypt(secret, 'qualys-azure-connector/v1/<app>'), tenant)[0..8].
    expect(await secretFingerprint('sup3r-s3cret', OWNER)).toBe('v1:d4bda1774c106cd7')
  })

  it('runs off the main thread: timers keep firing while several are computed', async () => {
    let ticks = 0
    // Real time on purpose: only a real timer firing shows the event loop was not blocked.
    const timer = setInterval(() => ticks++, 1)
    await Promise.all([1, 2, 3, 4].map(n => secretFingerprint(`${SECRET}${n}`, OWNER)))
    clearInterval(timer)
    expect(ticks).toBeGreaterThan(0)
  })
})

describe('the fingerprint line', () => {
  it('is `secret-fingerprint: v1:<hex>`, of a fixed length the description limit leaves room for', async () => {
    const line = fingerprintLine(await secretFingerprint(SECRET, OWNER))
    expect(line).toMatch(/^secret-fingerprint: v1:[0-9a-f]{16}$/)
    expect(line).toHaveLength(FINGERPRINT_LINE_LENGTH)
    expect(FINGERPRINT_LINE_LENGTH).toBe(39)
  })

  it('is read back only in its exact form; another version is a fingerprint line that cannot be compared', () => {
    expect(fingerprintOf('secret-fingerprint: v1:0123456789abcdef')).toBe('v1:0123456789abcdef')
    expect(fingerprintOf('  secret-fingerprint: v1:0123456789abcdef  ')).toBe('v1:0123456789abcdef')
    expect(fingerprintOf('secret-fingerprint: v1:0123456789ABCDEF')).toBeUndefined()
    expect(fingerprintOf('secret-fingerprint: v1:0123')).toBeUndefined()
    expect(fingerprintOf('secret-fingerprint: v2:0123456789abcdef')).toBeUndefined()
    expect(isFingerprintLine('secret-fingerprint: v2:0123456789abcdef')).toBe(true)
    expect(isFingerprintLine('the secret-fingerprint: v1:0123456789abcdef')).toBe(false)
    expect(isFingerprintLine('managed-by: acme/config')).toBe(false)
  })
})

describe('Fingerprints', () => {
  const owner = {
    tenantId: 'AAAAAAAA-0000-4000-8000-000000000001',
    applicationId: 'bbbbbbbb-0000-4000-8000-000000000002'
  }

  it('runs scrypt once per application and secret, whatever the GUIDs’ case, and gives what secretFingerprint does', async () => {
    const fingerprints = new Fingerprints()
    const first = await fingerprints.of('s3cret', owner)
    const again = await fingerprints.of('s3cret', {
      tenantId: owner.tenantId.toLowerCase(),
      applicationId: owner.applicationId.toUpperCase()
    })
    expect(again).toBe(first)
    expect(first).toBe(await secretFingerprint('s3cret', owner))
    expect(fingerprints.started).toBe(1)
    // A multi-tenant app: every tenant of the same app and secret costs no more scrypt, and each has its own value.
    const otherTenant = { ...owner, tenantId: 'eeeeeeee-0000-4000-8000-000000000005' }
    const theirs = await fingerprints.of('s3cret', otherTenant)
    expect(fingerprints.started).toBe(1)
    expect(theirs).not.toBe(first)
    expect(theirs).toBe(await secretFingerprint('s3cret', otherTenant))
    // Another secret, or another application, is another computation.
    expect(await fingerprints.of('other', owner)).not.toBe(first)
    await fingerprints.of('s3cret', { ...owner, applicationId: 'ffffffff-0000-4000-8000-000000000006' })
    expect(fingerprints.started).toBe(3)
  })

  it('warms the connectors that have a secret, and stops when told', async () => {
    const fingerprints = new Fingerprints()
    const specs = [
      { ...owner, secretValue: 'one' },
      { ...owner, tenantId: 'cccccccc-0000-4000-8000-000000000003' },
      { ...owner, tenantId: 'dddddddd-0000-4000-8000-000000000004', secretValue: 'two' }
    ]
    fingerprints.warm(specs)
    const warmed = fingerprints.of('one', owner)
    expect(await warmed).toBe(await secretFingerprint('one', owner))
    expect(fingerprints.started).toBe(2)
    const many = Array.from({ length: 6 }, (_, i) => ({ ...owner, secretValue: `secret ${i}` }))
    const stopped = new Fingerprints()
    stopped.warm(many)
    stopped.stopWarming()
    // Two start at once; none is started after the stop, even once those two are done (the warm
    // loop would start the next ones then). `of` waits on the two already started, starting none.
    await Promise.all([stopped.of('secret 0', owner), stopped.of('secret 1', owner)])
    for (let i = 0; i < 5; i++) await new Promise(resolve => setImmediate(resolve))
    expect(stopped.started).toBe(2)
  })
})
