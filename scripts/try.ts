/**
 * `npm run try -- path/to/spec.yaml [--mode plan|apply|validate|export]`: runs the bundled
 * dist/index.js on your spec the way the GitHub runner does (`INPUT_*` variables, `GITHUB_OUTPUT`,
 * `GITHUB_STEP_SUMMARY`, a temporary workspace holding a copy of the spec), against the stand-ins on
 * loopback: the Qualys gateway, Entra ID / Resource Manager / Graph seeded from the spec's tenants
 * (so the Azure preflight passes), and the GitHub API (a plan runs as a pull request and posts its
 * comment there). Prints the log, the outputs, the job summary and the comment; exits with the
 * action's exit code. Nothing leaves the machine; each run starts from an empty Qualys.
 */
import { existsSync, readFileSync } from 'node:fs'
import { basename, dirname, resolve } from 'node:path'
import { loadSpec } from '../src/connector-spec/load.js'
import { ALWAYS_ON_APPS } from '../src/qualys/assumptions.js'
import { daysFromNow, FakeMicrosoft, type FakeTenant } from '../test-support/azure.js'
import { FakeQualysGateway } from '../test-support/gateway.js'
import { FakeGitHubApi, pullRequestEnv } from '../test-support/github-api.js'
import { DIST, runAction, type ActionRun } from '../test-support/run-action.js'

const MODES = ['plan', 'apply', 'validate', 'export'] as const
type Mode = (typeof MODES)[number]
const USAGE = `usage: npm run try -- path/to/spec.yaml [--mode ${MODES.join('|')}]   (default: plan)`
const USER = { username: 'try_user', password: 'try-password' }
const GITHUB_TOKEN = 'try-github-token'

function parseArgs(args: string[]): { file: string; mode: Mode } | string {
  let mode: string = 'plan'
  const files: string[] = []
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]
    if (arg === '--mode') mode = args[++i] ?? ''
    else if (arg.startsWith('--mode=')) mode = arg.slice('--mode='.length)
    else if (arg.startsWith('-')) return `unknown option ${arg}`
    else files.push(arg)
  }
  if (!(MODES as readonly string[]).includes(mode)) return `--mode must be one of ${MODES.join(', ')}`
  if (files.length !== 1) return 'give exactly one spec file'
  return { file: resolve(files[0]), mode: mode as Mode }
}

/** The `${NAME}` variables the spec reads: the environment's value, or a stand-in value. */
function secretVariables(text: string): { env: Record<string, string>; standIns: string[] } {
  const env: Record<string, string> = {}
  const standIns: string[] = []
  for (const [, name] of text.matchAll(/\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g)) {
    if (name in env) continue
    const set = process.env[name]
    if (set) env[name] = set
    else {
      env[name] = `stand-in~${name.toLowerCase()}`
      standIns.push(name)
    }
  }
  return { env, standIns }
}

/** Microsoft as the spec expects it: each tenant, its apps with the secrets given, its management groups. */
function tenantsOf(file: string, env: Record<string, string>): FakeTenant[] {
  const spec = loadSpec(
    { specFile: basename(file), workspace: dirname(file), readInput: () => '' },
    { env, requireSecret: true, alwaysOnApps: ALWAYS_ON_APPS }
  )
  const tenants = new Map<string, FakeTenant>()
  for (const connector of spec.connectors) {
    const tenantId = connector.tenantId.toLowerCase()
    const tenant = tenants.get(tenantId) ?? { tenantId, apps: [], managementGroups: [], subscriptions: 2 }
    tenants.set(tenantId, tenant)
    let app = tenant.apps.find(known => known.appId.toLowerCase() === connector.applicationId.toLowerCase())
    if (!app) {
      app = { appId: connector.applicationId.toLowerCase(), secrets: [], readsGraph: true }
      tenant.apps.push(app)
    }
    const secret = connector.secretValue
    if (secret && !app.secrets.some(known => known.value === secret))
      app.secrets.push({ value: secret, endDateTime: daysFromNow(365), displayName: 'qualys' })
    for (const name of [...(connector.includedMem ?? []), ...(connector.excludedMem ?? [])])
      if (!tenant.managementGroups!.some(group => group.displayName === name))
        tenant.managementGroups!.push({ name: `mg-${tenant.managementGroups!.length + 1}`, displayName: name })
  }
  return [...tenants.values()]
}

