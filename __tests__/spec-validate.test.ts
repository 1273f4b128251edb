import { describe, expect, it } from '@jest/globals'
import { FIELDS, FIELD_NAMES, MAX_PREFIX_LENGTH, type FieldName } from '../src/connector-spec/model.js'
import { formatProblem, suggest, type Problem } from '../src/problems.js'
import { typeName } from '../src/connector-spec/fields.js'
import type { RawConnector, ValidationContext } from '../src/connector-spec/raw.js'
import { fieldPath, validateConnector, type ValidatedConnector } from '../src/connector-spec/validate.js'
import { ALWAYS_ON_APPS } from '../src/qualys/assumptions.js'

const TENANT = '0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0'
const APP = '11111111-2222-3333-4444-555555555555'
const SECRET = 'xK9~q_very-secret.Value'

function validFields(): Record<string, unknown> {
  return {
    name: 'Contoso',
    tenantId: TENANT,
    tenantName: 'contoso.onmicrosoft.com',
    applicationId: APP,
    connectorAppInfos: ['AI', 'CI', 'CSA'],
    orgRunFrequency: '1d',
    connectorRunFrequency: 2880,
    connectorPrefixName: 'contoso'
  }
}

/** A connector as a spec file would give it (no source locations). */
function fileConnector(fields: Record<string, unknown>, label = 'spec'): RawConnector {
  return {
    origin: 'file',
    label,
    entries: Object.entries(fields).map(([key, value]) => ({
      key,
      value,
      path: label === 'spec' ? key : `${label}.${key}`
    }))
  }
}

function ctx(overrides: Partial<ValidationContext> = {}): ValidationContext {
  return { env: { AZURE_SECRET: SECRET }, requireSecret: false, alwaysOnApps: ALWAYS_ON_APPS, ...overrides }
}

function validate(
  fields: Record<string, unknown>,
  context: Partial<ValidationContext> = {},
  label = 'spec'
): ValidatedConnector {
  return validateConnector(fileConnector(fields, label), ctx(context))
}

function problemsOf(
  fields: Record<string, unknown>,
  context: Partial<ValidationContext> = {},
  label = 'spec'
): Problem[] {
  return validate(fields, context, label).problems
}

/** Asserts there is exactly one problem and returns it. */
function onlyProblem(fields: Record<string, unknown>, context: Partial<ValidationContext> = {}): Problem {
  const { problems, spec } = validate(fields, context)
  expect(problems.map(formatProblem)).toHaveLength(1)
  expect(spec).toBeUndefined()
  return problems[0]
}

describe('a valid connector', () => {
  it('yields a spec with normalised values and no problems', () => {
    const result = validate({ ...validFields(), name: '  Contoso  ', tenantId: TENANT.toUpperCase() })
    expect(result.problems).toEqual([])
    expect(result.notices).toEqual([])
    expect(result.spec).toEqual({
      name: 'Contoso',
      tenantId: TENANT,
      tenantName: 'contoso.onmicrosoft.com',
      applicationId: APP,
      connectorAppInfos: [
        { name: 'AI', tagId: null },
        { name: 'CI', tagId: null },
        { name: 'CSA', tagId: null }
      ],
      orgRunFrequency: 1440,
      connectorRunFrequency: 2880,
      connectorPrefixName: 'contoso'
    })
  })

  it('accepts every optional field', () => {
    const { spec, problems } = validate({
      ...validFields(),
      id: 42,
      description: 'line one\nline two',
      includedMem: ['mg-a', 'mg-b', 'mg-a'],
      excludedMem: ['mg-c'],
      isCreateConnectorForNewSubscriptionsAutomatically: true,
      isDisableConnectorsForDeletedManagementGroups: false,
      isRemediationEnabled: true,
      autoActivateVM: true,
      autoActivatePC: false,
      autoActivateSCA: true,
      autoActivateCertView: false,
      autoActivateCV: true,
      defaultTagIds: [7, 8, 7]
    })
    expect(problems).toEqual([])
    expect(spec).toMatchObject({
      id: 42,
      description: 'line one\nline two',
      includedMem: ['mg-a', 'mg-b'], // duplicates dropped
      excludedMem: ['mg-c'],
      isCreateConnectorForNewSubscriptionsAutomatically: true,
      isDisableConnectorsForDeletedManagementGroups: false,
      autoActivateCV: true,
      defaultTagIds: [7, 8]
    })
  })

  it('treats null optional values as not set, and null lists as empty', () => {
    const { spec, problems } = validate({
      ...validFields(),
      description: null,
      id: null,
      autoActivateVM: null,
      includedMem: null,
      defaultTagIds: null
    })
    expect(problems).toEqual([])
    expect(spec).not.toHaveProperty('description')
    expect(spec).not.toHaveProperty('id')
    expect(spec).not.toHaveProperty('autoActivateVM')
    expect(spec?.includedMem).toEqual([])
    expect(spec?.defaultTagIds).toEqual([])
  })
})

