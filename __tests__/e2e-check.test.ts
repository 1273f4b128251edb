/**
 * End-to-end mode: check — the bundled action run as the runner runs it on a schedule, against the
 * stand-in Qualys gateway, Microsoft's APIs and the GitHub REST API (for the check's issue).
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from '@jest/globals'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { daysFromNow, FakeMicrosoft } from '../test-support/azure.js'
import {
  annotations,
  APP_ID,
  AZURE_SECRET,
  expectNoLeak,
  passwordInputs,
  spec,
  specConnector,
  TENANT,
  USER
} from '../test-support/e2e.js'
import { FakeQualysGateway } from '../test-support/gateway.js'
import type { FakeConnector } from '../test-support/gateway/model.js'
import { FakeGitHubApi, scheduleEnv } from '../test-support/github-api.js'
import { runAction, type ActionRun } from '../test-support/run-action.js'

const GITHUB_TOKEN = 'ghs_checkTokenForTheIssue0123456789'
const SECRETS = [AZURE_SECRET, USER.password, GITHUB_TOKEN]
const SPEC = spec(specConnector('Contoso'), specConnector('Fabrikam', TENANT))
const SUBSCRIPTIONS = [
  { subscriptionId: 'a1a1a1a1-0000-4000-8000-000000000001', displayName: 'prod' },
  { subscriptionId: 'b2b2b2b2-0000-4000-8000-000000000002', displayName: 'dev' }
]

interface ReportRow {
  name: string
  id: number | null
  drift: { drifted: boolean; result: string; changes: { field: string; from: string; to: string }[] }
  health: { healthy: boolean; findings: { kind: string; detail: string }[] }
  azure: { status: string; reason?: string; subscriptions?: number; secretAgeDays?: number; expiring: boolean }
  coverage: { status: string; reason?: string; withoutMember?: string[] | null; failingMembers?: unknown[] }
}

let gateway: FakeQualysGateway
let microsoft: FakeMicrosoft
let github: FakeGitHubApi

beforeAll(async () => {
  github = new FakeGitHubApi({ token: GITHUB_TOKEN, botLogin: 'github-actions[bot]' })
  await github.start()
})
afterAll(() => github.stop())
beforeEach(async () => {
  gateway = new FakeQualysGateway({ users: [USER] })
  microsoft = new FakeMicrosoft({
    tenants: [
      {
        tenantId: TENANT,
        apps: [
          {
            appId: APP_ID,
            readsGraph: true,
            secrets: [{ value: AZURE_SECRET, endDateTime: daysFromNow(400), startDateTime: daysFromNow(-200) }]
          }
        ],
        subscriptions: SUBSCRIPTIONS
      }
    ]
  })
  await Promise.all([gateway.start(), microsoft.start()])
  github.reset()
})
afterEach(() => Promise.all([gateway.stop(), microsoft.stop()]))

function run(inputs: Record<string, string> = {}, env: Record<string, string> = {}): Promise<ActionRun> {
  return runAction({
    inputs: {
      ...passwordInputs(gateway.url),
      ...microsoft.inputs,
      'spec-file': 'qualys/connectors.yaml',
      'github-token': GITHUB_TOKEN,
      ...inputs
    },
    env: {
      ...scheduleEnv(github, 'acme', 'cloud-config'),
      GITHUB_SHA: 'c0ffee0123456789c0ffee0123456789c0ffee01',
      ...env
    },
    files: { 'qualys/connectors.yaml': SPEC }
  })
}

/** Both connectors as an apply writes them, then synced. */
async function onboarded(): Promise<void> {
  const apply = await run({ mode: 'apply' }, { AZURE_SECRET })
  expect(apply.code).toBe(0)
}

const check = (inputs: Record<string, string> = {}, env: Record<string, string> = {}): Promise<ActionRun> =>
  run({ mode: 'check', ...inputs }, env)
const rows = (result: ActionRun): ReportRow[] => JSON.parse(result.outputs.report) as ReportRow[]
const named = (result: ActionRun, name: string): ReportRow => rows(result).find(row => row.name === name) as ReportRow
function connector(name: string): FakeConnector {
  const found = gateway.connectors().find(c => c.name === name && !c.deleted)
  if (!found) throw new Error(`no connector ${name} in the stand-in`)
  return found
}
const edit = (name: string, patch: Partial<FakeConnector>): void => gateway.edit(connector(name).id, patch)

/** The check writes nothing to Qualys: the login is its only POST, and there is no PUT or DELETE. */
function expectReadOnly(since: number): void {
  const writes = gateway.requests.slice(since).filter(r => r.method !== 'GET' && !r.path.startsWith('/auth'))
  expect(writes).toEqual([])
}

