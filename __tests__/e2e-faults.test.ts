/**
 * End to end under faults: the BUNDLED action (test-support/build-dist.js says which), run as
 * the GitHub runner runs it, against the stand-in Qualys gateway with one fault injected per test.
 * Every test checks three things:
 *   (a) the server ends as the spec asks, or the step fails with a clear, actionable message;
 *   (b) the server holds no duplicate connector (counted by name);
 *   (c) no secret (Azure secret, Qualys password, any JWT the gateway issued) shows anywhere.
 * Retries are kept fast: faults carry `Retry-After: 0` or a small `X-RateLimit-ToWait-Sec`.
 */
import { afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals'
import {
  annotations,
  APP_ID,
  AZURE_SECRET,
  expectNoLeak,
  fingerprintLineOf,
  inlineInputs,
  passwordInputs,
  spec,
  specConnector,
  TENANT,
  USER
} from '../test-support/e2e.js'
import {
  FakeQualysGateway,
  type FaultKind,
  type GatewayOptions,
  type RecordedRequest
} from '../test-support/gateway.js'
import { runAction, type ActionRun } from '../test-support/run-action.js'

/** What an update of the description writes: the update sends the secret, so it records its fingerprint last. */
let WRITTEN = ''
let FINGERPRINT = ''
beforeAll(async () => {
  FINGERPRINT = await fingerprintLineOf()
  WRITTEN = `new description\n${FINGERPRINT}`
})

const LIST_PATH = '/connectors/v1.0/org/azure/list'
const CREATE_PATH = '/connectors/v1.0/org/azure/'
const BY_ID = /^\/connectors\/v1\.0\/org\/azure\/\d+$/

let gateway: FakeQualysGateway

async function boot(options: GatewayOptions = {}): Promise<void> {
  gateway = new FakeQualysGateway({ users: [USER], ...options })
  await gateway.start()
}

beforeEach(() => boot())
afterEach(() => gateway.stop())

// ---- running the action ----------------------------------------------------------------------

/** Applies the inline connector 'Contoso' (password login). */
function apply(inputs: Record<string, string> = {}): Promise<ActionRun> {
  return runAction({ inputs: { ...passwordInputs(gateway.url), ...inlineInputs(), ...inputs } })
}

/** Applies a spec file (connectors.yaml) whose secrets come from AZURE_SECRET. */
function applySpec(specText: string, inputs: Record<string, string> = {}): Promise<ActionRun> {
  return runAction({
    inputs: { ...passwordInputs(gateway.url), 'spec-file': 'connectors.yaml', ...inputs },
    env: { AZURE_SECRET },
    files: { 'connectors.yaml': specText }
  })
}

/** Seeds 'Contoso' as the inline connector would create it, with an old description. */
function seedContoso(description = 'old description'): number {
  return gateway.seed({
    name: 'Contoso',
    tenantId: TENANT,
    tenantName: 'contoso.onmicrosoft.com',
    applicationId: APP_ID,
    connectorPrefixName: 'contoso',
    description
  }).id
}

// ---- what the gateway saw --------------------------------------------------------------------

/** One word per request: auth, list<page>, create, update, get; then the status answered (0 = reset). */
function label(r: RecordedRequest): string {
  let kind: string
  if (r.path.startsWith('/auth')) kind = 'auth'
  else if (r.method === 'GET' && (r.path === LIST_PATH || r.path === CREATE_PATH))
    kind = `list${r.query.pageNumber ?? ''}`
  else if (r.method === 'POST' && r.path === CREATE_PATH) kind = 'create'
  else if (r.method === 'POST' && BY_ID.test(r.path)) kind = 'update'
  else if (r.method === 'GET' && BY_ID.test(r.path)) kind = 'get'
  else kind = `${r.method} ${r.path}`
  return `${kind} ${r.status}`
}

/** The API requests (logins left out) in the order the gateway received them. */
function sequence(): string[] {
  return gateway.requests.filter(r => !r.path.startsWith('/auth')).map(label)
}

function createsSent(): RecordedRequest[] {
  return gateway.requests.filter(r => r.method === 'POST' && r.path === CREATE_PATH)
}

/** (b): every name is held by exactly one connector. */
function expectNoDuplicates(): void {
  const counts = new Map<string, number>()
  for (const c of gateway.connectors()) counts.set(c.name, (counts.get(c.name) ?? 0) + 1)
  const duplicated = [...counts].filter(([, n]) => n > 1)
  expect(duplicated).toEqual([])
}

/** (c): nothing visible holds a secret. */
function expectSafe(run: ActionRun): void {
  expectNoLeak(run, [AZURE_SECRET, USER.password, ...gateway.issuedTokens()])
}

/** The numbers of the closing `Qualys API calls: N made, R retried, T throttled` line. */
function calls(run: ActionRun): { made: number; retried: number; throttled: number } {
  const match = /Qualys API calls: (\d+) made, (\d+) retried, (\d+) throttled/.exec(run.stdout)
  if (!match) throw new Error(`no 'Qualys API calls' line in the log\n${log(run)}`)
  return { made: Number(match[1]), retried: Number(match[2]), throttled: Number(match[3]) }
}

function log(run: ActionRun): string {
  return `${run.stdout}\n${run.stderr}`
}

function expectExit(run: ActionRun, code: number): void {
  if (run.code !== code) throw new Error(`expected exit code ${code}, got ${run.code}\n${log(run)}`)
}

/** The single connector named Contoso, checked against the outputs of the run. */
function expectOneContoso(run: ActionRun, result = 'created'): void {
  expectExit(run, 0)
  const named = gateway.connectors().filter(c => c.name === 'Contoso')
  expect(named).toHaveLength(1)
  expect(run.outputs.result).toBe(result)
  expect(run.outputs['connector-id']).toBe(String(named[0].id))
  expect(named[0].secretValue).toBe(AZURE_SECRET)
}

/** Waits until the gateway has answered every request (a delayed one may still be sleeping). */
async function settle(timeoutMs = 5000): Promise<void> {
  const until = Date.now() + timeoutMs
  while (gateway.requests.some(r => r.status === 0)) {
    if (Date.now() > until) throw new Error(`the gateway still has unanswered requests: ${sequence().join(', ')}`)
    await new Promise(resolve => setTimeout(resolve, 20))
  }
}

const status = (code: number, headers: Record<string, string> = {}, body?: string): FaultKind => ({
  kind: 'status',
  status: code,
  headers,
  body
})

// ---------------------------------------------------------------------------------------------

describe('throttling: wait as told, then go on', () => {
  it('429 with X-RateLimit-ToWait-Sec on the listing: waits that long, lists again, creates once', async () => {
    gateway.fault({ method: 'GET', path: LIST_PATH, fault: status(429, { 'X-RateLimit-ToWait-Sec': '0.1' }) })
    const run = await apply()
    expectOneContoso(run)
    expect(sequence()).toEqual(['list0 429', 'list0 200', 'create 200', 'list0 200'])
    expect(run.stdout).toMatch(/throttled by Qualys \(429\); waiting 100 ms/)
    expect(calls(run)).toEqual({ made: 5, retried: 1, throttled: 1 })
    expectNoDuplicates()
    expectSafe(run)
  })

  it('429 with Retry-After on the create: the create is sent again (the server did not act), no lookup needed', async () => {
    gateway.fault({ method: 'POST', path: CREATE_PATH, fault: status(429, { 'Retry-After': '0' }) })
    const run = await apply()
    expectOneContoso(run)
    expect(sequence()).toEqual(['list0 200', 'create 429', 'create 200', 'list0 200'])
    expect(calls(run)).toEqual({ made: 5, retried: 1, throttled: 1 })
    expectNoDuplicates()
    expectSafe(run)
  })

  it('409 with a wait header is throttling, not a duplicate name: the create is sent again', async () => {
    gateway.fault({
      method: 'POST',
      path: CREATE_PATH,
      fault: status(409, { 'X-RateLimit-ToWait-Sec': '0.1' }, JSON.stringify({ status: 409, message: 'Conflict' }))
    })
    const run = await apply()
    expectOneContoso(run)
    expect(sequence()).toEqual(['list0 200', 'create 409', 'create 200', 'list0 200'])
    expect(annotations(run, 'warning').join('\n')).not.toMatch(/exists/)
    expect(calls(run)).toEqual({ made: 5, retried: 1, throttled: 1 })
    expectNoDuplicates()
    expectSafe(run)
  })

  it('409 throttling on an update: waits, sends the update again, ends updated', async () => {
    const id = seedContoso()
    gateway.fault({
      method: 'POST',
      path: BY_ID,
      fault: status(409, { 'Retry-After': '0' }, JSON.stringify({ status: 409, message: 'Rate limit exceeded' }))
    })
    const run = await apply({ description: 'new description' })
    expectOneContoso(run, 'updated')
    expect(sequence()).toEqual(['list0 200', 'update 409', 'update 200'])
    expect(gateway.connectors()[0]).toMatchObject({ id, description: WRITTEN })
    expect(calls(run)).toEqual({ made: 4, retried: 1, throttled: 1 })
    expectNoDuplicates()
    expectSafe(run)
  })

  it('throttled on every attempt: stops after max-attempts with a message that says what to do, nothing created', async () => {
    gateway.fault({
      method: 'GET',
      path: LIST_PATH,
      times: Infinity,
      fault: status(429, { 'X-RateLimit-ToWait-Sec': '0.05' })
    })
    const run = await apply({ 'max-attempts': '3' })
    expectExit(run, 1)
    expect(sequence()).toEqual(['list0 429', 'list0 429', 'list0 429'])
    expect(gateway.connectors()).toHaveLength(0)
    expect(run.outputs.result).toBe('not-attempted')
    const errors = annotations(run).join('\n')
    expect(errors).toContain('Could not look up the existing connectors, so nothing was changed')
    expect(errors).toMatch(/kept throttling.*Run again later, lower max-concurrency, or ask Qualys to raise the limit/)
    expect(calls(run)).toEqual({ made: 4, retried: 2, throttled: 3 })
    expectSafe(run)
  })
})

describe.each([500, 502, 503, 504])('HTTP %i', code => {
  const fault = status(code, { 'Retry-After': '0' })

  it(`on the listing: lists again, then creates once`, async () => {
    gateway.fault({ method: 'GET', path: LIST_PATH, fault })
    const run = await apply()
    expectOneContoso(run)
    expect(sequence()).toEqual([`list0 ${code}`, 'list0 200', 'create 200', 'list0 200'])
    expect(calls(run)).toEqual({ made: 5, retried: 1, throttled: 0 })
    expectNoDuplicates()
    expectSafe(run)
  })

  it(`on the create: looks the name up again before sending the create again`, async () => {
    gateway.fault({ method: 'POST', path: CREATE_PATH, fault })
    const run = await apply()
    expectOneContoso(run)
    // The create is never sent twice in a row: a listing proves it did not happen first.
    expect(sequence()).toEqual(['list0 200', `create ${code}`, 'list0 200', 'create 200', 'list0 200'])
    expect(annotations(run, 'warning').join('\n')).toMatch(
      new RegExp(
        `Contoso: Create connector 'Contoso': Qualys answered ${code}.*Checking whether Qualys created it before trying again`
      )
    )
    const counted = calls(run)
    expect(counted.made).toBe(6)
    expect(counted.throttled).toBe(0)
    // The create was sent again: the closing line must not claim nothing was retried.
    expect(counted.retried).toBe(1)
    expectNoDuplicates()
    expectSafe(run)
  })

  it(`on the update: the full-replacement update is sent again and lands`, async () => {
    const id = seedContoso()
    gateway.fault({ method: 'POST', path: BY_ID, fault })
    const run = await apply({ description: 'new description' })
    expectOneContoso(run, 'updated')
    expect(sequence()).toEqual(['list0 200', `update ${code}`, 'update 200'])
    expect(gateway.connectors()).toEqual([
      expect.objectContaining({ id, description: WRITTEN, secretValue: AZURE_SECRET })
    ])
    expect(calls(run)).toEqual({ made: 4, retried: 1, throttled: 0 })
    expectNoDuplicates()
    expectSafe(run)
  })
})

describe('a server that keeps failing', () => {
  it('503 on every create: gives up after checking each time, nothing created, says to run again later', async () => {
    gateway.fault({ method: 'POST', path: CREATE_PATH, times: Infinity, fault: status(503, { 'Retry-After': '0' }) })
    const run = await apply()
    expectExit(run, 1)
    expect(sequence()).toEqual([
      'list0 200',
      'create 503',
      'list0 200',
      'create 503',
      'list0 200',
      'create 503',
      'list0 200'
    ])
    expect(gateway.connectors()).toHaveLength(0)
    expect(run.outputs.result).toBe('failed')
    expect(annotations(run).join('\n')).toMatch(
      /Contoso: the create kept failing without a clear answer; Qualys has no connector named 'Contoso' now\. Run again later/
    )
    expectSafe(run)
  })
})

describe('connection resets', () => {
  it('reset before the server acts on the create: looks up, finds nothing, creates once', async () => {
    gateway.fault({ method: 'POST', path: CREATE_PATH, fault: { kind: 'reset-before' } })
    const run = await apply()
    expectOneContoso(run)
    expect(sequence()).toEqual(['list0 200', 'create 0', 'list0 200', 'create 200', 'list0 200'])
    expect(gateway.stats().creates).toBe(1)
    expectNoDuplicates()
    expectSafe(run)
  })

  it('reset AFTER the server created the connector: looks up, finds it, does not send the create again', async () => {
    gateway.fault({ method: 'POST', path: CREATE_PATH, fault: { kind: 'reset-after' } })
    const run = await apply()
    expectOneContoso(run)
    expect(sequence()).toEqual(['list0 200', 'create 0', 'list0 200', 'list0 200'])
    expect(createsSent()).toHaveLength(1)
    expect(run.stdout).toMatch(/Contoso: Qualys did create it \(id \d+\); not sending it again/)
    expectNoDuplicates()
    expectSafe(run)
  })

  it('reset on the listing: lists again after a back-off, then creates once', async () => {
    gateway.fault({ method: 'GET', path: LIST_PATH, fault: { kind: 'reset-before' } })
    const run = await apply()
    expectOneContoso(run)
    expect(sequence()).toEqual(['list0 0', 'list0 200', 'create 200', 'list0 200'])
    expect(calls(run)).toEqual({ made: 5, retried: 1, throttled: 0 })
    expectNoDuplicates()
    expectSafe(run)
  })

  it('reset after the server applied an update: the update is sent again, same result', async () => {
    const id = seedContoso()
    gateway.fault({ method: 'POST', path: BY_ID, fault: { kind: 'reset-after' } })
    const run = await apply({ description: 'new description' })
    expectOneContoso(run, 'updated')
    expect(sequence()).toEqual(['list0 200', 'update 0', 'update 200'])
    expect(gateway.connectors()).toEqual([expect.objectContaining({ id, description: WRITTEN })])
    expect(calls(run)).toEqual({ made: 4, retried: 1, throttled: 0 })
    expectNoDuplicates()
    expectSafe(run)
  })
})

describe('a create answered later than request-timeout', () => {
  it('the late create still happens on the server: the action ends with exactly ONE connector', async () => {
    gateway.fault({ method: 'POST', path: CREATE_PATH, fault: { kind: 'delay', ms: 900 } })
    const run = await apply({ 'request-timeout': '300ms' })
    expectExit(run, 0)
    expect(annotations(run, 'warning').join('\n')).toMatch(
      /Create connector 'Contoso' failed: no answer within 300 ms; raise request-timeout/
    )
    // Let the delayed create reach the server before counting.
    await settle()
    expect(createsSent().length).toBeLessThanOrEqual(2)
    expect(gateway.connectors()).toHaveLength(1)
    expectOneContoso(run)
    expectNoDuplicates()
    expectSafe(run)
  })

  it('when the late create lands before the lookup, the lookup finds it and nothing is sent again', async () => {
    // The create is done 400 ms in; the lookup leaves at 300 ms but is served at ~500 ms.
    gateway.fault({ method: 'POST', path: CREATE_PATH, fault: { kind: 'delay', ms: 400 } })
    gateway.fault({ method: 'GET', path: LIST_PATH, skip: 1, fault: { kind: 'delay', ms: 200 } })
    const run = await apply({ 'request-timeout': '300ms' })
    await settle()
    expectOneContoso(run)
    expect(createsSent()).toHaveLength(1)
    expect(sequence()).toEqual(['list0 200', 'create 200', 'list0 200', 'list0 200'])
    expectNoDuplicates()
    expectSafe(run)
  })
})

describe('answers that cannot be read', () => {
  it('a truncated JSON body on the create (it happened): looks up, finds it, no second create', async () => {
    gateway.fault({ method: 'POST', path: CREATE_PATH, fault: { kind: 'truncated' } })
    const run = await apply()
    expectOneContoso(run)
    expect(sequence()).toEqual(['list0 200', 'create 200', 'list0 200', 'list0 200'])
    expect(annotations(run, 'warning').join('\n')).toMatch(
      /Create connector 'Contoso': Qualys sent an answer that is not JSON/
    )
    expectNoDuplicates()
    expectSafe(run)
  })

  it('a truncated listing is asked for once more, and only then is anything created', async () => {
    gateway.fault({ method: 'GET', path: LIST_PATH, fault: { kind: 'truncated' } })
    const run = await apply()
    expectNoDuplicates()
    expectSafe(run)
    expectOneContoso(run)
    expect(sequence()).toEqual(['list0 200', 'list0 200', 'create 200', 'list0 200'])
  })

  it('an HTML error page (502 from a proxy) on the listing: lists again, then creates', async () => {
    gateway.fault({ method: 'GET', path: LIST_PATH, fault: { kind: 'html' } })
    const run = await apply()
    expectOneContoso(run)
    expect(sequence()).toEqual(['list0 502', 'list0 200', 'create 200', 'list0 200'])
    expect(calls(run)).toEqual({ made: 5, retried: 1, throttled: 0 })
    expectNoDuplicates()
    expectSafe(run)
  })

  it('an HTML error page on the create: looks up before sending again, creates once', async () => {
    gateway.fault({ method: 'POST', path: CREATE_PATH, fault: { kind: 'html' } })
    const run = await apply()
    expectOneContoso(run)
    expect(sequence()).toEqual(['list0 200', 'create 502', 'list0 200', 'create 200', 'list0 200'])
    expectNoDuplicates()
    expectSafe(run)
  })

  it('an HTML page on every listing: fails closed, quoting the page as text, not as markup', async () => {
    gateway.fault({ method: 'GET', path: LIST_PATH, times: Infinity, fault: { kind: 'html' } })
    const run = await apply({ 'max-attempts': '2' })
    expectExit(run, 1)
    expect(createsSent()).toHaveLength(0)
    expect(gateway.connectors()).toHaveLength(0)
    const errors = annotations(run).join('\n')
    expect(errors).toMatch(
      /Could not look up the existing connectors, so nothing was changed: List tenant connectors \(page 1\): Qualys answered 502: 502 Bad Gateway.*nginx.*run again later/
    )
    expect(errors).not.toMatch(/<html>|<center>/)
    expectSafe(run)
  })

  it('an empty body on the create (it happened): looks up, finds it, no second create', async () => {
    gateway.fault({ method: 'POST', path: CREATE_PATH, fault: { kind: 'empty' } })
    const run = await apply()
    expectOneContoso(run)
    expect(sequence()).toEqual(['list0 200', 'create 200', 'list0 200', 'list0 200'])
    expect(createsSent()).toHaveLength(1)
    expect(annotations(run, 'warning').join('\n')).toMatch(/Qualys sent an empty answer/)
    expectNoDuplicates()
    expectSafe(run)
  })

  it('an empty 503 on the create (it did not happen): looks up, creates once', async () => {
    gateway.fault({ method: 'POST', path: CREATE_PATH, fault: { kind: 'empty', status: 503 } })
    const run = await apply()
    expectOneContoso(run)
    expect(sequence()).toEqual(['list0 200', 'create 503', 'list0 200', 'create 200', 'list0 200'])
    expectNoDuplicates()
    expectSafe(run)
  })
})

describe('the token expires mid-run', () => {
  it('401 on the update: logs in again once, sends the update again, goes on', async () => {
    const id = seedContoso()
    gateway.fault({ method: 'POST', path: BY_ID, fault: { kind: 'expire-tokens' } })
    const run = await apply({ description: 'new description' })
    expectOneContoso(run, 'updated')
    expect(gateway.requests.map(label)).toEqual(['auth 201', 'list0 200', 'update 401', 'auth 201', 'update 200'])
    expect(gateway.connectors()).toEqual([expect.objectContaining({ id, description: WRITTEN })])
    expect(gateway.issuedTokens()).toHaveLength(2)
    expect(run.stdout).toMatch(/the Qualys token was refused \(401\); logged in again/)
    expect(calls(run).made).toBe(5)
    expectNoDuplicates()
    expectSafe(run)
  })

  it('401 on the create: logs in again once and creates once', async () => {
    gateway.fault({ method: 'POST', path: CREATE_PATH, fault: { kind: 'expire-tokens' } })
    const run = await apply()
    expectOneContoso(run)
    expect(gateway.requests.map(label)).toEqual([
      'auth 201',
      'list0 200',
      'create 401',
      'auth 201',
      'create 200',
      'list0 200'
    ])
    expectNoDuplicates()
    expectSafe(run)
  })

  it('401 again right after logging in again: logs in only once more, then fails saying to check the credentials', async () => {
    gateway.fault({ method: 'POST', path: CREATE_PATH, times: 2, fault: { kind: 'expire-tokens' } })
    const run = await apply()
    expectExit(run, 1)
    expect(gateway.requests.map(label)).toEqual(['auth 201', 'list0 200', 'create 401', 'auth 201', 'create 401'])
    expect(gateway.connectors()).toHaveLength(0)
    expect(annotations(run).join('\n')).toMatch(
      /Create connector 'Contoso': Qualys refused the credentials \(401\).*Check the Qualys username\/password/
    )
    expectSafe(run)
  })
})

describe('the listing fails on page 3', () => {
  const SEEDED = 8 // 3 per page: pages 0, 1, 2

  async function seedPages(): Promise<number> {
    await gateway.stop()
    await boot({ maxPageSize: 3 })
    for (let i = 0; i < SEEDED - 1; i++) gateway.seed({ name: `Existing ${i}` })
    // The spec's connector lives on the last page: missing it would create a duplicate.
    return seedContoso('new description')
  }

  it('fails closed: nothing created or updated, a clear message naming the page', async () => {
    await seedPages()
    gateway.fault({
      method: 'GET',
      path: LIST_PATH,
      query: { pageNumber: '2' },
      times: Infinity,
      fault: status(503, { 'Retry-After': '0' })
    })
    const run = await applySpec(
      spec(specConnector('Contoso', TENANT, 'description: new description'), specConnector('Fresh')),
      { 'max-attempts': '3' }
    )
    expectExit(run, 1)
    expect(sequence()).toEqual(['list0 200', 'list1 200', 'list2 503', 'list2 503', 'list2 503'])
    expect(gateway.stats()).toMatchObject({ creates: 0, updates: 0 })
    expect(gateway.connectors()).toHaveLength(SEEDED)
    const rows = JSON.parse(run.outputs.connectors) as { name: string; result: string }[]
    expect(rows.map(r => [r.name, r.result])).toEqual([
      ['Contoso', 'not-attempted'],
      ['Fresh', 'not-attempted']
    ])
    expect(run.outputs.changed).toBe('false')
    expect(annotations(run).join('\n')).toMatch(
      /Could not look up the existing connectors, so nothing was changed: List tenant connectors \(page 3\): Qualys answered 503/
    )
    expect(calls(run)).toEqual({ made: 6, retried: 2, throttled: 0 })
    expectNoDuplicates()
    expectSafe(run)
  })

  it('page 3 fails once, then answers: the connector on page 3 is found (not created again)', async () => {
    const id = await seedPages()
    gateway.fault({
      method: 'GET',
      path: LIST_PATH,
      query: { pageNumber: '2' },
      fault: status(500, { 'Retry-After': '0' })
    })
    const run = await applySpec(
      spec(specConnector('Contoso', TENANT, 'description: new description'), specConnector('Fresh'))
    )
    expectExit(run, 0)
    expect(sequence()).toEqual([
      'list0 200',
      'list1 200',
      'list2 500',
      'list2 200',
      'create 200',
      'list0 200',
      'list1 200',
      'list2 200'
    ])
    const rows = JSON.parse(run.outputs.connectors) as { name: string; id: number; result: string }[]
    expect(rows.map(r => [r.name, r.result])).toEqual([
      ['Contoso', 'unchanged'],
      ['Fresh', 'created']
    ])
    expect(rows[0].id).toBe(id)
    expect(gateway.connectors()).toHaveLength(SEEDED + 1)
    expectNoDuplicates()
    expectSafe(run)
  })
})

describe('several connectors, max-concurrency 2, a different fault for each', () => {
  it('every connector ends done, or failed with its reason; no duplicates, never over 2 calls at once', async () => {
    await gateway.stop()
    await boot({ concurrencyLimit: 2, latencyMs: 20 })
    const echo = gateway.seed({
      name: 'Echo',
      tenantId: TENANT,
      tenantName: 'echo.onmicrosoft.com',
      applicationId: APP_ID,
      connectorPrefixName: 'echo',
      description: 'old'
    })
    const create = (name: string, fault: FaultKind): void =>
      gateway.fault({ method: 'POST', path: CREATE_PATH, bodyIncludes: `"name":"${name}"`, fault })
    create('Alpha', status(503, { 'Retry-After': '0' })) // may have acted: look up, then resend
    create('Bravo', { kind: 'reset-after' }) // acted: the look-up finds it
    create('Charlie', status(429, { 'X-RateLimit-ToWait-Sec': '0.1' })) // throttled: resend
    create('Delta', { kind: 'truncated' }) // acted, unreadable: the look-up finds it
    gateway.fault({
      method: 'POST',
      path: BY_ID,
      bodyIncludes: '"name":"Echo"',
      fault: status(502, { 'Retry-After': '0' })
    }) // update: resend
    create(
      'Foxtrot',
      status(400, {}, JSON.stringify({ status: 400, message: 'Invalid application credentials for tenant' }))
    ) // refused for good

    const names = ['Alpha', 'Bravo', 'Charlie', 'Delta', 'Echo', 'Foxtrot']
    const run = await applySpec(
      spec(...names.map(n => specConnector(n, TENANT, n === 'Echo' ? 'description: new' : ''))),
      { 'max-concurrency': '2' }
    )
    expectExit(run, 1)
    const rows = JSON.parse(run.outputs.connectors) as { name: string; id: number | null; result: string }[]
    expect(rows.map(r => [r.name, r.result])).toEqual([
      ['Alpha', 'created'],
      ['Bravo', 'created'],
      ['Charlie', 'created'],
      ['Delta', 'created'],
      ['Echo', 'updated'],
      ['Foxtrot', 'failed']
    ])
    const stored = gateway.connectors()
    expect(stored.map(c => c.name).sort()).toEqual(['Alpha', 'Bravo', 'Charlie', 'Delta', 'Echo'])
    for (const row of rows.filter(r => r.result !== 'failed'))
      expect(row.id).toBe(stored.find(c => c.name === row.name)!.id)
    expect(stored.find(c => c.name === 'Echo')).toMatchObject({ id: echo.id, description: `new\n${FINGERPRINT}` })
    expect(run.stdout).toMatch(
      /::error::1 of 6 connectors failed: Foxtrot: .*Invalid application credentials for tenant/
    )
    expect(run.summary).toMatch(/\| ❌ \| `Foxtrot` \| failed \|.*Invalid application credentials/)

    // Creates that may have acted were sent once; the others at most twice, after a look-up.
    const createsOf = (name: string): number => createsSent().filter(r => JSON.parse(r.body).name === name).length
    expect(names.filter(n => n !== 'Echo').map(n => [n, createsOf(n)])).toEqual([
      ['Alpha', 2],
      ['Bravo', 1],
      ['Charlie', 2],
      ['Delta', 1],
      ['Foxtrot', 1]
    ])
    // The action kept to 2 calls at once: the gateway never had to throttle it.
    expect(gateway.stats().maxInFlight).toBeLessThanOrEqual(2)
    expect(gateway.stats().throttled).toBe(0)
    const counted = calls(run)
    expect(counted.throttled).toBe(1) // Charlie's 429
    expect(counted.retried).toBeGreaterThanOrEqual(2) // Charlie's and Echo's resends at least
    expect(counted.made).toBe(gateway.requests.length)
    expectNoDuplicates()
    expectSafe(run)
  })
})
