/**
 * The Azure preflight in process: the reconciler's hook (with the in-memory Qualys API), and
 * MicrosoftPreflight against the stand-in Entra ID / Resource Manager / Graph over loopback.
 */
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { readEntraError } from '../src/azure/entra.js'
import { MicrosoftPreflight, type AzurePreflight, type PreflightResult } from '../src/azure/preflight.js'
import { Redactor } from '../src/redact.js'
import { createBody } from '../src/qualys/body.js'
import { reconcile } from '../src/reconcile/reconcile-run.js'
import type { ConnectorSpec } from '../src/connector-spec/model.js'
import { daysFromNow, FakeMicrosoft } from '../test-support/azure.js'
import { FakeApi, RecordingLogger, serverConnector } from '../test-support/fake-api.js'
import { APP, SECRET, TENANT, options, spec } from '../test-support/builders.js'

/** A preflight that answers as told and records what it was asked. */
class ScriptedPreflight implements AzurePreflight {
  readonly asked: string[] = []
  constructor(private readonly answer: (spec: ConnectorSpec) => PreflightResult) {}
  check(s: ConnectorSpec): Promise<PreflightResult> {
    this.asked.push(s.name)
    return Promise.resolve(this.answer(s))
  }
}

describe('the reconciler asks the preflight just before a write that sends the secret', () => {
  it('a refusal fails the connector without a create; the others go on', async () => {
    const api = new FakeApi()
    const preflight = new ScriptedPreflight(s =>
      s.name === 'bad'
        ? { refusal: 'Azure preflight: no', warnings: [], subscriptions: 2 }
        : { warnings: ['Azure: careful'], subscriptions: 4 }
    )
    const { outcomes } = await reconcile(
      [spec({ name: 'bad' }), spec({ name: 'good', connectorPrefixName: 'good' })],
      api,
      options({ preflight })
    )
    expect(outcomes.map(o => [o.name, o.result, o.error, o.azureSubscriptions])).toEqual([
      ['bad', 'failed', 'Azure preflight: no', 2],
      ['good', 'created', undefined, 4]
    ])
    expect(outcomes[1].warnings).toEqual(['Azure: careful'])
    expect(api.calls.filter(c => c.op === 'create').map(c => c.name)).toEqual(['good'])
  })

  it('before an update (keeping the existing id on a refusal) and a forced update; never for unchanged, skip or plan', async () => {
    const current = serverConnector({ ...createBody(spec()), id: 7, uuid: 'u7', state: 'SUCCESS' })
    const refuse = new ScriptedPreflight(() => ({ refusal: 'Azure preflight: no', warnings: [], subscriptions: null }))
    const {
      outcomes: [forced]
    } = await reconcile([spec()], new FakeApi([current]), options({ preflight: refuse, forceUpdate: true }))
    expect(forced).toMatchObject({ result: 'failed', connector: { id: 7 } })
    const changed = new FakeApi([current])
    const {
      outcomes: [update]
    } = await reconcile([spec({ tenantName: 'New' })], changed, options({ preflight: refuse }))
    expect(update.result).toBe('failed')
    expect(changed.count('update')).toBe(0)
    expect(refuse.asked).toEqual(['prod', 'prod'])

    const quiet = new ScriptedPreflight(() => ({ warnings: [], subscriptions: 1 }))
    await reconcile([spec()], new FakeApi([current]), options({ preflight: quiet }))
    await reconcile(
      [spec()],
      new FakeApi([current]),
      options({ preflight: quiet, onExisting: 'skip', forceUpdate: true })
    )
    await reconcile([spec({ name: 'new' })], new FakeApi(), options({ preflight: quiet, mode: 'plan' }))
    expect(quiet.asked).toEqual([])
  })
})