describe('missing mandatory fields', () => {
  const required = FIELD_NAMES.filter(name => FIELDS[name].required)

  it("the mandatory fields are the API's", () => {
    expect(new Set(required)).toEqual(
      new Set<FieldName>([
        'name',
        'tenantId',
        'tenantName',
        'applicationId',
        'connectorAppInfos',
        'orgRunFrequency',
        'connectorRunFrequency',
        'connectorPrefixName'
      ])
    )
  })

  it.each(required)('%s missing is reported by its path', field => {
    const fields = validFields()
    delete fields[field]
    const problem = onlyProblem(fields)
    expect(problem.path).toBe(field)
    expect(problem.message).toMatch(/^is missing/)
  })

  it('reports every missing field at once, with the connector label in the path', () => {
    const problems = problemsOf({ name: 'only a name' }, {}, 'connectors[1]')
    expect(problems.map(p => p.path).sort()).toEqual(
      required
        .filter(f => f !== 'name')
        .map(f => `connectors[1].${f}`)
        .sort()
    )
  })

  it('a required field set to null is refused, not ignored', () => {
    expect(onlyProblem({ ...validFields(), tenantName: null })).toMatchObject({
      path: 'tenantName',
      message: 'expected text, got null'
    })
  })
})

describe('text fields', () => {
  it.each<[string, unknown, RegExp]>([
    ['name', '', /must not be empty/],
    ['name', '   ', /must not be empty/],
    ['name', 'tab\there', /control characters/],
    ['name', 'two\nlines', /control characters/],
    ['name', ['a'], /expected text, got a list/],
    ['name', { a: 1 }, /expected text, got a mapping/],
    ['name', true, /expected text, got a boolean/],
    ['name', 'x'.repeat(256), /256 characters long; at most 255/],
    ['tenantName', '', /must not be empty/],
    ['description', 'x'.repeat(2001), /at most 2000/],
    ['description', 'bell\u0007', /control characters/],
    ['connectorPrefixName', 'p'.repeat(MAX_PREFIX_LENGTH + 1), /is 31 characters long; at most 30 are allowed/]
  ])('%s = %j is refused', (field, value, message) => {
    const problem = onlyProblem({ ...validFields(), [field]: value })
    expect(problem.path).toBe(field)
    expect(problem.message).toMatch(message)
  })

  it('accepts a 30-character prefix (counted in characters, not UTF-16 units)', () => {
    expect(problemsOf({ ...validFields(), connectorPrefixName: 'p'.repeat(30) })).toEqual([])
    expect(problemsOf({ ...validFields(), connectorPrefixName: '😀'.repeat(30) })).toEqual([])
  })

  it('turns a number into text (a YAML name such as 2024)', () => {
    expect(validate({ ...validFields(), name: 2024 }).spec?.name).toBe('2024')
  })
})

