/** The answer shapes Qualys documents for a connector: the create sample, the list-style samples, the thin list-style fields. */
import http from 'node:http'
import { FakeConnector, Reply } from './model.js'
import { json } from './replies.js'

// ---------------------------------------------------------------------------------------------
// Response shapes. `secretValue` is never copied into either.
// ---------------------------------------------------------------------------------------------

export function hoursMinutes(minutes: number): { hours: number; minutes: number } {
  return { hours: Math.floor(minutes / 60), minutes: minutes % 60 }
}

/** The shape of the create sample (create, update, get one). */
export function createStyle(c: FakeConnector): Record<string, unknown> {
  return {
    id: c.id,
    name: c.name,
    description: c.description,
    uuid: c.uuid,
    orgRunFrequency: hoursMinutes(c.orgRunFrequency),
    connectorRunFrequency: hoursMinutes(c.connectorRunFrequency),
    lastSynced: c.lastSynced,
    nextSync: c.nextSync,
    type: 'AZURE',
    customerId: c.customerId,
    userUuid: c.userUuid,
    userName: c.userName,
    lastError: c.lastError,
    state: c.state,
    connectorPrefixName: c.connectorPrefixName,
    defaultTagIds: [...c.defaultTagIds],
    connectorAppInfos: c.connectorAppInfos.map(a => ({ ...a, tagMetadata: null })),
    connectorCapabilities: c.connectorAppInfos.map(a => a.name),
    lastSuccessfulSync: c.lastSuccessfulSync,
    createdBy: c.createdBy,
    organizationId: c.organizationId,
    tenantId: c.tenantId,
    tenantName: c.tenantName, // not in the sample, but a reader needs it
    applicationId: c.applicationId,
    autoActivateVM: c.autoActivateVM,
    autoActivatePC: c.autoActivatePC,
    autoActivateSCA: c.autoActivateSCA,
    autoActivateCertView: c.autoActivateCertView,
    autoActivateCV: c.autoActivateCV,
    includedMem: [...c.includedMem],
    excludedMem: [...c.excludedMem],
    createConnectorForNewSubscriptionsAutomatically: c.isCreateConnectorForNewSubscriptionsAutomatically,
    disableConnectorsForDeletedManagementGroups: c.isDisableConnectorsForDeletedManagementGroups,
    disabled: c.disabled,
    deleted: c.deleted,
    remediationEnabled: c.isRemediationEnabled
  }
}

/**
 * The shape of the list/status samples: frequencies as strings of minutes (`runFrequency` is the
 * org one), `is*` booleans, and empty management-group lists as null.
 */
export function listStyle(c: FakeConnector): Record<string, unknown> {
  const {
    orgRunFrequency: _org,
    connectorRunFrequency: _member,
    disabled,
    deleted,
    remediationEnabled,
    createConnectorForNewSubscriptionsAutomatically,
    disableConnectorsForDeletedManagementGroups,
    ...common
  } = createStyle(c)
  return {
    ...common,
    runFrequency: String(c.orgRunFrequency),
    connectorRunFrequency: String(c.connectorRunFrequency),
    includedMem: c.includedMem.length > 0 ? [...c.includedMem] : null,
    excludedMem: c.excludedMem.length > 0 ? [...c.excludedMem] : null,
    isCreateConnectorForNewSubscriptionsAutomatically: createConnectorForNewSubscriptionsAutomatically,
    isDisableConnectorsForDeletedManagementGroups: disableConnectorsForDeletedManagementGroups,
    isRemediationEnabled: remediationEnabled,
    isDisabled: disabled,
    isDeleted: deleted
  }
}

/**
 * The shape of the documented list-style samples (the enable/disable answer, valid-org-connectors),
 * with only the fields they show: a listing may well be this thin.
 */
export function thinStyle(c: FakeConnector): Record<string, unknown> {
  return {
    id: c.id,
    organizationId: c.organizationId,
    name: c.name,
    connectorPrefixName: c.connectorPrefixName,
    runFrequency: String(c.orgRunFrequency),
    connectorRunFrequency: String(c.connectorRunFrequency),
    lastSynced: c.lastSynced,
    customerId: c.customerId,
    userUuid: c.userUuid,
    userName: c.userName,
    type: 'AZURE',
    lastError: c.lastError,
    isDeleted: c.deleted,
    isDisabled: c.disabled,
    description: c.description
  }
}

/** Spring Boot's default error body: no message, so a client cannot tell a taken name from any other 400. */
export function springError(reply: Reply, path: string): Reply {
  return json(
    reply.status,
    {
      timestamp: new Date().toISOString(),
      status: reply.status,
      error: http.STATUS_CODES[reply.status] ?? 'Error',
      path
    },
    reply.headers
  )
}