describe('MicrosoftPreflight against the stand-in', () => {
  let microsoft: FakeMicrosoft
  let logger: RecordingLogger
  let masked: string[]
  let redactor: Redactor

  beforeEach(async () => {
    microsoft = new FakeMicrosoft({
      pageSize: 1,
      tenants: [
        {
          tenantId: TENANT,
          apps: [
            {
              appId: APP,
              readsGraph: true,
              secrets: [
                { value: SECRET, endDateTime: daysFromNow(400), keyId: 'k-in-use' },
                { value: 'Xy7-other-secret-sharing-a-hint', endDateTime: daysFromNow(5), keyId: 'k-other' }
              ]
            }
          ],
          managementGroups: [{ name: 'mg1', displayName: 'One' }],
          subscriptions: 3
        }
      ]
    })
    await microsoft.start()
    logger = new RecordingLogger()
    masked = []
    redactor = new Redactor()
    redactor.add(SECRET)
  })
  afterEach(() => microsoft.stop())

  function preflight(over: Partial<ConstructorParameters<typeof MicrosoftPreflight>[0]> = {}): MicrosoftPreflight {
    const inputs = microsoft.inputs
    return new MicrosoftPreflight({
      authorityHost: inputs['azure-authority-host'],
      resourceManagerUrl: inputs['azure-resource-manager-url'],
      graphUrl: inputs['azure-graph-url'],
      resourceManagerAudience: 'https://management.azure.com',
      graphAudience: 'https://graph.microsoft.com',
      expiryWarningDays: 30,
      userAgent: 'test',
      timeoutMs: 5000,
      maxAttempts: 3,
      maxConcurrency: 2,
      logger,
      redactor,
      onToken: token => masked.push(token),
      backoff: { baseMs: 1, maxMs: 2 },
      ...over
    })
  }

  it('counts subscriptions over every page; one token per app and audience for the whole run, each masked on arrival', async () => {
    const check = preflight()
    try {
      expect(await check.check(spec())).toEqual({ warnings: [], subscriptions: 3 })
      expect(await check.check(spec({ name: 'again' }))).toEqual({ warnings: [], subscriptions: 3 })
    } finally {
      check.dispose()
    }
    expect(microsoft.requests.filter(r => r.path.endsWith('/token'))).toHaveLength(2)
    expect(microsoft.requests.filter(r => r.path === '/arm/subscriptions')).toHaveLength(6)
    expect(masked.sort()).toEqual(microsoft.issuedTokens().sort())
    expect(masked).toHaveLength(2)
  })

  it("asks for tokens for the cloud's own audiences, whatever URL the requests go to", async () => {
    const check = preflight()
    try {
      await check.check(spec())
    } finally {
      check.dispose()
    }
    const scopes = microsoft.requests
      .filter(r => r.path.endsWith('/token'))
      .map(r => new URLSearchParams(r.body).get('scope'))
    expect(scopes.sort()).toEqual(['https://graph.microsoft.com/.default', 'https://management.azure.com/.default'])
  })

  it('a 401 from Resource Manager on the management groups is "not checked" (a warning), not "the app may read none"', async () => {
    microsoft.fault({
      path: '/arm/providers/Microsoft.Management/managementGroups',
      fault: {
        kind: 'status',
        status: 401,
        body: '{"error":{"code":"InvalidAuthenticationTokenAudience","message":"The access token has been obtained for wrong audience"}}'
      }
    })
    const check = preflight()
    let result: PreflightResult
    try {
      result = await check.check(spec({ includedMem: ['mg1'] }))
    } finally {
      check.dispose()
    }
    expect(result.refusal).toBeUndefined()
    expect(result.warnings).toEqual([expect.stringMatching(/the management groups were not checked .*HTTP 401/)])
  })

  it('of several secrets sharing the hint, the one expiring last is taken: no false alarm', async () => {
    const check = preflight()
    try {
      await check.check(spec())
    } finally {
      check.dispose()
    }
    expect(logger.warnings).toEqual([])
    expect(logger.infos).toContain('prod: Azure: the client secret in use expires in 399 days')
  })

  it('does not follow a nextLink off the Resource Manager URL (the token would go there): warns instead', async () => {
    microsoft.fault({
      path: '/arm/subscriptions',
      fault: {
        kind: 'status',
        status: 200,
        body: JSON.stringify({
          value: [{ subscriptionId: 'x' }],
          nextLink: 'https://attacker.example.com/subscriptions?page=2'
        })
      }
    })
    const check = preflight()
    let result: PreflightResult
    try {
      result = await check.check(spec())
    } finally {
      check.dispose()
    }
    expect(result.subscriptions).toBeNull()
    expect(result.warnings).toEqual([
      'Azure: the subscriptions the app can read were not counted (List the subscriptions the app can read (Azure Resource Manager): the next page is not on ' +
        microsoft.inputs['azure-resource-manager-url'] +
        '; not followed)'
    ])
  })

  it("an answer from the token endpoint that is not Entra's (a proxy page) is not a refusal: it warns", async () => {
    microsoft.fault({
      path: /\/token$/,
      fault: { kind: 'status', status: 403, body: '<html><body>Blocked by corporate proxy</body></html>' }
    })
    const check = preflight()
    let result: PreflightResult
    try {
      result = await check.check(spec())
    } finally {
      check.dispose()
    }
    expect(result.refusal).toBeUndefined()
    expect(result.warnings[0]).toMatch(/could not be reached .*HTTP 403: Blocked by corporate proxy/)
  })

  it('an Entra error that echoes the secret is redacted in the refusal', async () => {
    microsoft.fault({
      path: /\/token$/,
      fault: {
        kind: 'status',
        status: 401,
        body: JSON.stringify({
          error: 'invalid_client',
          error_description: `AADSTS7000999: secret ${SECRET} is odd`,
          error_codes: [7000999]
        })
      }
    })
    const check = preflight()
    let result: PreflightResult
    try {
      result = await check.check(spec())
    } finally {
      check.dispose()
    }
    expect(result.refusal).toContain('(AADSTS7000999: secret *** is odd)')
    expect(result.refusal).not.toContain(SECRET)
  })
})