describe('GUIDs', () => {
  it.each<[string, unknown, RegExp]>([
    ['tenantId', 'not-a-guid', /'not-a-guid' is not a GUID/],
    ['tenantId', 'xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx', /is not a GUID/],
    ['tenantId', TENANT.slice(1), /is not a GUID/],
    ['tenantId', `{${TENANT}}`, /is not a GUID/],
    ['tenantId', `x${TENANT}`, /is not a GUID/],
    ['tenantId', `${TENANT} x`, /is not a GUID/],
    ['tenantId', TENANT.replace(/-/g, ''), /is not a GUID/],
    ['applicationId', 12345, /expected a GUID, got a number/],
    ['applicationId', `${APP}x`, /is not a GUID/]
  ])('%s = %j is refused', (field, value, message) => {
    const problem = onlyProblem({ ...validFields(), [field]: value })
    expect(problem.path).toBe(field)
    expect(problem.message).toMatch(message)
  })

  it('shortens a long non-GUID in the message', () => {
    const problem = onlyProblem({ ...validFields(), tenantId: 'a'.repeat(500) })
    expect(problem.message.length).toBeLessThan(200)
  })

  it('lower-cases and trims a GUID', () => {
    expect(validate({ ...validFields(), applicationId: `  ${APP.toUpperCase()} ` }).spec?.applicationId).toBe(APP)
  })
})

describe('connectorAppInfos', () => {
  it.each<[unknown, unknown]>([
    [['AI'], [{ name: 'AI', tagId: null }]],
    [
      ['ai', ' csa '],
      [
        { name: 'AI', tagId: null },
        { name: 'CSA', tagId: null }
      ]
    ],
    [
      'AI, CI',
      [
        { name: 'AI', tagId: null },
        { name: 'CI', tagId: null }
      ]
    ],
    [
      ['AI', 'CI:123'],
      [
        { name: 'AI', tagId: null },
        { name: 'CI', tagId: 123 }
      ]
    ],
    [[{ name: 'AI' }], [{ name: 'AI', tagId: null }]],
    [[{ name: 'AI', identifier: TENANT.toUpperCase(), tagId: 5 }], [{ name: 'AI', identifier: TENANT, tagId: 5 }]],
    [
      ['AI', { name: 'CSA', identifier: null, tagId: null, tagMetadata: null }],
      [
        { name: 'AI', tagId: null },
        { name: 'CSA', tagId: null }
      ]
    ],
    [
      ['AI', { name: 'CI', tagId: 9 }],
      [
        { name: 'AI', tagId: null },
        { name: 'CI', tagId: 9 }
      ]
    ]
  ])('%j is read as %j', (value, expected) => {
    const { spec, problems } = validate({ ...validFields(), connectorAppInfos: value })
    expect(problems).toEqual([])
    expect(spec?.connectorAppInfos).toEqual(expected)
  })

  it('adds AI, which Qualys keeps on for every connector, with a notice (no diff no apply could remove)', () => {
    const { spec, problems, notices } = validate({ ...validFields(), connectorAppInfos: ['CI:7', 'CSA'] })
    expect(problems).toEqual([])
    expect(spec?.connectorAppInfos).toEqual([
      { name: 'AI', tagId: null },
      { name: 'CI', tagId: 7 },
      { name: 'CSA', tagId: null }
    ])
    expect(notices.map(n => n.message)).toEqual([expect.stringContaining('AI is added')])
  })

  it.each<[unknown, string, RegExp]>([
    [[], 'connectorAppInfos', /must name at least one app \(AI, CI, CSA\)/],
    ['', 'connectorAppInfos', /must name at least one app/],
    [' , ', 'connectorAppInfos', /must name at least one app/],
    [5, 'connectorAppInfos', /expected a list of apps \(AI, CI, CSA\), got a number/],
    [{ name: 'AI' }, 'connectorAppInfos', /expected a list of apps/],
    [['AI', 'VM'], 'connectorAppInfos[1]', /unknown app 'VM'; expected one of AI, CI, CSA/],
    [['AI', 'CI', 'ai'], 'connectorAppInfos[2]', /app AI is listed twice/],
    [['CI', { name: 'CI' }], 'connectorAppInfos[1]', /app CI is listed twice/],
    [[7], 'connectorAppInfos[0]', /expected an app name or \{name, identifier, tagId\}, got a number/],
    [[['AI']], 'connectorAppInfos[0]', /got a list/],
    [[{ identifier: TENANT }], 'connectorAppInfos[0]', /unknown app/],
    [[{ name: 'AI', tag: 5 }], 'connectorAppInfos[0]', /unknown key 'tag' in app/],
    [[{ name: 'AI', identifier: 'nope' }], 'connectorAppInfos[0].identifier', /'nope' is not a GUID/],
    [[{ name: 'AI', tagId: 'abc' }], 'connectorAppInfos[0]', /tagId must be a positive whole number, got 'abc'/],
    [[{ name: 'AI', tagId: 1.5 }], 'connectorAppInfos[0]', /tagId must be a positive whole number, got 1.5/],
    [[{ name: 'AI', tagId: -3 }], 'connectorAppInfos[0]', /positive whole number/],
    [['CI:abc'], 'connectorAppInfos[0]', /tag id of CI must be a positive whole number, got 'abc'/],
    [['CI:0'], 'connectorAppInfos[0]', /tag id of CI must be a positive whole number/],
    [['CI:'], 'connectorAppInfos[0]', /'CI:' is not NAME or NAME:TAG_ID/],
    [['CI:1:2'], 'connectorAppInfos[0]', /is not NAME or NAME:TAG_ID/]
  ])('%j is refused at %s', (value, path, message) => {
    const problem = onlyProblem({ ...validFields(), connectorAppInfos: value })
    expect(problem.path).toBe(path)
    expect(problem.message).toMatch(message)
  })

  it('reports every bad app of a list, not only the first', () => {
    const problems = problemsOf({ ...validFields(), connectorAppInfos: ['XX', 'AI', 'YY', 'AI'] })
    expect(problems.map(p => p.path)).toEqual(['connectorAppInfos[0]', 'connectorAppInfos[2]', 'connectorAppInfos[3]'])
  })

  it('reports the name, identifier and tagId problems of one app together', () => {
    const problems = problemsOf({
      ...validFields(),
      connectorAppInfos: [{ name: 'ZZ', identifier: 'bad', tagId: 'x' }]
    })
    expect(problems.map(p => p.message)).toEqual([
      expect.stringMatching(/unknown app 'ZZ'/),
      expect.stringMatching(/'bad' is not a GUID/),
      expect.stringMatching(/tagId must be a positive whole number/)
    ])
  })
})

