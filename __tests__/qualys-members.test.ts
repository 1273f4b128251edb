/**
 * Reading member (subscription) connectors for coverage (issue 15), over loopback against the
 * stand-in gateway: the guessed listing paths, the guessed field spellings, paging, and every way
 * it may not be there — which is "not available", never a failure of the check.
 */
import { afterEach, describe, expect, it } from '@jest/globals'
import type { MemberListing } from '../src/qualys/members.js'
import type { GatewayOptions } from '../test-support/gateway.js'
import { closeAll, failure, requestsTo, rig } from '../test-support/qualys-harness.js'

afterEach(closeAll)

const LOWER = '/connectors/v1.0/azure/list'
const UPPER = '/connectors/v1.0/AZURE/list'
const SUB_A = 'aaaaaaaa-0000-4000-8000-000000000001'
const SUB_B = 'bbbbbbbb-0000-4000-8000-000000000002'

/** A gateway with one tenant connector (prefix `prod`) and its members for SUB_A (fine) and SUB_B (failing). */
async function withMembers(options: GatewayOptions = {}) {
  const made = await rig(options)
  const tenant = made.gateway.seed({ name: 'Prod tenant', connectorPrefixName: 'prod' })
  made.gateway.seedMembers(tenant.id, [
    { subscriptionId: SUB_A },
    { subscriptionId: SUB_B, state: 'FINISHED_ERRORS', lastError: 'AuthorizationFailed' }
  ])
  return { ...made, tenant }
}

function available(listing: MemberListing): Extract<MemberListing, { available: true }> {
  if (!listing.available) throw new Error(`member listing not available: ${listing.reason}`)
  return listing
}

describe('where the member listing is', () => {
  it('at /connectors/v1.0/azure/list: one request, each member read with its tenant connector, subscription and state', async () => {
    const { client, gateway, tenant, logger } = await withMembers()
    const listing = available(await client.listMembers())
    expect(listing.path).toBe(LOWER)
    expect(
      listing.members.map(m => [m.name, m.organizationConnectorId, m.subscriptionId, m.state, m.lastError])
    ).toEqual([
      [`prod-${SUB_A}`, tenant.id, SUB_A, 'FINISHED_SUCCESS', undefined],
      [`prod-${SUB_B}`, tenant.id, SUB_B, 'FINISHED_ERRORS', 'AuthorizationFailed']
    ])
    expect(gateway.requests.map(r => [r.method, r.path, r.status])).toEqual([['GET', LOWER, 200]])
    expect(logger.text()).toContain(`Member connectors are listed through GET ${LOWER} (2 found)`)
  })

  it('at the upper-case /connectors/v1.0/AZURE/list after a 404 at the lower-case one; the listing is kept for the run', async () => {
    const { client, gateway } = await withMembers({ memberListPath: 'upper' })
    expect(available(await client.listMembers()).path).toBe(UPPER)
    expect(gateway.requests.map(r => [r.path, r.status])).toEqual([
      [LOWER, 404],
      [UPPER, 200]
    ])
    // A second tenant connector's coverage costs nothing more.
    expect(available(await client.listMembers()).members).toHaveLength(2)
    expect(gateway.requests).toHaveLength(2)
  })

  it('nowhere: not available, naming the paths tried, after one request to each', async () => {
    const { client, gateway } = await withMembers({ memberListPath: 'none' })
    const listing = await client.listMembers()
    expect(listing).toEqual({
      available: false,
      reason: expect.stringContaining(`${LOWER}, ${UPPER} answered 404/405`)
    })
    expect(gateway.requests.map(r => r.path)).toEqual([LOWER, UPPER])
  })
})

describe('the guessed spellings', () => {
  it.each(['subscriptionId', 'authRecord', 'appInfos'] as const)(
    'reads the subscription from the %s spelling',
    async memberSubscriptionField => {
      const { client } = await withMembers({ memberSubscriptionField })
      expect(available(await client.listMembers()).members.map(m => m.subscriptionId)).toEqual([SUB_A, SUB_B])
    }
  )

  it('a member that names its subscription in no known spelling has none, and is still listed', async () => {
    const { client } = await withMembers({ memberSubscriptionField: 'none' })
    const { members } = available(await client.listMembers())
    expect(members).toHaveLength(2)
    expect(members.every(m => m.subscriptionId === undefined)).toBe(true)
  })

  it.each(['organizationConnectorId', 'orgConnectorId'] as const)(
    'reads the tenant connector from the %s spelling',
    async memberLinkField => {
      const { client, tenant } = await withMembers({ memberLinkField })
      expect(available(await client.listMembers()).members.map(m => m.organizationConnectorId)).toEqual([
        tenant.id,
        tenant.id
      ])
    }
  )

  it('without a link field a member has no tenant connector id (coverage then links by name prefix)', async () => {
    const { client } = await withMembers({ memberLinkField: 'none' })
    const { members } = available(await client.listMembers())
    expect(members.map(m => m.organizationConnectorId)).toEqual([undefined, undefined])
    expect(members.map(m => m.name?.startsWith('prod'))).toEqual([true, true])
  })

  it('reads isDisabled / isDeleted', async () => {
    const { client, gateway, tenant } = await withMembers()
    gateway.seedMembers(tenant.id, [
      { subscriptionId: 'c1', disabled: true },
      { subscriptionId: 'c2', deleted: true }
    ])
    const { members } = available(await client.listMembers())
    expect(members.map(m => [m.subscriptionId, m.disabled, m.deleted])).toEqual([
      [SUB_A, false, false],
      [SUB_B, false, false],
      ['c1', true, false],
      ['c2', false, true]
    ])
  })
})

