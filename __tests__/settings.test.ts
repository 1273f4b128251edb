import { describe, expect, it } from '@jest/globals'
import { parseTimeout } from '../src/inputs.js'
import { readSettings, type RunContext } from '../src/settings.js'

const TOKEN = { 'qualys-token': 'eyJ.jwt.sig', 'qualys-platform': 'US1' }

function read(inputs: Record<string, string>, context?: RunContext) {
  return readSettings(name => inputs[name] ?? '', context)
}

/** The inputs a run's problems name. */
function named(inputs: Record<string, string>): string[] {
  return read(inputs).problems.map(p => p.path)
}

function problemFor(inputs: Record<string, string>, input: string): string | undefined {
  return read(inputs).problems.find(p => p.path === `input '${input}'`)?.message
}

describe('readSettings: defaults and modes', () => {
  it('applies the documented defaults', () => {
    const { settings, problems } = read(TOKEN)
    expect(problems).toEqual([])
    expect(settings).toEqual({
      mode: 'apply',
      allowCreateWithoutLookup: false,
      gatewayUrl: 'https://gateway.qg1.apps.qualys.com',
      credentials: { kind: 'token', token: 'eyJ.jwt.sig' },
      specFile: undefined,
      secretValue: undefined,
      requestTimeoutMs: 30_000,
      maxAttempts: 5,
      maxConcurrency: 2,
      onExisting: 'update',
      forceUpdate: false,
      waitForSync: false,
      waitTimeoutMs: 600_000,
      rateLimitWaitMs: 900_000,
      failOnSyncError: true,
      githubToken: undefined,
      prComment: true,
      onPlanChange: 'warn',
      prune: undefined,
      azure: {
        authorityHost: 'https://login.microsoftonline.com',
        resourceManagerUrl: 'https://management.azure.com',
        graphUrl: 'https://graph.microsoft.com',
        resourceManagerAudience: 'https://management.azure.com',
        graphAudience: 'https://graph.microsoft.com',
        expiryWarningDays: 30
      }
    })
  })

  it.each([
    ['apply', 'apply'],
    ['plan', 'plan'],
    ['PLAN', 'plan'],
    [' Validate ', 'validate']
  ])('mode %j → %s', (input, mode) => {
    const { settings, problems } = read({ ...TOKEN, mode: input })
    expect(problems).toEqual([])
    expect(settings?.mode).toBe(mode)
  })

  it('export keeps where the spec is written; the other modes have no export file', () => {
    expect(read({ ...TOKEN, mode: 'export' }).settings).toHaveProperty('exportFile', 'qualys-connectors.yaml')
    expect(read({ ...TOKEN, mode: 'export', 'export-file': ' out/q.yaml ' }).settings).toHaveProperty(
      'exportFile',
      'out/q.yaml'
    )
    expect(read(TOKEN).settings).not.toHaveProperty('exportFile')
  })

  it('refuses an unknown mode, naming the input', () => {
    expect(problemFor({ ...TOKEN, mode: 'destroy' }, 'mode')).toBe(
      "'destroy' is not one of apply, plan, validate, export, check"
    )
  })

  it('prune: disable takes the owner from the repository and the spec file unless the owner input names one; prune-max defaults to 3', () => {
    const repo = { forkPullRequest: false, repository: 'acme/config' }
    expect(read({ ...TOKEN, prune: 'disable', 'spec-file': './qualys/prod.yaml' }, repo).settings?.prune).toEqual({
      owner: 'acme/config:qualys/prod.yaml',
      max: 3
    })
    // Inline inputs have no file to tell one step from another: the owner must be named.
    expect(read({ ...TOKEN, prune: 'disable' }, repo).problems.map(p => [p.path, p.message])).toEqual([
      ["input 'owner'", expect.stringContaining('is needed with prune: disable and inline inputs')]
    ])
    // Typed with a combining accent or precomposed, one owner.
    expect(read({ ...TOKEN, prune: 'disable', owner: 'e\u0301quipe' }, repo).settings?.prune?.owner).toBe('\u00e9quipe')
    expect(
      read(
        { ...TOKEN, prune: 'DISABLE', owner: 'platform-team', 'prune-max': '10' },
        { forkPullRequest: false, repository: 'acme/config' }
      ).settings?.prune
    ).toEqual({ owner: 'platform-team', max: 10 })
    expect(
      read({ ...TOKEN, prune: 'off' }, { forkPullRequest: false, repository: 'acme/config' }).settings?.prune
    ).toBeUndefined()
  })

  it('refuses a bad prune, prune-max, or a prune without any owner', () => {
    expect(problemFor({ ...TOKEN, prune: 'delete' }, 'prune')).toBe("'delete' is not one of off, disable")
    expect(problemFor({ ...TOKEN, 'prune-max': 'many' }, 'prune-max')).toMatch(/whole number/)
    expect(problemFor({ ...TOKEN, prune: 'disable' }, 'owner')).toMatch(/is needed with prune: disable/)
  })

  it('validate needs no gateway and no credentials', () => {
    const { settings, problems } = read({ mode: 'validate' })
    expect(problems).toEqual([])
    expect(settings).not.toHaveProperty('gatewayUrl')
    expect(settings).not.toHaveProperty('credentials')
  })

  it.each(['apply', 'plan'])('%s needs a gateway and credentials', mode => {
    expect(named({ mode })).toEqual([
      "input 'qualys-platform'",
      "inputs 'qualys-token', 'qualys-username', 'qualys-password', 'qualys-client-id', 'qualys-client-secret'"
    ])
  })

  it.each([['update'], ['skip'], ['fail'], ['SKIP']])('on-existing %s', value => {
    const { settings, problems } = read({ ...TOKEN, 'on-existing': value })
    expect(problems).toEqual([])
    expect(settings?.onExisting).toBe(value.toLowerCase())
  })

  it('refuses an unknown on-existing', () => {
    expect(problemFor({ ...TOKEN, 'on-existing': 'replace' }, 'on-existing')).toContain(
      "'replace' is not one of update, skip, fail"
    )
  })

  it('keeps the spec file, secret and GitHub token', () => {
    const { settings } = read({
      ...TOKEN,
      'spec-file': ' connectors.yml ',
      'secret-value': ' s3cret ',
      'github-token': 'ghs_x'
    })
    expect(settings?.specFile).toBe('connectors.yml')
    expect(settings?.secretValue).toBe(' s3cret ') // a secret is taken as given
    expect(settings?.githubToken).toBe('ghs_x')
  })
})

