/**
 * The LEAK test. The BUNDLED action (test-support/build-dist.js says which) runs a broad set of
 * end-to-end scenarios against the stand-in Qualys gateway (and, for the plan comment, the stand-in
 * GitHub API), ALL with RUNNER_DEBUG=1, and every place a secret could surface is scanned for every
 * secret in use: stdout, stderr, GITHUB_OUTPUT, GITHUB_STEP_SUMMARY and every PR comment body.
 * Only the runner's own `::add-mask::` lines may hold a secret.
 *
 * The secrets are distinctive and carry characters that get encoded (`&`, `+`, `%`, `~`, `=`,
 * spaces), so a leak in raw, URL-encoded, form-encoded, JSON-escaped or workflow-command-escaped
 * form is caught, and each holds a canary word so that even a piece of one is caught.
 */
import { afterEach, beforeEach, describe, expect, test } from '@jest/globals'
import { APP_ID, inlineInputs, spec, specConnector, TENANT, TENANT_2 } from '../test-support/e2e.js'
import { daysFromNow, FakeMicrosoft } from '../test-support/azure.js'
import { FakeQualysGateway } from '../test-support/gateway.js'
import { FakeGitHubApi, pullRequestEnv } from '../test-support/github-api.js'
import { runAction, type ActionRun } from '../test-support/run-action.js'

// ---- the secrets -----------------------------------------------------------------------------

const AZURE_SECRET = 'AzLeakCanary&Sec+ret %41~ value=x'
const QUALYS_USER = 'leak_user'
const QUALYS_PASSWORD = 'QpwLeakCanary&p+ss %2B~ w=rd'
const CLIENT_ID = 'leak-client'
const CLIENT_SECRET = 'ClientLeakCanary&s+c %7E~ ret='
const GIVEN_TOKEN = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJsZWFrLWNhbmFyeSJ9.TokLeakCanarySig_0123456789abcdef'
const GITHUB_TOKEN = 'ghs_GhLeakCanary0123456789abcdefABCDEF'
const LITERAL_SECRET = 'LiteralLeakCanary&in+git %25~ x=y'
const WRONG_PASSWORD = 'WrongPwLeakCanary&n+pe %3D~ z='

/** A word of each secret that nothing else in a run contains: a piece of a secret is a leak too. */
const CANARIES = [
  'AzLeakCanary',
  'QpwLeakCanary',
  'ClientLeakCanary',
  'TokLeakCanary',
  'GhLeakCanary',
  'LiteralLeakCanary',
  'WrongPwLeakCanary'
]

const OWNER = 'octo-org'
const REPO = 'cloud-config'
const LIST_PATH = '/connectors/v1.0/org/azure/list'
const CREATE_PATH = '/connectors/v1.0/org/azure/'
const BY_ID = /^\/connectors\/v1\.0\/org\/azure\/\d+$/

// ---- the scan --------------------------------------------------------------------------------

/** How @actions/core escapes the data of a workflow command (`::error::…`). */
const commandData = (s: string): string => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A')
/** … and the value of a command property (`file=…`). */
const commandProperty = (s: string): string => commandData(s).replace(/:/g, '%3A').replace(/,/g, '%2C')

/** Every form in which a secret could show. */
function forms(secret: string): string[] {
  return [
    ...new Set([
      secret,
      encodeURIComponent(secret),
      new URLSearchParams({ v: secret }).toString().slice(2),
      JSON.stringify(secret).slice(1, -1),
      commandData(secret),
      commandProperty(secret),
      commandData(encodeURIComponent(secret))
    ])
  ]
}

interface Visible {
  scenario: string
  where: string
  text: string
}

/** Everything a user or a log reader can see from one run, by where it is. */
function visible(scenario: string, run: ActionRun, commentBodies: string[] = []): Visible[] {
  return [
    { scenario, where: 'stdout', text: run.lines.filter(line => !line.startsWith('::add-mask::')).join('\n') },
    { scenario, where: 'stderr', text: run.stderr },
    {
      scenario,
      where: 'GITHUB_OUTPUT',
      text: `${JSON.stringify(run.outputs)}\n${Object.entries(run.outputs)
        .map(([k, v]) => `${k}=${v}`)
        .join('\n')}`
    },
    { scenario, where: 'GITHUB_STEP_SUMMARY', text: run.summary },
    ...commentBodies.map((text, i) => ({ scenario, where: `PR comment ${i + 1}`, text }))
  ]
}

