import { describe, expect, it } from '@jest/globals'
import { assessHealth, syncTime } from '../src/check/health.js'

const NOW = Date.parse('2026-12-02T12:00:00Z')
const DAY = 86_400_000
const ago = (days: number): string => new Date(NOW - days * DAY).toISOString()
const context = { wantEnabled: true, now: NOW }

describe('the health of a connector between merges', () => {
  it('is healthy when it synced within twice its run frequency', () => {
    const health = assessHealth(
      { id: 1, state: 'FINISHED_SUCCESS', lastSynced: ago(1.9), orgRunFrequency: 1440 },
      context
    )
    expect(health).toEqual({ healthy: true, state: 'FINISHED_SUCCESS', lastSynced: ago(1.9), findings: [] })
  })

  it('is failing on ERROR or FINISHED_ERRORS, with the last error', () => {
    expect(
      assessHealth({ id: 1, state: 'FINISHED_ERRORS', lastError: 'AADSTS7000215', lastSynced: ago(0) }, context)
        .findings
    ).toEqual([{ kind: 'failing', detail: 'state FINISHED_ERRORS: AADSTS7000215' }])
    expect(assessHealth({ id: 1, state: 'error', lastSynced: ago(0) }, context).findings).toEqual([
      { kind: 'failing', detail: 'state error (Qualys gave no message)' }
    ])
  })

  it('is failing on a last error even when the state says nothing', () => {
    const health = assessHealth(
      { id: 1, state: 'SUCCESS', lastError: 'subscription gone', lastSynced: ago(0) },
      context
    )
    expect(health.healthy).toBe(false)
    expect(health.findings).toEqual([{ kind: 'failing', detail: 'last error: subscription gone' }])
  })

  it('is not failing for an empty or blank last error', () => {
    expect(assessHealth({ id: 1, state: 'SUCCESS', lastError: '  ', lastSynced: ago(0) }, context).healthy).toBe(true)
    expect(assessHealth({ id: 1, state: 'SUCCESS', lastError: null, lastSynced: ago(0) }, context).healthy).toBe(true)
  })

  it('is stale past twice its frequency, counted in the whole days Qualys runs in', () => {
    // 90 minutes runs daily on the server: stale after 2 days, not after 3 hours.
    const daily = { id: 1, state: 'SUCCESS', orgRunFrequency: 90 }
    expect(assessHealth({ ...daily, lastSynced: ago(1.5) }, context).healthy).toBe(true)
    expect(assessHealth({ ...daily, lastSynced: ago(3) }, context).findings).toEqual([
      { kind: 'stale', detail: 'no sync for 3 days (it runs every 1 day)' }
    ])
    const weekly = { id: 1, state: 'SUCCESS', orgRunFrequency: 7 * 1440 }
    expect(assessHealth({ ...weekly, lastSynced: ago(13) }, context).healthy).toBe(true)
    expect(assessHealth({ ...weekly, lastSynced: ago(15) }, context).findings[0]?.kind).toBe('stale')
  })

  it("uses the spec's frequency when Qualys answers none, and a week when neither says", () => {
    const connector = { id: 1, state: 'SUCCESS', lastSynced: ago(5) }
    expect(assessHealth(connector, { ...context, wantedFrequency: 1440 }).findings[0]?.kind).toBe('stale')
    expect(assessHealth(connector, context).healthy).toBe(true)
  })

  it('is stale when it never synced, unless a sync is running', () => {
    expect(
      assessHealth({ id: 1, state: 'SUCCESS', lastSynced: null, orgRunFrequency: 2880 }, context).findings
    ).toEqual([{ kind: 'stale', detail: 'has never synced (it runs every 2 days)' }])
    expect(assessHealth({ id: 1, state: 'RUNNING', lastSynced: null, orgRunFrequency: 2880 }, context).healthy).toBe(
      true
    )
    // A thin answer that leaves the field out claims nothing.
    expect(assessHealth({ id: 1, state: 'SUCCESS', orgRunFrequency: 2880 }, context).healthy).toBe(true)
  })

  it('is only failing, not also stale, when a failure is why it did not sync', () => {
    const health = assessHealth({ id: 1, state: 'ERROR', lastError: 'no access', lastSynced: ago(30) }, context)
    expect(health.findings.map(f => f.kind)).toEqual(['failing'])
  })

  it('is disabled only when the spec wants it enabled, and a disabled one is not also stale', () => {
    const off = { id: 1, state: 'DISABLED', disabled: true, lastSynced: ago(30), orgRunFrequency: 1440 }
    expect(assessHealth(off, context).findings).toEqual([
      { kind: 'disabled', detail: 'disabled in Qualys, while the spec wants it enabled' }
    ])
    expect(assessHealth(off, { ...context, wantEnabled: false }).healthy).toBe(true)
  })

  it('is missing or deleted when Qualys has no live connector of the name', () => {
    expect(assessHealth(undefined, context)).toEqual({
      healthy: false,
      findings: [{ kind: 'missing', detail: 'no tenant connector of this name in Qualys' }]
    })
    expect(assessHealth(undefined, { ...context, deletedId: 42 }).findings).toEqual([
      { kind: 'deleted', detail: 'tenant connector 42 of this name is deleted in Qualys' }
    ])
  })

  it('reads ISO text and epoch seconds or milliseconds, and nothing else', () => {
    expect(syncTime('2026-12-01T12:00:00Z')).toBe(Date.parse('2026-12-01T12:00:00Z'))
    expect(syncTime('1764590400')).toBe(1_764_590_400_000)
    expect(syncTime('1764590400000')).toBe(1_764_590_400_000)
    expect(syncTime('last tuesday')).toBeUndefined()
    // Unreadable is not stale: nothing is claimed that the answer does not show.
    expect(assessHealth({ id: 1, state: 'SUCCESS', lastSynced: 'soon' }, context).healthy).toBe(true)
  })
})