describe('readSettings: gateway', () => {
  // The gateways written out (the platform table of Qualys's documentation), not read from PLATFORM_GATEWAYS.
  it.each([
    ['US1', 'https://gateway.qg1.apps.qualys.com'],
    ['US2', 'https://gateway.qg2.apps.qualys.com'],
    ['US3', 'https://gateway.qg3.apps.qualys.com'],
    ['US4', 'https://gateway.qg4.apps.qualys.com'],
    ['GOV1', 'https://gateway.gov1.qualys.us'],
    ['EU1', 'https://gateway.qg1.apps.qualys.eu'],
    ['EU2', 'https://gateway.qg2.apps.qualys.eu'],
    ['EU3', 'https://gateway.qg3.apps.qualys.it'],
    ['IN1', 'https://gateway.qg1.apps.qualys.in'],
    ['CA1', 'https://gateway.qg1.apps.qualys.ca'],
    ['AE1', 'https://gateway.qg1.apps.qualys.ae'],
    ['UK1', 'https://gateway.qg1.apps.qualys.co.uk'],
    ['AU1', 'https://gateway.qg1.apps.qualys.com.au'],
    ['KSA1', 'https://gateway.qg1.apps.qualysksa.com']
  ])('platform %s', (platform, url) => {
    expect(read({ 'qualys-token': 't', 'qualys-platform': platform }).settings).toHaveProperty('gatewayUrl', url)
  })

  it.each(['eu1', 'Eu1', ' EU1 '])('platform names are case-insensitive (%j)', platform => {
    const { settings, problems } = read({ 'qualys-token': 't', 'qualys-platform': platform })
    expect(problems).toEqual([])
    expect(settings).toHaveProperty('gatewayUrl', 'https://gateway.qg1.apps.qualys.eu')
  })

  it('refuses an unknown platform and lists the known ones', () => {
    const message = problemFor({ 'qualys-token': 't', 'qualys-platform': 'US9' }, 'qualys-platform')
    // Every platform, and no other: one added to the code without a row above shows here.
    expect(message).toBe(
      "'US9' is not a Qualys platform; use one of US1, US2, US3, US4, GOV1, EU1, EU2, EU3, IN1, CA1, AE1, UK1, AU1, KSA1, or qualys-gateway-url for a private cloud"
    )
  })

  it('refuses both a platform and a URL', () => {
    expect(
      problemFor(
        { 'qualys-token': 't', 'qualys-platform': 'US1', 'qualys-gateway-url': 'https://gw.example.com' },
        'qualys-platform'
      )
    ).toContain('not both')
  })

  it.each([
    ['https://gateway.example.com', 'https://gateway.example.com'],
    ['https://gateway.example.com/', 'https://gateway.example.com'],
    ['https://gateway.example.com/qualys///', 'https://gateway.example.com/qualys'],
    ['https://GATEWAY.example.com:8443/', 'https://gateway.example.com:8443'],
    ['http://127.0.0.1:8080', 'http://127.0.0.1:8080'],
    ['http://127.1.2.3:8080/', 'http://127.1.2.3:8080'],
    ['http://localhost:3000', 'http://localhost:3000'],
    ['http://[::1]:8080', 'http://[::1]:8080']
  ])('accepts gateway URL %s', (url, expected) => {
    const { settings, problems } = read({ 'qualys-token': 't', 'qualys-gateway-url': url })
    expect(problems).toEqual([])
    expect(settings).toHaveProperty('gatewayUrl', expected)
  })

  it.each([
    ['http://gateway.example.com', 'must use https://'],
    ['http://localhost.evil.example', 'must use https://'],
    ['http://127.0.0.1.nip.io', 'must use https://'],
    ['http://10.0.0.1', 'must use https://'],
    ['ftp://gateway.example.com', 'must use https://'],
    ['https://user:hunter2@gateway.example.com', 'must not contain credentials'],
    ['https://user@gateway.example.com', 'must not contain credentials'],
    ['https://gateway.example.com/?debug=1', 'must not have a query or fragment'],
    ['https://gateway.example.com/#x', 'must not have a query or fragment'],
    ['gateway.example.com', 'is not a URL']
  ])('refuses gateway URL %s', (url, why) => {
    const message = problemFor({ 'qualys-token': 't', 'qualys-gateway-url': url }, 'qualys-gateway-url')
    expect(message).toContain(why)
    expect(message ?? '').not.toContain('hunter2')
  })

  it('does not echo credentials from a gateway URL it cannot parse', () => {
    const message = problemFor(
      { 'qualys-token': 't', 'qualys-gateway-url': 'https://alice:hunter2@gateway example.com' },
      'qualys-gateway-url'
    )
    expect(message).toBeDefined()
    expect(message).not.toContain('hunter2')
  })
})