describe('run frequencies', () => {
  it.each<[unknown, number]>([
    [1440, 1440],
    ['2d12h', 3600],
    [{ hours: 48, minutes: 0 }, 2880],
    ['10080', 10080]
  ])('orgRunFrequency %j → %d minutes', (value, minutes) => {
    expect(validate({ ...validFields(), orgRunFrequency: value }).spec?.orgRunFrequency).toBe(minutes)
  })

  it.each<[unknown, RegExp]>([
    ['often', /'often' is not a duration/],
    [0, /must be more than 0/],
    [-1440, /must be more than 0/],
    [10081, /over the 7-day maximum/],
    ['8d', /over the 7-day maximum/]
  ])('connectorRunFrequency %j is refused', (value, message) => {
    const problem = onlyProblem({ ...validFields(), connectorRunFrequency: value })
    expect(problem.path).toBe('connectorRunFrequency')
    expect(problem.message).toMatch(message)
  })

  it('accepts a value that is not whole days with a notice that Qualys rounds it up', () => {
    const result = validate({ ...validFields(), orgRunFrequency: '90m', connectorRunFrequency: '36h' })
    expect(result.problems).toEqual([])
    expect(result.spec?.orgRunFrequency).toBe(90)
    expect(result.notices).toEqual([
      {
        path: 'orgRunFrequency',
        message: '90 minutes is not a whole number of days; Qualys rounds it up and runs every 1 day',
        location: undefined
      },
      {
        path: 'connectorRunFrequency',
        message: '36 hours is not a whole number of days; Qualys rounds it up and runs every 2 days',
        location: undefined
      }
    ])
  })

  it('gives no notice for whole days', () => {
    expect(validate({ ...validFields(), orgRunFrequency: '7d', connectorRunFrequency: { hours: 24 } }).notices).toEqual(
      []
    )
  })
})

