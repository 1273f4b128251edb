/**
 * The whole lifecycle as code, end to end on the BUNDLED action (test-support/build-dist.js says
 * which) against the stand-in gateway: enable and disable through the status endpoint (POST and
 * PUT gateways), prune: disable with the managed-by marker and its guards, and mode: export
 * round-tripping through plan and apply.
 */
import { afterEach, describe, expect, test } from '@jest/globals'
import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  annotations,
  AZURE_SECRET,
  expectNoLeak,
  fingerprintLineOf,
  inlineInputs,
  passwordInputs,
  spec,
  specConnector,
  TENANT,
  TENANT_2,
  USER
} from '../test-support/e2e.js'
import { renderGfm } from '../test-support/gfm.js'
import { FakeQualysGateway, type GatewayOptions, type RecordedRequest } from '../test-support/gateway.js'
import { runAction, type ActionRun } from '../test-support/run-action.js'

const SECRETS = [AZURE_SECRET, USER.password]
const STATUS_PATH = '/connectors/v1.0/org/azure/status/'
const CREATE_PATH = '/connectors/v1.0/org/azure/'
const UPDATE_PATH = /^\/connectors\/v1\.0\/org\/azure\/(\d+)$/
const REPOSITORY = 'acme/qualys-config'
const MARKER = `managed-by: ${REPOSITORY}:connectors.yaml`

let gateway: FakeQualysGateway

async function start(options: GatewayOptions = {}): Promise<void> {
  gateway = new FakeQualysGateway({ users: [USER], ...options })
  await gateway.start()
}

afterEach(async () => {
  await gateway?.stop()
})

function run(
  specText: string,
  inputs: Record<string, string> = {},
  env: Record<string, string> = {}
): Promise<ActionRun> {
  return runAction({
    inputs: { ...passwordInputs(gateway.url), 'spec-file': 'connectors.yaml', ...inputs },
    env: { AZURE_SECRET, GITHUB_REPOSITORY: REPOSITORY, ...env },
    files: { 'connectors.yaml': specText }
  })
}

function log(result: ActionRun): string {
  return `${result.stdout}\n${result.stderr}`
}

function expectExit(result: ActionRun, code: number): void {
  if (result.code !== code) throw new Error(`expected exit code ${code}, got ${result.code}\n${log(result)}`)
}

function plan(
  result: ActionRun
): { name: string; action: string; changes: { field: string; from: string; to: string }[] }[] {
  return JSON.parse(result.outputs.plan)
}

function rows(result: ActionRun): { name: string; id: number | null; state: string | null; result: string }[] {
  return JSON.parse(result.outputs.connectors)
}

/** The requests made since `from`, by kind. */
function since(from: number): { all: RecordedRequest[]; status: RecordedRequest[]; writes: RecordedRequest[] } {
  const all = gateway.requests.slice(from)
  const status = all.filter(r => r.path === STATUS_PATH)
  const writes = all.filter(r => r.method === 'POST' && (r.path === CREATE_PATH || UPDATE_PATH.test(r.path)))
  return { all, status, writes }
}

function byRowName(a: { name: string }, b: { name: string }): number {
  return a.name.localeCompare(b.name)
}

function byName(name: string): ReturnType<FakeQualysGateway['connectors']>[number] {
  const found = gateway.connectors().find(c => c.name === name)
  if (!found) throw new Error(`no connector named ${name}`)
  return found
}

