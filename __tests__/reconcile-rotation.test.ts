/**
 * Issue 16, "rotation without announcing it" and "force-update can name connectors", in process: the
 * fingerprint line as bookkeeping beside the marker (prune.ts), and what the reconciler decides from it.
 */
import { beforeAll, describe, expect, it } from '@jest/globals'
import type { AzurePreflight, PreflightResult } from '../src/azure/preflight.js'
import type { Connector } from '../src/qualys/connector.js'
import { FORCED_CHANGE, ROTATED_CHANGE } from '../src/reconcile/diff.js'
import {
  carriesMarker,
  markerLine,
  notManaged,
  otherOwner,
  pruneCandidates,
  recordedFingerprint,
  unmarked,
  withBookkeeping
} from '../src/reconcile/prune.js'
import { SECRET_NOT_KNOWN } from '../src/reconcile/reconcile-connector.js'
import { reconcile, type ReconcileOptions } from '../src/reconcile/reconcile-run.js'
import { fingerprintLine, secretFingerprint } from '../src/reconcile/secret-fingerprint.js'
import { planMarkdown } from '../src/report/job-summary.js'
import { planText } from '../src/report/log-lines.js'
import type { ConnectorSpec } from '../src/connector-spec/model.js'
import { FakeApi } from '../test-support/fake-api.js'
import { APP, TENANT, namedSpec, options as applyOptions, stored as storedAnswer } from '../test-support/builders.js'

const OLD_SECRET = 'Abc8Q~old.secret-value_0123456789abcdefghij'
const NEW_SECRET = 'Xyz8Q~new.secret-value_9876543210zyxwvutsrq'
const MARKER = markerLine('acme/config:connectors.yaml')

let OLD_FP = ''
let NEW_FP = ''
beforeAll(async () => {
  OLD_FP = await secretFingerprint(OLD_SECRET, { tenantId: TENANT, applicationId: APP })
  NEW_FP = await secretFingerprint(NEW_SECRET, { tenantId: TENANT, applicationId: APP })
})

/** This file's specs carry the new secret and a description the bookkeeping lines go under. */
function spec(name: string, over: Partial<ConnectorSpec> = {}): ConnectorSpec {
  return namedSpec(name, { description: 'Production', secretValue: NEW_SECRET, ...over })
}
/** Qualys' answer, its description (where the fingerprint and marker are read from) always given. */
function stored(
  s: ConnectorSpec,
  id: number,
  description: string | null,
  raw: Record<string, unknown> = {}
): Connector {
  return storedAnswer(s, id, { description, ...raw })
}
/** An apply whose writes carry this owner's marker. */
function options(over: Partial<ReconcileOptions> = {}): ReconcileOptions {
  return applyOptions({ marker: MARKER, ...over })
}

/** A connector as a run of this version wrote it: its description ends in the fingerprint line, then the marker. */

/** A preflight that records the order of what it was asked, beside the fake API's calls. */
class RecordingPreflight implements AzurePreflight {
  readonly asked: string[] = []
  constructor(private readonly refusal?: string) {}
  check(s: ConnectorSpec): Promise<PreflightResult> {
    this.asked.push(s.name)
    return Promise.resolve({ refusal: this.refusal, warnings: [], subscriptions: 1 })
  }
}

const fp = (value: string): string => fingerprintLine(value)

