/**
 * Issue 17's budget figures, for `npm run bench` (bench/run.ts writes them into RESULTS.md):
 *   5. 1000 creates through Qualys' documented 300-calls window, scaled from 3600 s to 10 s and 30 s: one run with
 *      rate-limit-wait against the budget floor (⌈calls ⁄ 300⌉ − 1 windows waited); then the same onboarding with no
 *      allowance at all, run again each time the window has rolled until nothing is deferred: how many runs,
 *      failures, duplicates and connectors written twice.
 */
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { FakeQualysGateway } from '../test-support/gateway.js'
import { runAction, type ActionRun } from '../test-support/run-action.js'

const USER = { username: 'bench', password: 'bench-password' }
const SECRET = 'bench~azure-secret'
const BUDGET = 300
/** The documented 3600 s window scaled down; two lengths, because what is above the floor does not grow with the window. */
const WINDOWS_SEC = [10, 30]
const CREATE_PATH = '/connectors/v1.0/org/azure/'

function guid(n: number, salt: number): string {
  const hex = (n * 7919 + salt).toString(16).padStart(12, '0').slice(-12)
  return `5e2d4c2a-9b7d-4e8f-a1c3-${hex}`
}

/**
 * Every field spelled out per connector (no `defaults:`), as a large hand-kept spec is. Each tenant has an
 * application of its own (one scrypt per connector for the secret's fingerprint), or with `oneApp` all share
 * one multi-tenant application (one scrypt for the run).
 */
function specOf(count: number, oneApp = false): string {
  const lines = ['connectors:']
  for (let i = 0; i < count; i++)
    lines.push(
      `  - name: Tenant ${i}`,
      `    tenantId: ${guid(i, 1)}`,
      `    tenantName: tenant${i}.onmicrosoft.com`,
      `    applicationId: ${guid(oneApp ? 0 : i, 2)}`,
      '    secretValue: ${AZURE_SECRET}',
      `    connectorPrefixName: t${i}`,
      '    connectorAppInfos: [AI, CI, CSA]',
      '    orgRunFrequency: 1d',
      '    connectorRunFrequency: 1d'
    )
  return `${lines.join('\n')}\n`
}

function apply(url: string, workspace: string, node: string, rateLimitWait: string): Promise<ActionRun> {
  return runAction({
    inputs: {
      'qualys-gateway-url': url,
      'qualys-username': USER.username,
      'qualys-password': USER.password,
      'spec-file': 'spec.yaml',
      'azure-preflight': 'false',
      'rate-limit-wait': rateLimitWait
    },
    env: { AZURE_SECRET: SECRET },
    workspace,
    timeoutMs: 900_000,
    node
  })
}

/** Creates the gateway answered, per connector name: more than one would be a connector written twice. */
function writesPerName(gateway: FakeQualysGateway): Map<string, number> {
  const writes = new Map<string, number>()
  for (const request of gateway.requests.filter(r => r.method === 'POST' && r.path === CREATE_PATH && r.status < 300)) {
    const name = (JSON.parse(request.body) as { name: string }).name
    writes.set(name, (writes.get(name) ?? 0) + 1)
  }
  return writes
}

function met(ok: boolean): string {
  return ok ? 'met' : '**not met**'
}

interface OneRun {
  windowSec: number
  oneApp: boolean
  ms: number
  code: number
  calls: number
  created: number
  twice: number
  /** From the spawn to the first call the window counted, and the last window's calls from its first to its last answer. */
  firstCallMs: number
  lastWindowMs: number
}

/** One run of the whole onboarding with rate-limit-wait, through windows of `windowSec`. */
async function oneRun(node: string, workspace: string, windowSec: number, oneApp: boolean): Promise<OneRun> {
  const gateway = new FakeQualysGateway({
    users: [USER],
    latencyMs: 5,
    concurrencyLimit: 2,
    rateLimit: { limit: BUDGET, windowSec }
  })
  const url = await gateway.start()
  try {
    const spawned = Date.now()
    const start = process.hrtime.bigint()
    const run = await apply(url, workspace, node, '1h')
    const ms = Number(process.hrtime.bigint() - start) / 1e6
    const stats = gateway.stats()
    const counted = gateway.requests.filter(r => r.status > 0 && r.status !== 429 && !r.path.includes('auth'))
    const last = counted.slice(-(counted.length % BUDGET || BUDGET))
    return {
      windowSec,
      oneApp,
      ms,
      code: run.code ?? -1,
      calls: stats.requests - stats.auth - stats.throttled,
      created: gateway.connectors().length,
      twice: [...writesPerName(gateway).values()].filter(n => n > 1).length,
      firstCallMs: (counted[0]?.at ?? spawned) - spawned,
      lastWindowMs: (last[last.length - 1]?.answeredAt ?? 0) - (last[0]?.at ?? 0)
    }
  } finally {
    await gateway.stop()
  }
}

