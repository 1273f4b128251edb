/**
 * First contact with a real Qualys tenant: the bundled action (dist/index.js) against every
 * variant of what the undocumented parts of the API may turn out to be (the stand-in gateway's
 * switches), and the GitOps flow of docs/gitops.md exactly as printed. Each variant: no duplicate, nothing
 * lost, the right message.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterEach, describe, expect, test } from '@jest/globals'
import { parse } from 'yaml'
import {
  annotations,
  AZURE_SECRET,
  expectNoLeak,
  fingerprintLineOf,
  passwordInputs,
  spec,
  specConnector,
  TENANT,
  TENANT_2,
  USER
} from '../test-support/e2e.js'
import { FakeQualysGateway, type GatewayOptions, type RecordedRequest } from '../test-support/gateway.js'
import { DIST, runAction, type ActionRun } from '../test-support/run-action.js'

const ROOT = resolve(import.meta.dirname ?? new URL('.', import.meta.url).pathname, '..')
const GITOPS_PAGE = readFileSync(join(ROOT, 'docs', 'gitops.md'), 'utf8')
const SECRETS = [AZURE_SECRET, USER.password]
const CREATE_PATH = '/connectors/v1.0/org/azure/'
const BY_ID = /^\/connectors\/v1\.0\/org\/azure\/\d+$/

let gateway: FakeQualysGateway | undefined

afterEach(async () => {
  await gateway?.stop()
  gateway = undefined
})

async function boot(options: GatewayOptions = {}): Promise<FakeQualysGateway> {
  gateway = new FakeQualysGateway({ users: [USER], ...options })
  await gateway.start()
  return gateway
}

function apply(gw: FakeQualysGateway, specText: string, inputs: Record<string, string> = {}): Promise<ActionRun> {
  return runAction({
    inputs: { ...passwordInputs(gw.url), 'spec-file': 'connectors.yaml', ...inputs },
    env: { AZURE_SECRET },
    files: { 'connectors.yaml': specText }
  })
}

function expectExit(run: ActionRun, code: number): void {
  if (run.code !== code) throw new Error(`expected exit code ${code}, got ${run.code}\n${run.stdout}\n${run.stderr}`)
}

function rows(run: ActionRun): { name: string; id: number | null; state: string | null; result: string }[] {
  return JSON.parse(run.outputs.connectors)
}

const writes = (requests: RecordedRequest[]): RecordedRequest[] =>
  requests.filter(r => r.method === 'POST' && (r.path === CREATE_PATH || BY_ID.test(r.path)))

/** The requests a step makes: run it and return what reached the gateway meanwhile. */
async function during(
  gw: FakeQualysGateway,
  step: () => Promise<ActionRun>
): Promise<{ run: ActionRun; requests: RecordedRequest[] }> {
  const from = gw.requests.length
  const run = await step()
  return { run, requests: gw.requests.slice(from) }
}

/** The first ```yaml block after a heading of docs/gitops.md. */
function pageBlock(heading: string, startsWith: string): string {
  const section = GITOPS_PAGE.slice(GITOPS_PAGE.indexOf(heading))
  const blocks = [...section.matchAll(/```yaml\n([\s\S]*?)```/g)].map(m => m[1])
  const block = blocks.find(b => b.startsWith(startsWith))
  if (!block) throw new Error(`no yaml block starting with '${startsWith}' after '${heading}' in docs/gitops.md`)
  return block
}

