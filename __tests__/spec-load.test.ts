import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { loadSpec, openSpecFile, type LoadedSpec } from '../src/connector-spec/load.js'
import { formatProblem } from '../src/problems.js'
import type { ValidationContext } from '../src/connector-spec/raw.js'
import { ALWAYS_ON_APPS } from '../src/qualys/assumptions.js'

const TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47'
const APP = '3c2a9f4e-5b1d-4e8a-9c7f-0d6e1b2a3f4c'
const SECRET = 'Q8w~Xy_z.real-looking-secret-value-123'

let sandbox: string
let workspace: string
let outside: string

beforeAll(() => {
  sandbox = mkdtempSync(join(tmpdir(), 'spec-load-'))
  workspace = join(sandbox, 'workspace')
  outside = join(sandbox, 'outside')
  mkdirSync(join(workspace, '.github'), { recursive: true })
  mkdirSync(outside)
})

afterAll(() => {
  rmSync(sandbox, { recursive: true, force: true })
})

let counter = 0
/** Writes a spec file into the workspace and returns its workspace-relative path. */
function specFile(text: string, name = `spec-${++counter}.yml`): string {
  writeFileSync(join(workspace, name), text)
  return name
}

function lines(...text: string[]): string {
  return text.join('\n') + '\n'
}

function ctx(overrides: Partial<ValidationContext> = {}): ValidationContext {
  return { env: { AZURE_SECRET: SECRET }, requireSecret: true, alwaysOnApps: ALWAYS_ON_APPS, ...overrides }
}

function load(
  file: string | undefined,
  inputs: Record<string, string> = {},
  context: Partial<ValidationContext> = {}
): LoadedSpec {
  return loadSpec({ specFile: file, workspace, readInput: name => inputs[name] ?? '' }, ctx(context))
}

function messages(result: LoadedSpec): string[] {
  return result.problems.map(formatProblem)
}

/** The sample request body of Qualys' "Create Azure tenant connector" page, written as YAML. */
const QUALYS_SAMPLE_YAML = lines(
  'name: Azure Org',
  'description: azure org connector description',
  'connectorAppInfos:',
  `  - identifier: ${TENANT}`,
  '    name: AI',
  '    tagId: null',
  `  - identifier: ${TENANT}`,
  '    name: CI',
  '    tagId: null',
  `  - identifier: ${TENANT}`,
  '    name: CSA',
  '    tagId: null',
  'isRemediationEnabled: true',
  'tenantName: Tenant name',
  `tenantId: ${TENANT}`,
  `applicationId: ${APP}`,
  'secretValue: ${AZURE_SECRET}',
  'orgRunFrequency:',
  '  hours: 1',
  '  minutes: 0',
  'connectorPrefixName: createdbyorg',
  'connectorRunFrequency:',
  '  hours: 1',
  '  minutes: 0',
  'excludedMem: []',
  'includedMem:',
  '  - TestingManagementGroup',
  'isCreateConnectorForNewSubscriptionsAutomatically: true',
  'isDisableConnectorsForDeletedManagementGroups: true',
  'autoActivateCV: false',
  'autoActivateCertView: false',
  'autoActivatePC: false',
  'autoActivateSCA: false',
  'autoActivateVM: false',
  'defaultTagIds: []'
)

