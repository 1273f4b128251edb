/**
 * End to end: the Azure preflight (issue 11). The bundled dist/index.js runs against the stand-in
 * Qualys gateway and the stand-in Entra ID + Resource Manager + Graph (test-support/azure.ts),
 * both over loopback HTTP: a definite refusal from Microsoft fails the connector before any
 * Qualys write; not reaching Microsoft only warns and the write goes ahead.
 */
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { copyFileSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs'
import http from 'node:http'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import type { AddressInfo } from 'node:net'
import { daysFromNow, FakeMicrosoft } from '../test-support/azure.js'
import {
  annotations,
  APP_ID,
  AZURE_SECRET,
  expectNoLeak,
  inlineInputs,
  passwordInputs,
  spec,
  specConnector,
  TENANT,
  TENANT_2,
  USER
} from '../test-support/e2e.js'
import { FakeQualysGateway } from '../test-support/gateway.js'
import { DIST, runAction, type ActionRun, type RunOptions } from '../test-support/run-action.js'

const OTHER_APP = '7d6c5b4a-3e2f-4a1b-9c8d-7e6f5a4b3c2d'
const EXPIRED_SECRET = 'exp~Expired_Secret.fedcba9876543210'

let gateway: FakeQualysGateway
let microsoft: FakeMicrosoft
let url: string

beforeEach(async () => {
  gateway = new FakeQualysGateway({ users: [USER] })
  microsoft = new FakeMicrosoft({
    pageSize: 2,
    tenants: [
      {
        tenantId: TENANT,
        apps: [
          {
            appId: APP_ID,
            readsGraph: true,
            secrets: [
              {
                value: AZURE_SECRET,
                endDateTime: daysFromNow(365),
                displayName: 'qualys',
                keyId: '3f2e1d0c-9b8a-4765-8432-10fedcba9876'
              },
              { value: EXPIRED_SECRET, endDateTime: daysFromNow(-3), displayName: 'old' }
            ]
          }
        ],
        managementGroups: [
          { name: 'mg-prod', displayName: 'Production' },
          { name: 'mg-shared', displayName: 'Shared' },
          { name: TENANT, displayName: 'Tenant Root Group' }
        ],
        subscriptions: 3
      }
    ]
  })
  url = await gateway.start()
  await microsoft.start()
})
afterEach(async () => {
  await Promise.all([gateway.stop(), microsoft.stop()])
})

const qualysWrites = (): number =>
  gateway.requests.filter(r => r.method === 'POST' && r.path.startsWith('/connectors')).length
const azureCalls = (prefix = '/'): number => microsoft.requests.filter(r => r.path.startsWith(prefix)).length

function apply(inputs: Record<string, string> = {}, options: Partial<RunOptions> = {}): Promise<ActionRun> {
  return runAction({
    ...options,
    inputs: { ...passwordInputs(url), ...microsoft.inputs, ...inlineInputs(), ...inputs }
  })
}

function expectExit(run: ActionRun, code: number): void {
  if (run.code !== code) throw new Error(`expected exit code ${code}, got ${run.code}\n${run.stdout}\n${run.stderr}`)
}

const rows = (
  run: ActionRun
): { name: string; result: string; id: number | null; azureSubscriptions: number | null }[] =>
  JSON.parse(run.outputs.connectors)

describe('the app checks out', () => {
  it('asks Entra ID, Resource Manager (every page) and Graph, then creates; the secret goes only to the token endpoint', async () => {
    const run = await apply({
      'included-management-groups': 'Production, mg-shared',
      'excluded-management-groups': 'tenant root group'
    })
    expectExit(run, 0)
    expect(gateway.connectors()).toHaveLength(1)
    expect(rows(run)).toEqual([expect.objectContaining({ name: 'Contoso', result: 'created', azureSubscriptions: 3 })])
    expect(run.summary).toContain('| Azure subscriptions |')
    expect(run.summary).toMatch(/\| 🆕 \| `Contoso` \| created \| \d+ \| `PENDING` \| 3 \|/)
    expect(run.stdout).toContain('Contoso: Azure: Microsoft Entra ID accepted the credentials of app')
    expect(run.stdout).toContain('Contoso: Azure: the app can read 3 subscriptions')
    expect(run.stdout).toMatch(/Contoso: Azure: the client secret in use expires in 36[45] days/)
    expect(annotations(run, 'warning')).toEqual([])

    const paths = microsoft.requests.map(
      r => `${r.method} ${r.path}${r.query.$skiptoken ? ` skip=${r.query.$skiptoken}` : ''}`
    )
    expect(paths).toEqual([
      `POST /login/${TENANT}/oauth2/v2.0/token`,
      'GET /arm/providers/Microsoft.Management/managementGroups',
      'GET /arm/providers/Microsoft.Management/managementGroups skip=2',
      'GET /arm/subscriptions',
      'GET /arm/subscriptions skip=2',
      `POST /login/${TENANT}/oauth2/v2.0/token`,
      `GET /graph/v1.0/applications(appId='${APP_ID}')`
    ])
    // The client secret only in the token requests' forms; the tokens only as bearer tokens.
    const formEncoded = new URLSearchParams({ v: AZURE_SECRET }).toString().slice(2)
    const withSecret = microsoft.requests.filter(r =>
      [AZURE_SECRET, formEncoded, encodeURIComponent(AZURE_SECRET)].some(form => JSON.stringify(r).includes(form))
    )
    expect(withSecret.map(r => r.path)).toEqual([
      `/login/${TENANT}/oauth2/v2.0/token`,
      `/login/${TENANT}/oauth2/v2.0/token`
    ])
    expect(new URLSearchParams(withSecret[0].body).get('client_secret')).toBe(AZURE_SECRET)
    expect(
      microsoft.requests
        .filter(r => r.path.startsWith('/arm/') || r.path.startsWith('/graph/'))
        .every(r => /^Bearer /.test(String(r.headers.authorization)))
    ).toBe(true)
    // Each Microsoft token was handed to the runner's masker, and shows nowhere.
    for (const token of microsoft.issuedTokens()) expect(run.lines).toContain(`::add-mask::${token}`)
    expectNoLeak(run, [AZURE_SECRET, USER.password, ...microsoft.issuedTokens(), ...gateway.issuedTokens()])
    expect(run.stdout).toContain('Microsoft API calls (Azure preflight): 7 made, 0 retried, 0 throttled')
  })

  it('runs before a forced update too (it sends the secret), and not for a connector that is up to date', async () => {
    const existing = gateway.seed({
      name: 'Contoso',
      tenantId: TENANT,
      tenantName: 'contoso.onmicrosoft.com',
      applicationId: APP_ID,
      connectorPrefixName: 'contoso'
    })
    const unchanged = await apply()
    expectExit(unchanged, 0)
    expect(rows(unchanged)[0]).toMatchObject({ result: 'unchanged', azureSubscriptions: null })
    expect(azureCalls()).toBe(0)

    const forced = await apply({ 'force-update': 'true', 'secret-value': 'not~the-right-secret-value' })
    expectExit(forced, 1)
    expect(qualysWrites()).toBe(0)
    expect(rows(forced)[0]).toMatchObject({ result: 'failed', id: existing.id })
    expect(forced.stdout).toMatch(/::error::1 of 1 connector failed: Contoso: Azure preflight: .*AADSTS7000215/)
  })
})

describe('a definite refusal fails the connector before any Qualys write', () => {
  const cases: [string, number, Record<string, string>, RegExp][] = [
    [
      'a wrong secret (the secret id pasted instead of its value)',
      7000215,
      { 'secret-value': '3f2e1d0c-9b8a-4765-8432-10fedcba9876' },
      /refused the client secret of app .*\(AADSTS7000215, invalid secret\)\. Use the secret's Value, not its Secret ID/
    ],
    [
      'an expired secret',
      7000222,
      { 'secret-value': EXPIRED_SECRET },
      /the client secret of app .* has expired \(AADSTS7000222\)\. Create a new client secret/
    ],
    [
      'an app not registered in the tenant',
      700016,
      { 'application-id': OTHER_APP },
      new RegExp(`app ${OTHER_APP} was not found in tenant ${TENANT} \\(AADSTS700016\\)`)
    ],
    [
      'an unknown tenant',
      90002,
      { 'tenant-id': TENANT_2 },
      new RegExp(
        `tenant ${TENANT_2} was not found \\(AADSTS90002\\)\\. Check tenantId / tenant-id, and azure-environment`
      )
    ],
    ['a tenant Entra does not know (AADSTS50034)', 50034, {}, /does not know tenant .* \(AADSTS50034\)/],
    ['a malformed tenant (AADSTS900023)', 900023, {}, /is not a valid tenant \(AADSTS900023\)/]
  ]

  it.each(cases)('%s: AADSTS%d', async (_title, code, inputs, message) => {
    if (code === 50034 || code === 900023)
      microsoft.fault({ path: /\/oauth2\/v2\.0\/token$/, fault: { kind: 'entra-error', code } })
    const run = await apply(inputs)
    expectExit(run, 1)
    // The Qualys side was looked up (the listing) but nothing was written.
    expect(qualysWrites()).toBe(0)
    expect(gateway.connectors()).toHaveLength(0)
    expect(microsoft.requests.map(r => r.status)).toEqual([code === 7000215 || code === 7000222 ? 401 : 400])
    const [error] = annotations(run)
    expect(error).toMatch(message)
    expect(error).toContain('Nothing was written to Qualys for this connector')
    expect(rows(run)[0]).toMatchObject({ result: 'failed', azureSubscriptions: null })
    expect(run.summary).toMatch(/\| ❌ \| `Contoso` \| failed \|/)
    expectNoLeak(run, [AZURE_SECRET, EXPIRED_SECRET, USER.password])
  })

  it("an error code without a message of its own is reported with Entra's description", async () => {
    microsoft.fault({
      path: /\/token$/,
      fault: {
        kind: 'status',
        status: 400,
        body: JSON.stringify({
          error: 'invalid_request',
          error_description: 'AADSTS53003: Access has been blocked by Conditional Access policies.\r\nTrace ID: x',
          error_codes: [53003]
        })
      }
    })
    const run = await apply()
    expectExit(run, 1)
    expect(qualysWrites()).toBe(0)
    expect(annotations(run)[0]).toMatch(
      /Microsoft Entra ID refused the credentials of app .* \(AADSTS53003: Access has been blocked by Conditional Access policies\.\)/
    )
    expect(annotations(run)[0]).not.toContain('Trace ID')
  })

  it('management groups the app cannot see fail, naming them and those that exist', async () => {
    const run = await apply({ 'included-management-groups': 'Prod, Shared', 'excluded-management-groups': 'Sandbox' })
    expectExit(run, 1)
    expect(qualysWrites()).toBe(0)
    const [error] = annotations(run)
    expect(error).toContain(
      "management groups 'Prod' (includedMem), 'Sandbox' (excludedMem) not found; the app can read mg-prod (Production), mg-shared (Shared), "
    )
    expect(error).not.toContain("'Shared' (includedMem)")
    // The subscriptions were still counted, for the output.
    expect(rows(run)[0]).toMatchObject({ result: 'failed', azureSubscriptions: 3 })
  })

  it('management groups named while the app may read none (403) fail, saying what to grant', async () => {
    microsoft.tenant(TENANT).canReadManagementGroups = false
    const run = await apply({ 'included-management-groups': 'Production' })
    expectExit(run, 1)
    expect(qualysWrites()).toBe(0)
    expect(annotations(run)[0]).toContain(
      "management group 'Production' (includedMem) not found; the app can read no management group: give it the Reader role"
    )
  })

  it('in a spec, only the refused connector fails; the others are written', async () => {
    const run = await runAction({
      inputs: { ...passwordInputs(url), ...microsoft.inputs, 'spec-file': 'connectors.yaml' },
      env: { AZURE_SECRET, WRONG_SECRET: 'wrong~secret-value-0000' },
      files: {
        'connectors.yaml': spec(
          specConnector('Good'),
          specConnector('Wrong', TENANT).replace('${AZURE_SECRET}', '${WRONG_SECRET}')
        )
      }
    })
    expectExit(run, 1)
    expect(gateway.connectors().map(c => c.name)).toEqual(['Good'])
    expect(rows(run).map(r => [r.name, r.result, r.azureSubscriptions])).toEqual([
      ['Good', 'created', 3],
      ['Wrong', 'failed', null]
    ])
    expect(run.stdout).toMatch(/::error::1 of 2 connectors failed: Wrong: Azure preflight: .*AADSTS7000215/)
  })
})

describe('warnings: the connector is still written', () => {
  it('zero readable subscriptions warns that Qualys will find nothing', async () => {
    microsoft.tenant(TENANT).subscriptions = 0
    const run = await apply()
    expectExit(run, 0)
    expect(gateway.connectors()).toHaveLength(1)
    expect(annotations(run, 'warning')).toEqual([
      expect.stringMatching(
        /^::warning::Contoso: Azure: the app can read no subscription in tenant .*, so Qualys will find nothing: give the app the Reader role on the management groups or subscriptions to scan$/
      )
    ])
    expect(rows(run)[0]).toMatchObject({ result: 'created', azureSubscriptions: 0 })
    expect(run.summary).toMatch(
      /\| 🆕 \| `Contoso` \| created \| \d+ \| `PENDING` \| 0 \| .*⚠️ `Azure: the app can read no subscription/
    )
  })

  it('a secret expiring within azure-secret-expiry-warning-days warns, naming it (never its hint)', async () => {
    const [app] = microsoft.tenant(TENANT).apps
    app.secrets[0].endDateTime = daysFromNow(10.5)
    const run = await apply()
    expectExit(run, 0)
    const warnings = annotations(run, 'warning')
    expect(warnings).toEqual([
      expect.stringMatching(
        /Contoso: Azure: the client secret in use \('qualys', id 3f2e1d0c-9b8a-4765-8432-10fedcba9876\) expires on \d{4}-\d\d-\d\d, in 10 days: create a new one/
      )
    ])
    expect(run.stdout).not.toContain(`'${AZURE_SECRET.slice(0, 3)}'`)

    // A fresh Qualys: a second connector for the same tenant and scope would be refused as a rename.
    gateway.reset()
    const quieter = await apply({
      name: 'Contoso 2',
      'connector-prefix-name': 'contoso2',
      'azure-secret-expiry-warning-days': '7'
    })
    expectExit(quieter, 0)
    expect(annotations(quieter, 'warning')).toEqual([])
    expect(quieter.stdout).toContain('the client secret in use expires in 10 days')
  })

  it('an app that may not read its registration in Graph (403) is not warned about: debug only', async () => {
    microsoft.tenant(TENANT).apps[0].readsGraph = false
    microsoft.tenant(TENANT).apps[0].secrets[0].endDateTime = daysFromNow(2)
    const run = await apply({}, { env: { RUNNER_DEBUG: '1' } })
    expectExit(run, 0)
    expect(annotations(run, 'warning')).toEqual([])
    expect(run.stdout).toMatch(
      /::debug::Contoso: Azure: the secret's expiry was not checked: Microsoft Graph answered 403 .*Application\.Read\.All/
    )
  })

  it('Microsoft unreachable (connection refused) warns, and the create goes ahead', async () => {
    const closed = http.createServer()
    await new Promise<void>(resolve => closed.listen(0, '127.0.0.1', resolve))
    const port = (closed.address() as AddressInfo).port
    await new Promise(resolve => closed.close(resolve))
    const run = await apply({ 'azure-authority-host': `http://127.0.0.1:${port}`, 'max-attempts': '2' })
    expectExit(run, 0)
    expect(gateway.connectors()).toHaveLength(1)
    expect(annotations(run, 'warning')).toEqual([
      expect.stringMatching(
        /Contoso: Azure: the app's credentials were not checked, Microsoft Entra ID could not be reached \(.*ECONNREFUSED.*azure-authority-host.*\); the connector is written without the check/
      )
    ])
    expect(rows(run)[0]).toMatchObject({ result: 'created', azureSubscriptions: null })
  })

  it('HTTPS_PROXY is honoured for Microsoft (a proxy that refuses warns, once per run); the loopback Qualys stand-in is reached directly', async () => {
    const connects: string[] = []
    const proxy = http.createServer((_req, res) => res.writeHead(403).end())
    proxy.on('connect', (req, socket) => {
      connects.push(String(req.url))
      socket.end('HTTP/1.1 403 Forbidden\r\n\r\n')
    })
    await new Promise<void>(resolve => proxy.listen(0, '127.0.0.1', resolve))
    try {
      const run = await runAction({
        inputs: {
          ...passwordInputs(url),
          'spec-file': 'connectors.yaml',
          'azure-environment': 'AzureUSGovernment',
          'max-attempts': '1',
          'max-concurrency': '1'
        },
        env: { AZURE_SECRET, HTTPS_PROXY: `http://127.0.0.1:${(proxy.address() as AddressInfo).port}` },
        files: { 'connectors.yaml': spec(specConnector('First'), specConnector('Second', TENANT_2)) }
      })
      expectExit(run, 0)
      // Asked once: the second connector is not made to wait for an Azure the runner cannot reach.
      expect(connects).toEqual(['login.microsoftonline.us:443'])
      // Written in the spec's order.
      expect(gateway.connectors().map(c => c.name)).toEqual(['First', 'Second'])
      // One annotation for the cause, not one per connector; the second's own row still says it was not checked.
      expect(annotations(run, 'warning')).toEqual([
        expect.stringMatching(
          /^::warning::First: Azure: the app's credentials were not checked, Microsoft Entra ID could not be reached \(.*\); the connector is written without the check, and so is every later one of this run$/
        )
      ])
      expect(run.summary).toMatch(
        /\| `Second` \|[^\n]*⚠️ `Azure: not checked: Microsoft Entra ID could not be reached earlier in this run/
      )
    } finally {
      await new Promise(resolve => proxy.close(resolve))
    }
  })

  it('throttling (429 with Retry-After) and a 503 from Microsoft are retried, then the check goes on', async () => {
    microsoft.fault({
      path: /\/token$/,
      fault: {
        kind: 'status',
        status: 503,
        headers: { 'Retry-After': '0' },
        body: '{"error":"temporarily_unavailable"}'
      }
    })
    microsoft.fault({
      path: '/arm/subscriptions',
      fault: {
        kind: 'status',
        status: 429,
        headers: { 'Retry-After': '1' },
        body: '{"error":{"code":"TooManyRequests","message":"slow down"}}'
      }
    })
    const run = await apply()
    expectExit(run, 0)
    expect(run.stdout).toContain('503 from Microsoft; trying again (attempt 2 of 5)')
    expect(run.stdout).toContain(
      'List the subscriptions the app can read (Azure Resource Manager): throttled by Microsoft (429); waiting 1 s; trying again (attempt 2 of 5)'
    )
    expect(annotations(run, 'warning')).toEqual([])
    expect(rows(run)[0]).toMatchObject({ result: 'created', azureSubscriptions: 3 })
  })
})

describe('when Microsoft is not asked', () => {
  it('azure-preflight: false makes no Azure call', async () => {
    const run = await apply({ 'azure-preflight': 'false', 'secret-value': 'wrong~secret-would-be-refused' })
    expectExit(run, 0)
    expect(azureCalls()).toBe(0)
    expect(gateway.connectors()).toHaveLength(1)
    expect(rows(run)[0]).toMatchObject({ result: 'created', azureSubscriptions: null })
  })

  it('plan and validate make no Azure call, and the plan has no subscriptions column', async () => {
    const plan = await apply({ mode: 'plan' })
    expectExit(plan, 0)
    const validate = await runAction({ inputs: { ...microsoft.inputs, ...inlineInputs(), mode: 'validate' } })
    expectExit(validate, 0)
    expect(azureCalls()).toBe(0)
    expect(plan.summary).not.toContain('Azure subscriptions')
  })

  it('validate and plan never load the Azure module: they run with its chunk removed from dist/ (an apply needs it)', async () => {
    const dist = dirname(DIST)
    const files = readdirSync(dist)
    const chunk = files.filter(
      file =>
        file.endsWith('.js') && readFileSync(join(dist, file), 'utf8').includes('Microsoft.Management/managementGroups')
    )
    expect(chunk).toHaveLength(1)
    expect(chunk[0]).not.toBe('index.js')
    const trimmed = mkdtempSync(join(tmpdir(), 'qualys-dist-'))
    for (const file of files.filter(file => file !== chunk[0])) copyFileSync(join(dist, file), join(trimmed, file))
    const args = [join(trimmed, 'index.js')]
    expectExit(await runAction({ args, inputs: { ...microsoft.inputs, ...inlineInputs(), mode: 'validate' } }), 0)
    expectExit(
      await runAction({
        args,
        inputs: { ...passwordInputs(url), ...microsoft.inputs, ...inlineInputs(), mode: 'plan' }
      }),
      0
    )
    const apply = await runAction({ args, inputs: { ...passwordInputs(url), ...microsoft.inputs, ...inlineInputs() } })
    expectExit(apply, 1)
    expect(qualysWrites()).toBe(0)
    expect(azureCalls()).toBe(0)
  })

  it('refuses bad azure-* inputs before any request, naming each', async () => {
    const run = await apply({
      'azure-environment': 'AzureGermany',
      'azure-graph-url': 'http://graph.example.com',
      'azure-resource-manager-url': 'https://user:pw@arm.example.com',
      'azure-secret-expiry-warning-days': 'soon',
      'azure-preflight': 'maybe'
    })
    expectExit(run, 1)
    expect(azureCalls()).toBe(0)
    expect(gateway.requests).toHaveLength(0)
    const errors = annotations(run).join('\n')
    expect(errors).toContain("input 'azure-preflight': 'maybe' is not true or false")
    expect(errors).toContain(
      "input 'azure-environment': 'AzureGermany' is not one of AzureCloud, AzureUSGovernment, AzureChinaCloud"
    )
    expect(errors).toContain("input 'azure-graph-url': must use https://")
    expect(errors).toContain("input 'azure-resource-manager-url': must not contain credentials")
    expect(errors).toContain("input 'azure-secret-expiry-warning-days': 'soon' must be a whole number from 0 to 3650")
    expect(errors).not.toContain('pw@')
  })
})