describe('the GitOps flow of docs/gitops.md, exactly as printed, with no Azure secrets in the environment', () => {
  // The page's workflows read the repository's example spec, as the page says.
  const exampleSpec = readFileSync(join(ROOT, 'examples', 'connectors.yaml'), 'utf8')
  const workflow = parse(pageBlock('## The workflow', 'name: Qualys connectors')) as {
    jobs: Record<string, { steps: { uses?: string; with?: Record<string, string>; env?: Record<string, string> }[] }>
  }
  const planStep = workflow.jobs.plan.steps.find(step => step.with?.mode === 'plan')

  /** The plan job's `with:` as the runner would pass it, the secrets filled in and the platform pointed at the stand-in. */
  function planInputs(gw: FakeQualysGateway): Record<string, string> {
    const given = planStep?.with ?? {}
    expect(Object.keys(given).sort()).toEqual([
      'mode',
      'qualys-client-id',
      'qualys-client-secret',
      'qualys-platform',
      'spec-file'
    ])
    const { 'qualys-platform': _platform, ...rest } = given
    return {
      ...rest,
      'qualys-gateway-url': gw.url,
      'qualys-client-id': 'ci-client',
      'qualys-client-secret': 'client-secret-9f8e7d'
    }
  }

  test('the plan step has no env: (and so no Azure secret)', () => {
    expect(planStep).toBeDefined()
    expect(planStep?.env).toBeUndefined()
  })

  test('validate passes offline with an empty environment', async () => {
    const run = await runAction({
      inputs: { mode: 'validate', 'spec-file': 'qualys/connectors.yaml' },
      files: { 'qualys/connectors.yaml': exampleSpec }
    })
    expectExit(run, 0)
    expect(run.outputs.connectors).toContain('Contoso production')
    expect(run.summary).toContain('spec valid')
  })

  test('plan passes, says which variables an apply needs, and writes nothing', async () => {
    const gw = await boot({ clients: [{ clientId: 'ci-client', clientSecret: 'client-secret-9f8e7d' }] })
    const { run, requests } = await during(gw, () =>
      runAction({ inputs: planInputs(gw), files: { 'qualys/connectors.yaml': exampleSpec } })
    )
    expectExit(run, 0)
    expect(rows(run).map(r => [r.name, r.result])).toEqual([
      ['Contoso production', 'would-create'],
      ['Fabrikam', 'would-create']
    ])
    expect(run.stdout).toContain(
      "An apply needs these variables in the step's env: CONTOSO_AZURE_SECRET (Contoso production), FABRIKAM_AZURE_SECRET (Fabrikam)"
    )
    expect(run.summary).toContain('`CONTOSO_AZURE_SECRET` (`Contoso production`)')
    expect(writes(requests)).toEqual([])
  })

  test('an apply without the variables writes nothing, naming each variable at its connector', async () => {
    const gw = await boot({ clients: [{ clientId: 'ci-client', clientSecret: 'client-secret-9f8e7d' }] })
    const inputs = { ...planInputs(gw), mode: 'apply' }
    const run = await runAction({ inputs, files: { 'qualys/connectors.yaml': exampleSpec } })
    expectExit(run, 1)
    expect(annotations(run).join('\n')).toMatch(
      /Contoso production: environment variable CONTOSO_AZURE_SECRET is not set[\s\S]*Fabrikam: environment variable FABRIKAM_AZURE_SECRET is not set/
    )
    expect(writes(gw.requests)).toEqual([])
  })
})

describe('pull requests from forks', () => {
  function prEnv(head: string | null, base = 'acme/qualys-config'): Record<string, string> {
    const eventPath = join(mkdtempSync(join(tmpdir(), 'gh-event-')), 'event.json')
    writeFileSync(
      eventPath,
      JSON.stringify({
        pull_request: {
          number: 7,
          head: { repo: head === null ? null : { full_name: head } },
          base: { repo: { full_name: base } }
        }
      })
    )
    return { GITHUB_EVENT_NAME: 'pull_request', GITHUB_EVENT_PATH: eventPath, GITHUB_REPOSITORY: base }
  }
  const forkPlan = { mode: 'plan', 'qualys-platform': 'US2', 'spec-file': 'connectors.yaml' }

  test.each([
    ['a fork', 'someone/qualys-config'],
    ['a deleted fork', null]
  ])('%s without credentials: validates offline, says why in a notice, passes', async (_, head) => {
    const run = await runAction({
      inputs: forkPlan,
      env: prEnv(head),
      files: { 'connectors.yaml': spec(specConnector('Contoso')) }
    })
    expectExit(run, 0)
    expect(annotations(run, 'notice').join('\n')).toMatch(/no plan: this pull request comes from a fork/)
    expect(run.summary).toContain('spec valid')
    expect(run.summary).toContain('No plan against Qualys')
    expect(rows(run).map(r => r.result)).toEqual(['valid'])
  })

  test('a fork with an invalid spec still fails, at the line', async () => {
    const run = await runAction({
      inputs: forkPlan,
      env: prEnv('someone/qualys-config'),
      files: { 'connectors.yaml': spec(specConnector('Contoso', 'not-a-guid')) }
    })
    expectExit(run, 1)
    expect(annotations(run).join('\n')).toMatch(/file=connectors.yaml,line=3.*tenantId: 'not-a-guid' is not a GUID/)
  })

  test('the same plan from a branch of this repository needs credentials', async () => {
    const run = await runAction({
      inputs: forkPlan,
      env: prEnv('acme/qualys-config'),
      files: { 'connectors.yaml': spec(specConnector('Contoso')) }
    })
    expectExit(run, 1)
    expect(annotations(run).join('\n')).toMatch(/inputs 'qualys-token', .*none is set/)
  })
})