describe("Qualys' documented request body", () => {
  it('is a valid spec when written as YAML', () => {
    const result = load(specFile(QUALYS_SAMPLE_YAML))
    expect(messages(result)).toEqual([])
    expect(result.connectors).toEqual([
      {
        name: 'Azure Org',
        description: 'azure org connector description',
        connectorAppInfos: [
          { name: 'AI', identifier: TENANT, tagId: null },
          { name: 'CI', identifier: TENANT, tagId: null },
          { name: 'CSA', identifier: TENANT, tagId: null }
        ],
        isRemediationEnabled: true,
        tenantName: 'Tenant name',
        tenantId: TENANT,
        applicationId: APP,
        secretValue: SECRET,
        orgRunFrequency: 60,
        connectorPrefixName: 'createdbyorg',
        connectorRunFrequency: 60,
        excludedMem: [],
        includedMem: ['TestingManagementGroup'],
        isCreateConnectorForNewSubscriptionsAutomatically: true,
        isDisableConnectorsForDeletedManagementGroups: true,
        autoActivateCV: false,
        autoActivateCertView: false,
        autoActivatePC: false,
        autoActivateSCA: false,
        autoActivateVM: false,
        defaultTagIds: []
      }
    ])
    expect(result.secrets).toEqual([SECRET])
  })

  it('gets a notice for each 1-hour frequency, which Qualys rounds up to 1 day', () => {
    const result = load(specFile(QUALYS_SAMPLE_YAML))
    expect(result.notices.map(formatProblem)).toEqual([
      expect.stringMatching(
        /^spec-\d+\.yml:19:3: orgRunFrequency: 1 hour is not a whole number of days; Qualys rounds it up and runs every 1 day$/
      ),
      expect.stringMatching(/^spec-\d+\.yml:23:3: connectorRunFrequency: 1 hour is not a whole number of days/)
    ])
  })

  it('is also a valid spec in its original JSON form', () => {
    const json = JSON.stringify(
      {
        name: 'Azure Org',
        connectorAppInfos: [{ identifier: TENANT, name: 'AI', tagId: null }],
        tenantName: 'Tenant name',
        tenantId: TENANT,
        applicationId: APP,
        secretValue: '${AZURE_SECRET}',
        orgRunFrequency: { hours: 24, minutes: 0 },
        connectorPrefixName: 'createdbyorg',
        connectorRunFrequency: { hours: 24, minutes: 0 },
        excludedMem: [],
        defaultTagIds: []
      },
      null,
      2
    )
    const result = load(specFile(json, `sample-${++counter}.json`))
    expect(messages(result)).toEqual([])
    expect(result.connectors).toHaveLength(1)
    expect(result.notices).toEqual([])
  })

  it('with the literal secret of the sample is refused, and the secret is not echoed', () => {
    const text = QUALYS_SAMPLE_YAML.replace('${AZURE_SECRET}', SECRET)
    const result = load(specFile(text))
    expect(result.connectors).toEqual([])
    expect(messages(result)).toEqual([
      expect.stringMatching(/^spec-\d+\.yml:17:14: secretValue: must be an environment variable reference/)
    ])
    expect(JSON.stringify(result)).not.toContain(SECRET)
    expect(result.secrets).toEqual([])
  })
})

const VALID_LIST = lines(
  'defaults:', // 1
  `  tenantId: ${TENANT}`, // 2
  '  tenantName: contoso', // 3
  `  applicationId: ${APP}`, // 4
  '  secretValue: ${AZURE_SECRET}', // 5
  '  connectorAppInfos: [AI, CI]', // 6
  '  orgRunFrequency: 1d', // 7
  '  connectorRunFrequency: 2d', // 8
  'connectors:', // 9
  '  - name: first', // 10
  '    connectorPrefixName: first', // 11
  '  - name: second', // 12
  '    id: 77', // 13
  '    connectorPrefixName: second', // 14
  '    connectorAppInfos: [CSA]' // 15
)

describe('loading a connectors: list', () => {
  it('validates every connector with the defaults merged in', () => {
    const result = load(specFile(VALID_LIST, '.github/qualys-connectors.yml'))
    expect(messages(result)).toEqual([])
    expect(result.file).toBe('.github/qualys-connectors.yml')
    expect(
      result.connectors.map(c => [
        c.name,
        c.id,
        c.connectorAppInfos.map(a => a.name),
        c.connectorRunFrequency,
        c.secretValue
      ])
    ).toEqual([
      ['first', undefined, ['AI', 'CI'], 2880, SECRET],
      ['second', 77, ['AI', 'CSA'], 2880, SECRET]
    ])
  })

  it('refuses duplicate names and ids, pointing at the second one', () => {
    // A prefix each: one tenant with one prefix twice is a problem of its own (spec-duplicate-tenants.test.ts).
    const text = lines(
      'defaults:', // 1
      `  tenantId: ${TENANT}`, // 2
      '  tenantName: contoso', // 3
      `  applicationId: ${APP}`, // 4
      '  connectorAppInfos: [AI]', // 5
      '  orgRunFrequency: 1d', // 6
      '  connectorRunFrequency: 1d', // 7
      '  description: shared', // 8
      'connectors:', // 9
      '  - name: same', // 10
      '    id: 5', // 11
      '    connectorPrefixName: p1', // 12
      '  - name: other', // 13
      '    connectorPrefixName: p2', // 14
      '  - name: " same "', // 15
      '    id: 5', // 16
      '    connectorPrefixName: p3' // 17
    )
    const file = specFile(text)
    const result = load(file, {}, { requireSecret: false })
    expect(result.connectors).toEqual([])
    expect(messages(result)).toEqual([
      `${file}:15:11: connectors[2].name: name 'same' is already used by connectors[0]; each connector needs its own`,
      `${file}:16:9: connectors[2].id: id '5' is already used by connectors[0]; each connector needs its own`
    ])
  })

  it('returns no connectors when any one is invalid, and reports them all', () => {
    const text = VALID_LIST.replace(
      '    connectorPrefixName: second',
      '    connectorPrefixName: this-prefix-is-much-longer-than-30'
    ).replace('  - name: first', '  - name: first\n    tenantId: bad')
    const file = specFile(text)
    const result = load(file)
    expect(result.connectors).toEqual([])
    expect(messages(result)).toEqual([
      `${file}:11:15: connectors[0].tenantId: 'bad' is not a GUID (expected xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx)`,
      `${file}:15:26: connectors[1].connectorPrefixName: is 34 characters long; at most 30 are allowed`
    ])
  })

  it('reports a bad default once, not once per connector', () => {
    const file = specFile(
      VALID_LIST.replace('  orgRunFrequency: 1d', '  orgRunFrequency: 12h').replace(
        `  tenantId: ${TENANT}`,
        '  tenantId: nope'
      )
    )
    const result = load(file)
    expect(messages(result)).toEqual([
      `${file}:2:13: defaults.tenantId: 'nope' is not a GUID (expected xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx)`
    ])
    expect(result.notices.map(formatProblem)).toEqual([
      `${file}:7:20: defaults.orgRunFrequency: 12 hours is not a whole number of days; Qualys rounds it up and runs every 1 day`,
      `${file}:15:24: connectors[1].connectorAppInfos: AI is added: Qualys keeps AI (Asset Inventory) on for every connector, it cannot be disabled`
    ])
  })

  it('a missing env variable is no problem of the spec: each connector keeps its variable for the write that needs it', () => {
    const file = specFile(VALID_LIST)
    const result = load(file, {}, { env: {} })
    expect(messages(result)).toEqual([])
    expect(result.connectors.map(c => c.secretValue)).toEqual(result.connectors.map(() => undefined))
    expect(Object.values(result.secretVariables)).toEqual(result.connectors.map(() => 'AZURE_SECRET'))
  })

  it('reports syntax errors without validating anything', () => {
    const file = specFile(lines('connectors:', '  - name: a', '   bad: indentation'))
    const result = load(file)
    expect(result.connectors).toEqual([])
    expect(result.problems.length).toBeGreaterThan(0)
    expect(messages(result).every(m => m.startsWith(`${file}:`) && m.includes('YAML syntax error'))).toBe(true)
  })

  it.each<[string, string]>([
    ['an empty file', ''],
    ['a comment only', '# TODO\n']
  ])('refuses %s as an empty spec', (_, text) => {
    const file = specFile(text)
    expect(messages(load(file))).toEqual([
      `${file}:1:1: spec: is empty; write one connector, or a list under connectors:`
    ])
  })
})

