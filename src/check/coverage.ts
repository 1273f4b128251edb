/**
 * Coverage, for `mode: check` (best effort): the Azure subscriptions the app can read against the
 * member connectors Qualys made for one tenant connector. Pure: the caller reads Qualys
 * (members.ts) and Azure (the preflight) and passes what it got, or why it got nothing.
 *
 * Nothing here guesses for the reader: where the answer depends on something not known (Azure not
 * read, members that do not name their subscription), the result says so instead of a count.
 */
import { memberHasPrefix } from '../qualys/assumptions.js'
import type { MemberConnector, MemberListing } from '../qualys/members.js'
import { isFailing } from '../qualys/states.js'

export interface TenantConnectorRef {
  id: number
  connectorPrefixName?: string
}

/** The subscription ids the app can read, or why they are not known. */
export type AzureSubscriptions = { ids: string[] } | { ids: null; reason: string }

export type LinkedBy = 'organization connector id' | 'name prefix'

export interface MemberRef {
  id: number
  name: string
  subscriptionId?: string
}

export interface FailingMember extends MemberRef {
  state?: string
  lastError?: string
}

export type Coverage =
  | {
      status: 'available'
      linkedBy: LinkedBy
      /** Member connectors of this tenant connector (soft-deleted ones left out). */
      members: number
      /** Subscriptions the app can read; null when Azure was not read (see `unknown`). */
      subscriptions: number | null
      /** Subscriptions the app can read with no member connector; null when that is not known (see `unknown`). */
      withoutMember: string[] | null
      /** Subscriptions of members the app cannot read (such a member will not scan); null when Azure was not read. */
      notReadableByApp: string[] | null
      /** Why `withoutMember` (and maybe `subscriptions`) is null. */
      unknown?: string
      failingMembers: FailingMember[]
      /** Disabled members scan nothing; their state is left out (Qualys keeps their last one). */
      disabledMembers: MemberRef[]
      /** Listed objects that could not be read as member connectors. */
      ignored: number
    }
  | { status: 'not-available'; reason: string }

export function computeCoverage(
  tenant: TenantConnectorRef,
  listing: MemberListing,
  azure: AzureSubscriptions
): Coverage {
  if (!listing.available) return { status: 'not-available', reason: listing.reason }
  const link = linkMembers(tenant, listing.members)
  if ('reason' in link) return { status: 'not-available', reason: link.reason }
  const { members, linkedBy } = link
  const enabled = members.filter(member => !member.disabled)
  return {
    status: 'available',
    linkedBy,
    members: members.length,
    ...subscriptionCoverage(members, azure),
    failingMembers: enabled.filter(isFailing).map(failing),
    disabledMembers: members.filter(member => member.disabled).map(ref),
    ignored: listing.ignored
  }
}

/**
 * The tenant connector's live members. By id where the listing's members carry an organization
 * connector id at all (then a member without one belongs to no tenant connector); else by name
 * prefix, the documented naming.
 */
function linkMembers(
  tenant: TenantConnectorRef,
  listed: MemberConnector[]
): { members: MemberConnector[]; linkedBy: LinkedBy } | { reason: string } {
  // The tenant connector itself, should the listing hold it, is no member of itself.
  const live = listed.filter(member => !member.deleted && member.id !== tenant.id)
  if (listed.some(member => member.organizationConnectorId !== undefined)) {
    return {
      members: live.filter(member => member.organizationConnectorId === tenant.id),
      linkedBy: 'organization connector id'
    }
  }
  const prefix = tenant.connectorPrefixName ?? ''
  if (prefix === '')
    return {
      reason:
        'the member connectors carry no organization connector id, and the tenant connector has no connectorPrefixName to link them by name'
    }
  return {
    members: live.filter(member => member.name !== undefined && memberHasPrefix(member.name, prefix)),
    linkedBy: 'name prefix'
  }
}

function subscriptionCoverage(
  members: MemberConnector[],
  azure: AzureSubscriptions
): Pick<
  Extract<Coverage, { status: 'available' }>,
  'subscriptions' | 'withoutMember' | 'notReadableByApp' | 'unknown'
> {
  if (azure.ids === null)
    return {
      subscriptions: null,
      withoutMember: null,
      notReadableByApp: null,
      unknown: `the subscriptions the app can read are not known (${azure.reason})`
    }
  const readable = uniqueIds(azure.ids)
  const readableKeys = new Set(readable.map(key))
  const covered = new Set(members.flatMap(member => (member.subscriptionId ? [key(member.subscriptionId)] : [])))
  const notReadableByApp = uniqueIds(
    members.flatMap(member => (member.subscriptionId ? [member.subscriptionId] : []))
  ).filter(id => !readableKeys.has(key(id)))
  const unnamed = members.filter(member => member.subscriptionId === undefined).length
  if (unnamed > 0)
    return {
      subscriptions: readable.length,
      withoutMember: null,
      notReadableByApp,
      unknown: `${unnamed} of ${members.length} member connectors name no subscription in a known spelling, so which subscriptions they cover is not known`
    }
  return {
    subscriptions: readable.length,
    withoutMember: readable.filter(id => !covered.has(key(id))),
    notReadableByApp
  }
}

/** Subscription ids are GUIDs: compared without case, each listed once, in the order given. */
function uniqueIds(ids: string[]): string[] {
  const seen = new Set<string>()
  return ids.filter(id => {
    const k = key(id)
    if (seen.has(k)) return false
    seen.add(k)
    return true
  })
}

function key(subscriptionId: string): string {
  return subscriptionId.trim().toLowerCase()
}

function ref(member: MemberConnector): MemberRef {
  return {
    id: member.id,
    name: member.name ?? `connector ${member.id}`,
    ...(member.subscriptionId !== undefined ? { subscriptionId: member.subscriptionId } : {})
  }
}

function failing(member: MemberConnector): FailingMember {
  return {
    ...ref(member),
    ...(member.state !== undefined ? { state: member.state } : {}),
    ...(member.lastError !== undefined ? { lastError: member.lastError } : {})
  }
}