describe('untrusted answers', () => {
  it('leaves out objects it cannot read (no object, no id, another cloud) and counts them, across pages', async () => {
    const { client, gateway, tenant } = await withMembers({ maxPageSize: 2 })
    gateway.seedRawMember('not an object')
    gateway.seedRawMember(null)
    gateway.seedRawMember({ name: 'prod-no-id', subscriptionId: 'x' })
    gateway.seedRawMember({ id: 9, name: 'prod-aws', cloudType: 'AWS', subscriptionId: 'y' })
    gateway.seedMembers(tenant.id, [{ subscriptionId: 'last' }])
    const listing = available(await client.listMembers())
    expect(listing.members.map(m => m.subscriptionId)).toEqual([SUB_A, SUB_B, 'last'])
    expect(listing.ignored).toBe(4)
    // 7 objects, 2 a page.
    expect(requestsTo(gateway.requests, 'GET', LOWER).map(r => r.query.pageNumber)).toEqual(['0', '1', '2', '3'])
  })

  it('reads every page when the gateway caps the page size (25 members, 10 a page → 3 requests)', async () => {
    const { client, gateway, tenant } = await withMembers({ maxPageSize: 10 })
    gateway.seedMembers(
      tenant.id,
      Array.from({ length: 23 }, (_, i) => ({ subscriptionId: `sub-${i}` }))
    )
    const { members } = available(await client.listMembers())
    expect(members).toHaveLength(25)
    expect(new Set(members.map(m => m.id)).size).toBe(25)
    expect(requestsTo(gateway.requests, 'GET', LOWER)).toHaveLength(3)
  })

  it("follows the gateway's totalElements, which counts the objects it could not be read as well", async () => {
    const { client, gateway } = await withMembers()
    const page = (pageNumber: string, content: unknown[]): void =>
      gateway.fault({
        path: LOWER,
        query: { pageNumber },
        fault: { kind: 'status', status: 200, body: JSON.stringify({ totalElements: 3, content }) }
      })
    page('0', [{ id: 1, name: 'prod-1' }, 'garbage'])
    page('1', [{ id: 2, name: 'prod-2' }])
    expect(available(await client.listMembers()).members.map(m => m.id)).toEqual([1, 2])
    expect(requestsTo(gateway.requests, 'GET', LOWER)).toHaveLength(2)
  })

  it('an answer that is no page is "not available", not a failure', async () => {
    const { client, gateway } = await withMembers()
    gateway.fault({ path: LOWER, fault: { kind: 'status', status: 200, body: '{"summary":{"count":2}}' } })
    expect(await client.listMembers()).toEqual({
      available: false,
      reason: expect.stringContaining('not a page of connectors (no content list); coverage cannot be read from it')
    })
  })

  it('a 403 is "not available" with the reason', async () => {
    const { client, gateway } = await withMembers()
    gateway.fault({
      path: LOWER,
      fault: { kind: 'status', status: 403, body: '{"message":"no access to connectors"}' }
    })
    const listing = await client.listMembers()
    expect(listing).toEqual({ available: false, reason: expect.stringContaining('no access to connectors') })
  })
})

describe('limits and credentials', () => {
  it('throttling that outlasts the retries is "not available", not a failure', async () => {
    const { client, gateway } = await withMembers()
    gateway.fault({
      path: LOWER,
      times: Infinity,
      fault: { kind: 'status', status: 429, headers: { 'X-RateLimit-ToWait-Sec': '0.01' }, body: 'Too many requests' }
    })
    const listing = await client.listMembers()
    expect(listing.available).toBe(false)
    expect(gateway.requests.length).toBeGreaterThan(1)
  })

  it('counts in the rate window like any call: after the tenant listing, the member listing waits its turn', async () => {
    // Unadvertised, so that the client's own gate does not wait before the gateway says so.
    const { client, gateway } = await withMembers({ rateLimit: { limit: 1, windowSec: 0.3 }, advertiseLimits: false })
    await client.list()
    expect(available(await client.listMembers()).members).toHaveLength(2)
    expect(gateway.stats()).toMatchObject({ lists: 1, memberLists: 1, throttled: 1 })
  })

  it('a 401 that logging in again cannot cure is thrown: the credentials fail the check, not just coverage', async () => {
    const { client, gateway } = await withMembers()
    gateway.fault({ path: LOWER, fault: { kind: 'status', status: 401, body: 'Unauthorized' } })
    expect(await failure(client.listMembers())).toMatchObject({ kind: 'unauthorized', status: 401 })
  })
})