describe('spec-file and inline inputs', () => {
  it("refuses connector inputs set together with spec-file, and still reports the file's problems", () => {
    const file = specFile(lines('name: a'))
    const result = load(file, { name: 'inline', apps: 'AI', 'tenant-id': '   ' })
    expect(result.connectors).toEqual([])
    const found = messages(result)
    expect(found.slice(0, 2)).toEqual([
      "input 'name': must be empty when spec-file is set (the spec file describes the connectors; only secret-value may be combined with it)",
      "input 'apps': must be empty when spec-file is set (the spec file describes the connectors; only secret-value may be combined with it)"
    ])
    expect(found.some(m => m.startsWith(`${file}:1:1: tenantId: is missing`))).toBe(true)
  })

  it('accepts the secret-value input with a spec file, as the secret of connectors without secretValue', () => {
    const file = specFile(VALID_LIST.replace('  secretValue: ${AZURE_SECRET}\n', ''))
    const result = loadSpec(
      { specFile: file, workspace, readInput: name => (name === 'secret-value' ? 'from-input' : '') },
      ctx({ secretInput: 'from-input' })
    )
    expect(messages(result)).toEqual([])
    expect(result.connectors.map(c => c.secretValue)).toEqual(['from-input', 'from-input'])
  })

  it('uses the inline inputs when there is no spec file', () => {
    const result = load(
      undefined,
      {
        name: 'inline',
        'tenant-id': TENANT,
        'tenant-name': 'contoso',
        'application-id': APP,
        'connector-prefix-name': 'inl'
      },
      { secretInput: 'in' }
    )
    expect(messages(result)).toEqual([])
    expect(result.file).toBeUndefined()
    expect(result.connectors).toHaveLength(1)
    expect(result.connectors[0]).toMatchObject({ name: 'inline', secretValue: 'in', orgRunFrequency: 1440 })
  })

  it('reports missing inline inputs by input name', () => {
    const result = load(undefined, {}, { requireSecret: true })
    expect(result.problems.map(p => p.path)).toEqual([
      "input 'name'",
      "input 'tenant-id'",
      "input 'tenant-name'",
      "input 'application-id'",
      "input 'connector-prefix-name'",
      "input 'secret-value'"
    ])
    expect(result.problems.every(p => p.location === undefined)).toBe(true)
  })
})