describe('the bookkeeping block: the fingerprint line, then the marker as the last line', () => {
  it('is written once, replacing any block the description had, with the marker last or the fingerprint last without one', () => {
    expect(withBookkeeping('Production', MARKER, OLD_FP)).toBe(`Production\n${fp(OLD_FP)}\n${MARKER}`)
    expect(withBookkeeping(`Production\n${fp(OLD_FP)}\n${MARKER}\n`, MARKER, NEW_FP)).toBe(
      `Production\n${fp(NEW_FP)}\n${MARKER}`
    )
    expect(withBookkeeping(`Production\n${fp(OLD_FP)}`, undefined, NEW_FP)).toBe(`Production\n${fp(NEW_FP)}`)
    expect(withBookkeeping(undefined, MARKER, NEW_FP)).toBe(`${fp(NEW_FP)}\n${MARKER}`)
    // Without a new fingerprint (no write of the secret) the marker alone is laid over the body.
    expect(withBookkeeping(`Production\n${fp(OLD_FP)}\n${MARKER}`, MARKER, undefined)).toBe(`Production\n${MARKER}`)
  })

  it('is never part of the description the plan compares, and the recorded fingerprint is read from it', () => {
    const marked = stored(spec('a'), 1, `Production\n${fp(OLD_FP)}\n${MARKER}`)
    const unowned = stored(spec('a'), 1, `Production\n${fp(OLD_FP)}`)
    expect(unmarked(marked, MARKER).description).toBe('Production')
    expect(unmarked(unowned, undefined).description).toBe('Production')
    expect(unmarked(unowned, MARKER).description).toBe('Production')
    expect(recordedFingerprint(marked, MARKER)).toBe(OLD_FP)
    expect(recordedFingerprint(unowned, undefined)).toBe(OLD_FP)
    // A fingerprint line in the middle of the text is the user's, not bookkeeping.
    expect(recordedFingerprint(stored(spec('a'), 1, `${fp(OLD_FP)}\nnotes\n${MARKER}`), MARKER)).toBeUndefined()
    expect(recordedFingerprint(stored(spec('a'), 1, `Production\n${MARKER}`), MARKER)).toBeUndefined()
    expect(recordedFingerprint(stored(spec('a'), 1, null), MARKER)).toBeUndefined()
  })

  it("keeps the marker readable as the last line: ownership, another owner's marker, prune and not-managed", () => {
    const mine = stored(spec('gone'), 1, `x\n${fp(OLD_FP)}\n${MARKER}`)
    const theirs = stored(
      spec('theirs', { tenantId: 'aaaaaaaa-5e4f-4a3b-8c2d-1e0f9a8b7c6d' }),
      2,
      `y\n${fp(OLD_FP)}\nmanaged-by: org/other`
    )
    const unowned = stored(spec('loose', { tenantId: 'bbbbbbbb-5e4f-4a3b-8c2d-1e0f9a8b7c6d' }), 3, `z\n${fp(OLD_FP)}`)
    expect(carriesMarker(mine, MARKER)).toBe(true)
    expect(otherOwner(theirs, MARKER)).toBe('org/other')
    expect(otherOwner(mine, MARKER)).toBeUndefined()
    expect(otherOwner(unowned, MARKER)).toBeUndefined()
    expect(pruneCandidates([mine, theirs, unowned], [], MARKER).map(c => c.id)).toEqual([1])
    expect(notManaged([mine, theirs, unowned], [], new Set()).map(c => c.id)).toEqual([3])
  })
})