function show(title: string, run: ActionRun, comments: string[]): void {
  console.log(`\n━━━ ${title} ━━━`)
  // The runner swallows ::add-mask:: lines; a terminal would show the secret in them (yours, when set).
  console.log(run.stdout.trimEnd().replace(/^::add-mask::.*$/gm, '::add-mask::***'))
  if (run.stderr.trim()) console.log(run.stderr.trimEnd())
  console.log(`\n── exit code ${run.code}; outputs ──`)
  for (const [name, value] of Object.entries(run.outputs)) console.log(`${name} = ${value}`)
  console.log('\n── job summary ──')
  console.log(run.summary.trimEnd())
  for (const body of comments) {
    console.log('\n── pull-request comment (posted to the GitHub API stand-in) ──')
    console.log(body.trimEnd())
  }
}

async function main(): Promise<number> {
  const parsed = parseArgs(process.argv.slice(2))
  if (typeof parsed === 'string') {
    console.error(`${parsed}\n${USAGE}`)
    return 2
  }
  const { file, mode } = parsed
  if (!existsSync(file)) {
    console.error(`${file} does not exist\n${USAGE}`)
    return 2
  }
  if (!existsSync(DIST)) {
    console.error(`${DIST} does not exist: run \`npm run bundle\` first`)
    return 2
  }
  const text = readFileSync(file, 'utf8')
  const { env, standIns } = secretVariables(text)
  const gateway = new FakeQualysGateway({ users: [USER] })
  const microsoft = new FakeMicrosoft({ tenants: tenantsOf(file, env) })
  const github = new FakeGitHubApi({ token: GITHUB_TOKEN })
  const [url] = await Promise.all([gateway.start(), microsoft.start(), github.start()])
  try {
    console.log(`Trying ${file} (mode: ${mode}) with ${DIST}, against stand-ins on loopback:`)
    console.log(`  Qualys gateway ${url} (empty at the start), Microsoft ${microsoft.inputs['azure-authority-host']}`)
    console.log(`  and the GitHub API ${github.url}. Nothing leaves this machine.`)
    if (standIns.length > 0)
      console.log(
        `  Not set in your environment, so given stand-in values: ${standIns.join(', ')} (the stand-in Microsoft accepts them).`
      )
    const spec = basename(file)
    const action = (runMode: Mode): Promise<ActionRun> =>
      runAction({
        inputs: {
          mode: runMode,
          'qualys-gateway-url': url,
          'qualys-username': USER.username,
          'qualys-password': USER.password,
          ...(runMode === 'export' ? {} : { 'spec-file': spec }),
          'github-token': GITHUB_TOKEN,
          ...microsoft.inputs
        },
        // A plan runs as on a pull request, so that its comment is posted (to the stand-in).
        env: { ...env, ...(runMode === 'plan' ? pullRequestEnv(github, 'try', 'config', 1) : {}) },
        files: { [spec]: text }
      })
    if (mode === 'export') {
      const applied = await action('apply')
      console.log(
        `\nexport reads what Qualys has: the spec was applied to the empty stand-in first (exit code ${applied.code}, ` +
          `${gateway.connectors().length} connectors), then exported.`
      )
      if (applied.code !== 0) show('apply (before the export)', applied, [])
    }
    const run = await action(mode)
    show(
      `mode: ${mode}`,
      run,
      github.comments().map(comment => comment.body)
    )
    return run.code ?? 1
  } finally {
    await Promise.all([gateway.stop(), microsoft.stop(), github.stop()])
  }
}

process.exitCode = await main()
