/** How an entry to be created is compared with the listed connectors of its tenant (renames.ts), unit by unit. */
import { describe, expect, it } from '@jest/globals'
import { sortPeers, tenantMatch } from '../src/reconcile/renames.js'
import { spec, stored } from '../test-support/builders.js'

const OTHER_TENANT = '9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d'
const entry = spec({ name: 'new name', connectorPrefixName: 'prod-', includedMem: ['Production'] })

describe('tenantMatch', () => {
  it('says what a listed connector shares with the entry: prefix first, then scope, else other', () => {
    expect(tenantMatch(entry, stored(spec({ name: 'old' }), 1))).toBe('prefix')
    const sameScope = spec({ name: 'old', connectorPrefixName: 'old-', includedMem: ['Production'] })
    expect(tenantMatch(entry, stored(sameScope, 2))).toBe('scope')
    expect(tenantMatch(entry, stored(spec({ name: 'old', connectorPrefixName: 'old-' }), 3))).toBe('other')
  })

  it('compares the tenant GUID in any case; another tenant is no match; no tenantId is unknown', () => {
    expect(tenantMatch(entry, stored(spec({ tenantId: entry.tenantId.toUpperCase() }), 1))).toBe('prefix')
    expect(tenantMatch(entry, stored(spec({ tenantId: OTHER_TENANT }), 2))).toBe(false)
    expect(tenantMatch(entry, stored(spec(), 3, { tenantId: undefined }))).toBeUndefined()
  })

  it('an answer without the management groups has an unknown scope, which matches nothing', () => {
    const unscoped = stored(spec({ connectorPrefixName: 'old-' }), 1, { includedMem: undefined })
    expect(tenantMatch(entry, unscoped)).toBe('other')
    // A spec that leaves a list out is compared as empty, as the create would send it.
    expect(tenantMatch(spec({ connectorPrefixName: 'x-' }), stored(spec({ connectorPrefixName: 'old-' }), 2))).toBe(
      'scope'
    )
  })
})

describe('sortPeers', () => {
  it('a prefix match wins over a scope match whichever is listed first', () => {
    const byScope = stored(spec({ name: 'scoped', connectorPrefixName: 'old-', includedMem: ['Production'] }), 1)
    const byPrefix = stored(spec({ name: 'prefixed' }), 2)
    for (const listed of [
      [byScope, byPrefix],
      [byPrefix, byScope]
    ])
      expect(sortPeers(entry, listed).renamed).toEqual({ connector: byPrefix, by: 'prefix' })
  })

  it('keeps the first of two prefix matches, and sorts the rest into others and unknown', () => {
    const first = stored(spec({ name: 'first' }), 1)
    const second = stored(spec({ name: 'second' }), 2)
    const other = stored(spec({ name: 'other', connectorPrefixName: 'other-' }), 3)
    const thin = stored(spec({ name: 'thin' }), 4, { tenantId: undefined })
    const elsewhere = stored(spec({ name: 'elsewhere', tenantId: OTHER_TENANT }), 5)
    expect(sortPeers(entry, [first, second, other, thin, elsewhere])).toEqual({
      renamed: { connector: first, by: 'prefix' },
      others: [other],
      unknown: [thin]
    })
  })
})