function oneRunRow(run: OneRun): string[] {
  const waited = Math.ceil(run.calls / BUDGET) - 1
  const floorMs = waited * run.windowSec * 1000
  const ratio = run.ms / floorMs
  return [
    `| budget floor, ${run.windowSec} s windows: ⌈${run.calls} calls ⁄ ${BUDGET}⌉ − 1 = ${waited} windows waited | ${floorMs.toFixed(0)} ms | 1.00× |`,
    `| one run, \`rate-limit-wait: 1h\`${run.oneApp ? ', **one multi-tenant application** for every tenant' : ', an application per tenant'} (exit ${run.code}; ${run.created} created, ${run.twice} written twice) | ${run.ms.toFixed(0)} ms | **${ratio.toFixed(3)}× the floor** (target ≤ 1.05×: ${met(ratio <= 1.05)}); above the floor: ${(run.ms - floorMs).toFixed(0)} ms, of which ${run.firstCallMs.toFixed(0)} ms to the first counted call and ${run.lastWindowMs.toFixed(0)} ms for the last window's calls |`
  ]
}

export async function benchWindow(node: string, count = 1000): Promise<string[]> {
  const workspace = mkdtempSync(join(tmpdir(), 'qualys-bench-window-'))
  writeFileSync(join(workspace, 'spec.yaml'), specOf(count))
  const shared = mkdtempSync(join(tmpdir(), 'qualys-bench-window-'))
  writeFileSync(join(shared, 'spec.yaml'), specOf(count, true))
  const runs: OneRun[] = []
  for (const windowSec of WINDOWS_SEC) {
    console.error(`bench: ${count} creates through ${BUDGET} calls per ${windowSec} s…`)
    runs.push(await oneRun(node, workspace, windowSec, false))
  }
  // The same at the shortest window with one application for all: what the secrets' scrypt adds above.
  console.error(`bench: ${count} creates of one application through ${BUDGET} calls per ${WINDOWS_SEC[0]} s…`)
  runs.push(await oneRun(node, shared, WINDOWS_SEC[0], true))

  // Without any allowance: each run defers what the window cannot hold, the next starts once it has rolled.
  const windowSec = WINDOWS_SEC[0]
  const repeated = new FakeQualysGateway({
    users: [USER],
    latencyMs: 5,
    concurrencyLimit: 2,
    rateLimit: { limit: BUDGET, windowSec }
  })
  const url = await repeated.start()
  const again: ActionRun[] = []
  try {
    for (let i = 0; i < 20; i++) {
      const run = await apply(url, workspace, node, '0')
      again.push(run)
      if (run.code === 0) break
      await new Promise(resolve => setTimeout(resolve, windowSec * 1000))
    }
  } finally {
    await repeated.stop()
  }
  const writes = writesPerName(repeated)
  const names = repeated.connectors().map(c => c.name)
  const failed = again.flatMap(run =>
    (JSON.parse(run.outputs.connectors ?? '[]') as { result: string }[]).filter(r => r.result === 'failed')
  )
  return [
    `### 5. ${count} new connectors through a budget of ${BUDGET} calls per window (3600 s scaled to seconds; server latency 5 ms, concurrency 2)`,
    '',
    '| | wall time | ratio |',
    '|---|---|---|',
    ...runs.flatMap(oneRunRow),
    '',
    `With \`rate-limit-wait: 0\` and ${windowSec} s windows (each run defers what the window cannot hold; the next starts when the window has rolled): ` +
      `**${again.length} runs** to finish (exit codes ${again.map(r => r.code).join(', ')}), ${failed.length} failures, ` +
      `${names.length} connectors for ${count} names (**${names.length - new Set(names).size} duplicates**), ` +
      `${[...writes.values()].filter(n => n > 1).length} connectors written twice.`,
    ''
  ]
}