describe('enabled: through the status endpoint', () => {
  test.each(['POST', 'PUT'] as const)(
    'a %s gateway: plan shows enabled true → false, apply disables with one call and no update, then enables again',
    async method => {
      await start({ statusMethod: method })
      const both = (extra: string): string =>
        spec(specConnector('Contoso', TENANT, extra), specConnector('Fabrikam', TENANT_2, extra))
      expectExit(await run(both('')), 0)
      const ids = ['Contoso', 'Fabrikam'].map(name => byName(name).id).sort((a, b) => a - b)

      const planned = await run(both('enabled: false'), { mode: 'plan' })
      expectExit(planned, 0)
      expect(plan(planned)).toEqual(
        ['Contoso', 'Fabrikam'].map(name => ({
          name,
          action: 'update',
          changes: [{ field: 'enabled', from: 'true', to: 'false' }]
        }))
      )
      expect(planned.stdout).toContain('~ enabled: true → false')
      expect(gateway.connectors().every(c => !c.disabled)).toBe(true)

      let from = gateway.requests.length
      const disabled = await run(both('enabled: false'))
      expectExit(disabled, 0)
      let calls = since(from)
      expect(calls.writes).toHaveLength(0)
      // One call for both connectors; a PUT gateway first refuses the POST with 405.
      const answered = calls.status.filter(r => r.status === 200)
      expect(answered).toHaveLength(1)
      expect(answered[0]).toMatchObject({ method, query: { action: 'DISABLE' } })
      expect(JSON.parse(answered[0].body)).toEqual(ids)
      expect(calls.status.map(r => `${r.method} ${r.status}`)).toEqual(
        method === 'POST' ? ['POST 200'] : ['POST 405', 'PUT 200']
      )
      expect(gateway.connectors().every(c => c.disabled)).toBe(true)
      expect(rows(disabled).map(r => [r.result, r.state])).toEqual([
        ['updated', 'DISABLED'],
        ['updated', 'DISABLED']
      ])
      expect(JSON.parse(disabled.outputs.changed)).toBe(true)
      expectNoLeak(disabled, SECRETS)

      // Now in step: nothing to do.
      from = gateway.requests.length
      const again = await run(both('enabled: false'))
      expectExit(again, 0)
      expect(rows(again).map(r => r.result)).toEqual(['unchanged', 'unchanged'])
      expect(since(from).status).toHaveLength(0)

      from = gateway.requests.length
      const enabled = await run(both('enabled: true'))
      expectExit(enabled, 0)
      calls = since(from)
      expect(calls.writes).toHaveLength(0)
      expect(calls.status.filter(r => r.status === 200).map(r => r.query.action)).toEqual(['ENABLE'])
      expect(gateway.connectors().every(c => !c.disabled)).toBe(true)
    }
  )

  test('a change of enabled beside other changes: the update, then the status call', async () => {
    await start()
    expectExit(await run(spec(specConnector('Contoso'))), 0)
    const from = gateway.requests.length
    const result = await run(spec(specConnector('Contoso', TENANT, 'description: Retired tenant\nenabled: false')))
    expectExit(result, 0)
    const calls = since(from)
    expect(calls.writes).toHaveLength(1)
    expect(JSON.parse(calls.writes[0].body)).not.toHaveProperty('enabled')
    expect(calls.status).toHaveLength(1)
    expect(calls.all.indexOf(calls.status[0])).toBeGreaterThan(calls.all.indexOf(calls.writes[0]))
    expect(byName('Contoso')).toMatchObject({
      description: `Retired tenant\n${await fingerprintLineOf()}\n${MARKER}`,
      disabled: true
    })
    expect(result.outputs.state).toBe('DISABLED')
  })

  test('secrets only where sent: a disable needs no Azure secret, a create without it fails alone, naming the variable', async () => {
    await start()
    expectExit(await run(spec(specConnector('Contoso'))), 0)
    const next = spec(specConnector('Contoso', TENANT, 'enabled: false'), specConnector('Fabrikam', TENANT_2))
    const planned = await run(next, { mode: 'plan' }, { AZURE_SECRET: '' })
    expectExit(planned, 0)
    // The disable sends no secret, so only the create's variable is listed.
    expect(planned.stdout).toContain("An apply needs these variables in the step's env: AZURE_SECRET (Fabrikam)")

    const from = gateway.requests.length
    const applied = await run(next, {}, { AZURE_SECRET: '' })
    expectExit(applied, 1)
    const calls = since(from)
    expect(calls.writes).toEqual([])
    expect(calls.status).toHaveLength(1)
    expect(byName('Contoso').disabled).toBe(true)
    expect(gateway.connectors().map(c => c.name)).toEqual(['Contoso'])
    expect(
      rows(applied)
        .map(r => [r.name, r.result])
        .sort()
    ).toEqual([
      ['Contoso', 'updated'],
      ['Fabrikam', 'failed']
    ])
    expect(annotations(applied).join('\n')).toMatch(
      /Fabrikam: environment variable AZURE_SECRET is not set or empty, and the create sends the connector's Azure client secret, so nothing was written to it; add AZURE_SECRET: \$\{\{ secrets\.AZURE_SECRET \}\} to the step's env:/
    )
  })

  test('a create with enabled: false creates, then disables', async () => {
    await start({ statusMethod: 'PUT' })
    const planned = await run(spec(specConnector('Contoso', TENANT, 'enabled: false')), { mode: 'plan' })
    expectExit(planned, 0)
    expect(plan(planned)[0].changes).toContainEqual({ field: 'enabled', from: '', to: 'false' })

    const from = gateway.requests.length
    const created = await run(spec(specConnector('Contoso', TENANT, 'enabled: false')))
    expectExit(created, 0)
    const calls = since(from)
    expect(calls.writes).toHaveLength(1)
    expect(JSON.parse(calls.writes[0].body)).not.toHaveProperty('enabled')
    expect(calls.status.filter(r => r.status === 200)).toHaveLength(1)
    expect(byName('Contoso').disabled).toBe(true)
    expect(created.outputs.result).toBe('created')
    expect(created.outputs.state).toBe('DISABLED')
  })

  test('the inline input enabled: false on an existing connector disables it, sending no update', async () => {
    await start()
    const inputs = { ...passwordInputs(gateway.url), ...inlineInputs() }
    expectExit(await runAction({ inputs }), 0)
    const from = gateway.requests.length
    const result = await runAction({ inputs: { ...inputs, enabled: 'false' } })
    expectExit(result, 0)
    expect(since(from).writes).toHaveLength(0)
    expect(since(from).status.map(r => r.query.action)).toEqual(['DISABLE'])
    expect(result.outputs).toMatchObject({ result: 'updated', state: 'DISABLED' })
    expect(byName('Contoso').disabled).toBe(true)
  })

  test('a refused status call fails those connectors, naming what to do, and says the other writes stand', async () => {
    await start()
    expectExit(await run(spec(specConnector('Contoso'))), 0)
    gateway.fault({
      path: STATUS_PATH,
      times: Infinity,
      fault: {
        kind: 'status',
        status: 403,
        body: JSON.stringify({ status: 403, message: 'Not allowed to change connector status' })
      }
    })
    const result = await run(spec(specConnector('Contoso', TENANT, 'description: new\nenabled: false')))
    expectExit(result, 1)
    expect(result.outputs.result).toBe('failed')
    expect(annotations(result).join('\n')).toMatch(/Contoso: could not disable it \(its other changes were written\)/)
    expect(byName('Contoso')).toMatchObject({
      description: `new\n${await fingerprintLineOf()}\n${MARKER}`,
      disabled: false
    })
  })
})