describe('readSettings: credentials', () => {
  const gw = { 'qualys-platform': 'US1' }

  it('takes a token', () => {
    expect(read({ ...gw, 'qualys-token': ' tok ' }).settings).toHaveProperty('credentials', {
      kind: 'token',
      token: 'tok'
    })
  })

  it('takes a username and password (password as given)', () => {
    const { settings, problems } = read({ ...gw, 'qualys-username': ' alice ', 'qualys-password': ' pa ss ' })
    expect(problems).toEqual([])
    expect(settings).toHaveProperty('credentials', { kind: 'password', username: 'alice', password: ' pa ss ' })
  })

  it('takes a client id and secret', () => {
    const { settings, problems } = read({ ...gw, 'qualys-client-id': 'cid', 'qualys-client-secret': 'csecret' })
    expect(problems).toEqual([])
    expect(settings).toHaveProperty('credentials', { kind: 'client', clientId: 'cid', clientSecret: 'csecret' })
  })

  it('needs one way to log in', () => {
    const { problems } = read(gw)
    expect(problems).toEqual([
      {
        path: "inputs 'qualys-token', 'qualys-username', 'qualys-password', 'qualys-client-id', 'qualys-client-secret'",
        message: expect.stringContaining('none is set')
      }
    ])
  })

  it.each([
    [
      { 'qualys-token': 't', 'qualys-username': 'u', 'qualys-password': 'p' },
      "inputs 'qualys-token', 'qualys-username', 'qualys-password'"
    ],
    [{ 'qualys-token': 't', 'qualys-client-id': 'c' }, "inputs 'qualys-token', 'qualys-client-id'"],
    [
      { 'qualys-username': 'u', 'qualys-password': 'p', 'qualys-client-secret': 's' },
      "inputs 'qualys-username', 'qualys-password', 'qualys-client-secret'"
    ]
  ])('refuses more than one way to log in, naming the inputs that were set (%j)', (inputs, path) => {
    const { settings, problems } = read({ ...gw, ...inputs })
    expect(problems).toEqual([{ path, message: expect.stringContaining('exactly one way') }])
    expect(settings).toBeUndefined()
  })

  it.each([
    [{ 'qualys-username': 'u' }, 'qualys-password'],
    [{ 'qualys-password': 'p' }, 'qualys-username'],
    [{ 'qualys-client-id': 'c' }, 'qualys-client-secret'],
    [{ 'qualys-client-secret': 's' }, 'qualys-client-id']
  ])('needs both halves of a pair (%j → %s)', (inputs, missing) => {
    const { settings, problems } = read({ ...gw, ...inputs })
    expect(problems.map(p => p.path)).toEqual([`input '${missing}'`])
    expect(settings).toBeUndefined()
  })

  it('does not treat a whitespace-only token as set', () => {
    expect(read({ ...gw, 'qualys-token': '   ' }).problems.map(p => p.message)).toEqual([
      expect.stringContaining('none is set')
    ])
  })
})

