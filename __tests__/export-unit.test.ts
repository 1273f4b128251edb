import { describe, expect, it } from '@jest/globals'
import { existsSync, mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { exportSpec } from '../src/export/spec-export.js'
import { serverConnector } from '../test-support/fake-api.js'
import { exportPath } from '../src/connector-spec/load.js'
import { parseSpecFile } from '../src/connector-spec/yaml-file.js'
import { validateConnector } from '../src/connector-spec/validate.js'
import { ALWAYS_ON_APPS } from '../src/qualys/assumptions.js'

const TENANT = '0f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f9'
const APP = '11111111-2222-4333-8444-555555555555'

function connector(id: number, name: string, raw: Record<string, unknown> = {}) {
  return serverConnector({
    id,
    name,
    description: null,
    tenantId: TENANT,
    tenantName: 'Contoso',
    applicationId: APP,
    connectorPrefixName: `p${id}`,
    connectorAppInfos: [{ name: 'AI', identifier: TENANT, tagId: null }],
    orgRunFrequency: { hours: 24, minutes: 0 },
    connectorRunFrequency: { hours: 36, minutes: 0 },
    disabled: false,
    ...raw
  })
}

describe('exportSpec', () => {
  it('starts with a schema reference that resolves once the file beside it is copied, and says so', () => {
    const [schemaLine, note] = exportSpec([connector(1, 'only')]).text.split('\n')
    const reference = /^# yaml-language-server: \$schema=(.+)$/.exec(schemaLine)?.[1]
    // A path relative to the spec file, not a URL of a repository that has no published address yet.
    expect(reference).toBe('./connector-spec.schema.json')
    expect(existsSync(resolve(import.meta.dirname, '..', reference!))).toBe(true)
    expect(note).toMatch(/^# .*copy connector-spec\.schema\.json .*next to this file/)
  })

  it('a file the validator takes back as the same values, with unique placeholders and no defaults for one connector', () => {
    const { text, variables } = exportSpec([
      connector(7, 'Prod (EU)'),
      connector(8, 'prod-eu', { disabled: true, description: 'two\nlines' }),
      connector(9, '東京')
    ])
    expect(variables.map(v => v.variable)).toEqual([
      'PROD_EU_AZURE_SECRET',
      'PROD_EU_2_AZURE_SECRET',
      'CONNECTOR_9_AZURE_SECRET'
    ])
    const parsed = parseSpecFile(text, 'x.yaml')
    expect(parsed.problems).toEqual([])
    const env = Object.fromEntries(variables.map(v => [v.variable, 's']))
    const specs = parsed.connectors.map(raw =>
      validateConnector(raw, { env, requireSecret: true, alwaysOnApps: ALWAYS_ON_APPS })
    )
    expect(specs.flatMap(s => s.problems)).toEqual([])
    expect(
      specs.map(s => [s.spec?.id, s.spec?.name, s.spec?.enabled, s.spec?.connectorRunFrequency, s.spec?.description])
    ).toEqual([
      [7, 'Prod (EU)', undefined, 2160, undefined],
      [8, 'prod-eu', false, 2160, 'two\nlines'],
      [9, '東京', undefined, 2160, undefined]
    ])
    expect(text).toContain('connectorRunFrequency: 36h')
    expect(exportSpec([connector(1, 'only')]).text).not.toContain('defaults:')
  })

  it("leaves the secret's fingerprint line out of a description (a run recomputes it); the marker stays", () => {
    const fingerprint = 'secret-fingerprint: v1:0123456789abcdef'
    const { text } = exportSpec([
      connector(1, 'marked', { description: `Production\n${fingerprint}\nmanaged-by: acme/config` }),
      connector(2, 'inline', { description: `Staging\n${fingerprint}` }),
      connector(3, 'only', { description: fingerprint })
    ])
    expect(text).not.toContain('secret-fingerprint')
    const descriptions = parseSpecFile(text, 'x.yaml').connectors.map(
      raw => raw.entries.find(entry => entry.key === 'description')?.value
    )
    expect(descriptions).toEqual(['Production\nmanaged-by: acme/config', 'Staging', undefined])
  })

  it('a name with a line break cannot end the comment it is listed in', () => {
    const { text } = exportSpec([connector(1, 'evil\nconnectors: []')])
    expect(text.split('\n').filter(line => line.startsWith('connectors:'))).toEqual(['connectors:'])
  })
})

describe('exportPath', () => {
  const workspace = mkdtempSync(join(tmpdir(), 'export-ws-'))
  const outside = mkdtempSync(join(tmpdir(), 'export-out-'))
  mkdirSync(join(workspace, 'qualys'))
  symlinkSync(outside, join(workspace, 'away'))
  writeFileSync(join(outside, 'target.yaml'), '')
  symlinkSync(join(outside, 'target.yaml'), join(workspace, 'link.yaml'))
  // Points at a file that does not exist yet: the write would create it outside the workspace.
  symlinkSync(join(outside, 'not-yet.yaml'), join(workspace, 'dangling.yaml'))
  writeFileSync(join(workspace, 'inside.yaml'), '')
  symlinkSync(join(workspace, 'inside.yaml'), join(workspace, 'inner-link.yaml'))

  it('takes a file in the workspace or one of its folders', () => {
    expect(exportPath('estate.yaml', workspace)).toEqual({ path: join(workspace, 'estate.yaml'), file: 'estate.yaml' })
    expect(exportPath('qualys/estate.yaml', workspace)).toMatchObject({ file: 'qualys/estate.yaml' })
  })

  it.each([
    ['../estate.yaml', /is outside the workspace/],
    ['away/estate.yaml', /in a folder that links outside the workspace/],
    ['link.yaml', /is a symbolic link/],
    ['dangling.yaml', /is a symbolic link/],
    ['inner-link.yaml', /is a symbolic link/],
    ['missing/estate.yaml', /folder .* does not exist/],
    ['qualys', /is not a file/]
  ])('refuses %s', (file, message) => {
    const result = exportPath(file, workspace)
    expect('problem' in result && result.problem.path).toBe("input 'export-file'")
    expect('problem' in result && result.problem.message).toMatch(message)
  })
})
