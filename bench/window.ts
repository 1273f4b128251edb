/**
 * Issue 17's budget figures, for `npm run bench` (bench/run.ts writes them into RESULTS.md):
 *   5. 1000 creates through Qualys' documented 300-calls window, scaled from 3600 s to WINDOW_SEC: one run with
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
const WINDOW_SEC = 10
const CREATE_PATH = '/connectors/v1.0/org/azure/'

function guid(n: number, salt: number): string {
  const hex = (n * 7919 + salt).toString(16).padStart(12, '0').slice(-12)
  return `5e2d4c2a-9b7d-4e8f-a1c3-${hex}`
}

/** Every field spelled out per connector (no `defaults:`), as a large hand-kept spec is. */
function specOf(count: number): string {
  const lines = ['connectors:']
  for (let i = 0; i < count; i++)
    lines.push(
      `  - name: Tenant ${i}`,
      `    tenantId: ${guid(i, 1)}`,
      `    tenantName: tenant${i}.onmicrosoft.com`,
      `    applicationId: ${guid(i, 2)}`,
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

export async function benchWindow(node: string, count = 1000): Promise<string[]> {
  console.error(`bench: ${count} creates through ${BUDGET} calls per ${WINDOW_SEC} s…`)
  const workspace = mkdtempSync(join(tmpdir(), 'qualys-bench-window-'))
  writeFileSync(join(workspace, 'spec.yaml'), specOf(count))
  const options = {
    users: [USER],
    latencyMs: 5,
    concurrencyLimit: 2,
    rateLimit: { limit: BUDGET, windowSec: WINDOW_SEC }
  }

  const once = new FakeQualysGateway(options)
  const url = await once.start()
  let oneRun: { ms: number; run: ActionRun; calls: number; created: number; twice: number }
  try {
    const start = process.hrtime.bigint()
    const run = await apply(url, workspace, node, '1h')
    const ms = Number(process.hrtime.bigint() - start) / 1e6
    const stats = once.stats()
    const writes = writesPerName(once)
    oneRun = {
      ms,
      run,
      calls: stats.requests - stats.auth - stats.throttled,
      created: once.connectors().length,
      twice: [...writes.values()].filter(n => n > 1).length
    }
  } finally {
    await once.stop()
  }
  const windowsWaited = Math.ceil(oneRun.calls / BUDGET) - 1
  const floorMs = windowsWaited * WINDOW_SEC * 1000
  const ratio = oneRun.ms / floorMs

  const repeated = new FakeQualysGateway(options)
  const url2 = await repeated.start()
  const runs: ActionRun[] = []
  try {
    for (let i = 0; i < 20; i++) {
      const run = await apply(url2, workspace, node, '0')
      runs.push(run)
      if (run.code === 0) break
      // The next run starts once the window has rolled, as a re-run or a schedule would.
      await new Promise(resolve => setTimeout(resolve, WINDOW_SEC * 1000))
    }
  } finally {
    await repeated.stop()
  }
  const writes = writesPerName(repeated)
  const names = repeated.connectors().map(c => c.name)
  const failed = runs.flatMap(run =>
    (JSON.parse(run.outputs.connectors ?? '[]') as { result: string }[]).filter(r => r.result === 'failed')
  )
  return [
    `### 5. ${count} new connectors through a budget of ${BUDGET} calls per window (3600 s scaled to ${WINDOW_SEC} s; server latency 5 ms, concurrency 2)`,
    '',
    '| | wall time | ratio |',
    '|---|---|---|',
    `| budget floor: ⌈${oneRun.calls} calls ⁄ ${BUDGET}⌉ − 1 = ${windowsWaited} windows waited × ${WINDOW_SEC} s | ${floorMs.toFixed(0)} ms | 1.00× |`,
    `| one run, \`rate-limit-wait: 1h\` (exit ${oneRun.run.code}) | ${oneRun.ms.toFixed(0)} ms | **${ratio.toFixed(3)}× the floor** (target ≤ 1.05×: ${met(ratio <= 1.05)}) |`,
    '',
    `Server-side: ${oneRun.created} connectors created of ${count}, ${oneRun.twice} written twice, ${oneRun.calls} calls answered (429s not counted).`,
    '',
    `With \`rate-limit-wait: 0\` (each run defers what the window cannot hold; the next starts when the window has rolled): ` +
      `**${runs.length} runs** to finish (exit codes ${runs.map(r => r.code).join(', ')}), ${failed.length} failures, ` +
      `${names.length} connectors for ${count} names (**${names.length - new Set(names).size} duplicates**), ` +
      `${[...writes.values()].filter(n => n > 1).length} connectors written twice.`,
    ''
  ]
}
