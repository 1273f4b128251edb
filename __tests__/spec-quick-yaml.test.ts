import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { describe, expect, it } from '@jest/globals'
import { parseDocument } from 'yaml'
import { readSpecText } from '../src/connector-spec/load.js'
import { quickParse } from '../src/connector-spec/quick-yaml.js'
import type { ValidationContext } from '../src/connector-spec/raw.js'
import { ALWAYS_ON_APPS } from '../src/qualys/assumptions.js'

const FILE = 'qualys/connectors.yaml'
const TENANT = '0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0'
const APP = '11111111-2222-3333-4444-555555555555'
const CTX: ValidationContext = { env: { AZURE_SECRET: 'from-env' }, requireSecret: true, alwaysOnApps: ALWAYS_ON_APPS }

function yaml(...lines: string[]): string {
  return lines.join('\n') + '\n'
}

/** What yaml-file.ts's parser gives: the value, or undefined when it reports an error. */
function full(text: string): unknown {
  const doc = parseDocument(text, { prettyErrors: false, uniqueKeys: true, merge: true, strict: true })
  if (doc.errors.length > 0) return undefined
  try {
    return doc.toJS({ maxAliasCount: 100 })
  } catch {
    return undefined
  }
}

function connector(index: number, indent = '  '): string[] {
  return [
    `${indent}- name: Tenant ${index}`,
    `${indent}  description: Managed tenant ${index} # a comment`,
    `${indent}  tenantId: ${TENANT.slice(0, -1)}${index % 10}`,
    `${indent}  tenantName: 'tenant-${index}.onmicrosoft.com'`,
    `${indent}  applicationId: "${APP}"`,
    `${indent}  secretValue: \${AZURE_SECRET}`,
    `${indent}  connectorAppInfos: [AI, CI, CSA]`,
    `${indent}  orgRunFrequency: 1d`,
    `${indent}  connectorRunFrequency: 2880`,
    `${indent}  connectorPrefixName: t${index}`,
    `${indent}  includedMem:`,
    `${indent}    - Production`,
    `${indent}    - Sales Team`,
    `${indent}  excludedMem: []`,
    `${indent}  isCreateConnectorForNewSubscriptionsAutomatically: true`,
    `${indent}  isRemediationEnabled: False`,
    `${indent}  autoActivateVM: TRUE`,
    `${indent}  defaultTagIds: [12345, 67890]`,
    `${indent}  enabled: ~`
  ]
}

/** Specs the quick reader reads, each as yaml-file.ts would. */
const READABLE: Record<string, string> = {
  'every field, two connectors': yaml('connectors:', ...connector(1), '', '# between', ...connector(2)),
  'a list at the indentation of its key': yaml('connectors:', ...connector(1, '')),
  'defaults and apps as a block list of names and mappings': yaml(
    'defaults:',
    '  tenantName: contoso.onmicrosoft.com',
    '  connectorAppInfos:',
    '  - AI',
    '  - name: CI',
    '    tagId: 67890',
    '  -   name: CSA',
    '      identifier: abc',
    'connectors:',
    `  - name: "A"`,
    `    tenantId: ${TENANT}`,
    `  -  name: B   `,
    `     tenantId: ${TENANT}`
  ),
  'a single connector': yaml(
    '# yaml-language-server: $schema=../connector-spec.schema.json',
    'name: Contoso',
    `tenantId: ${TENANT}`,
    'tenantName: contoso.onmicrosoft.com',
    `applicationId: ${APP}`,
    'connectorAppInfos: [ AI,CI ]',
    'orgRunFrequency: 24h',
    'connectorRunFrequency: +1440',
    'connectorPrefixName: contoso',
    "description: 'It''s a ''quoted'' value: with # inside' # and a comment",
    'id: 0042'
  ),
  'scalars of every resolved kind': yaml(
    'a: null',
    'b: Null',
    'c: NULL',
    'd: ~',
    'e:',
    'f: true',
    'g: True',
    'h: false',
    'i: -17',
    'j: 99999999999999999999',
    "k: 'true'",
    'l: "12"',
    'm: yes',
    'n: -foo',
    'o: http://example.com:8080/x',
    'p: a#b',
    'q: x{y}]',
    "r: O'Brien",
    's: été ünïcode',
    't: trailing   ',
    'u: "  spaced  "',
    "v: ''",
    'w: 1d12h',
    'x: 6f1e4c2a-9b7d-4e8f-a1c3-000000000001',
    'y: [1, -2, a b, true, null]',
    'z: x # comment: with colon'
  ),
  'the example in examples/': readFileSync(resolve(import.meta.dirname, '..', 'examples', 'connectors.yaml'), 'utf8'),
  'no final newline': 'name: A\ntenantId: b'
}