describe('management groups', () => {
  it('refuses a group both included and excluded, at excludedMem', () => {
    const problem = onlyProblem({ ...validFields(), includedMem: ['a', 'b', 'c'], excludedMem: ['c', 'b', 'd'] })
    expect(problem.path).toBe('excludedMem')
    expect(problem.message).toBe("management groups 'b', 'c' both included and excluded; keep each in one list")
  })

  it('uses the singular for one group', () => {
    expect(onlyProblem({ ...validFields(), includedMem: ['a'], excludedMem: [' a '] }).message).toMatch(
      /^management group 'a' both/
    )
  })

  it('accepts disjoint lists and empty lists', () => {
    expect(problemsOf({ ...validFields(), includedMem: ['a'], excludedMem: ['b'] })).toEqual([])
    expect(problemsOf({ ...validFields(), includedMem: [], excludedMem: [] })).toEqual([])
  })

  it.each<[unknown, string, RegExp]>([
    ['mg-a', 'includedMem', /expected a list of management group names, got text/],
    [['ok', ''], 'includedMem[1]', /empty or unprintable/],
    [['ok', 'bad\tname'], 'includedMem[1]', /empty or unprintable/],
    [[{ name: 'x' }], 'includedMem[0]', /got a mapping/]
  ])('includedMem %j is refused at %s', (value, path, message) => {
    const problem = onlyProblem({ ...validFields(), includedMem: value })
    expect(problem.path).toBe(path)
    expect(problem.message).toMatch(message)
  })
})

describe('tag ids, ids and flags', () => {
  it.each<[string, unknown, string, RegExp]>([
    ['defaultTagIds', [1, 'two'], 'defaultTagIds[1]', /a tag id must be a positive whole number, got 'two'/],
    ['defaultTagIds', [1.5], 'defaultTagIds[0]', /got 1.5/],
    ['defaultTagIds', [0], 'defaultTagIds[0]', /positive whole number, got 0/],
    ['defaultTagIds', [-4], 'defaultTagIds[0]', /got -4/],
    ['defaultTagIds', [true], 'defaultTagIds[0]', /got a boolean/],
    ['defaultTagIds', 5, 'defaultTagIds', /expected a list of tag ids/],
    ['id', 0, 'id', /id must be a positive whole number/],
    ['id', 'abc', 'id', /got 'abc'/],
    ['id', 1.25, 'id', /got 1.25/],
    ['autoActivateVM', 'yes', 'autoActivateVM', /expected true or false, got 'yes'/],
    ['autoActivateVM', 1, 'autoActivateVM', /expected true or false, got a number/],
    ['isRemediationEnabled', [], 'isRemediationEnabled', /got a list/]
  ])('%s = %j is refused at %s', (field, value, path, message) => {
    const problem = onlyProblem({ ...validFields(), [field]: value })
    expect(problem.path).toBe(path)
    expect(problem.message).toMatch(message)
  })

  it('reports each bad tag id', () => {
    expect(problemsOf({ ...validFields(), defaultTagIds: ['a', 2, 'b'] }).map(p => p.path)).toEqual([
      'defaultTagIds[0]',
      'defaultTagIds[2]'
    ])
  })
})

describe('${ENV} references outside secretValue', () => {
  const env = {
    TENANT_ID: TENANT,
    PREFIX: 'pre',
    REMEDIATE: 'true',
    TAG: '17',
    AZURE_SECRET: SECRET,
    ACTIONS_RUNTIME_TOKEN: 'runtime-token-value'
  }

  it.each<[string, unknown]>([
    ['tenantId', '${TENANT_ID}'],
    ['connectorPrefixName', '${PREFIX}-fix'],
    ['connectorAppInfos', [{ name: 'AI', identifier: '${TENANT_ID}' }]],
    ['includedMem', ['mg-${PREFIX}']],
    ['isRemediationEnabled', '${REMEDIATE}'],
    ['defaultTagIds', ['${TAG}']],
    ['id', '${TAG}'],
    ['name', '${UNSET}'],
    ['tenantName', '${1BAD}'],
    ['description', 'token: ${ACTIONS_RUNTIME_TOKEN}']
  ])('%s refuses a reference, set or not, naming the field and never reading the variable', (field, value) => {
    const result = validate({ ...validFields(), [field]: value }, { env })
    expect(result.spec).toBeUndefined()
    expect(result.problems).toEqual([
      {
        path: field,
        message: expect.stringMatching(
          /^holds a \$\{…\} reference; environment variables are read only in secretValue/
        ),
        location: undefined
      }
    ])
    expect(JSON.stringify(result)).not.toContain('runtime-token-value')
    expect(result.secrets).toEqual([])
  })

  it('leaves the inline inputs alone (GitHub has already expanded what it expands)', () => {
    const raw: RawConnector = {
      origin: 'inputs',
      label: 'inputs',
      entries: Object.entries({ ...validFields(), tenantName: '${NOT_EXPANDED}' }).map(([key, value]) => ({
        key,
        value,
        path: `input '${key}'`
      }))
    }
    const result = validateConnector(raw, ctx({ env: {} }))
    expect(result.problems).toEqual([])
    expect(result.spec?.tenantName).toBe('${NOT_EXPANDED}')
  })
})