describe('the Entra error table', () => {
  const app = { tenantId: TENANT, applicationId: APP }

  // The messages written out: a test that took them from ENTRA_ERRORS would pass whatever it said.
  it.each<[number, string]>([
    [
      7000215,
      `Microsoft Entra ID refused the client secret of app ${APP} (AADSTS7000215, invalid secret). Use the secret's Value, not its Secret ID (a GUID), copied when the secret was created, from the app's Certificates & secrets page; then update secret-value / secretValue`
    ],
    [
      7000222,
      `the client secret of app ${APP} has expired (AADSTS7000222). Create a new client secret in the app registration (Certificates & secrets), put it in secret-value / secretValue, and run the apply`
    ],
    [
      700016,
      `app ${APP} was not found in tenant ${TENANT} (AADSTS700016). Check applicationId / application-id, and that the app is registered in this tenant or consented to by its administrator`
    ],
    [
      90002,
      `tenant ${TENANT} was not found (AADSTS90002). Check tenantId / tenant-id, and azure-environment: a US Government or China tenant is not in AzureCloud`
    ],
    [
      50034,
      `Microsoft Entra ID does not know tenant ${TENANT} (AADSTS50034). Check tenantId / tenant-id and azure-environment`
    ],
    [
      900023,
      `'${TENANT}' is not a valid tenant (AADSTS900023). Check tenantId / tenant-id: the directory (tenant) id, a GUID`
    ]
  ])('maps AADSTS%i to a definite refusal that says what to do', (code, message) => {
    const refusal = readEntraError(
      JSON.stringify({ error: 'invalid_client', error_description: `AADSTS${code}: …`, error_codes: [code] }),
      app
    )
    expect(refusal).toEqual({ definite: true, message })
  })

  it("temporarily_unavailable is not definite; a body that is not Entra's is not an Entra error at all", () => {
    expect(readEntraError('{"error":"temporarily_unavailable","error_codes":[50196]}', app)?.definite).toBe(false)
    expect(readEntraError('<html>proxy</html>', app)).toBeUndefined()
    expect(readEntraError('{"message":"nope"}', app)).toBeUndefined()
  })
})
