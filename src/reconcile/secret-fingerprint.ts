/**
 * The fingerprint of a connector's Azure client secret, written into its description so that a run can
 * tell a rotated GitHub secret from the one Qualys holds (Qualys never returns the secret itself).
 * The description is readable by every Qualys user of the subscription, so the fingerprint is a slow,
 * salted, truncated KDF of the secret, never reversible: see SECURITY.md. Every parameter is here, and
 * the version prefix names them: a change of parameters is a new version, and a fingerprint of another
 * version is read as "not known" (the next write records a current one), never as a rotation.
 */
import { createHmac, scrypt } from 'node:crypto'
import { mapWithLimit } from '../concurrency.js'

/** Names the parameters below; written before the value so a later version can tell old fingerprints apart. */
export const FINGERPRINT_VERSION = 'v1'
/**
 * scrypt's cost: N = 2^13 with r = 8 takes 8 MiB and about 20 ms on a 2-core runner (2^14 took 44 ms
 * there, too close to the 50 ms a 1000-connector spec can afford per connector). Still memory-hard, so
 * a guess costs the same 8 MiB and milliseconds on any hardware.
 */
export const SCRYPT_COST = 2 ** 13
export const SCRYPT_BLOCK_SIZE = 8
export const SCRYPT_PARALLELISM = 1
/** 64 bits: plenty to see that the secret changed, too few to confirm a guessed secret with any confidence at scale. */
export const FINGERPRINT_BYTES = 8
/** scrypt's output: the key the tenant's fingerprint is an HMAC of. */
const APP_KEY_BYTES = 32
/**
 * The salt's prefix; the application makes it per app registration, so nothing can be precomputed. The
 * tenant is not in scrypt's salt but in the HMAC after it: a client secret belongs to its app registration
 * (a multi-tenant app sends the same secret for every tenant), so scrypt runs once per app and secret, not
 * once per connector, and a guesser gains nothing by it (see SECURITY.md).
 */
const SALT_PREFIX = `qualys-azure-connector/${FINGERPRINT_VERSION}`
/** The description line the fingerprint is written on, before the `managed-by:` marker. */
export const FINGERPRINT_LABEL = 'secret-fingerprint: '

const LINE_PATTERN = new RegExp(`^${FINGERPRINT_LABEL}(v\\d+):([0-9a-f]+)$`)

/** How long the line is (all ASCII): the description's length limit must leave room for it. */
export const FINGERPRINT_LINE_LENGTH = `${FINGERPRINT_LABEL}${FINGERPRINT_VERSION}:`.length + FINGERPRINT_BYTES * 2

/** Whom the fingerprint is of: a connector's tenant and application, as GUIDs in any case. */
export interface FingerprintOwner {
  tenantId: string
  applicationId: string
}

/** `v1:<16 lowercase hex>` of the secret, for the connector's tenant and application. Async: scrypt runs off the main thread. */
export async function secretFingerprint(secret: string, owner: FingerprintOwner): Promise<string> {
  return tenantFingerprint(await appKey(secret, owner.applicationId), owner.tenantId)
}

/** The slow part, once per application and secret: scrypt of the secret, salted with the application. */
function appKey(secret: string, applicationId: string): Promise<Buffer> {
  const salt = `${SALT_PREFIX}/${applicationId.toLowerCase()}`
  return new Promise((resolve, reject) => {
    scrypt(
      secret,
      salt,
      APP_KEY_BYTES,
      { N: SCRYPT_COST, r: SCRYPT_BLOCK_SIZE, p: SCRYPT_PARALLELISM },
      (error, key) => (error ? reject(error) : resolve(key))
    )
  })
}

/** The quick part, per connector: HMAC-SHA256 of the tenant under the app's key, cut to FINGERPRINT_BYTES. */
function tenantFingerprint(key: Buffer, tenantId: string): string {
  const mac = createHmac('sha256', key).update(tenantId.toLowerCase()).digest()
  return `${FINGERPRINT_VERSION}:${mac.subarray(0, FINGERPRINT_BYTES).toString('hex')}`
}

/** The description line that carries a fingerprint. */
export function fingerprintLine(fingerprint: string): string {
  return `${FINGERPRINT_LABEL}${fingerprint}`
}

/** Whether a description line is a fingerprint line, of any version (bookkeeping either way). */
export function isFingerprintLine(line: string): boolean {
  return LINE_PATTERN.test(line.trim())
}

/** The fingerprint a line carries, when it is one of the current version (another version cannot be compared). */
export function fingerprintOf(line: string): string | undefined {
  const match = LINE_PATTERN.exec(line.trim())
  return match && match[1] === FINGERPRINT_VERSION && match[2].length === FINGERPRINT_BYTES * 2
    ? `${match[1]}:${match[2]}`
    : undefined
}

/** scrypt runs on libuv's pool (4 threads by default), which DNS lookups and file reads share: two leave room. */
const WARM_CONCURRENCY = 2

/**
 * The run's fingerprints: scrypt once per application and secret (a multi-tenant app's 1000 connectors
 * cost one), then a quick HMAC per tenant. An apply warms the keys in the spec's order as it starts, a few
 * at a time, so each is ready by the time its connector's write needs it: the writes never wait on scrypt.
 */
export class Fingerprints {
  private readonly keys = new Map<string, Promise<Buffer>>()
  private warming = false

  async of(secret: string, owner: FingerprintOwner): Promise<string> {
    return tenantFingerprint(await this.keyOf(secret, owner.applicationId), owner.tenantId)
  }

  private keyOf(secret: string, applicationId: string): Promise<Buffer> {
    const id = JSON.stringify([secret, applicationId.toLowerCase()])
    let found = this.keys.get(id)
    if (!found) {
      found = appKey(secret, applicationId)
      this.keys.set(id, found)
    }
    return found
  }

  /** Starts the fingerprints of these connectors in the background; a failure is met again where one is used. */
  warm(owners: readonly (FingerprintOwner & { secretValue?: string })[]): void {
    const withSecret = owners.filter(owner => owner.secretValue !== undefined)
    this.warming = true
    void mapWithLimit(withSecret, WARM_CONCURRENCY, owner =>
      this.warming
        ? this.keyOf(owner.secretValue as string, owner.applicationId).then(
            () => undefined,
            () => undefined
          )
        : Promise.resolve(undefined)
    )
  }

  /** How many scrypt computations (applications and secrets) the run has started. */
  get started(): number {
    return this.keys.size
  }

  /** No more warming: the run is over (a process with scrypt still queued would not exit). */
  stopWarming(): void {
    this.warming = false
  }
}