/** Specs the quick reader leaves to yaml-file.ts (it cannot be certain, or they are not valid YAML). */
const UNSURE: Record<string, string> = {
  'a duplicate key': yaml('name: A', 'name: B'),
  'an anchor and an alias': yaml('defaults: &d', '  tenantName: x', 'connectors:', '  - name: A', '    <<: *d'),
  'an alias value': yaml('a: &x 1', 'b: *x'),
  'a merge key': yaml('<<: {a: 1}'),
  'a tag': yaml('a: !!str 1'),
  'a block scalar': yaml('description: |', '  text'),
  'a folded scalar': yaml('description: >', '  text'),
  'a multi-line plain value': yaml('description: one', '  two'),
  'a flow mapping': yaml('orgRunFrequency: {hours: 24, minutes: 0}'),
  'a nested flow list': yaml('a: [[1], 2]'),
  'a trailing comma in a flow list': yaml('a: [1, 2,]'),
  'a quoted key': yaml('"name": A'),
  'a question-mark key': yaml('? name', ': A'),
  'a double-quoted escape': yaml('a: "x\\ty"'),
  'a float': yaml('a: 1.5'),
  'an exponent': yaml('a: 1e3'),
  'an octal number': yaml('a: 0o17'),
  'a hexadecimal number': yaml('a: 0x1F'),
  infinity: yaml('a: .inf'),
  'two documents': yaml('name: A', '---', 'name: B'),
  'a document start': yaml('---', 'name: A'),
  'a directive': yaml('%YAML 1.1', '---', 'a: yes'),
  'a tab': 'name:\tA\n',
  'a carriage return': 'name: A\r\ntenantId: b\r\n',
  'a byte-order mark': '\ufeffname: A\n',
  'a control character': 'name: A\u0007\n',
  'a boolean key': yaml('true: 1'),
  'a null key': yaml('null: 1'),
  'a __proto__ key': yaml('__proto__: 1'),
  'a numeric key': yaml('1: a'),
  'a value with ": "': yaml('description: a: b'),
  'a value ending in ":"': yaml('description: a:'),
  'a key without a space': yaml('name:A'),
  'a top-level list': yaml('- name: A'),
  'an indented top level': yaml('  name: A'),
  'a mis-indented key': yaml('connectors:', '  - name: A', '   tenantId: b'),
  'a key below a list item at the list column': yaml('a:', '  - x', '  b: 1'),
  'a line more indented after a value': yaml('a: x', '  b: 1'),
  'an unclosed quote': yaml("a: 'x"),
  'text after a quote': yaml("a: 'x' y"),
  'an unclosed flow list': yaml('a: [1, 2'),
  'a reserved indicator': yaml('a: @x'),
  'an empty list item': yaml('a:', '  -', '  - x'),
  'a nested list item': yaml('a:', '  - - x'),
  'only comments': yaml('# nothing'),
  empty: '',
  'nesting deeper than a spec': yaml(
    ...Array.from({ length: 12 }, (_, i) => `${'  '.repeat(i)}k${i}:`),
    `${'  '.repeat(12)}v: 1`
  )
}