describe('readSettings: pull requests from forks', () => {
  const fork = { forkPullRequest: true }

  it('a plan without credentials from a fork becomes an offline validation that says why', () => {
    const { settings, problems } = readSettings(
      name => (({ mode: 'plan', 'spec-file': 'q.yml' }) as Record<string, string>)[name] ?? '',
      fork
    )
    expect(problems).toEqual([])
    expect(settings?.mode).toBe('validate')
    expect(settings).toHaveProperty('offlineBecause', expect.stringContaining('fork'))
    expect(settings).not.toHaveProperty('credentials')
  })

  it('a username or client id given as a literal or a variable still counts as no credentials (the secret half is empty)', () => {
    for (const literal of [{ 'qualys-username': 'svc-qualys' }, { 'qualys-client-id': 'cid' }] as Record<
      string,
      string
    >[]) {
      const { settings, problems } = readSettings(
        name => (({ mode: 'plan', 'qualys-platform': 'US1', ...literal }) as Record<string, string>)[name] ?? '',
        fork
      )
      expect(problems).toEqual([])
      expect(settings?.mode).toBe('validate')
    }
  })

  it('a fork with credentials (pull_request_target, or secrets given) still plans; an apply is never downgraded', () => {
    expect(
      readSettings(name => (({ ...TOKEN, mode: 'plan' }) as Record<string, string>)[name] ?? '', fork).settings?.mode
    ).toBe('plan')
    const apply = readSettings(
      name => (({ mode: 'apply', 'qualys-platform': 'US1' }) as Record<string, string>)[name] ?? '',
      fork
    )
    expect(apply.request.mode).toBe('apply')
    expect(apply.settings).toBeUndefined()
    expect(apply.problems.map(p => p.message)).toEqual([expect.stringContaining('none is set')])
  })

  it('outside a fork, a plan without credentials is a problem', () => {
    expect(
      readSettings(name => (({ mode: 'plan', 'qualys-platform': 'US1' }) as Record<string, string>)[name] ?? '')
        .problems
    ).toHaveLength(1)
  })
})

describe('readSettings: allow-create-without-lookup', () => {
  it.each([
    ['', false],
    ['true', true],
    ['false', false]
  ])('%j → %s', (value, expected) => {
    expect(read({ ...TOKEN, 'allow-create-without-lookup': value }).settings?.allowCreateWithoutLookup).toBe(expected)
  })
})

