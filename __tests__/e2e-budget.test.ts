/**
 * Issue 17, many tenants through Qualys' call window, end to end on the BUNDLED action (test-support/build-dist.js)
 * against the stand-in gateway with its documented rolling window (login exempt) scaled down to seconds: a run
 * that waits for the window and finishes; a run that defers (results, one message with the time the budget is
 * back, exit code, summary and outputs) and a second run that finishes the rest with no duplicate; a throttled
 * listing; progress lines in a long run.
 */
import { afterEach, describe, expect, test } from '@jest/globals'
import { annotations, AZURE_SECRET, expectNoLeak, passwordInputs, USER } from '../test-support/e2e.js'
import { FakeQualysGateway } from '../test-support/gateway.js'
import type { GatewayOptions } from '../test-support/gateway/model.js'
import { runAction, type ActionRun } from '../test-support/run-action.js'

const CREATE_PATH = '/connectors/v1.0/org/azure/'
const UTC_TIME = /\d\d:\d\d UTC/

let gateway: FakeQualysGateway

afterEach(async () => {
  await gateway?.stop()
})

async function start(options: GatewayOptions): Promise<void> {
  gateway = new FakeQualysGateway({ users: [USER], concurrencyLimit: 2, ...options })
  await gateway.start()
}

function guid(n: number): string {
  const hex = n.toString(16).padStart(12, '0')
  return `7a1b2c3d-4e5f-4a6b-8c7d-${hex}`
}

/** `count` tenants, each spelled out in full, named Tenant 001…; the spec's order is the order of the names. */
function tenants(count: number): string {
  const entries = Array.from({ length: count }, (_, i) => {
    const n = String(i + 1).padStart(3, '0')
    return [
      `  - name: Tenant ${n}`,
      `    tenantId: ${guid(i + 1)}`,
      `    tenantName: tenant${n}.onmicrosoft.com`,
      `    applicationId: ${guid(5000 + i)}`,
      '    secretValue: ${AZURE_SECRET}',
      `    connectorPrefixName: tenant${n}`,
      '    connectorAppInfos: [AI]',
      '    orgRunFrequency: 1d',
      '    connectorRunFrequency: 1d'
    ].join('\n')
  })
  return `connectors:\n${entries.join('\n')}\n`
}

function apply(
  specText: string,
  inputs: Record<string, string> = {},
  env: Record<string, string> = {}
): Promise<ActionRun> {
  return runAction({
    inputs: {
      ...passwordInputs(gateway.url),
      'spec-file': 'connectors.yaml',
      'azure-preflight': 'false',
      ...inputs
    },
    env: { AZURE_SECRET, GITHUB_REPOSITORY: 'msp/qualys-config', ...env },
    files: { 'connectors.yaml': specText }
  })
}

function expectExit(result: ActionRun, code: number): void {
  if (result.code !== code)
    throw new Error(`expected exit code ${code}, got ${result.code}\n${result.stdout}\n${result.stderr}`)
}

function rows(result: ActionRun): { name: string; result: string }[] {
  return JSON.parse(result.outputs.connectors)
}

function createsPerName(): Map<string, number> {
  const sent = new Map<string, number>()
  for (const request of gateway.requests.filter(r => r.method === 'POST' && r.path === CREATE_PATH && r.status < 300)) {
    const name = (JSON.parse(request.body) as { name: string }).name
    sent.set(name, (sent.get(name) ?? 0) + 1)
  }
  return sent
}

function expectNoDuplicates(count: number): void {
  const names = gateway.connectors().map(c => c.name)
  expect(names).toHaveLength(count)
  expect(new Set(names).size).toBe(count)
  expect([...createsPerName().values()].every(n => n === 1)).toBe(true)
}