describe('the quick YAML reader', () => {
  it.each(Object.entries(READABLE))('reads %s exactly as the yaml package does', (_, text) => {
    const quick = quickParse(text)
    expect(quick).not.toBeUndefined()
    expect(quick).toStrictEqual(full(text))
  })

  it.each(Object.entries(UNSURE))('leaves %s to the full parser', (_, text) => {
    expect(quickParse(text)).toBeUndefined()
  })

  it('never reads a text differently from the yaml package, whatever one edit does to a spec', () => {
    // Every line of a spec, broken in each of these ways: the quick reader either gives up or agrees.
    const base = READABLE['every field, two connectors'].split('\n')
    const single = READABLE['a single connector'].split('\n')
    const edits: ((line: string) => string)[] = [
      line => line.slice(1),
      line => ` ${line}`,
      line => `${line}: x`,
      line => `${line} #`,
      line => `${line}:`,
      line => line.replace(': ', ':'),
      line => line.replace(': ', ': - '),
      line => line.replace(': ', ": '"),
      line => line.replace(': ', ': "'),
      line => line.replace(': ', ': ['),
      line => line.replace(': ', ': &a '),
      line => line.replace(': ', ': *a'),
      line => line.replace(': ', ': !'),
      line => line.replace(']', ''),
      line => line.replace('- ', '-'),
      line => line.replace('- ', '- - '),
      line => line.replace(/\S+$/, '1.0'),
      line => line.replace(/\S+$/, '0x10'),
      line => line.replace(/\S+$/, 'NULL'),
      line => line.replace(/\S+$/, '"a\\"b"'),
      line => `${line}\n${line}`,
      () => ''
    ]
    let agreed = 0
    for (const lines of [base, single]) {
      for (let index = 0; index < lines.length; index++) {
        for (const edit of edits) {
          const text = [...lines.slice(0, index), edit(lines[index]), ...lines.slice(index + 1)].join('\n')
          const quick = quickParse(text)
          if (quick === undefined) continue
          expect({ text, value: quick }).toStrictEqual({ text, value: full(text) })
          agreed++
        }
      }
    }
    // The edits are not all refused: many of them still make a spec the quick reader reads.
    expect(agreed).toBeGreaterThan(100)
  })
})

describe('reading a spec quickly, then with positions when there is something to report', () => {
  const specs: Record<string, string> = {
    ...READABLE,
    ...UNSURE,
    'an unknown key': yaml('connectors:', ...connector(1), '    tenantNmae: x'),
    'a bad GUID': yaml('connectors:', ...connector(1).map(line => line.replace(TENANT.slice(0, -1), 'zz'))),
    'two connectors with one name': yaml('connectors:', ...connector(1), ...connector(1)),
    'a frequency rounded up (a notice)': yaml('connectors:', ...connector(1).map(l => l.replace('1d', '90m'))),
    'a missing secret variable': yaml('connectors:', ...connector(1).map(l => l.replace('AZURE_SECRET', 'NONE')))
  }

  it.each(Object.entries(specs))('%s: the same spec and problems, at the same lines, both ways', (_, text) => {
    expect(readSpecText(text, FILE, CTX)).toStrictEqual(readSpecText(text, FILE, CTX, [], false))
  })

  it('still places a problem at its line when the quick reader read the file', () => {
    const text = yaml('connectors:', ...connector(1), ...connector(2).map(l => l.replace('CSA]', 'CSB]')))
    expect(quickParse(text)).not.toBeUndefined()
    const { problems, connectors } = readSpecText(text, FILE, CTX)
    expect(connectors).toEqual([])
    expect(problems).toHaveLength(1)
    // connector(2)'s connectorAppInfos line (1 for connectors:, 19 of connector(1), its 7th line), at CSB.
    expect(problems[0].location).toEqual({ file: FILE, line: 27, column: 33 })
    expect(problems[0].path).toBe('connectors[1].connectorAppInfos[2]')
  })

  it('reads a valid spec quickly to the same connectors', () => {
    const text = READABLE['every field, two connectors']
    const loaded = readSpecText(text, FILE, CTX)
    expect(loaded.problems).toEqual([])
    expect(loaded.connectors).toHaveLength(2)
    expect(loaded).toStrictEqual(readSpecText(text, FILE, CTX, [], false))
  })
})