describe('rotation by fingerprint', () => {
  it('the same secret is no change and no write', async () => {
    const api = new FakeApi([stored(spec('a'), 1, `Production\n${fp(NEW_FP)}\n${MARKER}`)])
    const preflight = new RecordingPreflight()
    const { outcomes } = await reconcile([spec('a')], api, options({ preflight }))
    expect(outcomes.map(o => [o.result, o.changes, o.notes])).toEqual([['unchanged', [], undefined]])
    expect(api.writes).toEqual([])
    expect(preflight.asked).toEqual([])
  })

  it('another secret is planned as `secretValue: rotated`, and applied after the preflight with the new fingerprint', async () => {
    const current = (): Connector => stored(spec('a'), 1, `Production\n${fp(OLD_FP)}\n${MARKER}`)
    const planned = await reconcile([spec('a')], new FakeApi([current()]), options({ mode: 'plan' }))
    expect(planned.outcomes.map(o => [o.result, o.changes])).toEqual([['would-update', [ROTATED_CHANGE]]])
    expect(planText(planned.outcomes, 'plan')).toContain('    ~ secretValue: rotated')
    expect(planMarkdown(planned.outcomes, 'plan', 'Plan')).toContain('`secretValue`: `rotated`')

    const api = new FakeApi([current()])
    const preflight = new RecordingPreflight()
    const { outcomes } = await reconcile([spec('a')], api, options({ preflight }))
    expect(outcomes.map(o => [o.result, o.changes])).toEqual([['updated', [ROTATED_CHANGE]]])
    expect(preflight.asked).toEqual(['a'])
    expect(api.writes.map(w => [w.op, w.body?.secretValue, w.body?.description])).toEqual([
      ['update', NEW_SECRET, `Production\n${fp(NEW_FP)}\n${MARKER}`]
    ])
    // Nothing a reader sees holds the secret or the fingerprint.
    const shown = `${planText(outcomes, 'apply')}\n${planMarkdown(outcomes, 'apply', 'Apply')}`
    for (const hidden of [NEW_SECRET, OLD_SECRET, NEW_FP.slice(3), OLD_FP.slice(3)]) expect(shown).not.toContain(hidden)

    // The next run sees what it wrote: nothing to do.
    const again = await reconcile([spec('a')], api, options())
    expect(again.outcomes.map(o => o.result)).toEqual(['unchanged'])
    expect(api.writes).toHaveLength(1)
  })

  it('a secret Azure refuses is never written, nor is its fingerprint', async () => {
    const api = new FakeApi([stored(spec('a'), 1, `Production\n${fp(OLD_FP)}\n${MARKER}`)])
    const { outcomes } = await reconcile(
      [spec('a')],
      api,
      options({ preflight: new RecordingPreflight('Azure preflight: no') })
    )
    expect(outcomes.map(o => [o.result, o.error])).toEqual([['failed', 'Azure preflight: no']])
    expect(api.writes).toEqual([])
  })

  it('without a recorded fingerprint the connector is not written for it: a note, not a change', async () => {
    for (const mode of ['plan', 'apply'] as const) {
      const api = new FakeApi([stored(spec('a'), 1, `Production\n${MARKER}`)])
      const { outcomes } = await reconcile([spec('a')], api, options({ mode }))
      expect(outcomes.map(o => [o.result, o.action, o.changes, o.notes])).toEqual([
        ['unchanged', 'none', [], [SECRET_NOT_KNOWN]]
      ])
      expect(api.writes).toEqual([])
      expect(planText(outcomes, mode)).toContain('· secretValue: not known — the next write records it')
    }
  })

  it('a write for another reason records the fingerprint, and then says nothing of "not known"', async () => {
    const api = new FakeApi([stored(spec('a'), 1, `Production\n${MARKER}`)])
    const { outcomes } = await reconcile([spec('a', { tenantName: 'Contoso Ltd' })], api, options())
    expect(outcomes.map(o => [o.result, o.changes.map(c => c.field), o.notes])).toEqual([
      ['updated', ['tenantName'], undefined]
    ])
    expect(api.writes.map(w => w.body?.description)).toEqual([`Production\n${fp(NEW_FP)}\n${MARKER}`])
  })

  it('a plan without the secret says nothing of it', async () => {
    const api = new FakeApi([
      stored(spec('a'), 1, `Production\n${fp(OLD_FP)}\n${MARKER}`),
      stored(spec('b'), 2, 'Production')
    ])
    const noSecret = { secretValue: undefined }
    const { outcomes } = await reconcile([spec('a', noSecret), spec('b', noSecret)], api, options({ mode: 'plan' }))
    expect(outcomes.map(o => [o.result, o.changes, o.notes])).toEqual([
      ['unchanged', [], undefined],
      ['unchanged', [], undefined]
    ])
  })

  it('an enable or disable alone sends no secret, needs none, and leaves the fingerprint line as it is', async () => {
    const description = `Production\n${fp(OLD_FP)}\n${MARKER}`
    const api = new FakeApi([stored(spec('a'), 1, description)])
    const { outcomes } = await reconcile(
      [spec('a', { enabled: false, secretValue: undefined })],
      api,
      options({ secretVariables: { a: 'A_SECRET' } })
    )
    expect(outcomes.map(o => [o.result, o.changes.map(c => c.field)])).toEqual([['updated', ['enabled']]])
    expect(api.writes).toEqual([])
    expect(api.calls.filter(c => c.op === 'status').map(c => c.action)).toEqual(['DISABLE'])
    expect(api.connectors[0].description).toBe(description)
  })

  it('is recorded on a create, after the marker-less body, with the marker last', async () => {
    const api = new FakeApi()
    await reconcile(
      [spec('new'), spec('bare', { description: undefined, tenantId: 'cccccccc-5e4f-4a3b-8c2d-1e0f9a8b7c6d' })],
      api,
      options()
    )
    const bare = await secretFingerprint(NEW_SECRET, {
      tenantId: 'cccccccc-5e4f-4a3b-8c2d-1e0f9a8b7c6d',
      applicationId: APP
    })
    expect(api.writes.map(w => [w.op, w.body?.description]).sort()).toEqual([
      ['create', `Production\n${fp(NEW_FP)}\n${MARKER}`],
      ['create', `${fp(bare)}\n${MARKER}`]
    ])
  })

  it('with prune on, adopting a connector that has a fingerprint but no marker shows the marker only, and keeps both', async () => {
    const api = new FakeApi([stored(spec('a'), 1, `Production\n${fp(NEW_FP)}`)])
    const planned = await reconcile([spec('a')], api, options({ mode: 'plan', prune: { max: 3 } }))
    expect(planned.outcomes.map(o => o.changes)).toEqual([
      [{ field: 'description', from: 'Production', to: `Production⏎${MARKER}` }]
    ])
    await reconcile([spec('a')], api, options({ prune: { max: 3 } }))
    expect(api.writes.map(w => w.body?.description)).toEqual([`Production\n${fp(NEW_FP)}\n${MARKER}`])
  })

  it('a spec whose description carries the bookkeeping lines (exported) is no change, and they are written once', async () => {
    const api = new FakeApi([stored(spec('a'), 1, `Production\n${fp(OLD_FP)}\n${MARKER}`)])
    const exported = spec('a', { description: `Production\n${fp(OLD_FP)}\n${MARKER}` })
    const planned = await reconcile([exported], api, options({ mode: 'plan' }))
    expect(planned.outcomes.map(o => o.changes)).toEqual([[ROTATED_CHANGE]])
    await reconcile([exported], api, options())
    expect(api.writes.map(w => w.body?.description)).toEqual([`Production\n${fp(NEW_FP)}\n${MARKER}`])
    const again = await reconcile([exported], api, options())
    expect(again.outcomes.map(o => [o.result, o.changes])).toEqual([['unchanged', []]])
  })

  it("refuses a connector with another owner's marker after a fingerprint line, and writes nothing", async () => {
    const api = new FakeApi([stored(spec('a'), 1, `Production\n${fp(OLD_FP)}\nmanaged-by: org/other`)])
    const { outcomes } = await reconcile([spec('a')], api, options())
    expect(outcomes[0].error).toContain("is managed by 'org/other'")
    expect(api.writes).toEqual([])
  })
})

