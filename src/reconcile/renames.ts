/**
 * Before an entry without id: is created: is it a connector Qualys already has under another name?
 * A rename written without id: would otherwise create a second connector for a tenant that is
 * already onboarded, and nothing would say so.
 */
import type { ConnectorSpec } from '../connector-spec/model.js'
import type { Connector } from '../qualys/connector.js'
import { sameValue } from './diff.js'

/** How a listed connector of the entry's tenant relates to it. */
export type TenantMatch = 'prefix' | 'scope' | 'other'

/** The listed connectors an entry to be created was compared with, sorted by what they say. */
export interface TenantPeers {
  /** Same tenant, and the same prefix or management groups: most likely this entry under its old name. */
  renamed?: { connector: Connector; by: 'prefix' | 'scope' }
  /** Same tenant, another prefix and other management groups: a second connector may be deliberate. */
  others: Connector[]
  /** Listed without a tenantId: they could not be compared. */
  unknown: Connector[]
}

/** What an entry shares with a listed connector; undefined when the listing does not say the tenant. */
export function tenantMatch(spec: ConnectorSpec, connector: Connector): TenantMatch | false | undefined {
  if (connector.tenantId === undefined) return undefined
  if (!sameValue('tenantId', spec.tenantId, connector.tenantId, spec)) return false
  if (samePrefix(spec, connector)) return 'prefix'
  return sameScope(spec, connector) ? 'scope' : 'other'
}

/** The same connectorPrefixName, compared as the diff compares text; unknown when the answer leaves it out. */
export function samePrefix(spec: ConnectorSpec, connector: Connector): boolean {
  const prefix = connector.connectorPrefixName
  return prefix !== undefined && sameValue('connectorPrefixName', spec.connectorPrefixName, prefix, spec)
}

/**
 * The same management groups, as the diff compares them (sets; none is an empty list). A spec that
 * leaves a list out creates the connector with none, so it is compared as empty; a connector whose
 * answer leaves a list out has an unknown scope, which matches nothing.
 */
function sameScope(spec: ConnectorSpec, connector: Connector): boolean {
  return (['includedMem', 'excludedMem'] as const).every(field => {
    const current = connector[field]
    return current !== undefined && sameValue(field, spec[field] ?? [], current, spec)
  })
}

/** Sorts the compared connectors; the first prefix match wins over a scope match (the prefix cannot change). */
export function sortPeers(spec: ConnectorSpec, connectors: Connector[]): TenantPeers {
  const peers: TenantPeers = { others: [], unknown: [] }
  for (const connector of connectors) {
    const match = tenantMatch(spec, connector)
    if (match === undefined) peers.unknown.push(connector)
    else if (match === 'other') peers.others.push(connector)
    else if (match && (peers.renamed === undefined || (match === 'prefix' && peers.renamed.by === 'scope')))
      peers.renamed = { connector, by: match }
  }
  return peers
}

/** The failure of an entry that is most likely a rename: never a create. */
export function renameRefusal(spec: ConnectorSpec, renamed: NonNullable<TenantPeers['renamed']>): string {
  const { connector, by } = renamed
  const shared = by === 'prefix' ? 'connectorPrefixName' : 'management groups'
  // Qualys cannot change a connector's prefix: a rename of one found by its scope keeps the old prefix.
  const keep =
    by === 'scope' &&
    connector.connectorPrefixName !== undefined &&
    connector.connectorPrefixName !== spec.connectorPrefixName
      ? ` and connectorPrefixName: ${connector.connectorPrefixName} (Qualys cannot change it)`
      : ''
  return `Qualys already has connector ${connector.id} '${connector.name}' for this tenant with the same ${shared}, so no second one is created: to rename '${connector.name}' to '${spec.name}', add id: ${connector.id}${keep} (for a second connector of the tenant, give it another connectorPrefixName and other management groups)`
}

/** The warning of a create that goes on next to another connector of the same tenant. */
export function secondConnectorWarning(spec: ConnectorSpec, other: Connector): string {
  const prefix = other.connectorPrefixName === undefined ? '' : ` ('${other.connectorPrefixName}')`
  return `Qualys already has connector ${other.id} '${other.name}' for tenant ${spec.tenantId} with another prefix${prefix} and other management groups: two connectors for one tenant can be deliberate; if this is a rename, add id: ${other.id}`
}

/**
 * Said once per run. A listing of thin objects (docs/qualys-api.md) has no tenantId: learning it means
 * reading each connector, one GET per listed connector on every run. Only the connectors that share the
 * entry's prefix are read: the prefix cannot change on an existing connector, so a real rename keeps it.
 */
export const THIN_LISTING_WARNING =
  'the Qualys listing does not carry tenantId, so renames could only be detected against connectors with the same connectorPrefixName; a connector for the same tenant with another prefix cannot be seen without reading every connector. If an entry to be created is a renamed connector, add id: with its id'
