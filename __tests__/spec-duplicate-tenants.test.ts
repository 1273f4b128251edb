/** Two entries of one spec for one tenant connector (same tenantId and connectorPrefixName) are refused at both. */
import { describe, expect, it } from '@jest/globals'
import { loadSpec, specTextProblems } from '../src/connector-spec/load.js'
import { formatProblem } from '../src/problems.js'
import { ALWAYS_ON_APPS } from '../src/qualys/assumptions.js'

const FILE = '.github/qualys.yml'
const TENANT = '0f1e2d3c-4b5a-4978-8796-a5b4c3d2e1f0'
const OTHER_TENANT = '9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d'
const APP = '11111111-2222-4333-8444-555555555555'

/** Lines joined with \n, so a test can count lines by index + 1. */
function yaml(...lines: string[]): string {
  return lines.join('\n') + '\n'
}

function problems(text: string): string[] {
  return specTextProblems(text, FILE, ALWAYS_ON_APPS).map(formatProblem)
}

/** One connector of a list, its tenantId and prefix as given, the rest shared through defaults. */
function entry(name: string, tenantId: string, prefix: string): string[] {
  return [`  - name: ${name}`, `    tenantId: ${tenantId}`, `    connectorPrefixName: ${prefix}`]
}

const DEFAULTS = [
  'defaults:', // 1
  '  tenantName: contoso', // 2
  `  applicationId: ${APP}`, // 3
  '  connectorAppInfos: [AI]', // 4
  '  orgRunFrequency: 1d', // 5
  '  connectorRunFrequency: 1d', // 6
  'connectors:' // 7
]

const SAME_TENANT_MESSAGE =
  "entries 'Acme Corp' (line 8) and 'Acme Corporation' (line 11) are one tenant connector: same tenantId and connectorPrefixName; Qualys makes member connectors by the prefix, so give one of them another prefix or remove it"

describe('validate: one tenant connector written twice', () => {
  it('is refused at both entries, naming both lines', () => {
    const text = yaml(
      ...DEFAULTS,
      ...entry('Acme Corp', TENANT, 'acme'), // 8-10
      ...entry('Acme Corporation', TENANT, 'acme') // 11-13
    )
    expect(problems(text)).toEqual([
      `${FILE}:10:26: connectors[0].connectorPrefixName: ${SAME_TENANT_MESSAGE}`,
      `${FILE}:13:26: connectors[1].connectorPrefixName: ${SAME_TENANT_MESSAGE}`
    ])
  })

  it('ignores the case of the tenant GUID, as Qualys does', () => {
    const text = yaml(
      ...DEFAULTS,
      ...entry('Acme Corp', TENANT, 'acme'),
      ...entry('Acme Corporation', TENANT.toUpperCase(), 'acme')
    )
    expect(problems(text)).toEqual([
      `${FILE}:10:26: connectors[0].connectorPrefixName: ${SAME_TENANT_MESSAGE}`,
      `${FILE}:13:26: connectors[1].connectorPrefixName: ${SAME_TENANT_MESSAGE}`
    ])
  })

  it('accepts one tenant with two prefixes, and one prefix for two tenants', () => {
    const text = yaml(
      ...DEFAULTS,
      ...entry('Acme prod', TENANT, 'acme-prod'),
      ...entry('Acme test', TENANT, 'acme-test'),
      ...entry('Globex', OTHER_TENANT, 'acme-prod')
    )
    expect(problems(text)).toEqual([])
  })

  it('points at each entry when the tenant and prefix come from defaults', () => {
    const text = yaml(
      'defaults:', // 1
      `  tenantId: ${TENANT}`, // 2
      '  tenantName: contoso', // 3
      `  applicationId: ${APP}`, // 4
      '  connectorAppInfos: [AI]', // 5
      '  orgRunFrequency: 1d', // 6
      '  connectorRunFrequency: 1d', // 7
      '  connectorPrefixName: acme', // 8
      'connectors:', // 9
      '  - name: one', // 10
      '  - name: two', // 11
      '  - name: three' // 12
    )
    const message =
      "entries 'one' (line 10), 'two' (line 11) and 'three' (line 12) are one tenant connector: same tenantId and connectorPrefixName; Qualys makes member connectors by the prefix, so give all but one of them another prefix or remove them"
    expect(problems(text)).toEqual([
      `${FILE}:10:5: connectors[0].connectorPrefixName: ${message}`,
      `${FILE}:11:5: connectors[1].connectorPrefixName: ${message}`,
      `${FILE}:12:5: connectors[2].connectorPrefixName: ${message}`
    ])
  })

  it('has nothing to compare in the inline inputs (one connector)', () => {
    const inputs: Record<string, string> = {
      name: 'Acme Corp',
      'tenant-id': TENANT,
      'tenant-name': 'contoso',
      'application-id': APP,
      'connector-prefix-name': 'acme'
    }
    const loaded = loadSpec(
      { workspace: '.', readInput: name => inputs[name] ?? '' },
      { env: {}, requireSecret: false, alwaysOnApps: ALWAYS_ON_APPS }
    )
    expect(loaded.problems.map(formatProblem)).toEqual([])
    expect(loaded.connectors.map(c => c.name)).toEqual(['Acme Corp'])
  })
})
