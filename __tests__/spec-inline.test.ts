import { describe, expect, it } from '@jest/globals'
import { parseBoolean } from '../src/inputs.js'
import { connectorInputsSet, inlineConnector, splitList } from '../src/connector-spec/inline.js'
import { CONNECTOR_INPUTS, FIELDS, FIELD_NAMES, type FieldDef } from '../src/connector-spec/model.js'
import { formatProblem } from '../src/problems.js'
import { validateConnector } from '../src/connector-spec/validate.js'
import { ALWAYS_ON_APPS } from '../src/qualys/assumptions.js'

const TENANT = '0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0'
const APP = '11111111-2222-3333-4444-555555555555'

function reader(inputs: Record<string, string>): (name: string) => string {
  return name => inputs[name] ?? ''
}

const MINIMAL = {
  name: 'Contoso',
  'tenant-id': TENANT,
  'tenant-name': 'contoso',
  'application-id': APP,
  'connector-prefix-name': 'contoso'
}

describe('model: inline inputs', () => {
  it('every field except id has exactly one input, and input names are unique', () => {
    expect(CONNECTOR_INPUTS.map(i => i.field).sort()).toEqual(FIELD_NAMES.filter(f => f !== 'id').sort())
    expect(new Set(CONNECTOR_INPUTS.map(i => i.input)).size).toBe(CONNECTOR_INPUTS.length)
  })

  it('input names are kebab-case', () => {
    for (const { input } of CONNECTOR_INPUTS) expect(input).toMatch(/^[a-z]+(-[a-z]+)*$/)
  })

  it('only id and enabled (the status endpoint sets it) are not sent in a create or update body', () => {
    expect(FIELD_NAMES.filter(f => !(FIELDS[f] as FieldDef).sent)).toEqual(['id', 'enabled'])
  })
})

describe('splitList', () => {
  it.each<[string, string[]]>([
    ['a, b,c', ['a', 'b', 'c']],
    ['a\nb\n\n c ', ['a', 'b', 'c']],
    [' , ,', []],
    ['', []]
  ])('%j → %j', (text, list) => {
    expect(splitList(text)).toEqual(list)
  })
})

describe('parseBoolean', () => {
  it.each<[string, boolean | undefined]>([
    ['true', true],
    ['TRUE', true],
    [' True ', true],
    ['false', false],
    ['False', false],
    ['yes', undefined],
    ['1', undefined],
    ['', undefined]
  ])('%j → %s', (text, value) => {
    expect(parseBoolean(text)).toBe(value)
  })
})

describe('connectorInputsSet', () => {
  it('lists the non-blank connector inputs, never the secret', () => {
    expect(
      connectorInputsSet(
        reader({ name: 'x', 'tenant-id': '  ', 'secret-value': 's', apps: 'AI', 'spec-file': 'a.yml' })
      )
    ).toEqual(['name', 'apps'])
  })

  it('is empty when nothing is set', () => {
    expect(connectorInputsSet(reader({}))).toEqual([])
  })
})

describe('inlineConnector', () => {
  it('applies the documented defaults: all three apps, 1 day for both frequencies', () => {
    const raw = inlineConnector(reader(MINIMAL))
    const result = validateConnector(raw, { env: {}, requireSecret: false, alwaysOnApps: ALWAYS_ON_APPS })
    expect(result.problems).toEqual([])
    expect(result.spec).toEqual({
      name: 'Contoso',
      tenantId: TENANT,
      tenantName: 'contoso',
      applicationId: APP,
      connectorAppInfos: [
        { name: 'AI', tagId: null },
        { name: 'CI', tagId: null },
        { name: 'CSA', tagId: null }
      ],
      orgRunFrequency: 1440,
      connectorRunFrequency: 1440,
      connectorPrefixName: 'contoso'
    })
  })

  it('converts text inputs to lists, numbers and booleans', () => {
    const raw = inlineConnector(
      reader({
        ...MINIMAL,
        apps: 'ai, CI:42',
        'org-run-frequency': '2d',
        'connector-run-frequency': '4320',
        'included-management-groups': 'mg-a\nmg-b',
        'default-tag-ids': '1, 2',
        'auto-activate-vm': 'TRUE',
        'remediation-enabled': 'false'
      })
    )
    const result = validateConnector(raw, { env: {}, requireSecret: false, alwaysOnApps: ALWAYS_ON_APPS })
    expect(result.problems).toEqual([])
    expect(result.spec).toMatchObject({
      connectorAppInfos: [
        { name: 'AI', tagId: null },
        { name: 'CI', tagId: 42 }
      ],
      orgRunFrequency: 2880,
      connectorRunFrequency: 4320,
      includedMem: ['mg-a', 'mg-b'],
      defaultTagIds: [1, 2],
      autoActivateVM: true,
      isRemediationEnabled: false
    })
  })

  it('leaves out blank optional inputs and never reads the secret input', () => {
    const read: string[] = []
    const raw = inlineConnector(name => {
      read.push(name)
      return (MINIMAL as Record<string, string>)[name] ?? '  '
    })
    expect(raw.entries.map(e => e.key).sort()).toEqual(
      [
        'name',
        'tenantId',
        'tenantName',
        'applicationId',
        'connectorPrefixName',
        'connectorAppInfos',
        'orgRunFrequency',
        'connectorRunFrequency'
      ].sort()
    )
    expect(read).not.toContain('secret-value')
  })

  it('names the input in every problem', () => {
    const raw = inlineConnector(
      reader({
        'tenant-id': 'nope',
        'tenant-name': 'contoso',
        'application-id': APP,
        'connector-prefix-name': 'p'.repeat(31),
        apps: 'AI, XX',
        'org-run-frequency': '8d',
        'default-tag-ids': '1, x',
        'auto-activate-pc': 'yes',
        'included-management-groups': 'a',
        'excluded-management-groups': 'a'
      })
    )
    const problems = validateConnector(raw, {
      env: {},
      requireSecret: true,
      alwaysOnApps: ALWAYS_ON_APPS
    }).problems.map(formatProblem)
    expect(problems).toEqual([
      "input 'tenant-id': 'nope' is not a GUID (expected xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx)",
      "input 'apps'[1]: unknown app 'XX'; expected one of AI, CI, CSA",
      "input 'org-run-frequency': 8 days is over the 7-day maximum (10080 minutes) that Qualys accepts",
      "input 'connector-prefix-name': is 31 characters long; at most 30 are allowed",
      "input 'auto-activate-pc': expected true or false, got 'yes'",
      "input 'default-tag-ids'[1]: a tag id must be a positive whole number, got 'x'",
      "input 'name': is missing; Unique name of the tenant connector; how the action finds it again.",
      expect.stringMatching(/^input 'secret-value': no Azure client secret/),
      "input 'excluded-management-groups': management group 'a' both included and excluded; keep each in one list"
    ])
  })
})