describe('mode: check', () => {
  test('a connector edited by hand in Qualys is drift: reported as plan reports it, and the step fails', async () => {
    await onboarded()
    edit('Fabrikam', { tenantName: 'edited-in-the-ui.onmicrosoft.com' })
    const since = gateway.requests.length
    const result = await check()
    expect(result.code).toBe(1)
    expect(result.outputs.changed).toBe('true')
    expect(result.outputs.healthy).toBe('true')
    expect(named(result, 'Fabrikam').drift).toEqual({
      drifted: true,
      result: 'would-update',
      changes: [{ field: 'tenantName', from: 'edited-in-the-ui.onmicrosoft.com', to: 'fabrikam.onmicrosoft.com' }]
    })
    expect(named(result, 'Contoso').drift.drifted).toBe(false)
    expect(annotations(result).join('\n')).toContain('1 drifted from the spec (apply brings them back): Fabrikam')
    expect(result.summary).toContain('| ❌ | `Fabrikam` |')
    expect(result.summary).toContain('What the gateway showed')
    expect(result.summary).toContain('Tenant connectors listed through GET /connectors/v1.0/org/azure/list')
    expectReadOnly(since)
    expectNoLeak(result, SECRETS)
  })

  test('a failing and a stale connector are unhealthy; check-fail-on decides what fails the step', async () => {
    await onboarded()
    edit('Contoso', { state: 'FINISHED_ERRORS', lastError: 'AADSTS7000222: the client secret keys are expired' })
    edit('Fabrikam', { state: 'FINISHED_SUCCESS', lastSynced: new Date(Date.now() - 5 * 86_400_000).toISOString() })
    const result = await check()
    expect(result.code).toBe(1)
    expect(result.outputs.healthy).toBe('false')
    expect(result.outputs.changed).toBe('false')
    expect(named(result, 'Contoso').health.findings).toEqual([
      { kind: 'failing', detail: 'state FINISHED_ERRORS: AADSTS7000222: the client secret keys are expired' }
    ])
    expect(named(result, 'Fabrikam').health.findings).toEqual([
      { kind: 'stale', detail: 'no sync for 5 days (it runs every 1 day)' }
    ])
    expect((await check({ 'check-fail-on': 'drift' })).code).toBe(0)
    expect((await check({ 'check-fail-on': 'none' })).code).toBe(0)
    expect((await check({ 'check-fail-on': 'unhealthy,expiring' })).code).toBe(1)
  })

  test('the Azure side is checked where the step has the secret, and skipped with the reason where not', async () => {
    await onboarded()
    const without = await check()
    expect(named(without, 'Contoso').azure).toEqual({
      status: 'skipped',
      reason: "AZURE_SECRET is not in the step's env, so the app's credentials were not tried",
      expiring: false
    })
    expect(without.code).toBe(0)
    const withSecret = await check({}, { AZURE_SECRET })
    expect(named(withSecret, 'Contoso').azure).toMatchObject({
      status: 'checked',
      subscriptions: 2,
      secretAgeDays: 200
    })
    // Older than the 180 days Qualys recommends: expiring, which fails only when check-fail-on names it.
    expect(named(withSecret, 'Contoso').azure.expiring).toBe(true)
    expect(withSecret.code).toBe(0)
    expect((await check({ 'check-fail-on': 'expiring' }, { AZURE_SECRET })).code).toBe(1)
    expectNoLeak(withSecret, SECRETS)
  })

  test('coverage names a subscription without a member and a failing member; none without a member listing', async () => {
    await onboarded()
    gateway.seedMembers(connector('Contoso').id, [
      {
        subscriptionId: (SUBSCRIPTIONS[0] as { subscriptionId: string }).subscriptionId,
        state: 'FINISHED_ERRORS',
        lastError: 'Reader role missing'
      }
    ])
    const result = await check({}, { AZURE_SECRET })
    expect(named(result, 'Contoso').coverage).toMatchObject({
      status: 'available',
      withoutMember: [(SUBSCRIPTIONS[1] as { subscriptionId: string }).subscriptionId],
      failingMembers: [expect.objectContaining({ lastError: 'Reader role missing' })]
    })
    expect(result.summary).toContain('failing: Reader role missing')

    await gateway.stop()
    gateway = new FakeQualysGateway({ users: [USER], memberListPath: 'none' })
    await gateway.start()
    await onboarded()
    const none = await check({}, { AZURE_SECRET })
    expect(named(none, 'Contoso').coverage.status).toBe('not-available')
    expect(named(none, 'Contoso').coverage.reason).toMatch(/member/)
    expect(none.code).toBe(0)
  })

  test('one issue keeps itself current: opened, updated, closed when clean, reopened when drift returns', async () => {
    await onboarded()
    const issueRuns = (): Promise<ActionRun> => check({ issue: 'true', 'issue-labels': 'qualys,drift' })

    edit('Fabrikam', { tenantName: 'edited.onmicrosoft.com' })
    const first = await issueRuns()
    expect(first.outputs['issue-number']).toMatch(/^\d+$/)
    expect(first.outputs['issue-url']).toMatch(/\/repos?\/?.*\/issues\/\d+$|\/acme\/cloud-config\/issues\/\d+$/)
    const number = Number(first.outputs['issue-number'])
    await issueRuns()
    await issueRuns()
    const issues = github.issues()
    expect(issues).toHaveLength(1)
    const [issue] = issues
    expect(issue?.title).toBe('Qualys: 1 connector drifted — qualys/connectors.yaml')
    expect(issue?.state).toBe('open')
    expect(issue?.labels).toEqual(expect.arrayContaining(['qualys', 'drift']))
    expect(issue?.body).toContain('commit `c0ffee0`')

    edit('Fabrikam', { tenantName: 'fabrikam.onmicrosoft.com' })
    const clean = await issueRuns()
    expect(clean.code).toBe(0)
    expect(github.issues()[0]?.state).toBe('closed')
    expect(github.comments(number).at(-1)?.body).toContain('found nothing to report')

    edit('Fabrikam', { tenantName: 'edited-again.onmicrosoft.com' })
    const again = await issueRuns()
    expect(again.outputs['issue-number']).toBe(String(number))
    expect(github.issues()).toHaveLength(1)
    expect(github.issues()[0]?.state).toBe('open')
    for (const body of [...github.issues().map(i => i.body), ...github.comments(number).map(c => c.body)])
      for (const secret of SECRETS) expect((body ?? '').includes(secret)).toBe(false)
  })

  test('a page of the issue listing whose body breaks off is read again: the issue is updated, never a second one', async () => {
    await onboarded()
    edit('Fabrikam', { tenantName: 'edited.onmicrosoft.com' })
    const first = await check({ issue: 'true' })
    const listings = (): number => github.requests.filter(r => r.method === 'GET' && r.path.endsWith('/issues')).length
    const before = listings()
    github.fault({ method: 'GET', cutBody: true })
    const second = await check({ issue: 'true' })
    expect(listings() - before).toBe(2)
    expect(second.outputs['issue-number']).toBe(first.outputs['issue-number'])
    expect(github.issues()).toHaveLength(1)
    expect(github.writes().filter(r => r.method === 'POST')).toHaveLength(1)
    expect(second.stdout).toMatch(/list the issues failed: connection closed before the answer was complete/)
  })

  test('an event payload that is not JSON (which @actions/github parses on import) is a warning in words, not a crash', async () => {
    await onboarded()
    edit('Fabrikam', { tenantName: 'edited.onmicrosoft.com' })
    const eventPath = join(mkdtempSync(join(tmpdir(), 'gh-event-')), 'event.json')
    writeFileSync(eventPath, '{"schedule": ')
    const before = github.requests.length
    const result = await check({ issue: 'true', 'check-fail-on': 'none' }, { GITHUB_EVENT_PATH: eventPath })
    expect(result.code).toBe(0)
    expect(annotations(result, 'warning').join('\n')).toContain(
      "The check's issue was not written: GitHub's client could not start: the event payload (GITHUB_EVENT_PATH) could not be read ("
    )
    expect(github.requests.length).toBe(before)
    expect(result.stderr).toBe('')
  })

  test("a forged marker in someone else's issue is not taken over", async () => {
    await onboarded()
    edit('Fabrikam', { tenantName: 'edited.onmicrosoft.com' })
    const forged = github.seedIssue('acme', 'cloud-config', {
      title: 'my notes',
      body: '<!-- qualys-azure-tenant-connector-check: acme/cloud-config:qualys/connectors.yaml -->\nmine',
      user: 'mallory'
    })
    const result = await check({ issue: 'true' })
    expect(Number(result.outputs['issue-number'])).not.toBe(forged.number)
    const mine = github.issues().find(i => i.number === forged.number)
    expect(mine?.title).toBe('my notes')
    expect(mine?.body).toContain('mine')
    expect(github.issues()).toHaveLength(2)
  })

  test('a token without issues: write is a warning: the check result stands', async () => {
    await onboarded()
    edit('Fabrikam', { tenantName: 'edited.onmicrosoft.com' })
    github.fork = true
    const result = await check({ issue: 'true', 'check-fail-on': 'none' })
    github.fork = false
    expect(result.code).toBe(0)
    expect(annotations(result, 'warning').join('\n')).toContain("The check's issue was not written")
    expect(result.outputs['issue-number']).toBeUndefined()
  })
})