describe('secretValue', () => {
  it('reads a ${ENV} reference and reports the secret for masking', () => {
    const result = validate({ ...validFields(), secretValue: '${AZURE_SECRET}' }, { requireSecret: true })
    expect(result.problems).toEqual([])
    expect(result.spec?.secretValue).toBe(SECRET)
    expect(result.secrets).toEqual([SECRET])
  })

  it.each<[string, unknown]>([
    ['a literal', SECRET],
    ['a literal around a reference', `${SECRET}\${AZURE_SECRET}`],
    ['two references', '${AZURE_SECRET}${AZURE_SECRET}'],
    ['a number', 123456]
  ])('refuses %s without echoing it', (_, value) => {
    const problem = onlyProblem({ ...validFields(), secretValue: value })
    expect(problem.path).toBe('secretValue')
    expect(problem.message).toMatch(/must be an environment variable reference/)
    expect(problem.message).toMatch(/rotate it/)
    expect(formatProblem(problem)).not.toContain(SECRET)
    expect(formatProblem(problem)).not.toContain('123456')
  })

  it.each([{}, { AZURE_SECRET: '' }])(
    'an apply checks the reference too, and leaves the variable to the write that sends it (env %j)',
    env => {
      const result = validate({ ...validFields(), secretValue: '${AZURE_SECRET}' }, { env, requireSecret: true })
      expect(result.problems).toEqual([])
      expect(result.spec?.secretValue).toBeUndefined()
      expect(result.secretVariable).toBe('AZURE_SECRET')
    }
  )

  it.each([{}, { AZURE_SECRET: '' }])('plan and validate check the reference, not the variable (env %j)', env => {
    const result = validate({ ...validFields(), secretValue: '${AZURE_SECRET}' }, { env, requireSecret: false })
    expect(result.problems).toEqual([])
    expect(result.spec?.secretValue).toBeUndefined()
    expect(result.secretVariable).toBe('AZURE_SECRET')
    // A malformed reference is still refused without the variable.
    expect(onlyProblem({ ...validFields(), secretValue: '${AZURE-SECRET}' }, { env, requireSecret: false }).path).toBe(
      'secretValue'
    )
  })

  it('falls back to the secret-value input when the spec has no secretValue', () => {
    const result = validate(validFields(), { requireSecret: true, secretInput: 'from-input' })
    expect(result.problems).toEqual([])
    expect(result.spec?.secretValue).toBe('from-input')
  })

  it("prefers the spec's secretValue over the input", () => {
    expect(
      validate({ ...validFields(), secretValue: '${AZURE_SECRET}' }, { secretInput: 'from-input' }).spec?.secretValue
    ).toBe(SECRET)
  })

  it('requires a secret only when asked to', () => {
    expect(validate(validFields(), { requireSecret: false }).problems).toEqual([])
    const problem = onlyProblem(validFields(), { requireSecret: true })
    expect(problem.path).toBe('secretValue')
    expect(problem.message).toMatch(/no Azure client secret/)
  })

  it('treats `secretValue:` left empty (null) as not set: the input is used, or the secret is required', () => {
    expect(validate({ ...validFields(), secretValue: null }, { secretInput: 'from-input' }).spec?.secretValue).toBe(
      'from-input'
    )
    expect(onlyProblem({ ...validFields(), secretValue: null }, { requireSecret: true }).message).toMatch(
      /no Azure client secret/
    )
  })

  it('does not add "no secret" on top of a refused secretValue', () => {
    const problem = onlyProblem({ ...validFields(), secretValue: 'literal' }, { requireSecret: true })
    expect(problem.message).toMatch(/must be an environment variable reference/)
  })

  it('takes the inline secret as is (it is not a file)', () => {
    const raw: RawConnector = {
      origin: 'inputs',
      label: 'inputs',
      entries: [
        ...Object.entries(validFields()).map(([key, value]) => ({ key, value, path: key })),
        { key: 'secretValue', value: 'plain', path: "input 'secret-value'" }
      ]
    }
    expect(validateConnector(raw, ctx()).spec?.secretValue).toBe('plain')
  })
})

