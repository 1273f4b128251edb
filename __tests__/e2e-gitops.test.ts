/**
 * End-to-end GitOps behaviour: the BUNDLED action (test-support/build-dist.js says which) is
 * run as a child process the way the GitHub runner runs it, against the stand-in Qualys gateway
 * and, for the pull-request comment, the stand-in GitHub REST API.
 */
import { afterEach, beforeEach, describe, expect, test } from '@jest/globals'
import {
  annotations,
  APP_ID,
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
import { FakeQualysGateway, type GatewayStats, type RecordedRequest } from '../test-support/gateway.js'
import { RecordingProxy } from '../test-support/connect-proxy.js'
import { FakeGitHubApi, pullRequestEnv } from '../test-support/github-api.js'
import { runAction, type ActionRun } from '../test-support/run-action.js'

const SECRETS = [AZURE_SECRET, USER.password]
const LIST_PATH = '/connectors/v1.0/org/azure/list'
const CREATE_PATH = '/connectors/v1.0/org/azure/'
const UPDATE_PATH = /^\/connectors\/v1\.0\/org\/azure\/(\d+)$/
const MARKER = '<!-- qualys-azure-tenant-connector-plan -->'

interface PlanRow {
  name: string
  action: string
  changes: { field: string; from: string; to: string }[]
}

let gateway: FakeQualysGateway

/** Runs the action with a spec file (connectors.yaml) and password login against the gateway. */
function run(
  specText: string,
  inputs: Record<string, string> = {},
  env: Record<string, string> = {}
): Promise<ActionRun> {
  return runAction({
    inputs: { ...passwordInputs(gateway.url), 'spec-file': 'connectors.yaml', ...inputs },
    env: { AZURE_SECRET, ...env },
    files: { 'connectors.yaml': specText }
  })
}

/** What one run cost on the gateway: the counters' difference and the requests it made. */
class Mark {
  private readonly stats: GatewayStats
  private readonly index: number
  constructor(private readonly gw: FakeQualysGateway) {
    this.stats = gw.stats()
    this.index = gw.requests.length
  }
  requests(): RecordedRequest[] {
    return this.gw.requests.slice(this.index)
  }
  creates(): RecordedRequest[] {
    return this.requests().filter(r => r.method === 'POST' && r.path === CREATE_PATH)
  }
  updates(): RecordedRequest[] {
    return this.requests().filter(r => r.method === 'POST' && UPDATE_PATH.test(r.path))
  }
  /** Every write (create or update) sent, whatever the gateway answered. */
  writes(): RecordedRequest[] {
    return [...this.creates(), ...this.updates()]
  }
  delta(): GatewayStats {
    const now = this.gw.stats()
    const out = { ...now }
    for (const key of Object.keys(now) as (keyof GatewayStats)[]) out[key] = now[key] - this.stats[key]
    return out
  }
}

function plan(result: ActionRun): PlanRow[] {
  return JSON.parse(result.outputs.plan) as PlanRow[]
}

function rows(
  result: ActionRun
): { name: string; id: number | null; uuid: string | null; state: string | null; result: string }[] {
  return JSON.parse(result.outputs.connectors)
}

/** A readable failure message: the whole log of the run. */
function log(result: ActionRun): string {
  return `${result.stdout}\n${result.stderr}`
}

function expectExit(result: ActionRun, code: number): void {
  if (result.code !== code) throw new Error(`expected exit code ${code}, got ${result.code}\n${log(result)}`)
}

const CONTOSO_V1 = spec(
  specConnector(
    'Contoso',
    TENANT,
    [
      'description: Production tenant',
      'includedMem: [Production]',
      'autoActivateVM: true',
      'defaultTagIds: [12345]'
    ].join('\n')
  )
)

/** v1 with the description and includedMem edited; autoActivateVM and defaultTagIds left out (unmanaged). */
const CONTOSO_V2 = spec(
  specConnector(
    'Contoso',
    TENANT,
    ['description: Production tenant, all subscriptions', 'includedMem: [Production, Shared]'].join('\n')
  )
)

const CONTOSO = spec(specConnector('Contoso'))

describe('GitOps against the stand-in Qualys gateway', () => {
  beforeEach(async () => {
    gateway = new FakeQualysGateway({ users: [USER] })
    await gateway.start()
  })
  afterEach(async () => {
    await gateway.stop()
  })

  test('1. create, rerun unchanged, plan an edit, apply exactly that edit, rerun unchanged', async () => {
    // Create.
    let mark = new Mark(gateway)
    const created = await run(CONTOSO_V1)
    expectExit(created, 0)
    expect(created.outputs.result).toBe('created')
    expect(created.outputs.changed).toBe('true')
    expect(mark.creates()).toHaveLength(1)
    expect(mark.updates()).toHaveLength(0)
    const [stored] = gateway.connectors()
    expect(created.outputs['connector-id']).toBe(String(stored.id))
    expect(created.outputs['connector-uuid']).toBe(stored.uuid)
    expectNoLeak(created, SECRETS)

    // Run again: nothing to do, nothing written.
    mark = new Mark(gateway)
    const again = await run(CONTOSO_V1)
    expectExit(again, 0)
    expect(again.outputs.result).toBe('unchanged')
    expect(again.outputs.changed).toBe('false')
    expect(plan(again)).toEqual([{ name: 'Contoso', action: 'none', changes: [] }])
    expect(mark.writes()).toHaveLength(0)
    expect(mark.delta()).toMatchObject({ creates: 0, updates: 0 })
    expect(again.stdout).toContain('Contoso: up to date')
    expectNoLeak(again, SECRETS)

    // Plan the edit: the diff is shown, nothing is written.
    mark = new Mark(gateway)
    const planned = await run(CONTOSO_V2, { mode: 'plan' })
    expectExit(planned, 0)
    expect(planned.outputs.result).toBe('would-update')
    expect(planned.outputs.changed).toBe('true')
    const expectedChanges = [
      { field: 'description', from: 'Production tenant', to: 'Production tenant, all subscriptions' },
      { field: 'includedMem', from: 'Production', to: 'Production, Shared' }
    ]
    expect(plan(planned)).toEqual([{ name: 'Contoso', action: 'update', changes: expectedChanges }])
    expect(planned.stdout).toContain('~ description: Production tenant → Production tenant, all subscriptions')
    expect(planned.stdout).toContain('~ includedMem: Production → Production, Shared')
    expect(planned.stdout).not.toMatch(/autoActivateVM|defaultTagIds/)
    expect(mark.writes()).toHaveLength(0)
    expect(mark.delta()).toMatchObject({ creates: 0, updates: 0 })
    // The create recorded the secret's fingerprint as the last line: bookkeeping the plan does not show.
    const fingerprint = await fingerprintLineOf()
    expect(gateway.connectors()[0].description).toBe(`Production tenant\n${fingerprint}`)
    expectNoLeak(planned, SECRETS)

    // Apply: exactly one update with the new values, the unmanaged fields kept, and the secret.
    mark = new Mark(gateway)
    const applied = await run(CONTOSO_V2)
    expectExit(applied, 0)
    expect(applied.outputs.result).toBe('updated')
    expect(applied.outputs.changed).toBe('true')
    expect(plan(applied)).toEqual([{ name: 'Contoso', action: 'update', changes: expectedChanges }])
    expect(mark.creates()).toHaveLength(0)
    const updates = mark.updates()
    expect(updates).toHaveLength(1)
    expect(updates[0].path).toBe(`/connectors/v1.0/org/azure/${stored.id}`)
    const body = JSON.parse(updates[0].body) as Record<string, unknown>
    expect(body).toMatchObject({
      name: 'Contoso',
      description: `Production tenant, all subscriptions\n${fingerprint}`,
      includedMem: ['Production', 'Shared'],
      // Left out of v2: kept as Qualys has them, not reset.
      autoActivateVM: true,
      defaultTagIds: [12345],
      secretValue: AZURE_SECRET,
      tenantId: TENANT,
      applicationId: APP_ID,
      connectorPrefixName: 'contoso',
      orgRunFrequency: { hours: 24, minutes: 0 },
      connectorRunFrequency: { hours: 24, minutes: 0 }
    })
    const [after] = gateway.connectors()
    expect(after).toMatchObject({
      id: stored.id,
      description: `Production tenant, all subscriptions\n${fingerprint}`,
      includedMem: ['Production', 'Shared'],
      autoActivateVM: true,
      defaultTagIds: [12345]
    })
    expectNoLeak(applied, SECRETS)

    // Run again: unchanged.
    mark = new Mark(gateway)
    const last = await run(CONTOSO_V2)
    expectExit(last, 0)
    expect(last.outputs.result).toBe('unchanged')
    expect(last.outputs.changed).toBe('false')
    expect(mark.writes()).toHaveLength(0)
    expect(gateway.connectors()).toHaveLength(1)
  })

  test('1b. adding a description to a connector created without one is planned and applied', async () => {
    // Created without a description: the fingerprint line is all it has, which the plan does not show.
    expectExit(await run(CONTOSO), 0)
    const fingerprint = await fingerprintLineOf()
    expect(gateway.connectors()[0].description).toBe(fingerprint)
    const described = spec(specConnector('Contoso', TENANT, 'description: Added later'))

    let mark = new Mark(gateway)
    const planned = await run(described, { mode: 'plan' })
    expectExit(planned, 0)
    expect(planned.outputs.result).toBe('would-update')
    expect(plan(planned)[0].changes).toEqual([expect.objectContaining({ field: 'description', to: 'Added later' })])
    expect(mark.writes()).toHaveLength(0)

    mark = new Mark(gateway)
    const applied = await run(described)
    expectExit(applied, 0)
    expect(applied.outputs.result).toBe('updated')
    expect(mark.updates()).toHaveLength(1)
    expect(JSON.parse(mark.updates()[0].body).description).toBe(`Added later\n${fingerprint}`)
    expect(gateway.connectors()[0].description).toBe(`Added later\n${fingerprint}`)
  })

  test('2. a frequency Qualys rounds up (60 minutes → 1 day) is no drift', async () => {
    const hourly = spec(specConnector('Contoso').replace('orgRunFrequency: 1d', 'orgRunFrequency: 60'))
    expect(hourly).toContain('orgRunFrequency: 60\n')

    let mark = new Mark(gateway)
    const created = await run(hourly)
    expectExit(created, 0)
    expect(created.outputs.result).toBe('created')
    // The spec is told it is rounded up.
    expect(annotations(created, 'notice').join('\n')).toMatch(
      /1 hour is not a whole number of days; Qualys rounds it up and runs every 1 day/
    )
    // No "Qualys answered with other values than sent" after the create.
    expect(annotations(created, 'warning')).toEqual([])
    expect(mark.creates()).toHaveLength(1)
    expect(JSON.parse(mark.creates()[0].body).orgRunFrequency).toEqual({ hours: 1, minutes: 0 })
    expect(gateway.connectors()[0].orgRunFrequency).toBe(1440)

    mark = new Mark(gateway)
    const again = await run(hourly)
    expectExit(again, 0)
    expect(again.outputs.result).toBe('unchanged')
    expect(again.outputs.changed).toBe('false')
    expect(plan(again)[0].changes).toEqual([])
    expect(mark.writes()).toHaveLength(0)

    const planned = await run(hourly, { mode: 'plan' })
    expectExit(planned, 0)
    expect(planned.outputs.result).toBe('unchanged')
  })

  test('3. changing connectorPrefixName of an existing connector is refused, in apply and in plan, with zero writes', async () => {
    expectExit(await run(CONTOSO), 0)
    const renamedPrefix = spec(
      specConnector('Contoso').replace('connectorPrefixName: contoso', 'connectorPrefixName: contoso-new')
    )
    expect(renamedPrefix).toContain('connectorPrefixName: contoso-new')

    for (const mode of ['apply', 'plan']) {
      const mark = new Mark(gateway)
      const result = await run(renamedPrefix, { mode })
      expectExit(result, 1)
      expect(result.outputs.result).toBe('failed')
      expect(result.outputs.changed).toBe('false')
      expect(plan(result)).toEqual([{ name: 'Contoso', action: 'error', changes: [] }])
      expect(mark.writes()).toHaveLength(0)
      expect(mark.delta()).toMatchObject({ creates: 0, updates: 0 })
      const errors = annotations(result).join('\n')
      expect(errors).toContain("connectorPrefixName 'contoso' → 'contoso-new'")
      expect(errors).toMatch(/create a new connector/)
      expectNoLeak(result, SECRETS)
    }
    expect(gateway.connectors()).toHaveLength(1)
    expect(gateway.connectors()[0].connectorPrefixName).toBe('contoso')
  })

  test('4. force-update with no drift sends exactly one update', async () => {
    expectExit(await run(CONTOSO), 0)
    const mark = new Mark(gateway)
    const forced = await run(CONTOSO, { 'force-update': 'true' })
    expectExit(forced, 0)
    expect(forced.outputs.result).toBe('updated')
    expect(forced.outputs.changed).toBe('true')
    expect(plan(forced)).toEqual([
      { name: 'Contoso', action: 'update', changes: [{ field: 'secretValue', from: '', to: 're-sent (force-update)' }] }
    ])
    expect(mark.creates()).toHaveLength(0)
    expect(mark.updates()).toHaveLength(1)
    expect(JSON.parse(mark.updates()[0].body).secretValue).toBe(AZURE_SECRET)
    expect(forced.stdout).toContain('    ~ secretValue: re-sent (force-update)')
    expect(forced.summary).toContain('`secretValue`: `re-sent (force-update)`')
    expectNoLeak(forced, SECRETS)
  })

  test('5. on-existing skip leaves the connector; on-existing fail fails naming it', async () => {
    const seeded = gateway.seed({ name: 'Contoso', tenantId: TENANT, description: 'hand-made' })

    let mark = new Mark(gateway)
    const skipped = await run(CONTOSO, { 'on-existing': 'skip' })
    expectExit(skipped, 0)
    expect(skipped.outputs.result).toBe('exists')
    expect(skipped.outputs.changed).toBe('false')
    expect(skipped.outputs['connector-id']).toBe(String(seeded.id))
    expect(mark.writes()).toHaveLength(0)

    mark = new Mark(gateway)
    const failed = await run(CONTOSO, { 'on-existing': 'fail' })
    expectExit(failed, 1)
    expect(failed.outputs.result).toBe('failed')
    expect(mark.writes()).toHaveLength(0)
    expect(annotations(failed).join('\n')).toContain(
      `a tenant connector named 'Contoso' already exists (id ${seeded.id}) and on-existing is 'fail'`
    )
    expect(gateway.connectors()).toEqual([expect.objectContaining({ id: seeded.id, description: 'hand-made' })])
  })

  test('6. id: adopts an existing connector and renames it', async () => {
    const seeded = gateway.seed({
      id: 4242,
      name: 'Old name',
      tenantId: TENANT,
      tenantName: 'contoso.onmicrosoft.com',
      applicationId: APP_ID,
      connectorPrefixName: 'contoso'
    })
    const adopt = spec(specConnector('Contoso', TENANT, 'id: 4242'))

    const planned = await run(adopt, { mode: 'plan' })
    expectExit(planned, 0)
    expect(planned.outputs.result).toBe('would-update')
    expect(plan(planned)).toEqual([
      { name: 'Contoso', action: 'update', changes: [{ field: 'name', from: 'Old name', to: 'Contoso' }] }
    ])

    const mark = new Mark(gateway)
    const adopted = await run(adopt)
    expectExit(adopted, 0)
    expect(adopted.outputs.result).toBe('updated')
    expect(adopted.outputs['connector-id']).toBe('4242')
    expect(mark.creates()).toHaveLength(0)
    expect(mark.updates().map(r => r.path)).toEqual([`/connectors/v1.0/org/azure/4242`])
    expect(JSON.parse(mark.updates()[0].body)).toMatchObject({ name: 'Contoso', secretValue: AZURE_SECRET })
    expect(gateway.connectors()).toEqual([expect.objectContaining({ id: 4242, uuid: seeded.uuid, name: 'Contoso' })])

    const again = await run(adopt)
    expectExit(again, 0)
    expect(again.outputs.result).toBe('unchanged')
  })

  test('7. two connectors with the same name: that one fails naming both ids, the others succeed', async () => {
    const first = gateway.seed({ name: 'Contoso', tenantId: TENANT })
    const second = gateway.seed({ name: 'Contoso', tenantId: TENANT })
    const mark = new Mark(gateway)
    const result = await run(spec(specConnector('Contoso'), specConnector('Fabrikam', TENANT_2)))
    expectExit(result, 1)
    expect(rows(result)).toEqual([
      expect.objectContaining({ name: 'Contoso', result: 'failed' }),
      expect.objectContaining({ name: 'Fabrikam', result: 'created' })
    ])
    expect(result.outputs.changed).toBe('true')
    expect(mark.creates().map(r => JSON.parse(r.body).name)).toEqual(['Fabrikam'])
    expect(mark.updates()).toHaveLength(0)
    const errors = annotations(result).join('\n')
    expect(errors).toContain(`ids ${first.id}, ${second.id}`)
    expect(errors).toContain('Contoso')
    expect(
      gateway
        .connectors()
        .map(c => c.name)
        .sort()
    ).toEqual(['Contoso', 'Contoso', 'Fabrikam'])
    expectNoLeak(result, SECRETS)
  })

  describe('8. wait-for-sync', () => {
    test('success: waits until SUCCESS', async () => {
      gateway.setSync('Contoso', ['PENDING', 'RUNNING', 'SUCCESS'])
      const result = await run(CONTOSO, { 'wait-for-sync': 'true', 'sync-timeout': '30s' })
      expectExit(result, 0)
      expect(result.outputs.result).toBe('created')
      expect(result.outputs.state).toBe('SUCCESS')
      expect(result.outputs['last-error']).toBe('')
      expect(result.stdout).toContain('Contoso: synced, state SUCCESS')
      expect(gateway.stats().gets).toBe(2)
    })

    test('error: fails with the lastError in the output and the log', async () => {
      const lastError = 'AADSTS7000215: Invalid client secret'
      gateway.setSync('Contoso', ['PENDING', 'ERROR'], lastError)
      const result = await run(CONTOSO, { 'wait-for-sync': 'true', 'sync-timeout': '30s' })
      expectExit(result, 1)
      expect(result.outputs.result).toBe('failed')
      expect(result.outputs.state).toBe('ERROR')
      expect(result.outputs['last-error']).toBe(lastError)
      expect(annotations(result).join('\n')).toContain(lastError)
      expect(gateway.stats().creates).toBe(1)
      expectNoLeak(result, SECRETS)
    })

    test('error with fail-on-sync-error false: exit 0 with a warning', async () => {
      const lastError = 'AADSTS7000215: Invalid client secret'
      gateway.setSync('Contoso', ['PENDING', 'ERROR'], lastError)
      const result = await run(CONTOSO, {
        'wait-for-sync': 'true',
        'sync-timeout': '30s',
        'fail-on-sync-error': 'false'
      })
      expectExit(result, 0)
      expect(result.outputs.result).toBe('created')
      expect(result.outputs.state).toBe('ERROR')
      expect(result.outputs['last-error']).toBe(lastError)
      expect(annotations(result, 'warning').join('\n')).toContain(lastError)
      expect(annotations(result)).toEqual([])
    })

    test('timeout: still PENDING after sync-timeout fails the step', async () => {
      gateway.setSync('Contoso', ['PENDING'])
      const result = await run(CONTOSO, { 'wait-for-sync': 'true', 'sync-timeout': '2s' })
      expectExit(result, 1)
      expect(result.outputs.result).toBe('failed')
      expect(result.outputs.state).toBe('PENDING')
      expect(annotations(result).join('\n')).toMatch(/still PENDING after [23] s/)
      expect(gateway.stats().creates).toBe(1)
    })
  })

  describe('9. pull-request plan comment', () => {
    const OWNER = 'octo-org'
    const REPO = 'cloud-config'
    const GITHUB_TOKEN = 'ghs_fakeTokenForTheStandIn0123456789'
    let github: FakeGitHubApi

    beforeEach(async () => {
      github = new FakeGitHubApi({ token: GITHUB_TOKEN })
      await github.start()
    })
    afterEach(async () => {
      await github.stop()
    })

    function prEnv(number: number): Record<string, string> {
      return pullRequestEnv(github, OWNER, REPO, number)
    }

    function bodies(): string[] {
      return github.comments().map(c => c.body)
    }

    test('one comment with the plan, edited in place on the next run (found across pages)', async () => {
      // Someone else's comments fill the first page, so the action's own lands on page 2.
      for (let i = 1; i <= 150; i++) github.seedComment(OWNER, REPO, 7, `review remark ${i}`)
      const env = prEnv(7)

      const first = await run(CONTOSO, { mode: 'plan', 'github-token': GITHUB_TOKEN }, env)
      expectExit(first, 0)
      expect(first.outputs.result).toBe('would-create')
      expect(github.writes().map(r => r.method)).toEqual(['POST'])
      const mine = github.comments(7).filter(c => c.body.includes(MARKER))
      expect(mine).toHaveLength(1)
      expect(mine[0].user).toBe('github-actions[bot]')
      expect(mine[0].body).toContain('Qualys Azure tenant connectors: plan')
      expect(mine[0].body).toMatch(/`Contoso` \| would-create/)
      expect(first.stdout).toContain('Plan comment created')
      expect(annotations(first, 'warning')).toEqual([])

      const edited = spec(specConnector('Contoso', TENANT, 'description: Edited in the PR'))
      const requestsBefore = github.requests.length
      const second = await run(edited, { mode: 'plan', 'github-token': GITHUB_TOKEN }, env)
      expectExit(second, 0)
      const secondRequests = github.requests.slice(requestsBefore)
      // Listed both pages, then edited the existing comment; no second comment.
      expect(secondRequests.filter(r => r.method === 'GET').map(r => r.query.page ?? '1')).toEqual(['1', '2'])
      expect(secondRequests.filter(r => r.method !== 'GET').map(r => `${r.method} ${r.path}`)).toEqual([
        `PATCH /repos/${OWNER}/${REPO}/issues/comments/${mine[0].id}`
      ])
      const after = github.comments(7).filter(c => c.body.includes(MARKER))
      expect(after).toHaveLength(1)
      expect(after[0].id).toBe(mine[0].id)
      expect(after[0].body).toContain('Edited in the PR')
      expect(github.comments(7)).toHaveLength(151)
      expect(second.stdout).toContain('Plan comment updated')
      // Every request carried the token, and nothing was written to Qualys.
      expect(github.requests.every(r => r.headers.authorization?.includes(GITHUB_TOKEN))).toBe(true)
      expect(gateway.stats()).toMatchObject({ creates: 0, updates: 0 })

      for (const result of [first, second]) expectNoLeak(result, [...SECRETS, GITHUB_TOKEN], bodies())
    })

    test('a page of comments that never answers ends within request-timeout × max-attempts and fails the plan in words', async () => {
      for (let i = 1; i <= 150; i++) github.seedComment(OWNER, REPO, 7, `review remark ${i}`)
      github.fault({ method: 'GET', page: 2, hang: true, times: 2 })
      const started = Date.now()
      const result = await run(
        CONTOSO,
        { mode: 'plan', 'github-token': GITHUB_TOKEN, 'request-timeout': '1s', 'max-attempts': '2' },
        prEnv(7)
      )
      const elapsed = Date.now() - started
      expectExit(result, 1)
      expect(github.requests.filter(r => r.query.page === '2')).toHaveLength(2)
      expect(annotations(result, 'error').join('\n')).toContain(
        'Could not post the plan on the pull request: list the comments of pull request #7 failed: no answer within 1 s; GitHub did not answer in time: raise request-timeout if it is slow, or run again later; a plan posted earlier on this pull request may be out of date'
      )
      expect(github.writes()).toEqual([])
      // Two attempts of 1 s and one backoff of at most 2 s, plus the start-up of a Node process; Octokit's own fetch would wait on.
      expect(elapsed).toBeLessThan(15_000)
      expectNoLeak(result, [...SECRETS, GITHUB_TOKEN])
    })

    test('a page of comments whose body breaks off is read again: the plan comment on page 2 is edited, never posted twice', async () => {
      for (let i = 1; i <= 120; i++) github.seedComment(OWNER, REPO, 7, `review remark ${i}`)
      const ours = github.seedComment(OWNER, REPO, 7, `${MARKER}\nan older plan`, 'github-actions[bot]')
      github.fault({ method: 'GET', page: 2, cutBody: true })
      const result = await run(CONTOSO, { mode: 'plan', 'github-token': GITHUB_TOKEN }, prEnv(7))
      expectExit(result, 0)
      expect(github.requests.filter(r => r.method === 'GET').map(r => r.query.page ?? '1')).toEqual(['1', '2', '2'])
      expect(github.writes().map(r => `${r.method} ${r.path}`)).toEqual([
        `PATCH /repos/${OWNER}/${REPO}/issues/comments/${ours.id}`
      ])
      expect(github.comments(7).filter(c => c.body.includes(MARKER))).toHaveLength(1)
    })

    test('HTTPS_PROXY is used for GitHub (CONNECT to the API host), and nothing secret reaches the proxy or the log', async () => {
      const proxy = new RecordingProxy()
      const proxyUrl = await proxy.start()
      try {
        const result = await run(
          CONTOSO,
          { mode: 'plan', 'github-token': GITHUB_TOKEN, 'max-attempts': '1' },
          { ...prEnv(7), GITHUB_API_URL: 'https://api.github.example', HTTPS_PROXY: proxyUrl }
        )
        // The loopback Qualys stand-in is reached directly; GitHub only through the proxy, which refuses.
        expect(proxy.connects).toEqual(['api.github.example:443'])
        expectExit(result, 1)
        expect(annotations(result, 'error').join('\n')).toMatch(
          /Could not post the plan on the pull request: list the comments of pull request #7 failed: .*HTTPS_PROXY/
        )
        expectNoLeak(result, [...SECRETS, GITHUB_TOKEN], proxy.heard)
      } finally {
        await proxy.stop()
      }
    })

    test('a 403 from GitHub (pull request from a fork) is a notice, not a failure', async () => {
      github.fork = true
      const result = await run(CONTOSO, { mode: 'plan', 'github-token': GITHUB_TOKEN }, prEnv(8))
      expectExit(result, 0)
      expect(result.outputs.result).toBe('would-create')
      expect(github.writes()).toHaveLength(1)
      expect(github.writes()[0].status).toBe(403)
      expect(github.comments()).toHaveLength(0)
      expect(annotations(result, 'notice').join('\n')).toMatch(/GitHub refused the comment \(403\)/)
      expect(annotations(result)).toEqual([])
      expectNoLeak(result, [...SECRETS, GITHUB_TOKEN], bodies())
    })

    test('no github-token: a notice, not a failure, and GitHub is not called', async () => {
      const result = await run(CONTOSO, { mode: 'plan', 'github-token': '' }, prEnv(9))
      expectExit(result, 0)
      expect(result.outputs.result).toBe('would-create')
      expect(annotations(result, 'notice').join('\n')).toContain('No github-token')
      expect(github.requests).toHaveLength(0)
      expect(annotations(result)).toEqual([])
    })

    test('a marker pasted by a person does not capture the plan: the bot edits its own comment, or posts one', async () => {
      const pasted = `quoting the bot: <!-- qualys-azure-tenant-connector-plan --> looks fine`
      github.seedComment(OWNER, REPO, 12, pasted, 'octocat')
      const first = await run(CONTOSO, { mode: 'plan', 'github-token': GITHUB_TOKEN }, prEnv(12))
      expectExit(first, 0)
      expect(github.comments().map(c => c.user)).toEqual(['octocat', 'github-actions[bot]'])
      expect(github.comments()[0].body).toBe(pasted)
      const second = await run(CONTOSO, { mode: 'plan', 'github-token': GITHUB_TOKEN }, prEnv(12))
      expectExit(second, 0)
      expect(github.comments()).toHaveLength(2)
      // The person's comment is tried first (a token may be a person's) and refused; the plan is then posted, and later edited.
      expect(github.writes().map(r => `${r.method} ${r.status}`)).toEqual(['PATCH 403', 'POST 201', 'PATCH 200'])
      expect(annotations(second, 'notice').filter(line => /not posted/.test(line))).toEqual([])
    })

    test('a plan outside a pull request (push, schedule) posts nothing and raises no notice', async () => {
      const result = await run(
        CONTOSO,
        { mode: 'plan', 'github-token': GITHUB_TOKEN },
        { ...prEnv(11), GITHUB_EVENT_NAME: 'push' }
      )
      expectExit(result, 0)
      expect(result.outputs.result).toBe('would-create')
      expect(github.requests).toHaveLength(0)
      expect(annotations(result, 'notice').filter(line => /pull request|github-token/.test(line))).toEqual([])
    })

    test('apply mode posts no comment', async () => {
      const result = await run(CONTOSO, { 'github-token': GITHUB_TOKEN }, prEnv(10))
      expectExit(result, 0)
      expect(result.outputs.result).toBe('created')
      expect(github.requests).toHaveLength(0)
    })
  })

  test('11. listing fails: nothing is created (fail closed)', async () => {
    gateway.fault({
      method: 'GET',
      path: LIST_PATH,
      times: 100,
      fault: { kind: 'status', status: 500, headers: { 'Retry-After': '0' } }
    })
    const result = await run(spec(specConnector('Contoso'), specConnector('Fabrikam', TENANT_2)), {
      'max-attempts': '2'
    })
    expectExit(result, 1)
    const lists = gateway.requests.filter(r => r.method === 'GET' && r.path === LIST_PATH)
    expect(lists.map(r => r.status)).toEqual([500, 500])
    expect(gateway.stats()).toMatchObject({ creates: 0, updates: 0 })
    expect(gateway.connectors()).toHaveLength(0)
    expect(rows(result).map(r => r.result)).toEqual(['not-attempted', 'not-attempted'])
    expect(result.outputs.changed).toBe('false')
    expect(annotations(result).join('\n')).toContain(
      'Could not look up the existing connectors, so nothing was changed'
    )
    expectNoLeak(result, SECRETS)
  })
})

describe('10. validate works offline', () => {
  test('no credentials and no gateway URL: valid, and no server is contacted', async () => {
    const result = await runAction({
      inputs: { mode: 'validate', 'spec-file': 'connectors.yaml' },
      env: { AZURE_SECRET },
      files: { 'connectors.yaml': spec(specConnector('Contoso'), specConnector('Fabrikam', TENANT_2)) }
    })
    expectExit(result, 0)
    expect(rows(result).map(r => [r.name, r.result])).toEqual([
      ['Contoso', 'valid'],
      ['Fabrikam', 'valid']
    ])
    expect(result.outputs.changed).toBe('false')
    expect(result.stdout).toContain('The spec is valid: 2 connectors (Contoso, Fabrikam)')
    expect(result.stdout).not.toMatch(/Qualys API calls|Applying|Planning/)
    expect(annotations(result)).toEqual([])
    expectNoLeak(result, SECRETS)

    const inline = await runAction({
      inputs: {
        mode: 'validate',
        name: 'Contoso',
        'tenant-id': TENANT,
        'tenant-name': 'contoso.onmicrosoft.com',
        'application-id': APP_ID,
        'connector-prefix-name': 'contoso'
      }
    })
    expectExit(inline, 0)
    expect(inline.outputs.result).toBe('valid')
    expect(inline.stdout).not.toMatch(/Qualys API calls/)
  })
})
