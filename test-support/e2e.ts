/** Shared fixtures for the end-to-end tests that run dist/index.js against the stand-in gateway. */
import { expect } from '@jest/globals'
import { fingerprintLine, secretFingerprint } from '../src/reconcile/secret-fingerprint.js'
import type { ActionRun } from './run-action.js'

export const USER = { username: 'ci_user', password: 'p@ss w&rd=+%42' }
export const CLIENT = { clientId: 'ci-client', clientSecret: 'client-secret-9f8e7d' }
export const AZURE_SECRET = 'azure~Secret_Value.0123456789abcdef'
export const TENANT = '6f1e4c2a-9b7d-4e8f-a1c3-2d5b7e9f0a14'
export const TENANT_2 = '9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d'
export const APP_ID = '0b3d5f7a-1c2e-4a6b-8d9f-3e5a7c9b1d20'

export function passwordInputs(url: string): Record<string, string> {
  return { 'qualys-gateway-url': url, 'qualys-username': USER.username, 'qualys-password': USER.password }
}

/** Inline inputs of one valid connector. */
export function inlineInputs(overrides: Record<string, string> = {}): Record<string, string> {
  return {
    name: 'Contoso',
    'tenant-id': TENANT,
    'tenant-name': 'contoso.onmicrosoft.com',
    'application-id': APP_ID,
    'secret-value': AZURE_SECRET,
    'connector-prefix-name': 'contoso',
    ...overrides
  }
}

/** A spec file connector (YAML) with its secret read from AZURE_SECRET. */
export function specConnector(name: string, tenantId = TENANT, extra = ''): string {
  return [
    `  - name: ${name}`,
    `    tenantId: ${tenantId}`,
    `    tenantName: ${name.toLowerCase().replace(/\W/g, '')}.onmicrosoft.com`,
    `    applicationId: ${APP_ID}`,
    '    secretValue: ${AZURE_SECRET}',
    `    connectorPrefixName: ${name.toLowerCase().replace(/\W/g, '').slice(0, 20)}`,
    '    connectorAppInfos: [AI, CI, CSA]',
    '    orgRunFrequency: 1d',
    '    connectorRunFrequency: 1d',
    ...(extra ? extra.split('\n').map(line => `    ${line}`) : [])
  ].join('\n')
}

export function spec(...connectors: string[]): string {
  return `connectors:\n${connectors.join('\n')}\n`
}

/** Every place a secret could leak; only the runner's ::add-mask:: lines may hold it. */
export function expectNoLeak(run: ActionRun, secrets: string[], extra: string[] = []): void {
  const visible = [
    run.lines.filter(line => !line.startsWith('::add-mask::')).join('\n'),
    run.stderr,
    JSON.stringify(run.outputs),
    run.summary,
    ...extra
  ].join('\n')
  for (const secret of secrets) {
    expect(visible.includes(secret)).toBe(false)
    expect(visible.includes(encodeURIComponent(secret))).toBe(false)
  }
}

/** The `::error …::` annotation lines. */
export function annotations(run: ActionRun, kind: 'error' | 'warning' | 'notice' = 'error'): string[] {
  return run.lines.filter(line => line.startsWith(`::${kind}`))
}

/** The description line a write that sends `secret` records on a connector of this tenant and application. */
export async function fingerprintLineOf(
  secret = AZURE_SECRET,
  tenantId = TENANT,
  applicationId = APP_ID
): Promise<string> {
  return fingerprintLine(await secretFingerprint(secret, { tenantId, applicationId }))
}
