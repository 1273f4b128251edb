/**
 * `npm run demo`: starts the stand-in Qualys gateway, then runs dist/index.js against it the
 * way the GitHub runner does, twice (create, then an unchanged re-run), and prints the log,
 * the outputs and the job summary.
 */
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { FakeQualysGateway } from '../test-support/gateway.js'
import { runAction, type ActionRun } from '../test-support/run-action.js'

const root = resolve(import.meta.dirname, '..')
const gateway = new FakeQualysGateway({ users: [{ username: 'demo_user', password: 'demo-p@ss&word' }], latencyMs: 20 })
const url = await gateway.start()

const run = (title: string, mode: string): Promise<ActionRun> => {
  console.log(`\n━━━ ${title} ━━━`)
  return runAction({
    inputs: { 'qualys-gateway-url': url, 'qualys-username': 'demo_user', 'qualys-password': 'demo-p@ss&word', 'spec-file': 'connectors.yaml', mode },
    env: { CONTOSO_AZURE_SECRET: 'contoso~demo-secret-value', FABRIKAM_AZURE_SECRET: 'fabrikam~demo-secret-value' },
    files: { 'connectors.yaml': readFileSync(resolve(root, 'examples/connectors.yaml'), 'utf8') }
  })
}

const show = (result: ActionRun): void => {
  console.log(result.stdout.trimEnd())
  if (result.stderr.trim()) console.log(result.stderr.trimEnd())
  console.log(`\n── exit code ${result.code}; outputs ──`)
  for (const [name, value] of Object.entries(result.outputs)) console.log(`${name} = ${value}`)
  console.log('\n── job summary ──')
  console.log(result.summary.trimEnd())
}

try {
  show(await run('plan: what would a merge change?', 'plan'))
  show(await run('apply: create the connectors', 'apply'))
  show(await run('apply again: nothing to do', 'apply'))
  console.log(`\nThe gateway now holds: ${gateway.connectors().map(c => `${c.name} (id ${c.id})`).join(', ')}`)
} finally {
  await gateway.stop()
}