/** The leaks found: which secret (form) or canary shows where. */
function leaks(places: Visible[], secrets: string[]): string[] {
  const found: string[] = []
  for (const place of places) {
    for (const secret of secrets) {
      for (const form of forms(secret)) {
        if (place.text.includes(form)) found.push(`${place.scenario}: ${place.where} holds ${JSON.stringify(form)}`)
      }
    }
    for (const canary of CANARIES) {
      if (place.text.includes(canary))
        found.push(
          `${place.scenario}: ${place.where} holds a piece of a secret (${canary}): …${excerpt(place.text, canary)}…`
        )
    }
  }
  return found
}

function excerpt(text: string, word: string): string {
  const at = text.indexOf(word)
  return text.slice(Math.max(0, at - 80), at + 80)
}

// Everything seen and every secret used in this file, for the final cross-check.
const allSeen: Visible[] = []
const allSecrets = new Set<string>([
  AZURE_SECRET,
  QUALYS_PASSWORD,
  CLIENT_SECRET,
  GIVEN_TOKEN,
  GITHUB_TOKEN,
  LITERAL_SECRET,
  WRONG_PASSWORD
])

let gateway: FakeQualysGateway
let github: FakeGitHubApi
/** How many tokens the gateway had issued when the last run started. */
let issuedBefore = 0

/** (The scan of one run.) Nothing visible holds any secret; the runner was told to mask the ones it was given. */
function expectNoLeak(scenario: string, run: ActionRun, masked: string[] = []): void {
  const tokens = gateway.issuedTokens()
  tokens.forEach(token => allSecrets.add(token))
  const issuedInRun = tokens.slice(issuedBefore)
  const places = visible(
    scenario,
    run,
    github.comments().map(c => c.body)
  )
  allSeen.push(...places)
  expect(leaks(places, [...allSecrets])).toEqual([])
  // Registered with the runner's masker before use (what makes the runner hide them in its own log).
  const maskLines = new Set(
    run.lines.filter(line => line.startsWith('::add-mask::')).map(line => line.slice('::add-mask::'.length))
  )
  for (const secret of [...masked, ...issuedInRun])
    expect({ scenario, masked: maskLines.has(commandData(secret)) ? secret : `NOT MASKED: ${secret}` }).toEqual({
      scenario,
      masked: secret
    })
}

// ---- running the action ----------------------------------------------------------------------

const DEBUG = { RUNNER_DEBUG: '1' }

function passwordLogin(password = QUALYS_PASSWORD): Record<string, string> {
  return { 'qualys-gateway-url': gateway.url, 'qualys-username': QUALYS_USER, 'qualys-password': password }
}

function inline(overrides: Record<string, string> = {}): Record<string, string> {
  return inlineInputs({ 'secret-value': AZURE_SECRET, ...overrides })
}

function act(
  inputs: Record<string, string>,
  env: Record<string, string> = {},
  files: Record<string, string> = {}
): Promise<ActionRun> {
  issuedBefore = gateway.issuedTokens().length
  return runAction({ inputs, env: { ...DEBUG, AZURE_SECRET, ...env }, files })
}

function expectExit(run: ActionRun, code: number): void {
  if (run.code !== code) throw new Error(`expected exit code ${code}, got ${run.code}\n${run.stdout}\n${run.stderr}`)
}

function prEnv(number: number): Record<string, string> {
  return pullRequestEnv(github, OWNER, REPO, number)
}

beforeEach(async () => {
  gateway = new FakeQualysGateway({
    users: [{ username: QUALYS_USER, password: QUALYS_PASSWORD }],
    clients: [{ clientId: CLIENT_ID, clientSecret: CLIENT_SECRET }],
    staticTokens: [GIVEN_TOKEN]
  })
  github = new FakeGitHubApi({ token: GITHUB_TOKEN })
  await Promise.all([gateway.start(), github.start()])
})
afterEach(async () => {
  gateway.issuedTokens().forEach(token => allSecrets.add(token))
  await Promise.all([gateway.stop(), github.stop()])
})

// ---------------------------------------------------------------------------------------------

