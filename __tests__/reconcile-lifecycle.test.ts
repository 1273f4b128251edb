import { beforeAll, describe, expect, it } from '@jest/globals'
import { HttpError } from '../src/http/errors.js'
import {
  carriesMarker,
  markerLengthProblems,
  markerLine,
  otherOwner,
  pruneCandidates,
  pruneGuardProblem,
  withMarker
} from '../src/reconcile/prune.js'
import { reconcile } from '../src/reconcile/reconcile-run.js'
import { fingerprintLine, secretFingerprint } from '../src/reconcile/secret-fingerprint.js'
import { planMarkdown } from '../src/report/job-summary.js'
import { planText } from '../src/report/log-lines.js'
import { planComment } from '../src/report/pr-comment-body.js'
import { buildOutputs, checkOutputs } from '../src/report/outputs.js'
import type { ConnectorSpec } from '../src/connector-spec/model.js'
import { FakeApi, serverConnector } from '../test-support/fake-api.js'
import { APP, SECRET, TENANT, namedSpec, options, stored } from '../test-support/builders.js'

const MARKER = markerLine('acme/config')
/** The fingerprint line of the specs' secret, which every write that sends it records before the marker. */
let FP = ''
beforeAll(async () => {
  FP = fingerprintLine(await secretFingerprint(SECRET, { tenantId: TENANT, applicationId: APP }))
})

describe('the managed-by marker', () => {
  it('is the last line of the description, added once, and recognised only exactly', () => {
    expect(withMarker(undefined, MARKER)).toBe(MARKER)
    expect(withMarker('Production\n', MARKER)).toBe(`Production\n${MARKER}`)
    expect(withMarker(`Production\n${MARKER}`, MARKER)).toBe(`Production\n${MARKER}`)
    expect(carriesMarker(stored(namedSpec('a'), 1, { description: `x\n${MARKER}\n` }), MARKER)).toBe(true)
    expect(carriesMarker(stored(namedSpec('a'), 1, { description: `${MARKER}\nmore` }), MARKER)).toBe(false)
    expect(carriesMarker(stored(namedSpec('a'), 1, { description: 'managed-by: acme/config-2' }), MARKER)).toBe(false)
    expect(carriesMarker(stored(namedSpec('a'), 1, { description: null }), MARKER)).toBe(false)
  })

  it('prune picks marked, enabled, live connectors that no spec entry names or pins', () => {
    const listing = [
      stored(namedSpec('kept'), 1, { description: MARKER }),
      stored(namedSpec('pinned-old-name'), 2, { description: MARKER }),
      stored(namedSpec('gone'), 3, { description: MARKER }),
      stored(namedSpec('off'), 4, { description: MARKER, disabled: true }),
      stored(namedSpec('deleted'), 5, { description: MARKER, deleted: true }),
      stored(namedSpec('hand-made'), 6, { description: 'by hand' })
    ]
    expect(
      pruneCandidates(listing, [namedSpec('KEPT'.toLowerCase()), namedSpec('renamed', { id: 2 })], MARKER).map(
        c => c.id
      )
    ).toEqual([3])
  })

  it('the guard names the count, the connectors and how to raise prune-max', () => {
    const four = [1, 2, 3, 4].map(id => stored(namedSpec(`c${id}`), id))
    expect(pruneGuardProblem(four.slice(0, 3), 3)).toBeUndefined()
    expect(pruneGuardProblem(four, 3)).toMatch(
      /^prune would disable 4 connectors \('c1' \(id 1\), .*'c4' \(id 4\)\), more than prune-max \(3\), so nothing was changed\. If the spec is right, set the prune-max input to 4/
    )
  })
})