describe('a problem of the whole run is reported once', () => {
  const three = spec(specConnector('A'), specConnector('B', TENANT_2), specConnector('C'))

  test('a refused login: one error annotation, one summary line, every connector not attempted', async () => {
    const gw = await boot()
    const run = await apply(gw, three, { 'qualys-password': 'wrong' })
    expectExit(run, 1)
    const errors = annotations(run)
    expect(errors).toHaveLength(1)
    expect(errors[0]).toMatch(
      /Log in to Qualys \(\/auth\): Qualys refused the credentials \(401\).*\(3 connectors not attempted\)/
    )
    expect(rows(run).map(r => r.result)).toEqual(['not-attempted', 'not-attempted', 'not-attempted'])
    expect(run.summary.match(/refused the credentials/g)).toHaveLength(1)
    expect(gw.stats().creates).toBe(0)
    expectNoLeak(run, [...SECRETS, 'wrong'])
  })

  test('an unknown gateway host (DNS ENOTFOUND): one message naming the host and the input, no retries', async () => {
    // The machine has no DNS to ask: a preload makes every *.invalid host unknown, as a resolver would.
    const preload = join(mkdtempSync(join(tmpdir(), 'no-dns-')), 'no-dns.cjs')
    writeFileSync(
      preload,
      `const dns = require('node:dns'); const lookup = dns.lookup;
globalThis.__lookups = 0
dns.lookup = function (host, options, callback) {
  if (typeof options === 'function') callback = options
  if (/\\.invalid$/.test(host)) { process.stderr.write('lookup ' + host + '\\n'); const e = Object.assign(new Error('getaddrinfo ENOTFOUND ' + host), { code: 'ENOTFOUND', hostname: host }); process.nextTick(callback, e); return }
  return lookup.apply(this, arguments)
}`
    )
    const run = await runAction({
      inputs: {
        'qualys-gateway-url': 'https://gateway.qg9.apps.qualys.invalid',
        'qualys-username': USER.username,
        'qualys-password': USER.password,
        'spec-file': 'connectors.yaml'
      },
      env: { AZURE_SECRET },
      files: { 'connectors.yaml': three },
      args: ['--require', preload, DIST]
    })
    expectExit(run, 1)
    const errors = annotations(run)
    expect(errors).toHaveLength(1)
    expect(errors[0]).toMatch(
      /the host gateway\.qg9\.apps\.qualys\.invalid does not exist \(DNS: ENOTFOUND\)\. Check qualys-platform/
    )
    expect(run.stderr.match(/lookup gateway/g)).toHaveLength(1)
    expect(run.stdout).not.toMatch(/trying again/)
  })
})

