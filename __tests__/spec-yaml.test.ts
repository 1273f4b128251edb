import { describe, expect, it } from '@jest/globals'
import { formatProblem, type Problem } from '../src/problems.js'
import type { RawConnector } from '../src/connector-spec/raw.js'
import { validateConnector } from '../src/connector-spec/validate.js'
import { parseSpecFile } from '../src/connector-spec/yaml-file.js'
import { ALWAYS_ON_APPS } from '../src/qualys/assumptions.js'

const FILE = '.github/qualys.yml'
const TENANT = '0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0'
const APP = '11111111-2222-3333-4444-555555555555'

/** Lines joined with \n, so a test can count lines by index + 1. */
function yaml(...lines: string[]): string {
  return lines.join('\n') + '\n'
}

/** All problems of a file: parse problems, then each connector's validation problems. */
function problemsOf(text: string): Problem[] {
  const parsed = parseSpecFile(text, FILE)
  return [
    ...parsed.problems,
    ...parsed.connectors.flatMap(
      raw => validateConnector(raw, { env: {}, requireSecret: false, alwaysOnApps: ALWAYS_ON_APPS }).problems
    )
  ]
}

function formatted(text: string): string[] {
  return problemsOf(text).map(formatProblem)
}

function entry(raw: RawConnector, key: string): RawConnector['entries'][number] {
  const found = raw.entries.find(e => e.key === key)
  if (!found) throw new Error(`no entry ${key}`)
  return found
}

const SINGLE = yaml(
  'name: Contoso', // 1
  `tenantId: ${TENANT}`, // 2
  'tenantName: contoso', // 3
  `applicationId: ${APP}`, // 4
  'connectorAppInfos: [AI, CI]', // 5
  'orgRunFrequency: 1d', // 6
  'connectorRunFrequency: 1d', // 7
  'connectorPrefixName: contoso' // 8
)

describe('the two shapes of a spec file', () => {
  it('reads one connector at the top level', () => {
    const { connectors, problems } = parseSpecFile(SINGLE, FILE)
    expect(problems).toEqual([])
    expect(connectors).toHaveLength(1)
    expect(connectors[0]).toMatchObject({ origin: 'file', label: 'spec', location: { file: FILE, line: 1, column: 1 } })
    expect(connectors[0].entries.map(e => e.key)).toEqual([
      'name',
      'tenantId',
      'tenantName',
      'applicationId',
      'connectorAppInfos',
      'orgRunFrequency',
      'connectorRunFrequency',
      'connectorPrefixName'
    ])
    expect(entry(connectors[0], 'tenantId')).toMatchObject({
      path: 'tenantId',
      value: TENANT,
      location: { file: FILE, line: 2, column: 11 }
    })
  })

  it("reads a connectors: list and merges defaults: into each connector, the connector's own value winning", () => {
    const { connectors, problems } = parseSpecFile(
      yaml(
        'defaults:', // 1
        `  tenantId: ${TENANT}`, // 2
        '  orgRunFrequency: 2d', // 3
        '  description: shared', // 4
        'connectors:', // 5
        '  - name: first', // 6
        '    orgRunFrequency: 3d', // 7
        '  - name: second', // 8
        '    description:' // 9
      ),
      FILE
    )
    expect(problems).toEqual([])
    expect(connectors.map(c => c.label)).toEqual(['connectors[0]', 'connectors[1]'])
    const [first, second] = connectors
    expect(first.location).toEqual({ file: FILE, line: 6, column: 5 })
    expect(second.location).toEqual({ file: FILE, line: 8, column: 5 })
    expect(entry(first, 'name')).toMatchObject({ path: 'connectors[0].name', value: 'first' })
    expect(entry(first, 'orgRunFrequency')).toMatchObject({
      path: 'connectors[0].orgRunFrequency',
      value: '3d',
      location: { line: 7 }
    })
    expect(entry(first, 'tenantId')).toMatchObject({ path: 'defaults.tenantId', value: TENANT, location: { line: 2 } })
    expect(entry(second, 'orgRunFrequency')).toMatchObject({
      path: 'defaults.orgRunFrequency',
      value: '2d',
      location: { line: 3 }
    })
    // An explicit empty value in the connector overrides the default (and then means "not set").
    expect(entry(second, 'description')).toMatchObject({ path: 'connectors[1].description', value: null })
    expect(second.entries.filter(e => e.key === 'description')).toHaveLength(1)
  })

  it('accepts connectors: without defaults:', () => {
    const { connectors, problems } = parseSpecFile(yaml('connectors:', '  - name: a', '  - name: b'), FILE)
    expect(problems).toEqual([])
    expect(connectors).toHaveLength(2)
  })

  it('accepts the JSON form (YAML is a superset)', () => {
    const { connectors, problems } = parseSpecFile(JSON.stringify({ connectors: [{ name: 'a' }] }), FILE)
    expect(problems).toEqual([])
    expect(connectors[0].entries).toEqual([expect.objectContaining({ key: 'name', value: 'a' })])
  })

  it('expands anchors and merge keys', () => {
    const { connectors, problems } = parseSpecFile(
      yaml('connectors:', '  - &base', '    name: a', '    tenantName: t', '  - <<: *base', '    name: b'),
      FILE
    )
    expect(problems).toEqual([])
    expect(Object.fromEntries(connectors[1].entries.map(e => [e.key, e.value]))).toEqual({ name: 'b', tenantName: 't' })
  })
})