describe('prune: disable', () => {
  const three = spec(specConnector('Alpha', TENANT), specConnector('Beta', TENANT_2), specConnector('Gamma', TENANT))

  test('marks what it writes, disables only marked connectors that left the spec, never the unmarked ones', async () => {
    await start()
    gateway.seed({ name: 'Manual', description: 'made by hand' })
    const created = await run(three, { prune: 'disable' })
    expectExit(created, 0)
    // The secret's fingerprint (salted per tenant) just before the marker, which stays the last line.
    const [first, second] = [await fingerprintLineOf(), await fingerprintLineOf(AZURE_SECRET, TENANT_2)]
    expect(['Alpha', 'Beta', 'Gamma'].map(name => byName(name).description)).toEqual([
      `${first}\n${MARKER}`,
      `${second}\n${MARKER}`,
      `${first}\n${MARKER}`
    ])

    // The marker is part of the desired description: no perpetual diff.
    let from = gateway.requests.length
    const again = await run(three, { prune: 'disable' })
    expectExit(again, 0)
    // The hand-made connector is listed as left alone, never written.
    expect(rows(again).map(r => r.result)).toEqual(['unchanged', 'unchanged', 'unchanged', 'not-managed'])
    expect(since(from).writes).toHaveLength(0)
    expect(since(from).status).toHaveLength(0)

    const onlyAlpha = spec(specConnector('Alpha', TENANT))
    const planned = await run(onlyAlpha, { prune: 'disable', mode: 'plan' })
    expectExit(planned, 0)
    // Beta and Gamma were created concurrently: their ids (the listing's order) may come either way.
    expect([...plan(planned)].sort(byRowName)).toEqual([
      { name: 'Alpha', action: 'none', changes: [] },
      { name: 'Beta', action: 'disable', changes: [{ field: 'enabled', from: 'true', to: 'false' }] },
      { name: 'Gamma', action: 'disable', changes: [{ field: 'enabled', from: 'true', to: 'false' }] },
      { name: 'Manual', action: 'none', changes: [] }
    ])
    expect([...rows(planned)].sort(byRowName).map(r => r.result)).toEqual([
      'unchanged',
      'would-disable',
      'would-disable',
      'not-managed'
    ])
    expect(planned.lines).toContainEqual(expect.stringMatching(/^- Beta: will be disabled/))
    expect(planned.summary).toContain('2 to disable')
    expect(planned.summary).toMatch(/\| ⏹️ \| `Beta` \| would-disable \|/)
    // Prune does not take the single-connector outputs from the spec's one connector.
    expect(planned.outputs.result).toBe('unchanged')
    expect(gateway.connectors().every(c => !c.disabled)).toBe(true)

    from = gateway.requests.length
    const applied = await run(onlyAlpha, { prune: 'disable' })
    expectExit(applied, 0)
    const calls = since(from)
    expect(calls.writes).toHaveLength(0)
    expect(calls.status).toHaveLength(1)
    expect(calls.status[0].query.action).toBe('DISABLE')
    expect(JSON.parse(calls.status[0].body).sort()).toEqual([byName('Beta').id, byName('Gamma').id].sort())
    expect(
      gateway
        .connectors()
        .map(c => [c.name, c.disabled])
        .sort()
    ).toEqual([
      ['Alpha', false],
      ['Beta', true],
      ['Gamma', true],
      ['Manual', false]
    ])
    expect(
      [...rows(applied)].sort(byRowName).map(r => [r.name, r.result, r.result === 'disabled' ? r.state : ''])
    ).toEqual([
      ['Alpha', 'unchanged', ''],
      ['Beta', 'disabled', 'DISABLED'],
      ['Gamma', 'disabled', 'DISABLED'],
      ['Manual', 'not-managed', '']
    ])
    expect(applied.summary).toContain('2 disabled')

    // Already disabled: nothing more to prune.
    from = gateway.requests.length
    expectExit(await run(onlyAlpha, { prune: 'disable' }), 0)
    expect(since(from).status).toHaveLength(0)
  })

  test("another owner's marker, a deleted or an already disabled connector is not touched; adopting by name adds the marker", async () => {
    await start()
    gateway.seed({ name: 'Theirs', description: 'managed-by: other/repo' })
    const gone = gateway.seed({ name: 'Gone', description: MARKER })
    gateway.softDelete(gone.id)
    gateway.seed({ name: 'Off', description: MARKER, disabled: true })
    gateway.seed({
      name: 'Contoso',
      tenantId: TENANT,
      tenantName: 'contoso.onmicrosoft.com',
      connectorPrefixName: 'contoso',
      description: 'hand made'
    })
    const planned = await run(spec(specConnector('Contoso')), { prune: 'disable', mode: 'plan' })
    expectExit(planned, 0)
    expect(plan(planned).map(p => p.name)).toEqual(['Contoso'])
    expect(plan(planned)[0].changes).toContainEqual({
      field: 'description',
      from: 'hand made',
      to: `hand made⏎${MARKER}`
    })
    const applied = await run(spec(specConnector('Contoso')), { prune: 'disable' })
    expectExit(applied, 0)
    expect(byName('Contoso').description).toBe(`hand made\n${await fingerprintLineOf()}\n${MARKER}`)
    expect(gateway.requests.filter(r => r.path === STATUS_PATH)).toHaveLength(0)
  })

  test('names from Qualys in prune rows are inert in the summary and cannot be workflow commands in the log', async () => {
    await start()
    gateway.seed({ name: 'Evil | <img src=x> @admins ::error::pwned', description: MARKER })
    const planned = await run(spec(specConnector('Contoso')), { prune: 'disable', mode: 'plan' })
    expectExit(planned, 0)
    expect(planned.summary).toContain('| `Evil \\| <img src=x> @admins ::error::pwned` |')
    expect(renderGfm(planned.summary)).not.toContain('<img')
    expect(planned.lines.some(line => line.includes('::error::pwned'))).toBe(false)
    expect(planned.lines).toContainEqual(expect.stringMatching(/^- Evil .*will be disabled/))
  })

  test('prune-max: a run that would disable more fails before any write, saying how to raise it', async () => {
    await start()
    for (const name of ['A', 'B', 'C', 'D']) gateway.seed({ name, description: MARKER })
    // A create is due too: the guard stops it as well.
    const newOne = spec(specConnector('Contoso'))
    for (const mode of ['plan', 'apply']) {
      const from = gateway.requests.length
      const refused = await run(newOne, { prune: 'disable', mode })
      expectExit(refused, 1)
      expect(annotations(refused).join('\n')).toMatch(
        /prune would disable 4 connectors .*more than prune-max \(3\).*set the prune-max input to 4/
      )
      expect(since(from).writes).toHaveLength(0)
      expect(since(from).status).toHaveLength(0)
      expect(rows(refused).map(r => r.result)).toEqual(['not-attempted'])
    }
    expect(gateway.connectors().map(c => c.name)).toEqual(['A', 'B', 'C', 'D'])

    const raised = await run(newOne, { prune: 'disable', 'prune-max': '4' })
    expectExit(raised, 0)
    expect(
      gateway
        .connectors()
        .filter(c => c.disabled)
        .map(c => c.name)
    ).toEqual(['A', 'B', 'C', 'D'])
    expect(byName('Contoso').disabled).toBe(false)
  })

  test('an incomplete listing stops prune: nothing is disabled, nothing written', async () => {
    await start({ maxPageSize: 2 })
    for (const name of ['A', 'B', 'C']) gateway.seed({ name, description: MARKER })
    gateway.fault({
      method: 'GET',
      query: { pageNumber: '1' },
      times: Infinity,
      fault: { kind: 'status', status: 500 }
    })
    const from = gateway.requests.length
    const result = await run(spec(specConnector('Contoso')), { prune: 'disable', 'max-attempts': '1' })
    expectExit(result, 1)
    expect(annotations(result).join('\n')).toMatch(/Could not look up the existing connectors, so nothing was changed/)
    expect(since(from).status).toHaveLength(0)
    expect(since(from).writes).toHaveLength(0)
    expect(gateway.connectors().every(c => !c.disabled)).toBe(true)
  })

  test('no listing at all: prune is skipped with a warning, pinned entries still work', async () => {
    await start({ listSupported: false })
    const pinned = gateway.seed({
      name: 'Contoso',
      tenantId: TENANT,
      tenantName: 'contoso.onmicrosoft.com',
      connectorPrefixName: 'contoso',
      description: MARKER
    })
    gateway.seed({ name: 'Old', description: MARKER })
    const result = await run(spec(specConnector('Contoso', TENANT, `id: ${pinned.id}`)), { prune: 'disable' })
    expectExit(result, 0)
    expect(annotations(result, 'warning').join('\n')).toMatch(/prune is disable, but Qualys has no complete listing/)
    expect(gateway.requests.filter(r => r.path === STATUS_PATH)).toHaveLength(0)
  })
})