describe('no secret leaks, RUNNER_DEBUG=1', () => {
  test('the secrets really need encoding (or the encoded checks would prove nothing)', () => {
    for (const secret of [AZURE_SECRET, QUALYS_PASSWORD, CLIENT_SECRET, LITERAL_SECRET, WRONG_PASSWORD]) {
      expect(encodeURIComponent(secret)).not.toBe(secret)
      expect(commandData(secret)).not.toBe(secret)
      expect(secret).toMatch(/&/)
      expect(secret).toMatch(/\+/)
      expect(secret).toMatch(/%/)
      expect(secret).toMatch(/~/)
      expect(secret).toMatch(/ /)
    }
  })

  test('the scan itself finds a secret in every form it may take, and a piece of one', () => {
    const at = (text: string): Visible[] => [{ scenario: 'self-test', where: 'stdout', text }]
    for (const form of forms(QUALYS_PASSWORD))
      expect(leaks(at(`x ${form} y`), [QUALYS_PASSWORD]).length).toBeGreaterThan(0)
    expect(
      leaks(at(`::error::login failed: ${commandData(QUALYS_PASSWORD)}`), [QUALYS_PASSWORD]).length
    ).toBeGreaterThan(0)
    expect(leaks(at('clipped …QpwLeakCanary&p+'), [QUALYS_PASSWORD])).toHaveLength(1)
    expect(leaks(at('password=*** secret=***'), [...allSecrets])).toEqual([])
  })

  test('create, then an unchanged rerun, then an update (the secret is sent each write)', async () => {
    const created = await act({ ...passwordLogin(), ...inline() })
    expectExit(created, 0)
    expect(created.outputs.result).toBe('created')
    expect(gateway.connectors()[0].secretValue).toBe(AZURE_SECRET)
    // The password reached the gateway intact through the form encoding (so it was really used).
    expect(gateway.issuedTokens()).toHaveLength(1)
    expect(created.stdout).toContain('::debug::') // debug logging was on
    expectNoLeak('create', created, [AZURE_SECRET, QUALYS_PASSWORD])

    const unchanged = await act({ ...passwordLogin(), ...inline() })
    expectExit(unchanged, 0)
    expect(unchanged.outputs.result).toBe('unchanged')
    expectNoLeak('unchanged rerun', unchanged, [AZURE_SECRET, QUALYS_PASSWORD])

    const updated = await act({
      ...passwordLogin(),
      ...inline({ description: 'rotated secret', 'force-update': 'true' })
    })
    expectExit(updated, 0)
    expect(updated.outputs.result).toBe('updated')
    const update = gateway.requests.find(r => r.method === 'POST' && BY_ID.test(r.path))!
    expect(JSON.parse(update.body).secretValue).toBe(AZURE_SECRET)
    expectNoLeak('update', updated, [AZURE_SECRET, QUALYS_PASSWORD])
  })

  test('plan with the PR comment (spec file, secrets from the environment)', async () => {
    gateway.seed({
      name: 'Contoso',
      tenantId: TENANT,
      tenantName: 'contoso.onmicrosoft.com',
      applicationId: APP_ID,
      connectorPrefixName: 'contoso',
      description: 'old'
    })
    const specText = spec(specConnector('Contoso', TENANT, 'description: new'), specConnector('Fabrikam', TENANT_2))
    const run = await act(
      { ...passwordLogin(), 'spec-file': 'connectors.yaml', mode: 'plan', 'github-token': GITHUB_TOKEN },
      prEnv(7),
      { 'connectors.yaml': specText }
    )
    expectExit(run, 0)
    expect(gateway.stats()).toMatchObject({ creates: 0, updates: 0 })
    const comments = github.comments(7)
    expect(comments).toHaveLength(1)
    expect(comments[0].body).toMatch(/`Contoso` \| would-update/)
    expect(comments[0].body).toMatch(/`Fabrikam` \| would-create/)
    expect(run.stdout).toContain('Plan comment created')
    expect(github.requests.every(r => r.headers.authorization?.includes(GITHUB_TOKEN))).toBe(true)
    expectNoLeak('plan + PR comment', run, [AZURE_SECRET, QUALYS_PASSWORD, GITHUB_TOKEN])
  })

  test('validate (offline), and a validation failure with a literal secret in the spec file', async () => {
    const valid = await act(
      { 'spec-file': 'connectors.yaml', mode: 'validate', 'secret-value': AZURE_SECRET, 'github-token': GITHUB_TOKEN },
      {},
      { 'connectors.yaml': spec(specConnector('Contoso')) }
    )
    expectExit(valid, 0)
    expect(valid.outputs.result).toBe('valid')
    expect(gateway.requests).toHaveLength(0)
    expectNoLeak('validate', valid, [AZURE_SECRET, GITHUB_TOKEN])

    const literal = [
      'connectors:',
      '  - name: Leaky',
      `    tenantId: ${TENANT}`,
      '    tenantName: leaky.onmicrosoft.com',
      `    applicationId: ${APP_ID}`,
      `    secretValue: "${LITERAL_SECRET}"`,
      '    connectorPrefixName: leaky',
      ''
    ].join('\n')
    for (const mode of ['validate', 'apply', 'plan']) {
      const refused = await act(
        { ...passwordLogin(), 'spec-file': 'specs/leaky.yaml', mode },
        {},
        { 'specs/leaky.yaml': literal }
      )
      expectExit(refused, 1)
      expect(refused.stdout).toMatch(
        /::error file=specs\/leaky.yaml,line=6,col=\d+::.*secretValue: must be an environment variable reference/
      )
      expect(gateway.requests).toHaveLength(0)
      expectNoLeak(`literal secret in the spec (${mode})`, refused, [QUALYS_PASSWORD])
    }
  })

  test('auth failures: a wrong password, and a gateway that echoes the login form back', async () => {
    const wrong = await act({ ...passwordLogin(WRONG_PASSWORD), ...inline() })
    expectExit(wrong, 1)
    expect(wrong.stdout).toMatch(/::error::.*refused the credentials \(401\)/)
    expectNoLeak('wrong password', wrong, [WRONG_PASSWORD, AZURE_SECRET])

    const form = new URLSearchParams({ username: QUALYS_USER, password: QUALYS_PASSWORD, token: 'true' }).toString()
    const echo = `Login failed for request body ${form} (password=${encodeURIComponent(QUALYS_PASSWORD)}, raw ${QUALYS_PASSWORD})`
    gateway.fault({
      method: 'POST',
      path: '/auth',
      fault: { kind: 'status', status: 401, body: JSON.stringify({ status: 401, message: echo }) }
    })
    const echoed = await act({ ...passwordLogin(), ...inline() })
    expectExit(echoed, 1)
    expect(echoed.stdout).toMatch(
      /::error::.*Login failed for request body username=leak_user&password=\*\*\*&token=true/
    )
    expectNoLeak('login form echoed', echoed, [QUALYS_PASSWORD, AZURE_SECRET])

    const badClient = await act({
      'qualys-gateway-url': gateway.url,
      'qualys-client-id': CLIENT_ID,
      'qualys-client-secret': `${CLIENT_SECRET}x`,
      ...inline()
    })
    expectExit(badClient, 1)
    allSecrets.add(`${CLIENT_SECRET}x`)
    expectNoLeak('wrong client secret', badClient, [`${CLIENT_SECRET}x`, AZURE_SECRET])
  })

  test('client id/secret login, and a given token', async () => {
    const viaClient = await act({
      'qualys-gateway-url': gateway.url,
      'qualys-client-id': CLIENT_ID,
      'qualys-client-secret': CLIENT_SECRET,
      ...inline()
    })
    expectExit(viaClient, 0)
    expect(gateway.requests.filter(r => r.path === '/auth/oidc')).toHaveLength(1)
    expectNoLeak('client login', viaClient, [CLIENT_SECRET, AZURE_SECRET])

    const viaToken = await act({
      'qualys-gateway-url': gateway.url,
      'qualys-token': GIVEN_TOKEN,
      // Another tenant: a second connector for the first one's tenant and scope is refused as a rename.
      ...inline({ name: 'Second', 'connector-prefix-name': 'second', 'tenant-id': TENANT_2 })
    })
    expectExit(viaToken, 0)
    expect(gateway.requests.filter(r => r.headers.authorization === `Bearer ${GIVEN_TOKEN}`).length).toBeGreaterThan(0)
    expectNoLeak('given token', viaToken, [GIVEN_TOKEN, AZURE_SECRET])
  })

  test('server errors that echo the request body with the secret and the URL-encoded password', async () => {
    const body = (status: number): string =>
      JSON.stringify({
        status,
        message: `Bad request: secretValue=${AZURE_SECRET} password=${encodeURIComponent(QUALYS_PASSWORD)} form=${new URLSearchParams({ p: QUALYS_PASSWORD }).toString()} json=${JSON.stringify({ secretValue: AZURE_SECRET })}`
      })
    // A 400 on the create: the step fails with the server's (redacted) words.
    gateway.fault({ method: 'POST', path: CREATE_PATH, fault: { kind: 'status', status: 400, body: body(400) } })
    const refused = await act({ ...passwordLogin(), ...inline() })
    expectExit(refused, 1)
    expect(refused.stdout).toContain('Bad request: secretValue=***')
    expectNoLeak('400 echoing the body', refused, [AZURE_SECRET, QUALYS_PASSWORD])

    // 5xx on every create (warnings, look-ups, the final failure) and on the listing (retries logged).
    gateway.reset()
    gateway.fault({
      method: 'GET',
      path: LIST_PATH,
      fault: { kind: 'status', status: 502, headers: { 'Retry-After': '0' }, body: body(502) }
    })
    gateway.fault({
      method: 'POST',
      path: CREATE_PATH,
      times: Infinity,
      fault: { kind: 'status', status: 500, headers: { 'Retry-After': '0' }, body: body(500) }
    })
    const failing = await act({ ...passwordLogin(), ...inline() })
    expectExit(failing, 1)
    expect(failing.stdout).toMatch(/::warning::.*Bad request: secretValue=\*\*\*/)
    expectNoLeak('5xx echoing the body', failing, [AZURE_SECRET, QUALYS_PASSWORD])

    // A 400 on an update, with a spec file.
    gateway.reset()
    gateway.seed({
      name: 'Contoso',
      tenantId: TENANT,
      tenantName: 'contoso.onmicrosoft.com',
      applicationId: APP_ID,
      connectorPrefixName: 'contoso'
    })
    gateway.fault({ method: 'POST', path: BY_ID, fault: { kind: 'status', status: 400, body: body(400) } })
    const update = await act(
      { ...passwordLogin(), 'spec-file': 'c.yaml', 'force-update': 'true' },
      {},
      { 'c.yaml': spec(specConnector('Contoso')) }
    )
    expectExit(update, 1)
    expect(update.stdout).toContain('secretValue=***')
    expectNoLeak('update 400 echoing the body', update, [AZURE_SECRET, QUALYS_PASSWORD])

    // An unreadable answer and resets (debug lines about them).
    gateway.reset()
    gateway.fault({ method: 'POST', path: CREATE_PATH, fault: { kind: 'reset-after' } })
    gateway.fault({ method: 'GET', path: LIST_PATH, skip: 1, fault: { kind: 'html' } })
    const flaky = await act({ ...passwordLogin(), ...inline() })
    expectExit(flaky, 0)
    expectNoLeak('reset + HTML page', flaky, [AZURE_SECRET, QUALYS_PASSWORD])
  })

  test('the token expires mid-run: logs in again, and neither token shows', async () => {
    gateway.seed({ name: 'Existing', tenantId: TENANT_2 })
    gateway.fault({ method: 'POST', path: CREATE_PATH, fault: { kind: 'expire-tokens' } })
    const run = await act({ ...passwordLogin(), ...inline() })
    expectExit(run, 0)
    expect(gateway.issuedTokens()).toHaveLength(2)
    expect(run.stdout).toMatch(/logged in again/)
    expectNoLeak('token expiry + re-login', run, [AZURE_SECRET, QUALYS_PASSWORD])
  })

  test('wait-for-sync ends in an error whose lastError quotes the secret', async () => {
    gateway.setSync(
      'Contoso',
      ['PENDING', 'ERROR'],
      `AADSTS7000215: Invalid client secret provided: '${AZURE_SECRET}' (${encodeURIComponent(AZURE_SECRET)})`
    )
    const run = await act({ ...passwordLogin(), ...inline(), 'wait-for-sync': 'true', 'sync-timeout': '30s' })
    expectExit(run, 1)
    expect(run.outputs.state).toBe('ERROR')
    expect(run.outputs['last-error']).toMatch(/^AADSTS7000215: Invalid client secret provided: '\*\*\*' \(\*\*\*\)$/)
    expectNoLeak('wait-for-sync error', run, [AZURE_SECRET, QUALYS_PASSWORD])
  })

  test('plan mode with a PR comment when the listing fails: the error in the comment is redacted too', async () => {
    const echo = JSON.stringify({
      status: 503,
      message: `upstream said password=${QUALYS_PASSWORD} secret=${AZURE_SECRET}`
    })
    gateway.fault({
      method: 'GET',
      path: LIST_PATH,
      times: Infinity,
      fault: { kind: 'status', status: 503, headers: { 'Retry-After': '0' }, body: echo }
    })
    const run = await act(
      {
        ...passwordLogin(),
        'spec-file': 'connectors.yaml',
        mode: 'plan',
        'github-token': GITHUB_TOKEN,
        'max-attempts': '2'
      },
      prEnv(8),
      { 'connectors.yaml': spec(specConnector('Contoso')) }
    )
    expectExit(run, 1)
    const comments = github.comments(8)
    expect(comments).toHaveLength(1)
    // Markdown-escaped, as every cell is: it reads `***`.
    expect(comments[0].body).toContain('upstream said password=*** secret=***')
    expectNoLeak('plan + PR comment, listing fails', run, [AZURE_SECRET, QUALYS_PASSWORD, GITHUB_TOKEN])
  })
})