describe('reconcile: enabled and prune', () => {
  it('sends one status call per action for all connectors, after the per-connector work, and no update for enabled alone', async () => {
    const api = new FakeApi([
      stored(namedSpec('a'), 1),
      stored(namedSpec('b'), 2),
      stored(namedSpec('c'), 3, { disabled: true })
    ])
    const { outcomes } = await reconcile(
      [namedSpec('a', { enabled: false }), namedSpec('b', { enabled: false }), namedSpec('c', { enabled: true })],
      api,
      options()
    )
    expect(api.calls.map(c => [c.op, c.action, c.ids])).toEqual([
      ['list', undefined, undefined],
      ['status', 'DISABLE', [1, 2]],
      ['status', 'ENABLE', [3]]
    ])
    expect(outcomes.map(o => [o.result, o.written, o.connector?.disabled])).toEqual([
      ['updated', true, true],
      ['updated', true, true],
      ['updated', true, false]
    ])
    expect(outcomes[0].changes).toEqual([{ field: 'enabled', from: 'true', to: 'false' }])
  })

  it("plans without writing; apply disables the retired ones with the spec's own status change in the same call", async () => {
    const api = new FakeApi([
      stored(namedSpec('a', { description: MARKER }), 1),
      stored(namedSpec('gone', { description: MARKER }), 2)
    ])
    const prune = { max: 3 }
    const planned = await reconcile(
      [namedSpec('a', { enabled: false })],
      api,
      options({ mode: 'plan', marker: MARKER, prune })
    )
    expect(planned.outcomes.map(o => [o.name, o.result, o.action])).toEqual([
      ['a', 'would-update', 'update'],
      ['gone', 'would-disable', 'disable']
    ])
    expect(api.calls.map(c => c.op)).toEqual(['list'])
    const applied = await reconcile([namedSpec('a', { enabled: false })], api, options({ marker: MARKER, prune }))
    expect(applied.outcomes.map(o => [o.name, o.result])).toEqual([
      ['a', 'updated'],
      ['gone', 'disabled']
    ])
    expect(api.calls.filter(c => c.op === 'status').map(c => [c.action, c.ids])).toEqual([['DISABLE', [1, 2]]])
  })

  it('the guard stops the run before any call but the listing', async () => {
    const api = new FakeApi([1, 2].map(id => stored(namedSpec(`old${id}`, { description: MARKER }), id)))
    const result = await reconcile([namedSpec('new')], api, options({ marker: MARKER, prune: { max: 1 } }))
    expect(result.runProblem).toMatch(/more than prune-max \(1\)/)
    expect(result.outcomes.map(o => o.result)).toEqual(['not-attempted'])
    expect(api.calls.map(c => c.op)).toEqual(['list'])
  })

  it('a create under prune carries the marker; an update adds it to the description Qualys has', async () => {
    const api = new FakeApi([stored(namedSpec('old'), 1, { description: 'hand made' })])
    await reconcile(
      [namedSpec('old'), namedSpec('new', { description: 'fresh' })],
      api,
      options({ marker: MARKER, prune: { max: 3 } })
    )
    expect(api.writes.map(w => [w.op, w.body?.description])).toEqual(
      expect.arrayContaining([
        ['update', `hand made\n${FP}\n${MARKER}`],
        ['create', `fresh\n${FP}\n${MARKER}`]
      ])
    )
  })
})

describe('reporting prune', () => {
  it("a - row in the log, the summary and the comment; the single-connector outputs stay the spec connector's", async () => {
    const api = new FakeApi([stored(namedSpec('a'), 1), stored(namedSpec('Evil | <b>', { description: MARKER }), 2)])
    const { outcomes } = await reconcile(
      [namedSpec('a')],
      api,
      options({ mode: 'plan', marker: MARKER, prune: { max: 3 } })
    )
    expect(planText(outcomes, 'plan')).toContain('- Evil | <b>: will be disabled')
    expect(planMarkdown(outcomes, 'plan', 'Plan')).toContain('| ⏹️ | `Evil \\| <b>` | would-disable | 2 |')
    expect(planMarkdown(outcomes, 'plan', 'Plan')).toContain('1 to disable')
    expect(planComment(outcomes, 'Plan', undefined, 60_000)).toContain('would-disable')
    const { outputs, refused } = checkOutputs(buildOutputs(outcomes))
    // (The stand-in's uuid-2 is not a UUID, so connector-uuid is refused; result is not.)
    expect(refused.map(r => r.output)).not.toContain('result')
    expect(outputs.result).toBe('would-update') // 'a' gets the marker; the prune row does not take the output
    expect(JSON.parse(outputs.plan)[1]).toEqual({
      name: 'Evil | <b>',
      action: 'disable',
      changes: [{ field: 'enabled', from: 'true', to: 'false' }]
    })
    expect(checkOutputs({ result: 'would-disable' }).refused).toEqual([])
    expect(checkOutputs({ result: 'disabled' }).refused).toEqual([])
  })
})