describe('mode: export', () => {
  const HOSTILE_NAMES = [
    'Quote "double" and \'single\'',
    'Colon: value',
    '# not a comment',
    '- leading dash',
    'Zürich ☃ 東京',
    'yes',
    '123',
    'Back`tick ```'
  ]

  function seedEstate(): void {
    gateway.seed({
      name: 'Everything set',
      description: 'Line one\n```\n## breaks out?\n  indented: value\n<script>alert(1)</script> @admins',
      tenantId: TENANT,
      tenantName: 'contoso.onmicrosoft.com',
      connectorAppInfos: [
        { name: 'AI', identifier: TENANT, tagId: null },
        { name: 'CI', identifier: TENANT, tagId: 4242 }
      ],
      orgRunFrequency: 3 * 1440,
      connectorRunFrequency: 1440, // as every other: shared, so it goes to defaults:
      connectorPrefixName: 'everything',
      includedMem: ['Production', 'Shared: EU'],
      excludedMem: ['Sandbox'],
      isCreateConnectorForNewSubscriptionsAutomatically: true,
      isDisableConnectorsForDeletedManagementGroups: true,
      isRemediationEnabled: true,
      autoActivateVM: true,
      autoActivatePC: true,
      autoActivateSCA: true,
      autoActivateCertView: true,
      autoActivateCV: true,
      defaultTagIds: [11, 22]
    })
    HOSTILE_NAMES.forEach((name, index) =>
      gateway.seed({ name, tenantId: TENANT_2, connectorPrefixName: `odd${index}` })
    )
    gateway.seed({ name: 'Switched off', tenantId: TENANT_2, connectorPrefixName: 'off', disabled: true })
    const deleted = gateway.seed({ name: 'Deleted', tenantId: TENANT_2, connectorPrefixName: 'deleted' })
    gateway.softDelete(deleted.id)
  }

  test.each(['list-style', 'thin'] as const)(
    'export (%s listing) → plan shows zero changes → apply writes nothing',
    async listShape => {
      await start({ listShape })
      seedEstate()
      const exported = await runAction({
        inputs: { ...passwordInputs(gateway.url), mode: 'export' },
        env: { GITHUB_REPOSITORY: REPOSITORY }
      })
      expectExit(exported, 0)
      expect(exported.stdout).toMatch(/Exported 10 connectors to qualys-connectors\.yaml/)
      expect(exported.stdout).not.toMatch(/needs a hand/)
      const text = exported.outputs.spec
      expect(text).toMatch(/^# yaml-language-server: \$schema=\.\/connector-spec\.schema\.json\n/)
      expect(text).not.toMatch(/name: Deleted/)
      expect(text).not.toContain('seeded-secret')
      expect(text).toContain('orgRunFrequency: 3d')
      expect(text).toMatch(/- AI\n\s+- CI:4242/)
      expect(text).toContain('enabled: false')
      expect(text).toContain('defaults:')
      expect(text).toContain('secretValue: ${EVERYTHING_SET_AZURE_SECRET}')
      expect(text).toContain('secretValue: ${ZURICH_AZURE_SECRET}')
      // Every id, and every placeholder unique.
      const variables = [...text.matchAll(/secretValue: \$\{([A-Z0-9_]+)\}/g)].map(m => m[1])
      expect(variables).toHaveLength(10)
      expect(new Set(variables).size).toBe(10)
      expect([...text.matchAll(/^ {2}- id: \d+$/gm)]).toHaveLength(10)
      expect(exported.summary).toContain('### Qualys Azure tenant connectors: export')
      // The fence is longer than any run of backticks in the file: nothing can close it early.
      const fence = /^(`{4,})yaml$/m.exec(exported.summary)?.[1] as string
      expect(fence.length).toBeGreaterThan(3)
      expect(exported.summary.split('\n').filter(line => line.startsWith(fence))).toHaveLength(2)
      expectNoLeak(exported, [...SECRETS, 'seeded-secret'])

      // The exported file is a spec: plan it against the same Qualys.
      const env = Object.fromEntries(variables.map(variable => [variable, `secret-for-${variable}`]))
      const files = { 'qualys-connectors.yaml': text }
      const planned = await runAction({
        inputs: { ...passwordInputs(gateway.url), mode: 'plan', 'spec-file': 'qualys-connectors.yaml' },
        files,
        env
      })
      expectExit(planned, 0)
      expect(plan(planned).filter(row => row.action !== 'none')).toEqual([])
      expect(rows(planned).map(r => r.result)).toEqual(Array(10).fill('unchanged'))
      expect(
        rows(planned)
          .map(r => r.name)
          .sort()
      ).toEqual(['Everything set', 'Switched off', ...HOSTILE_NAMES].sort())

      const from = gateway.requests.length
      const applied = await runAction({
        inputs: { ...passwordInputs(gateway.url), 'spec-file': 'qualys-connectors.yaml' },
        files,
        env
      })
      expectExit(applied, 0)
      expect(applied.outputs.changed).toBe('false')
      expect(since(from).writes).toHaveLength(0)
      expect(since(from).status).toHaveLength(0)
    }
  )

  test('writes export-file inside the workspace, and refuses a path outside it before any request', async () => {
    await start()
    gateway.seed({ name: 'Contoso', tenantId: TENANT })
    const workspace = mkdtempSync(join(tmpdir(), 'qualys-export-'))
    const result = await runAction({
      inputs: { ...passwordInputs(gateway.url), mode: 'export', 'export-file': 'qualys/estate.yaml' },
      files: { 'qualys/.keep': '' },
      workspace
    })
    expectExit(result, 0)
    expect(result.outputs.spec).toContain('name: Contoso')
    expect(readFileSync(join(workspace, 'qualys', 'estate.yaml'), 'utf8')).toBe(result.outputs.spec)

    const before = gateway.requests.length
    const outside = await runAction({
      inputs: { ...passwordInputs(gateway.url), mode: 'export', 'export-file': '../estate.yaml' }
    })
    expectExit(outside, 1)
    expect(annotations(outside).join('\n')).toMatch(
      /input 'export-file': '\.\.\/estate\.yaml' is outside the workspace/
    )
    expect(gateway.requests.length).toBe(before)
  })
})

describe('export of what a spec would refuse', () => {
  test('two connectors of one name in Qualys: the export says at once that the file needs a hand, at the line', async () => {
    await start()
    gateway.seed({ name: 'Twin', tenantId: TENANT })
    gateway.seed({ name: 'Twin', tenantId: TENANT_2 })
    const exported = await runAction({
      inputs: { ...passwordInputs(gateway.url), mode: 'export' },
      env: { GITHUB_REPOSITORY: REPOSITORY }
    })
    expectExit(exported, 0)
    expect(annotations(exported, 'warning').join('\n')).toMatch(
      /file=qualys-connectors\.yaml,line=\d+.*The exported file needs a hand before a plan takes it: .*name 'Twin' is already used/
    )
  })
})
