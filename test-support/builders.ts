/**
 * The spec, stored-connector and options builders the unit tests share, typed from the model. Every
 * default is written out below; a test that depends on a value (the apps, the secret, the mode) sets it
 * itself, so reading the test is enough to know what it checks.
 */
import type { AppInfo, ConnectorSpec } from '../src/connector-spec/model.js'
import { createBody } from '../src/qualys/body.js'
import type { Connector } from '../src/qualys/connector.js'
import type { ReconcileOptions } from '../src/reconcile/options.js'
import { RecordingLogger, SERVER_DEFAULTS, serverConnector } from './fake-api.js'

export const TENANT = '0f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f9'
export const APP = '11111111-2222-4333-8444-555555555555'
export const SECRET = 'sup3r-s3cret-value'

/** The apps the action enables when none are named (DEFAULT_APPS). */
export const ALL_APPS: AppInfo[] = [
  { name: 'AI', tagId: null },
  { name: 'CI', tagId: null },
  { name: 'CSA', tagId: null }
]
export const AI_ONLY: AppInfo[] = [{ name: 'AI', tagId: null }]

/** A valid spec of one connector, 'prod', with its secret. */
export function spec(over: Partial<ConnectorSpec> = {}): ConnectorSpec {
  return {
    name: 'prod',
    tenantId: TENANT,
    tenantName: 'Contoso',
    applicationId: APP,
    secretValue: SECRET,
    connectorAppInfos: ALL_APPS,
    orgRunFrequency: 1440,
    connectorRunFrequency: 1440,
    connectorPrefixName: 'prod-',
    ...over
  }
}

/** A spec named `name`, its member prefix taken from the name, for specs of several connectors. */
export function namedSpec(name: string, over: Partial<ConnectorSpec> = {}): ConnectorSpec {
  return spec({ name, connectorPrefixName: name.slice(0, 10), ...over })
}

/**
 * Qualys' answer for the connector `s` describes, as a read returns it: the create body with the server's
 * defaults, synced without error, enabled. `raw` overrides any key; a key set to undefined is left out of
 * the answer (a field Qualys did not return).
 */
export function stored(s: ConnectorSpec, id: number, raw: Record<string, unknown> = {}): Connector {
  const answer = {
    ...SERVER_DEFAULTS,
    ...createBody(s),
    id,
    uuid: `uuid-${id}`,
    state: 'SUCCESS',
    lastError: null,
    disabled: false,
    ...raw
  }
  return serverConnector(Object.fromEntries(Object.entries(answer).filter(([, value]) => value !== undefined)))
}

/** An apply that updates what it finds, forces nothing, marks nothing, and records what it logs. */
export function options(over: Partial<ReconcileOptions> = {}): ReconcileOptions & { logger: RecordingLogger } {
  return {
    mode: 'apply',
    onExisting: 'update',
    forceUpdate: false,
    maxConcurrency: 2,
    logger: new RecordingLogger(),
    ...over
  } as ReconcileOptions & { logger: RecordingLogger }
}