describe('markers of other owners, Unicode forms and lengths', () => {
  it("a marker stored in another Unicode form is still this owner's", () => {
    const marker = markerLine('\u00e9quipe/repo')
    const stored = serverConnector({ id: 1, name: 'a', description: 'x\nmanaged-by: e\u0301quipe/repo' })
    expect(carriesMarker(stored, marker)).toBe(true)
    expect(otherOwner(stored, marker)).toBeUndefined()
  })

  it("names another owner's marker instead of adding a second one", () => {
    const stored = serverConnector({ id: 1, name: 'a', description: 'x\nmanaged-by: org/other' })
    expect(otherOwner(stored, markerLine('org/mine'))).toBe('org/other')
  })

  it('reports a description the fingerprint line and the marker would push over the limit, before any request', () => {
    const marker = markerLine('acme/config:connectors.yaml')
    const room = 2000 - marker.length - 1 - 'secret-fingerprint: v1:0123456789abcdef'.length - 1
    const fits = { name: 'fits', description: 'x'.repeat(room) }
    const over = { name: 'over', description: 'x'.repeat(room + 1) }
    const problems = markerLengthProblems([fits, over] as ConnectorSpec[], marker)
    expect(problems.map(p => p.path)).toEqual(["connector 'over' description"])
    expect(problems[0].message).toContain(`at most ${room} are allowed`)
    expect(problems[0].message).toContain('the 39-character secret fingerprint and the 39-character marker')
  })
})

describe('a connector another spec manages', () => {
  it('fails with the other owner named, and is not written (no second marker, no tug of war)', async () => {
    const api = new FakeApi([
      stored(namedSpec('a'), 7, { description: 'shared\nmanaged-by: org/other', tenantName: 'Old' })
    ])
    for (const mode of ['plan', 'apply'] as const) {
      const { outcomes } = await reconcile([namedSpec('a')], api, options({ mode, marker: MARKER, prune: { max: 3 } }))
      expect(outcomes[0].result).toBe('failed')
      expect(outcomes[0].error).toContain("is managed by 'org/other'")
    }
    expect(api.writes).toEqual([])
  })
})

describe('status calls that go wrong', () => {
  it('a batch refused with a 4xx is sent one connector at a time: only the refused one fails', async () => {
    const api = new FakeApi([stored(namedSpec('a'), 1), stored(namedSpec('b'), 2)])
    api.failNext('status', new HttpError('Disable connectors 1, 2: not found (404)', 'not-found', 404))
    api.failNext('status', new HttpError('Disable connector 1: not found (404)', 'not-found', 404))
    const { outcomes } = await reconcile(
      [namedSpec('a', { enabled: false }), namedSpec('b', { enabled: false })],
      api,
      options()
    )
    expect(api.calls.filter(c => c.op === 'status').map(c => c.ids)).toEqual([[1, 2], [1], [2]])
    expect(outcomes.map(o => [o.name, o.result])).toEqual([
      ['a', 'failed'],
      ['b', 'updated']
    ])
    expect(outcomes[0].error).toContain('could not disable it')
  })

  it('a batch that meets throttling is not sent again one by one: every connector of it fails with the reason', async () => {
    const api = new FakeApi([stored(namedSpec('a'), 1), stored(namedSpec('b'), 2)])
    api.failNext('status', new HttpError('Disable connectors 1, 2: Qualys kept throttling the calls', 'throttled', 429))
    const { outcomes } = await reconcile(
      [namedSpec('a', { enabled: false }), namedSpec('b', { enabled: false })],
      api,
      options()
    )
    expect(api.calls.filter(c => c.op === 'status')).toHaveLength(1)
    expect(outcomes.map(o => o.result)).toEqual(['failed', 'failed'])
  })

  it('an id Qualys leaves out of its answer is reported as not confirmed', async () => {
    const api = new FakeApi([stored(namedSpec('a'), 1), stored(namedSpec('b'), 2)])
    const original = api.setStatus.bind(api)
    api.setStatus = async (action, ids) => (await original(action, ids)).filter(c => c.id !== 2)
    const { outcomes } = await reconcile(
      [namedSpec('a', { enabled: false }), namedSpec('b', { enabled: false })],
      api,
      options()
    )
    expect(outcomes[1].warnings).toEqual([expect.stringContaining('did not list this connector in its answer')])
    expect(outcomes[0].warnings).toEqual([])
  })
})