describe('the listing: found wherever it is, and nothing created without it', () => {
  test.each([
    ['list', '/connectors/v1.0/org/azure/list'],
    ['bare', '/connectors/v1.0/org/azure'],
    ['slash', '/connectors/v1.0/org/azure/']
  ] as const)('at the %s path: the log names it, a second apply writes nothing', async (where, path) => {
    const gw = await boot({ listPath: where })
    const text = spec(specConnector('Contoso'), specConnector('Fabrikam', TENANT_2))
    const first = await apply(gw, text)
    expectExit(first, 0)
    expect(first.stdout).toContain(`Tenant connectors are listed through GET ${path}`)
    const { run, requests } = await during(gw, () => apply(gw, text))
    expectExit(run, 0)
    expect(rows(run).map(r => r.result)).toEqual(['unchanged', 'unchanged'])
    expect(writes(requests)).toEqual([])
    expect(gw.connectors()).toHaveLength(2)
  })

  test('nowhere: nothing is created, one error says why and what to do; an entry pinned with id: is still updated', async () => {
    const gw = await boot({ listPath: 'none' })
    const pinned = gw.seed({ name: 'Pinned', tenantId: TENANT, tenantName: 'old', connectorPrefixName: 'pinned' })
    const text = spec(specConnector('New one', TENANT_2), `${specConnector('Pinned')}\n    id: ${pinned.id}`)
    const run = await apply(gw, text)
    expectExit(run, 1)
    expect(rows(run).map(r => [r.name, r.result])).toEqual([
      ['New one', 'not-attempted'],
      ['Pinned', 'updated']
    ])
    const errors = annotations(run)
    expect(errors).toHaveLength(1)
    expect(errors[0]).toMatch(/no tenant connector listing.*nothing was created.*allow-create-without-lookup: true/)
    expect(gw.stats().creates).toBe(0)
    expect(gw.connectors().map(c => [c.name, c.tenantName])).toEqual([['Pinned', 'pinned.onmicrosoft.com']])
  })

  test('nowhere, with allow-create-without-lookup: creates, and a second run is refused by the name instead of duplicating', async () => {
    const gw = await boot({ listPath: 'none' })
    const text = spec(specConnector('Contoso'))
    expectExit(await apply(gw, text, { 'allow-create-without-lookup': 'true' }), 0)
    const again = await apply(gw, text, { 'allow-create-without-lookup': 'true' })
    expectExit(again, 0)
    expect(rows(again)[0].result).toBe('exists')
    expect(gw.connectors()).toHaveLength(1)
  })
})