describe('force-update by name', () => {
  it('writes only the connectors it names, each with a row that says why', async () => {
    const betaTenant = 'dddddddd-5e4f-4a3b-8c2d-1e0f9a8b7c6d'
    // Each connector records the fingerprint salted with its own tenant: the same secret, another value.
    const betaFp = await secretFingerprint(NEW_SECRET, { tenantId: betaTenant, applicationId: APP })
    const connectors = (): Connector[] => [
      stored(spec('alpha'), 1, `Production\n${fp(NEW_FP)}\n${MARKER}`),
      stored(spec('beta', { tenantId: betaTenant }), 2, `Production\n${fp(betaFp)}\n${MARKER}`)
    ]
    const specs = [spec('alpha'), spec('beta', { tenantId: betaTenant })]
    const api = new FakeApi(connectors())
    const { outcomes } = await reconcile(specs, api, options({ forceUpdate: ['beta'] }))
    expect(outcomes.map(o => [o.name, o.result, o.changes])).toEqual([
      ['alpha', 'unchanged', []],
      ['beta', 'updated', [FORCED_CHANGE]]
    ])
    expect(api.writes.map(w => [w.op, w.id])).toEqual([['update', 2]])
    expect(planText(outcomes, 'apply')).toContain('    ~ secretValue: re-sent (force-update)')
  })

  it('names are matched as names are (NFC), and a rotation says rotated rather than forced', async () => {
    const decomposed = 'Cafe\u0301'
    const api = new FakeApi([stored(spec('Café'), 1, `Production\n${fp(OLD_FP)}\n${MARKER}`)])
    const { outcomes } = await reconcile([spec('Café')], api, options({ forceUpdate: [decomposed] }))
    expect(outcomes.map(o => [o.result, o.changes])).toEqual([['updated', [ROTATED_CHANGE]]])
  })
})
