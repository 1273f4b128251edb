/** Coverage for `mode: check` (issue 15), computed from a member listing and the readable subscriptions: pure. */
import { describe, expect, it } from '@jest/globals'
import { computeCoverage, type AzureSubscriptions, type Coverage } from '../src/check/coverage.js'
import type { MemberConnector, MemberListing } from '../src/qualys/members.js'
import { classifyState, isFailing } from '../src/qualys/states.js'

const TENANT = { id: 100001, connectorPrefixName: 'prod' }
const SUB_A = 'aaaaaaaa-0000-4000-8000-000000000001'
const SUB_B = 'bbbbbbbb-0000-4000-8000-000000000002'
const SUB_C = 'cccccccc-0000-4000-8000-000000000003'
const readable: AzureSubscriptions = { ids: [SUB_A, SUB_B, SUB_C] }

let nextId = 500001
function member(over: Partial<MemberConnector> = {}): MemberConnector {
  return { id: nextId++, name: 'prod-x', state: 'FINISHED_SUCCESS', disabled: false, deleted: false, ...over }
}

function listing(members: MemberConnector[], ignored = 0): MemberListing {
  return { available: true, path: '/connectors/v1.0/azure/list', members, ignored }
}

function available(coverage: Coverage): Extract<Coverage, { status: 'available' }> {
  if (coverage.status !== 'available') throw new Error(`coverage not available: ${coverage.reason}`)
  return coverage
}

describe('coverage, linked by organization connector id', () => {
  it('names the subscription that has no member connector, and counts only this tenant connector’s members', () => {
    const coverage = available(
      computeCoverage(
        TENANT,
        listing([
          member({ organizationConnectorId: 100001, subscriptionId: SUB_A }),
          member({ organizationConnectorId: 100001, subscriptionId: SUB_C }),
          // Another tenant connector's member for SUB_B does not cover it for this one.
          member({ organizationConnectorId: 100002, subscriptionId: SUB_B, name: 'prod-b' })
        ]),
        readable
      )
    )
    expect(coverage).toMatchObject({
      linkedBy: 'organization connector id',
      members: 2,
      subscriptions: 3,
      withoutMember: [SUB_B],
      failingMembers: []
    })
    expect(coverage).not.toHaveProperty('unknown')
  })

  it('lists failing members with their lastError: a failed state, or a lastError whatever the state', () => {
    const coverage = available(
      computeCoverage(
        TENANT,
        listing([
          member({
            id: 7,
            name: 'prod-a',
            organizationConnectorId: 100001,
            subscriptionId: SUB_A,
            state: 'FINISHED_ERRORS',
            lastError: 'AuthorizationFailed on subscription a'
          }),
          member({
            id: 8,
            name: 'prod-b',
            organizationConnectorId: 100001,
            subscriptionId: SUB_B,
            state: 'SUCCESS',
            lastError: 'throttled by Azure'
          }),
          member({ id: 9, name: 'prod-c', organizationConnectorId: 100001, subscriptionId: SUB_C, state: 'RUNNING' })
        ]),
        readable
      )
    )
    expect(coverage.failingMembers).toEqual([
      {
        id: 7,
        name: 'prod-a',
        subscriptionId: SUB_A,
        state: 'FINISHED_ERRORS',
        lastError: 'AuthorizationFailed on subscription a'
      },
      { id: 8, name: 'prod-b', subscriptionId: SUB_B, state: 'SUCCESS', lastError: 'throttled by Azure' }
    ])
    expect(coverage.withoutMember).toEqual([])
  })

  it('a soft-deleted member covers nothing; a disabled one is a member, reported apart, never as failing', () => {
    const coverage = available(
      computeCoverage(
        TENANT,
        listing([
          member({ organizationConnectorId: 100001, subscriptionId: SUB_A, deleted: true }),
          member({
            id: 42,
            name: 'prod-b',
            organizationConnectorId: 100001,
            subscriptionId: SUB_B,
            disabled: true,
            state: 'ERROR',
            lastError: 'old'
          }),
          member({ organizationConnectorId: 100001, subscriptionId: SUB_C })
        ]),
        readable
      )
    )
    expect(coverage.members).toBe(2)
    expect(coverage.withoutMember).toEqual([SUB_A])
    expect(coverage.failingMembers).toEqual([])
    expect(coverage.disabledMembers).toEqual([{ id: 42, name: 'prod-b', subscriptionId: SUB_B }])
  })

  it('where members carry the id, a name that merely starts with the prefix links nothing', () => {
    const coverage = available(
      computeCoverage(
        TENANT,
        listing([
          member({ organizationConnectorId: 100001, subscriptionId: SUB_A }),
          member({ name: 'prod-standalone', subscriptionId: SUB_B })
        ]),
        readable
      )
    )
    expect(coverage.linkedBy).toBe('organization connector id')
    expect(coverage.withoutMember).toEqual([SUB_B, SUB_C])
  })

  it('subscription ids match without case; members for subscriptions the app cannot read are named', () => {
    const other = 'dddddddd-0000-4000-8000-000000000004'
    const coverage = available(
      computeCoverage(
        TENANT,
        listing([
          member({ organizationConnectorId: 100001, subscriptionId: SUB_A.toUpperCase() }),
          member({ organizationConnectorId: 100001, subscriptionId: other })
        ]),
        { ids: [SUB_A, SUB_B] }
      )
    )
    expect(coverage.withoutMember).toEqual([SUB_B])
    expect(coverage.notReadableByApp).toEqual([other])
  })
})