describe('thin listings: nothing lost, no perpetual diff', () => {
  const full = 'includedMem: [Prod]\nautoActivateVM: true\ndescription: Contoso tenant\ndefaultTagIds: [7]'

  test('with GET /{id}: a second apply writes nothing; drift the listing hides is found; the update keeps what the spec leaves out', async () => {
    const gw = await boot({ listShape: 'thin' })
    const text = spec(specConnector('Contoso', TENANT, full))
    expectExit(await apply(gw, text), 0)
    const [stored] = gw.connectors()
    const { run: second, requests } = await during(gw, () => apply(gw, text))
    expectExit(second, 0)
    expect(rows(second)[0].result).toBe('unchanged')
    expect(writes(requests)).toEqual([])
    expect(requests.filter(r => r.method === 'GET' && BY_ID.test(r.path))).toHaveLength(1)

    const edited = spec(
      specConnector('Contoso', TENANT, full.replace('[Prod]', '[Prod, Dev]').replace('autoActivateVM: true\n', ''))
    )
    const { run: third, requests: updates } = await during(gw, () => apply(gw, edited))
    expectExit(third, 0)
    expect(JSON.parse(third.outputs.plan)[0].changes.map((c: { field: string }) => c.field)).toEqual(['includedMem'])
    const [write] = writes(updates)
    const body = JSON.parse(write.body) as Record<string, unknown>
    // Full replacement: what the spec no longer sets is sent as Qualys has it.
    expect(body).toMatchObject({
      autoActivateVM: true,
      // The update sends the secret, so it records the secret's fingerprint as the last line.
      description: `Contoso tenant\n${await fingerprintLineOf()}`,
      defaultTagIds: [7],
      includedMem: ['Prod', 'Dev']
    })
    expect(gw.connectors()[0]).toMatchObject({ id: stored.id, autoActivateVM: true, includedMem: ['Prod', 'Dev'] })
    expectNoLeak(third, SECRETS)
  })

  test('without GET /{id}: no perpetual diff; an update leaves out, and warns about, what neither side knows', async () => {
    const gw = await boot({ listShape: 'thin', getSupported: false })
    const text = spec(specConnector('Contoso', TENANT, 'description: first'))
    expectExit(await apply(gw, text), 0)
    const { run: second, requests } = await during(gw, () => apply(gw, text))
    expectExit(second, 0)
    expect(rows(second)[0].result).toBe('unchanged')
    expect(writes(requests)).toEqual([])

    const edited = spec(specConnector('Contoso', TENANT, 'description: second'))
    const { run: third, requests: updates } = await during(gw, () => apply(gw, edited))
    expectExit(third, 0)
    expect(rows(third)[0]).toMatchObject({ result: 'updated' })
    const warning = annotations(third, 'warning').join('\n')
    expect(warning).toMatch(
      /Qualys did not return includedMem, excludedMem, .*autoActivateVM.* and the spec does not set them: the update leaves them out/
    )
    const body = JSON.parse(writes(updates)[0].body) as Record<string, unknown>
    expect(body).not.toHaveProperty('autoActivateVM')
    expect(body).toMatchObject({
      description: `second\n${await fingerprintLineOf()}`,
      tenantName: 'contoso.onmicrosoft.com'
    })
    expect(third.stdout).toContain('reading connectors from the listing')
    expect(gw.connectors()).toHaveLength(1)
  })

  test('without GET /{id}, wait-for-sync polls the listing', async () => {
    const gw = await boot({ getSupported: false, syncStates: ['PENDING', 'RUNNING', 'SUCCESS'] })
    const run = await apply(gw, spec(specConnector('Contoso')), { 'wait-for-sync': 'true', 'sync-timeout': '30s' })
    expectExit(run, 0)
    expect(rows(run)[0]).toMatchObject({ result: 'created', state: 'SUCCESS' })
    expect(run.stdout).toContain('reading connectors from the listing')
  })

  test('a listing without states cannot be waited on: a warning says so instead of a false success', async () => {
    const gw = await boot({ listShape: 'thin', getSupported: false })
    const run = await apply(gw, spec(specConnector('Contoso')), { 'wait-for-sync': 'true', 'sync-timeout': '30s' })
    expectExit(run, 0)
    expect(annotations(run, 'warning').join('\n')).toMatch(
      /Qualys reports no state for this connector, so its first sync cannot be waited for/
    )
    expect(run.stdout).not.toMatch(/synced, state/)
  })
})

describe('names, refusals and shapes the real server may have', () => {
  test('names not unique on the server: two applies and a lost create answer still leave one connector', async () => {
    const gw = await boot({ uniqueNames: false })
    const text = spec(specConnector('Contoso'))
    gw.fault({ method: 'POST', path: CREATE_PATH, fault: { kind: 'reset-after' } })
    expectExit(await apply(gw, text), 0)
    expectExit(await apply(gw, text), 0)
    expect(gw.connectors().map(c => c.name)).toEqual(['Contoso'])
  })

  test("a taken name refused with Spring's default error body (no message) is found by a lookup: exists, not failed", async () => {
    const gw = await boot({ errorStyle: 'spring' })
    gw.seed({ name: 'Contoso', tenantId: TENANT })
    // The first listing misses it (made by someone else a moment later, say).
    gw.fault({
      method: 'GET',
      path: '/connectors/v1.0/org/azure/list',
      fault: { kind: 'status', status: 200, body: '{"currentPage":0,"totalPages":1,"content":[]}' }
    })
    const run = await apply(gw, spec(specConnector('Contoso')))
    expectExit(run, 0)
    expect(rows(run)[0]).toMatchObject({ result: 'exists', id: gw.connectors()[0].id })
    expect(gw.connectors()).toHaveLength(1)
  })

  test('AI forced on by Qualys: a spec without it gets it added with a notice, and a second apply writes nothing', async () => {
    const gw = await boot({ forceAI: true })
    const text = spec(specConnector('Contoso').replace('[AI, CI, CSA]', '[CI, CSA]'))
    const first = await apply(gw, text)
    expectExit(first, 0)
    expect(annotations(first, 'notice').join('\n')).toMatch(/file=connectors.yaml,line=8.*AI is added: Qualys keeps AI/)
    const { run, requests } = await during(gw, () => apply(gw, text))
    expectExit(run, 0)
    expect(rows(run)[0].result).toBe('unchanged')
    expect(writes(requests)).toEqual([])
  })

  test('run frequencies in minutes only: refused once, sent as minutes, and minutes for the rest of the run', async () => {
    const gw = await boot({ frequencyShape: 'minutes' })
    const { run, requests } = await during(gw, () =>
      apply(gw, spec(specConnector('A'), specConnector('B', TENANT_2)), { 'max-concurrency': '1' })
    )
    expectExit(run, 0)
    expect(rows(run).map(r => r.result)).toEqual(['created', 'created'])
    expect(writes(requests).map(r => [r.status, JSON.parse(r.body).orgRunFrequency])).toEqual([
      [400, { hours: 24, minutes: 0 }],
      [200, 1440],
      [200, 1440]
    ])
    expect(gw.connectors()).toHaveLength(2)
  })
})