describe('structural problems', () => {
  it.each<[string, string, string, RegExp, number]>([
    ['an empty file', '', 'spec', /is empty; write one connector, or a list under connectors:/, 1],
    ['only comments', yaml('# nothing', '# here'), 'spec', /is empty/, 1],
    ['an empty mapping', '{}', 'spec', /is empty/, 1],
    ['an empty list', '[]', 'spec', /is empty/, 1],
    [
      'a list at the top',
      yaml('- name: a'),
      'spec',
      /must be a mapping of connector fields, or connectors: with a list/,
      1
    ],
    ['a scalar at the top', yaml('hello'), 'spec', /must be a mapping/, 1],
    [
      'defaults without connectors',
      yaml('name: a', 'defaults:', '  tenantName: t'),
      'defaults',
      /is only used with a connectors: list/,
      2
    ],
    ['connectors: empty', yaml('connectors:'), 'connectors', /must be a non-empty list of connectors/, 1],
    ['connectors: []', yaml('', 'connectors: []'), 'connectors', /must be a non-empty list/, 2],
    ['connectors: a mapping', yaml('connectors:', '  name: a'), 'connectors', /must be a non-empty list/, 2],
    [
      'a connector that is not a mapping',
      yaml('connectors:', '  - name: a', '  - just text'),
      'connectors[1]',
      /must be a mapping of connector fields/,
      3
    ],
    [
      'defaults: not a mapping',
      yaml('defaults: [a]', 'connectors:', '  - name: a'),
      'defaults',
      /must be a mapping of connector fields/,
      1
    ],
    [
      'name in defaults',
      yaml('defaults:', '  name: shared', 'connectors:', '  - tenantName: a'),
      'defaults.name',
      /cannot be a default: every connector needs its own name/,
      2
    ],
    [
      'id in defaults',
      yaml('defaults:', '  id: 5', 'connectors:', '  - name: a'),
      'defaults.id',
      /cannot be a default: every connector needs its own id/,
      2
    ],
    [
      'an unknown top-level key next to connectors',
      yaml('connectors:', '  - name: a', 'default:', '  tenantName: t'),
      'default',
      /unknown top-level key 'default'; did you mean 'defaults'\? \(connector fields go inside/,
      3
    ]
  ])('%s', (_, text, path, message, line) => {
    const problems = parseSpecFile(text, FILE).problems
    expect(problems).toHaveLength(1)
    expect(problems[0].path).toBe(path)
    expect(problems[0].message).toMatch(message)
    expect(problems[0].location).toMatchObject({ file: FILE, line })
  })

  it('does not merge a refused name default into the connectors', () => {
    const { connectors } = parseSpecFile(yaml('defaults:', '  name: shared', 'connectors:', '  - tenantName: a'), FILE)
    expect(connectors[0].entries.map(e => e.key)).toEqual(['tenantName'])
  })
})

describe('YAML syntax errors', () => {
  it.each<[string, string, number]>([
    ['bad indentation', yaml('name: a', 'tenantName: b', '  nested: c', 'connectorPrefixName: d'), 2],
    // reported where the parser notices the list did not end
    ['an unclosed flow list', yaml('name: a', 'connectorAppInfos: [AI, CI', 'tenantName: b'), 3],
    ['a tab used for indentation', yaml('connectors:', '\t- name: a'), 2],
    ['two documents', yaml('name: a', '---', 'name: b'), 2]
  ])('%s is reported with its line, and nothing else is read', (_, text, line) => {
    const { connectors, problems } = parseSpecFile(text, FILE)
    expect(connectors).toEqual([])
    expect(problems.length).toBeGreaterThan(0)
    for (const problem of problems)
      expect(problem).toMatchObject({ path: 'spec', message: expect.stringMatching(/^YAML syntax error: /) })
    expect(problems[0].location).toMatchObject({ file: FILE, line })
  })

  it.each<[string, string, number, string]>([
    ['block', yaml('name: a', 'tenantName: b', 'name: c'), 3, 'name'],
    ['quoted', yaml('connectors:', '  - name: a', '    "tenantId": x', "    'tenantId': y"), 4, 'tenantId'],
    ['flow', yaml('connectors:', '  - {name: a, name: b}'), 2, 'name']
  ])('a duplicate key (%s) is named, at its line, and nothing else is read', (_, text, line, key) => {
    const { connectors, problems } = parseSpecFile(text, FILE)
    expect(connectors).toEqual([])
    expect(problems).toEqual([
      {
        path: 'spec',
        message: `duplicate key '${key}': write each key once in a mapping`,
        location: expect.objectContaining({ file: FILE, line })
      }
    ])
  })

  it.each<[string, string, number, RegExp]>([
    [
      "an unquoted ': ' in a value",
      yaml('connectors:', '  - name: a', '    description: Prod: tenant'),
      3,
      /^YAML syntax error: the value of 'description' contains ': ', which YAML reads as another key; quote a value that contains ': ' or ' #': description: 'Prod: tenant'$/
    ],
    [
      'a key indented less than its connector',
      yaml('connectors:', '  - name: a', '    tenantId: x', '   connectorPrefixName: p', '    description: d'),
      4,
      /^YAML syntax error: this line's indentation does not fit the lines above it: the keys of one connector line up with its first key \(the one after '- '\).*\(the parser reports 2 more after it, which usually follow from this one: fix this first\)$/
    ],
    [
      'a key under a list item at the dash',
      yaml('connectors:', '  - name: a', '  tenantId: x'),
      3,
      /this line's indentation does not fit/
    ],
    ['a tab', yaml('connectors:', '\t- name: a'), 2, /a tab indents this line; indent with spaces/],
    ['an unclosed quote', yaml('name: "a', 'tenantName: b'), 3, /a quoted value is not closed; add the closing quote/],
    [
      'an unclosed list',
      yaml('name: a', 'connectorAppInfos: [AI, CI', 'tenantName: b'),
      3,
      /a \[ list .* is not closed/
    ]
  ])('%s is one problem in words, at its line', (_, text, line, message) => {
    const { connectors, problems } = parseSpecFile(text, FILE)
    expect(connectors).toEqual([])
    expect(problems).toHaveLength(1)
    expect(problems[0]).toMatchObject({ path: 'spec', location: { file: FILE, line } })
    expect(problems[0].message).toMatch(message)
    expect(problems[0].message).not.toMatch(/compact mappings|without - indicator/)
  })

  it('quotes the suggested value safely when it holds a quote itself', () => {
    const [problem] = parseSpecFile(yaml('name: a', "description: it's Prod: x"), FILE).problems
    expect(problem.message).toMatch(/: description: 'it''s Prod: x'$/)
  })

  it('reports every duplicate key but only the first other syntax error, in line order', () => {
    const { problems } = parseSpecFile(
      yaml('name: a', 'name: b', 'x: y: z', '  bad: indent', 'tenantName: t', 'tenantName: u'),
      FILE
    )
    expect(problems.map(p => p.location?.line)).toEqual([2, 3, 6])
    expect(problems.filter(p => p.message.startsWith('YAML syntax error'))).toHaveLength(1)
  })

  it('strips the library\'s own "at line X, column Y" (the location is given once, in front)', () => {
    for (const text of formatted(yaml('name: a', 'connectorAppInfos: [AI, CI'))) {
      expect(text).toMatch(/^\.github\/qualys\.yml:\d+:\d+: spec: YAML syntax error: /)
      expect(text).not.toMatch(/at line \d+/)
    }
  })

  it("explains a second document in the spec author's terms, not the library's", () => {
    const [problem] = parseSpecFile(yaml('name: a', '---', 'name: b'), FILE).problems
    expect(problem.message).toMatch(/more than one YAML document.*connectors: list/)
    expect(problem.message).not.toMatch(/parseAllDocuments/)
  })

  it('refuses a document with too many aliases (billion laughs)', () => {
    const lines = ['a: &a [x, x, x, x, x, x, x, x, x, x]']
    for (let i = 1; i < 9; i++) {
      const prev = String.fromCharCode(96 + i)
      const next = String.fromCharCode(97 + i)
      lines.push(`${next}: &${next} [${Array(10).fill(`*${prev}`).join(', ')}]`)
    }
    const { connectors, problems } = parseSpecFile(yaml(...lines), FILE)
    expect(connectors).toEqual([])
    expect(problems).toEqual([
      {
        path: 'spec',
        message: expect.stringMatching(/^cannot be read: .*alias/i),
        location: { file: FILE, line: 1, column: 1 }
      }
    ])
  })
})

describe('locations of validation problems', () => {
  const LIST = yaml(
    'defaults:', // 1
    '  tenantName: contoso', // 2
    '  orgRunFrequency: 1d', // 3
    '  connectorRunFrequency: 1d', // 4
    `  applicationId: ${APP}`, // 5
    'connectors:', // 6
    '  - name: first', // 7
    `    tenantId: ${TENANT}`, // 8
    '    connectorPrefixName: first', // 9
    '    connectorAppInfos:', // 10
    '      - AI', // 11
    '      - XX', // 12
    '      - AI', // 13
    '  - name: second', // 14
    '    tenantId: not-a-guid', // 15
    '    connectorPrefixName: this-prefix-is-longer-than-thirty', // 16
    '    connectorAppInfos: [CI]', // 17
    '    orgRunFrequency: 9d', // 18
    '    includedMem: [mg]', // 19
    '    excludedMem:', // 20
    '      - other', // 21
    '      - mg', // 22
    '    defaultTagIds: [1, two]', // 23
    '    tenantname: typo' // 24
  )

  it('gives each problem its path and file:line:column', () => {
    expect(formatted(LIST)).toEqual([
      `${FILE}:12:9: connectors[0].connectorAppInfos[1]: unknown app 'XX'; expected one of AI, CI, CSA`,
      `${FILE}:13:9: connectors[0].connectorAppInfos[2]: app AI is listed twice`,
      `${FILE}:15:15: connectors[1].tenantId: 'not-a-guid' is not a GUID (expected xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx)`,
      `${FILE}:16:26: connectors[1].connectorPrefixName: is 33 characters long; at most 30 are allowed`,
      `${FILE}:18:22: connectors[1].orgRunFrequency: 9 days is over the 7-day maximum (10080 minutes) that Qualys accepts`,
      `${FILE}:23:24: connectors[1].defaultTagIds[1]: a tag id must be a positive whole number, got 'two'`,
      `${FILE}:24:5: connectors[1].tenantname: unknown key 'tenantname'; did you mean 'tenantName'?`,
      `${FILE}:22:9: connectors[1].excludedMem: management group 'mg' both included and excluded; keep each in one list`
    ])
  })

  it('points a missing field at the connector that lacks it', () => {
    const text = yaml(
      'connectors:', // 1
      '  - name: ok-one', // 2
      '  - name: lacking', // 3
      '    tenantName: t' // 4
    )
    const missing = problemsOf(text).filter(p => p.path === 'connectors[1].tenantId')
    expect(missing).toHaveLength(1)
    expect(missing[0].location).toEqual({ file: FILE, line: 3, column: 5 })
  })

  it('points a problem in defaults: at the default, with the defaults path', () => {
    const text = yaml('defaults:', '  tenantId: nope', 'connectors:', '  - name: a')
    expect(problemsOf(text).find(p => p.path === 'defaults.tenantId')?.location).toEqual({
      file: FILE,
      line: 2,
      column: 13
    })
  })

  it('points an unknown key at the key even when its value starts on a later line', () => {
    const text = yaml(
      'name: a', // 1
      'includedMgmt:', // 2
      '  - one', // 3
      '  - two' // 4
    )
    const problem = problemsOf(text).find(p => p.path === 'includedMgmt')
    expect(problem?.location).toEqual({ file: FILE, line: 2, column: 1 })
  })

  it('an error on line 7 says :7:', () => {
    const text = yaml(
      'name: a', // 1
      `tenantId: ${TENANT}`, // 2
      'tenantName: b', // 3
      `applicationId: ${APP}`, // 4
      'connectorAppInfos: [AI]', // 5
      'orgRunFrequency: 1d', // 6
      'connectorRunFrequency: soon', // 7
      'connectorPrefixName: c' // 8
    )
    expect(formatted(text)).toEqual([
      `${FILE}:7:24: connectorRunFrequency: 'soon' is not a duration; use minutes (1440) or a duration such as 90m, 24h, 1d, 2d12h`
    ])
  })

  it('counts lines correctly with CRLF line endings', () => {
    const text = ['name: a', `tenantId: ${TENANT}`, 'tenantName: b', 'applicationId: nope'].join('\r\n')
    expect(problemsOf(text).find(p => p.path === 'applicationId')?.location).toEqual({
      file: FILE,
      line: 4,
      column: 16
    })
  })

  it('points at a list item of a flow sequence', () => {
    const text = yaml('name: a', 'defaultTagIds: [1, 2, x]')
    expect(problemsOf(text).find(p => p.path === 'defaultTagIds[2]')?.location).toEqual({
      file: FILE,
      line: 2,
      column: 23
    })
  })

  it('points a bad app mapping field at the app', () => {
    const text = yaml(
      'name: a', // 1
      'connectorAppInfos:', // 2
      '  - name: AI', // 3
      '  - name: CI', // 4
      '    identifier: nope' // 5
    )
    expect(problemsOf(text).find(p => p.path === 'connectorAppInfos[1].identifier')?.location).toEqual({
      file: FILE,
      line: 4,
      column: 5
    })
  })
})
