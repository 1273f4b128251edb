import { describe, expect, it } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { parse } from 'yaml'
import { Ajv } from 'ajv'
import { docPages, INPUT_GROUPS, renderCodeowners, renderPage, renderReadme, ungrouped } from '../scripts/docs.js'
import { specJsonSchema } from '../src/connector-spec/schema.js'
import { validateConnector } from '../src/connector-spec/validate.js'
import { parseSpecFile } from '../src/connector-spec/yaml-file.js'
import { CONNECTOR_INPUTS } from '../src/connector-spec/model.js'
import { VERSION } from '../src/version.js'
import { ALWAYS_ON_APPS } from '../src/qualys/assumptions.js'
import { REPOSITORY } from '../src/repository.js'

const root = resolve(import.meta.dirname, '..')
const read = (path: string): string => readFileSync(resolve(root, path), 'utf8')
const action = parse(read('action.yml')) as {
  inputs: Record<string, { description?: string }>
  outputs: Record<string, { description?: string }>
  runs: { using: string; main: string }
}

describe('documentation stays in step with the code', () => {
  it('README input and output tables equal action.yml (run `npm run docs`)', () => {
    const readme = read('README.md')
    expect(readme).toBe(renderReadme(readme, read('action.yml')))
    expect(readme).toContain('| `spec-file` |')
    expect(readme).toContain('| `connector-uuid` |')
  })

  it('docs/ pages are in step too: their uses: references and any generated table (run `npm run docs`)', () => {
    const pages = docPages()
    expect(pages).toContain('docs/gitops.md')
    for (const page of pages) expect([page, read(page)]).toEqual([page, renderPage(read(page), read('action.yml'))])
    expect(read('docs/gitops.md')).toContain(`uses: ${REPOSITORY}@v1`)
    // A page that copies a table gets it regenerated, like the README's.
    const stale = 'Inputs:\n<!-- outputs:start -->\n| stale |\n<!-- outputs:end -->\n'
    expect(renderPage(stale, read('action.yml'))).toContain('| `reviewed-plan` |')
    expect(renderPage(stale, read('action.yml'))).not.toContain('| stale |')
  })

  it('every input of action.yml is in exactly one group of the README tables', () => {
    expect(ungrouped(read('action.yml'))).toEqual({ missing: [], unknown: [] })
    const grouped = INPUT_GROUPS.flatMap(group => group.inputs)
    expect(new Set(grouped).size).toBe(grouped.length)
    const withNew = read('action.yml').replace(/^inputs:\n/m, 'inputs:\n  brand-new:\n    description: a new input\n')
    expect(ungrouped(withNew)).toEqual({ missing: ['brand-new'], unknown: [] })
    expect(() => renderReadme(read('README.md'), withNew)).toThrow('put brand-new in a group of INPUT_GROUPS')
    for (const group of INPUT_GROUPS) expect(read('README.md')).toContain(`### ${group.title}\n`)
  })

  it('the README is a front page: at most 30,000 characters', () => {
    expect(read('README.md').length).toBeLessThanOrEqual(30000)
  })

  it('README and CODEOWNERS name the repository of src/repository.ts (run `npm run docs`)', () => {
    const readme = read('README.md')
    const codeowners = read('CODEOWNERS')
    expect(codeowners).toBe(renderCodeowners(codeowners))
    expect(readme).toContain(`uses: ${REPOSITORY}@v1`)
    expect(readme).toContain(`| \`${REPOSITORY}@v1.2.3\` |`)
    expect(codeowners).toContain(`* @${REPOSITORY.split('/')[0]}/`)
    // A new name reaches every reference to the action, and nothing else.
    const renamed = renderReadme(readme, read('action.yml'), 'acme/qualys-connectors')
    expect(renamed).not.toContain(REPOSITORY)
    expect(renamed.split('uses: acme/qualys-connectors@v1').length).toBe(readme.split(`uses: ${REPOSITORY}@v1`).length)
    expect(renamed).toContain('uses: actions/checkout@v7')
    expect(renamed).toContain('| `acme/qualys-connectors@<full commit SHA> # v1.2.3` |')
    const moved = renderCodeowners(codeowners, 'acme/qualys-connectors')
    expect(moved).not.toContain(`@${REPOSITORY.split('/')[0]}/`)
    expect(moved).toContain('/dist/ @acme/qualys-action-maintainers')
  })

  it('every input and output has a description, and the action runs on node24 from dist/', () => {
    for (const [name, input] of [...Object.entries(action.inputs), ...Object.entries(action.outputs)]) {
      expect([name, (input.description ?? '').length > 10]).toEqual([name, true])
    }
    expect(action.runs).toEqual({ using: 'node24', main: 'dist/index.js' })
  })

  // The secret inputs are held to action.yml, both ways, by secret-inputs.test.ts.
  it('action.yml declares every connector input the code reads', () => {
    for (const { input } of CONNECTOR_INPUTS) expect(Object.keys(action.inputs)).toContain(input)
  })

  it('the user agent version is the package version', () => {
    expect(VERSION).toBe(JSON.parse(read('package.json')).version)
  })
})