describe("Qualys' call window", () => {
  test('a run that needs more calls than a window holds says so first, waits for the window, and finishes', async () => {
    await start({ rateLimit: { limit: 10, windowSec: 2 } })
    // With the runner's debug log on, so the requests show where the first create went.
    const result = await apply(tenants(25), { 'rate-limit-wait': '1m' }, { RUNNER_DEBUG: '1' })
    expectExit(result, 0)
    expect(rows(result).every(row => row.result === 'created')).toBe(true)
    expectNoDuplicates(25)
    // The estimate comes before the first write, from the listing's headers.
    const estimate = result.lines.findIndex(line =>
      line.startsWith('This apply needs about 26 calls (25 writes, 1 read)')
    )
    expect(estimate).toBeGreaterThan(-1)
    expect(result.lines[estimate]).toMatch(/Qualys has \d+ of 10 left in this 2 s window: more than is left/)
    const firstCreate = result.lines.findIndex(line => line.includes(`→ POST ${CREATE_PATH}`))
    expect(estimate).toBeLessThan(firstCreate)
    // Each wait is one line with the time the budget is back and the progress; no per-connector throttling noise.
    const waits = result.lines.filter(line => line.startsWith("Qualys' API budget is used up (10 calls per 2 s)"))
    expect(waits.length).toBeGreaterThanOrEqual(2)
    for (const wait of waits) {
      expect(wait).toMatch(UTC_TIME)
      expect(wait).toMatch(/waiting \d+ s \(applied \d+ of 25 connectors/)
    }
    expect(result.stdout).not.toMatch(/lower max-concurrency/)
    expect(annotations(result, 'warning')).toEqual([])
    expectNoLeak(result, [AZURE_SECRET, USER.password])
  })

  test('beyond rate-limit-wait the rest is deferred with one message, and the next run finishes it without a duplicate', async () => {
    await start({ rateLimit: { limit: 10, windowSec: 3600 } })
    const first = await apply(tenants(40), { 'rate-limit-wait': '0' })
    expectExit(first, 1)
    const results = rows(first)
    const created = results.filter(row => row.result === 'created')
    const deferred = results.filter(row => row.result === 'deferred')
    expect(created.length + deferred.length).toBe(40)
    expect(created.length).toBeGreaterThanOrEqual(8)
    // In the spec's order: everything created comes before everything deferred.
    expect(results.map(row => row.result)).toEqual([...created.map(() => 'created'), ...deferred.map(() => 'deferred')])
    // One message for the cause, with the time the budget is back and what to do; not one per connector.
    const errors = annotations(first)
    expect(errors).toHaveLength(1)
    expect(errors[0]).toMatch(/Qualys' API budget is used up until \d\d:\d\d UTC \(10 calls per 3600 s\)/)
    expect(errors[0]).toContain(
      `${deferred.length} of 40 connectors were deferred (in the spec's order, from '${deferred[0].name}')`
    )
    expect(errors[0]).toContain('the next run continues where this one stopped')
    expect(errors[0]).not.toContain('max-concurrency')
    expect(first.stdout.match(/API budget is used up until/g)?.length).toBeLessThanOrEqual(2)
    // The summary and the outputs are written, listing the deferred connectors.
    expect(first.summary).toContain(
      `**Applied:** ${created.length} created, 0 updated, 0 unchanged, ${deferred.length} deferred.`
    )
    expect(first.summary).toContain(`| ⏭️ | \`${deferred[0].name}\` | deferred |`)
    expect(JSON.parse(first.outputs.plan)).toContainEqual(
      expect.objectContaining({ name: deferred[0].name, action: 'deferred' })
    )
    expect(gateway.connectors()).toHaveLength(created.length)

    // The window rolls; the next run goes on where this one stopped.
    gateway.rollWindow()
    const second = await apply(tenants(40), { 'rate-limit-wait': '0' })
    const again = rows(second)
    expect(again.filter(row => row.result === 'unchanged').map(row => row.name)).toEqual(created.map(row => row.name))
    expect(again.filter(row => row.result === 'created').length).toBeGreaterThan(0)
    gateway.rollWindow()
    gateway.rollWindow()
    let last = second
    for (let run = 0; run < 6 && rows(last).some(row => row.result === 'deferred'); run++) {
      gateway.rollWindow()
      last = await apply(tenants(40), { 'rate-limit-wait': '0' })
    }
    expectExit(last, 0)
    expectNoDuplicates(40)
  })

  test('a listing the budget refuses says when the budget is back, not that the lookup failed', async () => {
    await start({ rateLimit: { limit: 2, windowSec: 3600 } })
    expectExit(await apply(tenants(1)), 0) // the listing and the create spend the window
    const result = await apply(tenants(3), { 'rate-limit-wait': '0' })
    expectExit(result, 1)
    const errors = annotations(result)
    expect(errors).toHaveLength(1)
    expect(errors[0]).toMatch(/Qualys' API budget is used up until \d\d:\d\d UTC/)
    expect(errors[0]).toContain('so the connectors were not looked up and nothing was changed')
    expect(errors[0]).not.toContain('Could not look up')
    expect(rows(result).map(row => row.result)).toEqual(['deferred', 'deferred', 'deferred'])
  })

  test('a long run logs its progress by result', async () => {
    await start({ latencyMs: 5 })
    const result = await apply(tenants(50))
    expectExit(result, 0)
    const progress = result.lines.filter(line => line.startsWith('Progress: applied'))
    expect(progress.length).toBeGreaterThanOrEqual(9)
    expect(progress[0]).toMatch(/^Progress: applied \d+ of 50 connectors \(\d+ created\)$/)
  })
})