describe('issue 8 paths, RUNNER_DEBUG=1', () => {
  test('a plan too long for a comment, posted fresh because the old one cannot be edited, after an announced pause', async () => {
    github.seedComment(OWNER, REPO, 12, '<!-- qualys-azure-tenant-connector-plan -->\nold plan', 'github-actions[bot]')
    github.refuse = { PATCH: 500 }
    gateway.fault({
      method: 'GET',
      path: LIST_PATH,
      fault: {
        kind: 'status',
        status: 200,
        headers: { 'X-RateLimit-Remaining': '0', 'X-RateLimit-ToWait-Sec': '1' },
        body: '{"content":[]}'
      }
    })
    const connectors = Array.from({ length: 100 }, (_, i) =>
      specConnector(`Tenant${i}`, TENANT, `description: ${'d'.repeat(1500)}`)
    )
    const run = await act(
      { ...passwordLogin(), 'spec-file': 'c.yaml', mode: 'plan', 'github-token': GITHUB_TOKEN },
      { ...prEnv(12), GITHUB_SERVER_URL: 'https://github.com', GITHUB_RUN_ID: '77' },
      { 'c.yaml': spec(...connectors) }
    )
    expectExit(run, 0)
    const comments = github.comments(12)
    expect(comments).toHaveLength(2)
    expect(comments[1].body).toContain('too long for a comment')
    expect(run.stdout).toMatch(/Qualys' API budget is used up; it is back at \d\d:\d\d UTC: waiting 1 s/)
    expectNoLeak('shortened plan comment, posted fresh', run, [AZURE_SECRET, QUALYS_PASSWORD, GITHUB_TOKEN])
  })

  test('a server that echoes the secrets with every character \\u-escaped, across its 500-character clip', async () => {
    const escaped = (secret: string): string =>
      [...secret].map(c => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`).join('')
    const body = `{"status":400,"message":"${'x'.repeat(480)} ${escaped(AZURE_SECRET)} and ${escaped(QUALYS_PASSWORD)}"}`
    gateway.fault({ method: 'POST', path: CREATE_PATH, fault: { kind: 'status', status: 400, body } })
    const run = await act({ ...passwordLogin(), ...inline() })
    expectExit(run, 1)
    expect(run.stdout).toContain('Qualys rejected the request (400)')
    expectNoLeak('\\u-escaped echo across the clip', run, [AZURE_SECRET, QUALYS_PASSWORD])
    // Not even a piece of a secret where the clip fell.
    const shown = visible('\\u-escaped echo across the clip', run, [])
      .map(place => place.text)
      .join('\n')
    const pieces = [AZURE_SECRET, QUALYS_PASSWORD].flatMap(secret =>
      [...secret].slice(0, -5).map((_, i) => secret.slice(i, i + 6))
    )
    expect(pieces.filter(piece => shown.includes(piece))).toEqual([])
  })
})

describe('no secret leaks in the Azure preflight, RUNNER_DEBUG=1', () => {
  let microsoft: FakeMicrosoft

  beforeEach(async () => {
    microsoft = new FakeMicrosoft({
      tenants: [
        {
          tenantId: TENANT,
          apps: [
            {
              appId: APP_ID,
              readsGraph: true,
              secrets: [{ value: AZURE_SECRET, endDateTime: daysFromNow(5), displayName: 'qualys' }]
            }
          ],
          managementGroups: [{ name: 'mg-prod', displayName: 'Production' }],
          subscriptions: 3
        }
      ]
    })
    await microsoft.start()
  })
  afterEach(async () => {
    microsoft.issuedTokens().forEach(token => allSecrets.add(token))
    await microsoft.stop()
  })

  /** Every Microsoft token issued during the run (after `before` tokens) was handed to the runner's masker. */
  function expectTokensMasked(scenario: string, run: ActionRun, before: number): void {
    const maskLines = new Set(
      run.lines.filter(line => line.startsWith('::add-mask::')).map(line => line.slice('::add-mask::'.length))
    )
    expect(microsoft.issuedTokens().length).toBeGreaterThan(before)
    for (const token of microsoft.issuedTokens().slice(before)) {
      allSecrets.add(token)
      expect({ scenario, masked: maskLines.has(commandData(token)) }).toEqual({ scenario, masked: true })
    }
  }

  test('create with every check (tokens, subscriptions, an expiring secret), then a forced update', async () => {
    const created = await act({
      ...passwordLogin(),
      ...microsoft.inputs,
      ...inline({ 'included-management-groups': 'Production' })
    })
    expectExit(created, 0)
    expect(microsoft.issuedTokens()).toHaveLength(2)
    expect(created.stdout).toMatch(
      /::warning::Contoso: Azure: the client secret in use \('qualys', id [0-9a-f-]+\) expires on/
    )
    expectTokensMasked('azure create', created, 0)
    expectNoLeak('azure create', created, [AZURE_SECRET, QUALYS_PASSWORD])

    const updated = await act({ ...passwordLogin(), ...microsoft.inputs, ...inline({ 'force-update': 'true' }) })
    expectExit(updated, 0)
    expect(updated.outputs.result).toBe('updated')
    expectTokensMasked('azure forced update', updated, 2)
    expectNoLeak('azure forced update', updated, [AZURE_SECRET, QUALYS_PASSWORD])
  })

  test('refusals and failures whose answers echo the secret: Entra, Resource Manager, Graph', async () => {
    const echo = `secret=${AZURE_SECRET} form=${new URLSearchParams({ s: AZURE_SECRET }).toString()} enc=${encodeURIComponent(AZURE_SECRET)}`
    microsoft.fault({
      path: /\/token$/,
      fault: {
        kind: 'status',
        status: 401,
        body: JSON.stringify({
          error: 'invalid_client',
          error_description: `AADSTS7000215: Invalid client secret provided: ${echo}`,
          error_codes: [7000215]
        })
      }
    })
    const refused = await act({ ...passwordLogin(), ...microsoft.inputs, ...inline() })
    expectExit(refused, 1)
    expect(refused.stdout).toMatch(/AADSTS7000215/)
    expectNoLeak('azure refusal echoing the secret', refused, [AZURE_SECRET, QUALYS_PASSWORD])

    microsoft.fault({
      path: /\/token$/,
      fault: {
        kind: 'status',
        status: 400,
        body: JSON.stringify({
          error: 'invalid_request',
          error_description: `AADSTS99999: odd ${echo}`,
          error_codes: [99999]
        })
      }
    })
    const unknown = await act({ ...passwordLogin(), ...microsoft.inputs, ...inline() })
    expectExit(unknown, 1)
    expect(unknown.stdout).toContain('AADSTS99999: odd secret=***')
    expectNoLeak('azure unknown code echoing the secret', unknown, [AZURE_SECRET, QUALYS_PASSWORD])

    microsoft.fault({
      path: '/arm/subscriptions',
      times: Infinity,
      fault: {
        kind: 'status',
        status: 502,
        headers: { 'Retry-After': '0' },
        body: JSON.stringify({ error: { code: 'BadGateway', message: echo } })
      }
    })
    microsoft.fault({
      path: /^\/graph\//,
      fault: { kind: 'status', status: 400, body: JSON.stringify({ error: { code: 'BadRequest', message: echo } }) }
    })
    const failing = await act({ ...passwordLogin(), ...microsoft.inputs, ...inline(), 'max-attempts': '2' })
    expectExit(failing, 0)
    expect(failing.stdout).toMatch(/::warning::Contoso: Azure: the subscriptions the app can read were not counted/)
    expect(failing.stdout).toMatch(
      /::warning::Contoso: Azure: the client secret's expiry was not checked .*secret=\*\*\*/
    )
    expectTokensMasked('azure 5xx and 400 echoing the secret', failing, 0)
    expectNoLeak('azure 5xx and 400 echoing the secret', failing, [AZURE_SECRET, QUALYS_PASSWORD])
  })
})

describe('issue 10 paths, RUNNER_DEBUG=1', () => {
  const STATUS_PATH = '/connectors/v1.0/org/azure/status/'

  test('enable/disable and prune, also when the status endpoint echoes the secrets back', async () => {
    const owner = { GITHUB_REPOSITORY: `${OWNER}/${REPO}` }
    const two = spec(specConnector('Contoso', TENANT), specConnector('Fabrikam', TENANT_2))
    expectExit(await act({ ...passwordLogin(), 'spec-file': 'c.yaml', prune: 'disable' }, owner, { 'c.yaml': two }), 0)
    // Fabrikam leaves the spec (prune), Contoso is disabled: one DISABLE call, first refused with 405.
    gateway.fault({
      method: 'POST',
      path: STATUS_PATH,
      fault: {
        kind: 'status',
        status: 405,
        body: JSON.stringify({
          status: 405,
          message: `no POST here; secretValue=${AZURE_SECRET} password=${QUALYS_PASSWORD}`
        })
      }
    })
    // The batch, then each connector on its own (a refused batch is retried one at a time).
    gateway.fault({
      method: 'PUT',
      path: STATUS_PATH,
      times: 3,
      fault: {
        kind: 'status',
        status: 400,
        body: JSON.stringify({
          status: 400,
          message: `Bad request: secretValue=${AZURE_SECRET} password=${encodeURIComponent(QUALYS_PASSWORD)}`
        })
      }
    })
    const only = spec(specConnector('Contoso', TENANT, 'enabled: false'))
    const refused = await act({ ...passwordLogin(), 'spec-file': 'c.yaml', prune: 'disable' }, owner, {
      'c.yaml': only
    })
    expectExit(refused, 1)
    expect(refused.stdout).toContain('secretValue=***')
    expectNoLeak('status 400 echoing the secrets', refused, [AZURE_SECRET, QUALYS_PASSWORD])
    const planned = await act(
      { ...passwordLogin(), 'spec-file': 'c.yaml', prune: 'disable', mode: 'plan', 'github-token': GITHUB_TOKEN },
      { ...owner, ...prEnv(10) },
      { 'c.yaml': only }
    )
    expectExit(planned, 0)
    expect(
      github
        .comments()
        .map(c => c.body)
        .join('\n')
    ).toContain('would-disable')
    expectNoLeak('prune plan with the PR comment', planned, [AZURE_SECRET, QUALYS_PASSWORD, GITHUB_TOKEN])
    const applied = await act({ ...passwordLogin(), 'spec-file': 'c.yaml', prune: 'disable' }, owner, {
      'c.yaml': only
    })
    expectExit(applied, 0)
    expect(gateway.connectors().every(c => c.disabled)).toBe(true)
    expectNoLeak('disable and prune', applied, [AZURE_SECRET, QUALYS_PASSWORD])
  })

  test('export with client login: the file, the spec output and the summary hold no secret', async () => {
    gateway.seed({ name: 'Contoso', tenantId: TENANT, secretValue: AZURE_SECRET })
    const exported = await act({
      'qualys-gateway-url': gateway.url,
      'qualys-client-id': CLIENT_ID,
      'qualys-client-secret': CLIENT_SECRET,
      mode: 'export'
    })
    expectExit(exported, 0)
    expect(exported.outputs.spec).toContain('secretValue: ${CONTOSO_AZURE_SECRET}')
    expectNoLeak('export', exported, [CLIENT_SECRET])
  })
})

test('across every scenario above: no run shows any secret of any run (e.g. a token issued earlier)', () => {
  expect(allSeen.length).toBeGreaterThan(50)
  expect(leaks(allSeen, [...allSecrets])).toEqual([])
})