describe('the editor schema', () => {
  it('is the checked-in connector-spec.schema.json (run `npm run schema`)', () => {
    expect(JSON.parse(read('connector-spec.schema.json'))).toEqual(specJsonSchema())
  })

  it('accepts the examples and rejects an unknown key, a bad GUID or a literal secret', () => {
    const validate = new Ajv({ allErrors: true, strict: false }).compile(specJsonSchema())
    const example = parse(read('examples/connectors.yaml'))
    expect([validate(example), validate.errors]).toEqual([true, null])
    const readmeSpec = /```yaml\n(# qualys\/connectors.yaml\n# yaml-language-server[\s\S]*?)```/.exec(
      read('README.md')
    )![1]
    expect(validate(parse(readmeSpec))).toBe(true)
    expect(validate({ connectors: [{ name: 'x', tenantNmae: 'typo' }] })).toBe(false)
    expect(validate({ connectors: [{ name: 'x', tenantId: 'not-a-guid' }] })).toBe(false)
    expect(validate({ connectors: [{ name: 'x', secretValue: 'literal' }] })).toBe(false)
  })

  it('accepts the forms the validator accepts, so an editor never flags a spec the action takes', () => {
    const validate = new Ajv({ allErrors: true, strict: false }).compile(specJsonSchema())
    const lenientText = [
      'connectors:',
      '  - name: Lenient',
      '    tenantId: 6F1E4C2A-9B7D-4E8F-A1C3-2D5B7E9F0A14',
      '    tenantName: 12345',
      '    applicationId: 0B3D5F7A-1C2E-4A6B-8D9F-3E5A7C9B1D20',
      '    secretValue: ${AZURE_SECRET}',
      '    connectorPrefixName: lenient',
      '    connectorAppInfos: [ai, "CI:12", {name: csa, tagId: "7", tagMetadata: null}]',
      '    orgRunFrequency: 2D12H',
      '    connectorRunFrequency: "1440"',
      '    autoActivateVM: "TRUE"',
      '    autoActivatePC: " false "',
      '    defaultTagIds: [1, "2", " 3 "]',
      '    id: "42"'
    ].join('\n')
    expect([validate(parse(lenientText)), validate.errors]).toEqual([true, null])
    const env = { AZURE_SECRET: 's3cret' }
    const [raw] = parseSpecFile(lenientText, 'lenient.yaml').connectors
    expect(validateConnector(raw, { env, requireSecret: true, alwaysOnApps: ALWAYS_ON_APPS }).problems).toEqual([])
    expect(validate({ connectors: [{ name: 'x', autoActivateVM: 'yes' }] })).toBe(false)
    expect(validate({ connectors: [{ name: 'x', connectorAppInfos: ['XX'] }] })).toBe(false)
    expect(validate({ connectors: [{ name: 'x', orgRunFrequency: 'soon' }] })).toBe(false)
    // ${ENV_NAME} is read in secretValue only: the schema flags it elsewhere, as the validator does.
    expect(validate({ connectors: [{ name: 'x', tenantId: '${TENANT_ID}' }] })).toBe(false)
  })
})