describe('coverage, linked by name prefix', () => {
  it('links the members whose name starts with the tenant connector’s prefix when none carries an id', () => {
    const coverage = available(
      computeCoverage(
        TENANT,
        listing([
          member({ name: 'prod-sub-a', subscriptionId: SUB_A }),
          member({ name: 'staging-sub-b', subscriptionId: SUB_B }),
          member({ name: 'prod-sub-c', subscriptionId: SUB_C, state: 'ERROR', lastError: 'no Reader role' })
        ]),
        readable
      )
    )
    expect(coverage).toMatchObject({ linkedBy: 'name prefix', members: 2, withoutMember: [SUB_B] })
    expect(coverage.failingMembers.map(m => m.name)).toEqual(['prod-sub-c'])
  })

  it('is not available when the tenant connector has no prefix to link by', () => {
    const coverage = computeCoverage({ id: 1 }, listing([member({ subscriptionId: SUB_A })]), readable)
    expect(coverage).toEqual({ status: 'not-available', reason: expect.stringContaining('connectorPrefixName') })
  })
})

describe('what coverage does not guess', () => {
  it('not available when the listing is not, with its reason', () => {
    const coverage = computeCoverage(TENANT, { available: false, reason: 'no listing at the guessed paths' }, readable)
    expect(coverage).toEqual({ status: 'not-available', reason: 'no listing at the guessed paths' })
  })

  it('Azure not read: counts and failing members still, but no "without member", with the reason', () => {
    const coverage = available(
      computeCoverage(
        TENANT,
        listing([member({ organizationConnectorId: 100001, subscriptionId: SUB_A, state: 'ERROR' })]),
        { ids: null, reason: 'Microsoft Entra ID could not be reached' }
      )
    )
    expect(coverage).toMatchObject({ members: 1, subscriptions: null, withoutMember: null, notReadableByApp: null })
    expect(coverage.unknown).toContain('Microsoft Entra ID could not be reached')
    expect(coverage.failingMembers).toHaveLength(1)
  })

  it('a member that names no subscription makes "without member" unknown rather than wrong', () => {
    const coverage = available(
      computeCoverage(
        TENANT,
        listing([
          member({ organizationConnectorId: 100001, subscriptionId: SUB_A }),
          member({ organizationConnectorId: 100001 })
        ]),
        readable
      )
    )
    expect(coverage.subscriptions).toBe(3)
    expect(coverage.withoutMember).toBeNull()
    expect(coverage.unknown).toMatch(/^1 of 2 member connectors name no subscription/)
  })

  it('passes on how many listed objects could not be read', () => {
    expect(available(computeCoverage(TENANT, listing([], 3), readable)).ignored).toBe(3)
  })
})

describe('the state classification', () => {
  it.each([
    ['QUEUED', 'in-progress'],
    ['processing', 'in-progress'],
    ['FINISHED_SUCCESS', 'done-well'],
    ['Success', 'done-well'],
    ['FINISHED_ERRORS', 'failed'],
    ['error', 'failed'],
    ['DISABLED', 'other'],
    ['INCOMPLETE', 'other'],
    ['', 'none'],
    [undefined, 'none']
  ])('%s is %s', (state, expected) => {
    expect(classifyState(state)).toBe(expected)
  })

  it('failing: a failed state, or any lastError; an empty lastError is none', () => {
    expect(isFailing({ state: 'ERROR' })).toBe(true)
    expect(isFailing({ state: 'SUCCESS', lastError: 'x' })).toBe(true)
    expect(isFailing({ state: 'SUCCESS', lastError: '  ' })).toBe(false)
    expect(isFailing({ state: 'RUNNING', lastError: null })).toBe(false)
  })
})