describe('readSettings: numbers, durations and flags', () => {
  it.each([
    ['30s', 30_000],
    ['500ms', 500],
    ['1m30s', 90_000],
    ['45', 45_000],
    ['2.5s', 2_500],
    ['10m', 600_000],
    ['1MS', 1],
    ['  20s ', 20_000]
  ])('request-timeout %j → %d ms', (value, ms) => {
    const { settings, problems } = read({ ...TOKEN, 'request-timeout': value })
    expect(problems).toEqual([])
    expect(settings?.requestTimeoutMs).toBe(ms)
  })

  it.each(['0', '0ms', '11m', '1h', 'soon', '30 s', '-5s', '1x', '5s!'])('refuses request-timeout %j', value => {
    expect(problemFor({ ...TOKEN, 'request-timeout': value }, 'request-timeout')).toBeDefined()
  })

  it('sync-timeout: 1 s to 6 h', () => {
    expect(read({ ...TOKEN, 'sync-timeout': '6h' }).settings?.waitTimeoutMs).toBe(6 * 3_600_000)
    expect(read({ ...TOKEN, 'sync-timeout': '1s' }).settings?.waitTimeoutMs).toBe(1000)
    expect(problemFor({ ...TOKEN, 'sync-timeout': '999ms' }, 'sync-timeout')).toContain('must be between')
    expect(problemFor({ ...TOKEN, 'sync-timeout': '6h1s' }, 'sync-timeout')).toContain('must be between')
    expect(problemFor({ ...TOKEN, 'sync-timeout': 'forever' }, 'sync-timeout')).toContain('is not a duration')
  })

  it.each([
    ['max-attempts', '1', 1],
    ['max-attempts', '10', 10],
    ['max-attempts', ' 7 ', 7],
    ['max-concurrency', '1', 1],
    ['max-concurrency', '20', 20]
  ] as const)('%s %j → %d', (input, value, expected) => {
    const { settings, problems } = read({ ...TOKEN, [input]: value })
    expect(problems).toEqual([])
    expect(input === 'max-attempts' ? settings?.maxAttempts : settings?.maxConcurrency).toBe(expected)
  })

  it.each([
    ['max-attempts', '0'],
    ['max-attempts', '11'],
    ['max-attempts', '3.5'],
    ['max-attempts', '-1'],
    ['max-attempts', 'five'],
    ['max-attempts', '1e1'],
    ['max-concurrency', '0'],
    ['max-concurrency', '21']
  ])('refuses %s %j', (input, value) => {
    expect(problemFor({ ...TOKEN, [input]: value }, input)).toContain('must be a whole number from')
  })

  it.each([
    ['true', true],
    ['TRUE', true],
    ['True', true],
    ['false', false],
    ['FALSE', false],
    [' false ', false]
  ])('booleans in any case: %j', (value, expected) => {
    const { settings, problems } = read({
      ...TOKEN,
      'force-update': value,
      'wait-for-sync': value,
      'fail-on-sync-error': value,
      'pr-comment': value
    })
    expect(problems).toEqual([])
    expect([settings?.forceUpdate, settings?.waitForSync, settings?.failOnSyncError, settings?.prComment]).toEqual([
      expected,
      expected,
      expected,
      expected
    ])
  })

  it.each(['yes', '1', 'on', 'no'])('refuses boolean %j', value => {
    expect(problemFor({ ...TOKEN, 'pr-comment': value }, 'pr-comment')).toBe(`'${value}' is not true or false`)
  })
})

describe('readSettings: force-update', () => {
  it.each([
    ['', false],
    ['true', true],
    ['FALSE', false],
    ['Contoso', ['Contoso']],
    ['Contoso, Fabrikam', ['Contoso', 'Fabrikam']],
    ['Contoso\nFabrikam\n', ['Contoso', 'Fabrikam']],
    ['  Contoso Ltd ,\r\n , Fabrikam', ['Contoso Ltd', 'Fabrikam']]
  ])('reads %j as %j: a flag, or the names of the connectors to force', (value, expected) => {
    const { settings, problems } = read({ ...TOKEN, 'force-update': value })
    expect(problems).toEqual([])
    expect(settings?.forceUpdate).toEqual(expected)
  })
})

