/**
 * End to end: the bundled dist/index.js, run as the GitHub runner runs it, against the
 * stand-in Qualys gateway over loopback HTTP. Creating connectors, reading them back,
 * validation before any request, and the secret rules.
 */
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { FakeQualysGateway } from '../test-support/gateway.js'
import { runAction } from '../test-support/run-action.js'
import {
  annotations,
  APP_ID,
  AZURE_SECRET,
  CLIENT,
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

let gateway: FakeQualysGateway
let url: string

beforeEach(async () => {
  gateway = new FakeQualysGateway({
    users: [USER],
    clients: [CLIENT],
    staticTokens: ['eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJtZSJ9.c2lnbmF0dXJl']
  })
  url = await gateway.start()
})
afterEach(() => gateway.stop())

const creates = (): number =>
  gateway.requests.filter(
    r => r.method === 'POST' && r.path.startsWith('/connectors/v1.0/org/azure/') && !/\d$/.test(r.path)
  ).length
const writes = (): number =>
  gateway.requests.filter(r => r.method === 'POST' && r.path.startsWith('/connectors')).length

describe('creating from inline inputs', () => {
  it('creates the connector with the documented request body and sets the outputs', async () => {
    const run = await runAction({
      inputs: {
        ...passwordInputs(url),
        ...inlineInputs({
          apps: 'AI, CI:123',
          'org-run-frequency': '2d',
          'included-management-groups': 'Prod, Shared',
          'auto-activate-vm': 'TRUE',
          'default-tag-ids': '7, 8'
        })
      }
    })
    expect(run.code).toBe(0)
    const [stored] = gateway.connectors()
    expect(gateway.connectors()).toHaveLength(1)
    expect(run.outputs['connector-id']).toBe(String(stored.id))
    expect(run.outputs['connector-uuid']).toBe(stored.uuid)
    expect(run.outputs.state).toBe('PENDING')
    expect(run.outputs.result).toBe('created')
    expect(JSON.parse(run.outputs.connectors)).toEqual([
      {
        name: 'Contoso',
        id: stored.id,
        uuid: stored.uuid,
        state: 'PENDING',
        result: 'created',
        azureSubscriptions: null
      }
    ])
    expect(JSON.parse(run.outputs.connector)).toMatchObject({ id: stored.id, name: 'Contoso', tenantId: TENANT })

    const create = gateway.requests.find(r => r.method === 'POST' && r.path === '/connectors/v1.0/org/azure/')!
    expect(JSON.parse(create.body)).toEqual({
      name: 'Contoso',
      // Inline inputs without a description: the fingerprint of the secret the create sends is all it holds.
      description: await fingerprintLineOf(),
      tenantId: TENANT,
      tenantName: 'contoso.onmicrosoft.com',
      applicationId: APP_ID,
      secretValue: AZURE_SECRET,
      connectorAppInfos: [
        { identifier: TENANT, name: 'AI', tagId: null },
        { identifier: TENANT, name: 'CI', tagId: 123 }
      ],
      orgRunFrequency: { hours: 48, minutes: 0 },
      connectorRunFrequency: { hours: 24, minutes: 0 },
      connectorPrefixName: 'contoso',
      includedMem: ['Prod', 'Shared'],
      autoActivateVM: true,
      defaultTagIds: [7, 8]
    })
    expect(create.headers['user-agent']).toMatch(/^qualys-azure-tenant-connector-action\/\d+\.\d+\.\d+/)
    expect(run.summary).toContain('| 🆕 | `Contoso` | created |')
    expectNoLeak(run, [AZURE_SECRET, USER.password, ...gateway.issuedTokens()])
  })

  it('finds an existing connector by name and writes nothing (on-existing: skip gives exists)', async () => {
    const existing = gateway.seed({ name: 'Contoso', tenantId: TENANT })
    const run = await runAction({ inputs: { ...passwordInputs(url), ...inlineInputs(), 'on-existing': 'skip' } })
    expect(run.code).toBe(0)
    expect(run.outputs.result).toBe('exists')
    expect(run.outputs['connector-id']).toBe(String(existing.id))
    expect(run.outputs['connector-uuid']).toBe(existing.uuid)
    expect(writes()).toBe(0)
    expect(gateway.stats().lists).toBe(1)
  })

  it('logs in with a client id and secret, or uses a given token', async () => {
    const viaClient = await runAction({
      inputs: {
        'qualys-gateway-url': url,
        'qualys-client-id': CLIENT.clientId,
        'qualys-client-secret': CLIENT.clientSecret,
        ...inlineInputs()
      }
    })
    expect(viaClient.code).toBe(0)
    expect(gateway.requests.filter(r => r.path === '/auth/oidc')).toHaveLength(1)
    expectNoLeak(viaClient, [CLIENT.clientSecret, AZURE_SECRET, ...gateway.issuedTokens()])

    const token = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJtZSJ9.c2lnbmF0dXJl'
    const viaToken = await runAction({
      inputs: {
        'qualys-gateway-url': url,
        'qualys-token': token,
        // Another tenant: a second connector for the first one's tenant and scope is refused as a rename.
        ...inlineInputs({ name: 'Second', 'connector-prefix-name': 'second', 'tenant-id': TENANT_2 })
      }
    })
    expect(viaToken.code).toBe(0)
    expect(gateway.requests.filter(r => r.path.startsWith('/auth'))).toHaveLength(1)
    expectNoLeak(viaToken, [token, AZURE_SECRET])
  })

  it('says what to check when Qualys refuses the credentials', async () => {
    const run = await runAction({
      inputs: { ...passwordInputs(url), 'qualys-password': 'wrong-password', ...inlineInputs() }
    })
    expect(run.code).toBe(1)
    expect(run.stdout).toMatch(/::error::.*refused the credentials \(401\).*qualys-platform/)
    expect(gateway.connectors()).toHaveLength(0)
    expectNoLeak(run, ['wrong-password', AZURE_SECRET])
  })

  it('logs in again once when the token expires mid-run, then goes on', async () => {
    gateway.fault({ method: 'POST', path: '/connectors/v1.0/org/azure/', fault: { kind: 'expire-tokens' } })
    const run = await runAction({ inputs: { ...passwordInputs(url), ...inlineInputs() } })
    expect(run.code).toBe(0)
    expect(gateway.requests.filter(r => r.path === '/auth')).toHaveLength(2)
    expect(gateway.connectors()).toHaveLength(1)
    expectNoLeak(run, [AZURE_SECRET, USER.password, ...gateway.issuedTokens()])
  })
})

describe('a spec file with several connectors', () => {
  it('processes every connector, reports the failed one and fails the step at the end', async () => {
    gateway.fault({
      method: 'POST',
      path: '/connectors/v1.0/org/azure/',
      fault: {
        kind: 'status',
        status: 400,
        body: JSON.stringify({ status: 400, message: 'Invalid application credentials for tenant' })
      }
    })
    const run = await runAction({
      inputs: { ...passwordInputs(url), 'spec-file': 'connectors.yaml', 'max-concurrency': '1' },
      env: { AZURE_SECRET },
      files: { 'connectors.yaml': spec(specConnector('First'), specConnector('Second', TENANT_2)) }
    })
    expect(run.code).toBe(1)
    expect(gateway.connectors().map(c => c.name)).toEqual(['Second'])
    const rows = JSON.parse(run.outputs.connectors) as { name: string; result: string }[]
    expect(rows.map(r => [r.name, r.result])).toEqual([
      ['First', 'failed'],
      ['Second', 'created']
    ])
    expect(run.outputs.result).toBeUndefined() // only for a one-connector spec
    expect(run.stdout).toMatch(/::error::1 of 2 connectors failed: First: .*Invalid application credentials/)
    expect(run.summary).toMatch(/\| ❌ \| `First` \| failed \|.*Invalid application credentials/)
    expect(run.summary).toContain('| 🆕 | `Second` | created |')
  })

  it('lists the existing connectors once for the whole spec, across all pages, and once more after the creates', async () => {
    for (let i = 0; i < 250; i++) gateway.seed({ name: `Existing ${i}` })
    const names = ['A', 'B', 'C', 'D']
    const run = await runAction({
      inputs: { ...passwordInputs(url), 'spec-file': 'connectors.yaml' },
      env: { AZURE_SECRET },
      files: { 'connectors.yaml': spec(...names.map(n => specConnector(n))) }
    })
    expect(run.code).toBe(0)
    const listCalls = gateway.requests.filter(r => r.method === 'GET')
    // The second listing, after every create, looks for a connector a racing run created at the same time.
    expect(listCalls.map(r => r.query.pageNumber)).toEqual(['0', '1', '2', '0', '1', '2'])
    expect(creates()).toBe(4)
    expect(run.stdout).toContain('Qualys API calls: 11 made, 0 retried, 0 throttled')
  })
})

describe('validation happens before any request', () => {
  it('reports every problem at once with file:line:column annotations, and sends nothing', async () => {
    const file = [
      'connectors:',
      '  - name: Bad',
      '    tenantId: not-a-guid',
      '    tenantName: bad',
      '    applicationId: 0b3d5f7a-1c2e-4a6b-8d9f-3e5a7c9b1d20',
      '    connectorPrefixName: this-prefix-is-much-longer-than-thirty',
      '    connectorAppInfos: [AI, XX, AI]',
      '    orgRunFrequency: 8d',
      '    connectorRunFrequency: soon',
      '    includedMem: [Prod]',
      '    excludedMem: [Prod]',
      '    defaultTagIds: [1, two]',
      '    tenantNmae: typo',
      '  - name: Bad',
      '    secretValue: literal-secret-in-git',
      ''
    ].join('\n')
    const run = await runAction({
      inputs: { ...passwordInputs(url), 'spec-file': 'specs/bad.yaml' },
      files: { 'specs/bad.yaml': file }
    })
    expect(run.code).toBe(1)
    expect(gateway.requests).toHaveLength(0)
    const errors = annotations(run).join('\n')
    const expectAt = (line: number, text: RegExp): void =>
      expect(errors).toMatch(new RegExp(`::error file=specs/bad.yaml,line=${line},col=\\d+::.*${text.source}`))
    expectAt(3, /connectors\[0\]\.tenantId: 'not-a-guid' is not a GUID/)
    expectAt(6, /connectorPrefixName: is 38 characters long; at most 30/)
    expectAt(7, /unknown app 'XX'/)
    expectAt(7, /app AI is listed twice/)
    expectAt(8, /orgRunFrequency: 8 days is over the 7-day maximum/)
    expectAt(9, /connectorRunFrequency: 'soon' is not a duration/)
    expectAt(11, /'Prod' both included and excluded/)
    expectAt(12, /tag id must be a positive whole number, got 'two'/)
    expectAt(13, /unknown key 'tenantNmae'; did you mean 'tenantName'\?/)
    expectAt(14, /connectors\[1\]\.name: name 'Bad' is already used by connectors\[0\]/)
    expectAt(15, /connectors\[1\]\.secretValue: must be an environment variable reference/)
    expect(errors).toMatch(/connectors\[1\]\.tenantId: is missing/)
    expect(run.stdout).not.toContain('literal-secret-in-git')
    expect(run.stdout).toMatch(
      /::error::\d+ problems in the inputs or the spec \(listed above\); nothing was sent to Qualys/
    )
  })

  it('reports YAML syntax errors with their line', async () => {
    const run = await runAction({
      inputs: { ...passwordInputs(url), 'spec-file': 'c.yaml' },
      files: { 'c.yaml': 'connectors:\n  - name: A\n    tenantId: [unclosed\n' }
    })
    expect(run.code).toBe(1)
    expect(annotations(run).join('\n')).toMatch(/::error file=c.yaml,line=\d+,col=\d+::.*YAML syntax error/)
    expect(gateway.requests).toHaveLength(0)
  })

  it('refuses bad inputs together: connection, auth, inline fields mixed with spec-file, http to a remote host', async () => {
    const run = await runAction({
      inputs: {
        'qualys-gateway-url': 'http://qualys.example.com',
        'qualys-username': 'u',
        'spec-file': 'c.yaml',
        name: 'X',
        'tenant-id': TENANT,
        'max-attempts': 'lots'
      },
      files: { 'c.yaml': spec(specConnector('A')) },
      env: { AZURE_SECRET }
    })
    expect(run.code).toBe(1)
    const errors = annotations(run).join('\n')
    expect(errors).toMatch(/input 'qualys-gateway-url': must use https:\/\//)
    expect(errors).toMatch(/input 'qualys-password': is required with qualys-username/)
    expect(errors).toMatch(/input 'name': must be empty when spec-file is set/)
    expect(errors).toMatch(/input 'tenant-id': must be empty when spec-file is set/)
    expect(errors).toMatch(/input 'max-attempts': 'lots' must be a whole number/)
  })

  it('refuses a spec file outside the workspace', async () => {
    const run = await runAction({ inputs: { ...passwordInputs(url), 'spec-file': '../../etc/passwd' } })
    expect(run.code).toBe(1)
    expect(run.stdout).toMatch(/input 'spec-file': '..\/..\/etc\/passwd' is outside the workspace/)
    expect(gateway.requests).toHaveLength(0)
  })
})

describe('talking to an imperfect server', () => {
  it('with allow-create-without-lookup, warns once and still creates when the gateway has no listing endpoint', async () => {
    await gateway.stop()
    gateway = new FakeQualysGateway({ users: [USER], listSupported: false })
    url = await gateway.start()
    const run = await runAction({
      inputs: { ...passwordInputs(url), ...inlineInputs(), 'allow-create-without-lookup': 'true' }
    })
    expect(run.code).toBe(0)
    expect(annotations(run, 'warning').filter(l => l.includes('allow-create-without-lookup is set'))).toHaveLength(1)
    expect(run.outputs.result).toBe('created')
  })

  it('with allow-create-without-lookup, reports exists with a warning when the create is refused because the name is taken', async () => {
    await gateway.stop()
    gateway = new FakeQualysGateway({ users: [USER], listSupported: false, duplicateNameStatus: 409 })
    url = await gateway.start()
    gateway.seed({ name: 'Contoso', tenantId: TENANT })
    const run = await runAction({
      inputs: { ...passwordInputs(url), ...inlineInputs(), 'allow-create-without-lookup': 'true' }
    })
    expect(run.code).toBe(0)
    expect(run.outputs.result).toBe('exists')
    expect(annotations(run, 'warning').join('\n')).toMatch(
      /refused the create because a connector named 'Contoso' exists/
    )
    expect(gateway.connectors()).toHaveLength(1)
  })

  it('never duplicates a connector when the create answer is lost after the server acted', async () => {
    gateway.fault({ method: 'POST', path: '/connectors/v1.0/org/azure/', fault: { kind: 'reset-after' } })
    const run = await runAction({ inputs: { ...passwordInputs(url), ...inlineInputs() } })
    expect(run.code).toBe(0)
    expect(run.outputs.result).toBe('created')
    expect(gateway.connectors()).toHaveLength(1)
    expect(creates()).toBe(1)
    expect(run.outputs['connector-id']).toBe(String(gateway.connectors()[0].id))
  })

  it('sends the create again only after checking it did not happen (503 before acting)', async () => {
    gateway.fault({ method: 'POST', path: '/connectors/v1.0/org/azure/', fault: { kind: 'status', status: 503 } })
    const run = await runAction({ inputs: { ...passwordInputs(url), ...inlineInputs() } })
    expect(run.code).toBe(0)
    expect(gateway.connectors()).toHaveLength(1)
    const sequence = gateway.requests.filter(r => r.path !== '/auth').map(r => `${r.method} ${r.status}`)
    expect(sequence).toEqual(['GET 200', 'POST 503', 'GET 200', 'POST 200', 'GET 200'])
  })

  it('keeps the secret out of everything when the server echoes the request body in an error', async () => {
    const echo = `{"status":400,"message":"Bad request: secretValue=${AZURE_SECRET} password=${encodeURIComponent(USER.password)}"}`
    gateway.fault({
      method: 'POST',
      path: '/connectors/v1.0/org/azure/',
      fault: { kind: 'status', status: 400, body: echo }
    })
    const run = await runAction({ inputs: { ...passwordInputs(url), ...inlineInputs() }, env: { RUNNER_DEBUG: '1' } })
    expect(run.code).toBe(1)
    expect(run.stdout).toContain('Bad request: secretValue=***')
    expectNoLeak(run, [AZURE_SECRET, USER.password, ...gateway.issuedTokens()])
  })
})