describe('soft-deleted and disabled connectors', () => {
  test('a soft-deleted connector of the same name is left alone; a new one is created once', async () => {
    const gw = await boot({ listShape: 'thin' })
    const old = gw.seed({ name: 'Contoso', tenantId: TENANT })
    gw.softDelete(old.id)
    const text = spec(specConnector('Contoso'))
    const first = await apply(gw, text)
    expectExit(first, 0)
    expect(rows(first)[0].result).toBe('created')
    expectExit(await apply(gw, text), 0)
    expect(gw.connectors().map(c => [c.id === old.id, c.deleted])).toEqual([
      [true, true],
      [false, false]
    ])
    expect(gw.requests.filter(r => r.path === `/connectors/v1.0/org/azure/${old.id}`)).toEqual([])
  })

  test('a disabled connector is still updated, and shown as DISABLED', async () => {
    const gw = await boot()
    gw.seed({ name: 'Contoso', tenantId: TENANT, disabled: true, tenantName: 'old', connectorPrefixName: 'contoso' })
    const run = await apply(gw, spec(specConnector('Contoso')), { 'wait-for-sync': 'true' })
    expectExit(run, 0)
    expect(run.outputs.state).toBe('DISABLED')
    expect(rows(run)[0]).toMatchObject({ result: 'updated', state: 'DISABLED' })
    expect(run.summary).toMatch(/\| `DISABLED` \|/)
  })
})

describe("Spring's default error bodies and the frequency shape", () => {
  test('minutes only, refused with a body that gives no reason: tried once with minutes, kept for the run', async () => {
    const gw = await boot({ frequencyShape: 'minutes', errorStyle: 'spring' })
    const { run, requests } = await during(gw, () =>
      apply(gw, spec(specConnector('A'), specConnector('B', TENANT_2)), { 'max-concurrency': '1' })
    )
    expectExit(run, 0)
    expect(writes(requests).map(r => [r.status, typeof JSON.parse(r.body).orgRunFrequency])).toEqual([
      [400, 'object'],
      [200, 'number'],
      [200, 'number']
    ])
    expect(gw.connectors()).toHaveLength(2)
  })

  test('a reasonless 400 that is not about the shape: minutes are tried once, the first refusal is reported, nothing is created', async () => {
    const gw = await boot({ errorStyle: 'spring' })
    gw.fault({ method: 'POST', path: CREATE_PATH, times: 2, fault: { kind: 'status', status: 400 } })
    const { run, requests } = await during(gw, () => apply(gw, spec(specConnector('A'))))
    expectExit(run, 1)
    expect(writes(requests).map(r => r.status)).toEqual([400, 400])
    expect(annotations(run).join('\n')).toMatch(/Create connector 'A': Qualys rejected the request \(400\)/)
    expect(gw.connectors()).toHaveLength(0)
  })
})