describe('unknown keys', () => {
  it.each<[string, string | undefined]>([
    ['tenantID', 'tenantId'],
    ['tenant_id', 'tenantId'],
    ['tenant-id', 'tenantId'],
    ['nmae', 'name'],
    ['connectorPrefix', 'connectorPrefixName'],
    ['orgRunFrequancy', 'orgRunFrequency'],
    ['autoActivateVm', 'autoActivateVM'],
    ['excludedMems', 'excludedMem'],
    ['completelyUnrelated', undefined],
    ['ab', undefined]
  ])('%s → did you mean %s', (key, hint) => {
    const problem = onlyProblem({ ...validFields(), [key]: 'x' })
    expect(problem.path).toBe(key)
    expect(problem.message).toBe(hint ? `unknown key '${key}'; did you mean '${hint}'?` : `unknown key '${key}'`)
  })
})

describe('reporting all problems at once', () => {
  it('collects problems from every field', () => {
    const problems = problemsOf(
      {
        name: '',
        tenantId: 'nope',
        applicationId: 'nope',
        connectorAppInfos: [],
        orgRunFrequency: 'soon',
        connectorRunFrequency: 99999,
        connectorPrefixName: 'x'.repeat(31),
        includedMem: ['a'],
        excludedMem: ['a'],
        defaultTagIds: ['t'],
        colour: 'blue'
      },
      {},
      'connectors[1]'
    )
    expect(problems.map(p => p.path).sort()).toEqual([
      'connectors[1].applicationId',
      'connectors[1].colour',
      'connectors[1].connectorAppInfos',
      'connectors[1].connectorPrefixName',
      'connectors[1].connectorRunFrequency',
      'connectors[1].defaultTagIds[0]',
      'connectors[1].excludedMem',
      'connectors[1].name',
      'connectors[1].orgRunFrequency',
      'connectors[1].tenantId',
      'connectors[1].tenantName'
    ])
  })

  it('gives no spec when there is any problem', () => {
    expect(validate({ ...validFields(), autoActivatePC: 'maybe' }).spec).toBeUndefined()
  })
})

describe('fieldPath', () => {
  it.each<[RawConnector['origin'], string, FieldName, string]>([
    ['file', 'spec', 'tenantId', 'tenantId'],
    ['file', 'connectors[3]', 'tenantId', 'connectors[3].tenantId'],
    ['inputs', 'inputs', 'tenantId', "input 'tenant-id'"],
    ['inputs', 'inputs', 'connectorAppInfos', "input 'apps'"],
    ['inputs', 'inputs', 'id', 'id']
  ])('%s %s %s → %s', (origin, label, field, path) => {
    expect(fieldPath({ origin, label }, field)).toBe(path)
  })
})

describe('helpers', () => {
  it.each<[unknown, string]>([
    [null, 'null'],
    [[], 'a list'],
    [{}, 'a mapping'],
    ['', 'text'],
    [1, 'a number'],
    [false, 'a boolean']
  ])('typeName(%j) = %s', (value, name) => {
    expect(typeName(value)).toBe(name)
  })

  it('suggest prefers the same name in another spelling, then the nearest one', () => {
    expect(suggest('TENANT_NAME', FIELD_NAMES)).toBe('tenantName')
    expect(suggest('conectors', ['connectors', 'defaults'])).toBe('connectors')
    expect(suggest('zzzzzz', ['connectors', 'defaults'])).toBeUndefined()
  })

  it('formatProblem puts file:line:column first when known', () => {
    expect(formatProblem({ path: 'name', message: 'is bad', location: { file: 'a.yml', line: 7, column: 3 } })).toBe(
      'a.yml:7:3: name: is bad'
    )
    expect(formatProblem({ path: 'name', message: 'is bad' })).toBe('name: is bad')
  })
})