describe('readSettings: every problem at once', () => {
  it('reports each bad input by name in one pass', () => {
    const { problems } = read({
      mode: 'yolo',
      'request-timeout': 'never',
      'max-attempts': '0',
      'max-concurrency': '99',
      'on-existing': 'merge',
      // Not a flag: a connector name, checked against the spec once it is read (forceUpdateProblems).
      'force-update': 'maybe',
      'wait-for-sync': 'y',
      'sync-timeout': '1ms',
      'fail-on-sync-error': 'n',
      'pr-comment': 'x',
      'qualys-gateway-url': 'http://gateway.example.com',
      'qualys-username': 'alice'
    })
    expect(problems.map(p => p.path).sort()).toEqual([
      "input 'fail-on-sync-error'",
      "input 'max-attempts'",
      "input 'max-concurrency'",
      "input 'mode'",
      "input 'on-existing'",
      "input 'pr-comment'",
      "input 'qualys-gateway-url'",
      "input 'qualys-password'",
      "input 'request-timeout'",
      "input 'sync-timeout'",
      "input 'wait-for-sync'"
    ])
    for (const problem of problems) expect(problem.message.length).toBeGreaterThan(0)
  })
})

describe('readSettings: the Azure preflight inputs', () => {
  it("picks Microsoft's published endpoints for each cloud, case-insensitively", () => {
    expect(read({ ...TOKEN, 'azure-environment': 'azureusgovernment' }).settings?.azure).toEqual({
      authorityHost: 'https://login.microsoftonline.us',
      resourceManagerUrl: 'https://management.usgovcloudapi.net',
      graphUrl: 'https://graph.microsoft.us',
      resourceManagerAudience: 'https://management.usgovcloudapi.net',
      graphAudience: 'https://graph.microsoft.us',
      expiryWarningDays: 30
    })
    expect(read({ ...TOKEN, 'azure-environment': 'AzureChinaCloud' }).settings?.azure).toMatchObject({
      authorityHost: 'https://login.chinacloudapi.cn',
      resourceManagerUrl: 'https://management.chinacloudapi.cn',
      graphUrl: 'https://microsoftgraph.chinacloudapi.cn'
    })
  })

  it("each endpoint may be overridden (https, or http on loopback), the rest keep the cloud's", () => {
    const { settings, problems } = read({
      ...TOKEN,
      'azure-resource-manager-url': 'https://management.local.azurestack.external/',
      'azure-authority-host': 'http://127.0.0.1:9/login',
      'azure-secret-expiry-warning-days': '0'
    })
    expect(problems).toEqual([])
    expect(settings?.azure).toEqual({
      authorityHost: 'http://127.0.0.1:9/login',
      resourceManagerUrl: 'https://management.local.azurestack.external',
      graphUrl: 'https://graph.microsoft.com',
      resourceManagerAudience: 'https://management.azure.com',
      graphAudience: 'https://graph.microsoft.com',
      expiryWarningDays: 0
    })
  })

  it('azure-preflight: false turns it off', () => {
    expect(read({ ...TOKEN, 'azure-preflight': 'FALSE' }).settings?.azure).toBeUndefined()
  })

  it('refuses bad values, naming each input, in every mode', () => {
    const inputs = {
      'azure-preflight': 'yes please',
      'azure-environment': 'AzureStack',
      'azure-graph-url': 'http://10.0.0.1',
      'azure-authority-host': 'login',
      'azure-secret-expiry-warning-days': '-1'
    }
    for (const mode of ['apply', 'validate']) {
      expect(named({ ...TOKEN, mode, ...inputs }).sort()).toEqual([
        "input 'azure-authority-host'",
        "input 'azure-environment'",
        "input 'azure-graph-url'",
        "input 'azure-preflight'",
        "input 'azure-secret-expiry-warning-days'"
      ])
    }
    expect(problemFor({ ...TOKEN, 'azure-graph-url': 'http://graph.example.com' }, 'azure-graph-url')).toBe(
      'must use https:// (http:// is only accepted for a loopback test stand-in)'
    )
  })
})

describe('parseTimeout', () => {
  it.each([
    ['30s', 30_000],
    ['500ms', 500],
    ['1m30s', 90_000],
    ['10m', 600_000],
    ['1h', 3_600_000],
    ['1h30m', 5_400_000],
    ['90', 90_000],
    ['0.5', 500],
    ['1.5m', 90_000],
    ['2H', 7_200_000],
    ['1m500ms', 60_500]
  ])('%j → %d ms', (text, ms) => {
    expect(parseTimeout(text)).toBe(ms)
  })

  it.each(['', 's', 'ms', '30 s', '30sec', '1d', '-1s', '1h x', 'x1h', '1.s', ' 30s'])('%j is not a duration', text => {
    expect(parseTimeout(text)).toBeUndefined()
  })
})