describe('spec-file path safety', () => {
  beforeAll(() => {
    writeFileSync(join(outside, 'secret.yml'), 'name: outside\n')
    writeFileSync(join(workspace, 'inside.yml'), 'name: inside\n')
    symlinkSync(join(outside, 'secret.yml'), join(workspace, 'link-out.yml'))
    symlinkSync(outside, join(workspace, 'dir-out'))
    symlinkSync(join(workspace, 'inside.yml'), join(workspace, 'link-in.yml'))
    symlinkSync(join(workspace, 'missing.yml'), join(workspace, 'dangling.yml'))
    writeFileSync(join(workspace, '..dotted.yml'), 'name: dotted\n')
    mkdirSync(join(workspace, 'sub'))
    symlinkSync(workspace, join(sandbox, 'workspace-link'))
  })

  it.each<[string, () => string, RegExp]>([
    [
      'a relative path climbing out',
      () => '../outside/secret.yml',
      /'\.\.\/outside\/secret\.yml' is outside the workspace/
    ],
    [
      'a relative path climbing out and back in elsewhere',
      () => 'sub/../../outside/secret.yml',
      /is outside the workspace/
    ],
    ['an absolute path elsewhere', () => join(outside, 'secret.yml'), /is outside the workspace/],
    ['the workspace itself', () => '.', /is outside the workspace/],
    [
      'a symlink to a file outside',
      () => 'link-out.yml',
      /'link-out\.yml' links to a file outside the workspace; symlinks out of the repository are refused/
    ],
    ['a file under a symlinked directory outside', () => 'dir-out/secret.yml', /links to a file outside the workspace/],
    ['a missing file', () => 'nope.yml', /'nope\.yml' does not exist in the workspace/],
    ['a dangling symlink', () => 'dangling.yml', /does not exist in the workspace/],
    ['a directory', () => 'sub', /'sub' is not a file/],
    ['a path with a NUL byte', () => 'inside.yml\0.txt', /is not a valid path/]
  ])('refuses %s', (_, path, message) => {
    const result = load(path())
    expect(result.connectors).toEqual([])
    expect(result.problems).toEqual([{ path: "input 'spec-file'", message: expect.stringMatching(message) }])
    expect(result.file).toBeUndefined()
  })

  it('never reads the outside file', () => {
    for (const path of ['../outside/secret.yml', 'link-out.yml', join(outside, 'secret.yml')]) {
      expect(JSON.stringify(load(path))).not.toContain('outside\n')
      expect(openSpecFile(path, workspace)).not.toHaveProperty('text')
    }
  })

  it.each<[string, () => string, string]>([
    ['a plain relative path', () => 'inside.yml', 'inside.yml'],
    ['a ./ path', () => './inside.yml', 'inside.yml'],
    ['a path going down and up', () => 'sub/../inside.yml', 'inside.yml'],
    ['an absolute path inside', () => join(workspace, 'inside.yml'), 'inside.yml'],
    ['a symlink that stays inside (reported by its own name)', () => 'link-in.yml', 'link-in.yml'],
    ['a file whose name starts with two dots', () => '..dotted.yml', '..dotted.yml']
  ])('accepts %s', (_, path, file) => {
    const opened = openSpecFile(path(), workspace)
    expect(opened).toEqual({ text: expect.stringMatching(/^name: /), file })
  })

  it('accepts an absolute path through a symlinked workspace', () => {
    const linked = join(sandbox, 'workspace-link')
    expect(openSpecFile(join(linked, 'inside.yml'), linked)).toEqual({ text: 'name: inside\n', file: 'inside.yml' })
    expect(openSpecFile('inside.yml', linked)).toEqual({ text: 'name: inside\n', file: 'inside.yml' })
    expect(openSpecFile('../outside/secret.yml', linked)).toHaveProperty('problem')
  })

  it('uses forward slashes in the reported file', () => {
    expect(openSpecFile(join('.github', 'x', '..', 'dummy.yml'), workspace)).toHaveProperty('problem')
    writeFileSync(join(workspace, '.github', 'dummy.yml'), 'name: x\n')
    expect(openSpecFile(join('.github', 'dummy.yml'), workspace)).toMatchObject({ file: '.github/dummy.yml' })
  })

  it('refuses a missing workspace', () => {
    const opened = openSpecFile('inside.yml', join(sandbox, 'no-such-workspace'))
    expect(opened).toEqual({
      problem: {
        path: "input 'spec-file'",
        message: expect.stringMatching(/the workspace .* does not exist \(did you run actions\/checkout first\?\)/)
      }
    })
  })

  it('refuses a file over 4 MiB without reading it', () => {
    const big = join(workspace, 'big.yml')
    writeFileSync(big, '')
    truncateSync(big, 4 * 1024 * 1024 + 1)
    expect(openSpecFile('big.yml', workspace)).toEqual({
      problem: {
        path: "input 'spec-file'",
        message: expect.stringMatching(/'big\.yml' is 4\.0 MiB; spec files are limited to 4 MiB/)
      }
    })
  })
})
