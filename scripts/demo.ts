/**
 * `npm run demo`: starts the stand-in Qualys gateway, then runs dist/index.js against it the
 * way the GitHub runner does — plan, apply, apply again (nothing to do), then plan and apply an
 * edited spec — and prints the log, the outputs and the job summary of each run.
 */
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { FakeQualysGateway } from '../test-support/gateway.js'
import { runAction, type ActionRun } from '../test-support/run-action.js'

const root = resolve(import.meta.dirname, '..')
const gateway = new FakeQualysGateway({ users: [{ username: 'demo_user', password: 'demo-p@ss&word' }], latencyMs: 20 })
const url = await gateway.start()

const example = readFileSync(resolve(root, 'examples/connectors.yaml'), 'utf8')
// What a pull request might change: Fabrikam runs daily, with a description.
const edited = example.replace('    connectorRunFrequency: 2d\n', '    connectorRunFrequency: 1d\n    description: Fabrikam, onboarded by the demo\n')

const run = (title: string, mode: string, spec = example): Promise<ActionRun> => {
  console.log(`\n━━━ ${title} ━━━`)
  return runAction({
    inputs: { 'qualys-gateway-url': url, 'qualys-username': 'demo_user', 'qualys-password': 'demo-p@ss&word', 'spec-file': 'connectors.yaml', mode },
    env: { CONTOSO_AZURE_SECRET: 'contoso~demo-secret-value', FABRIKAM_AZURE_SECRET: 'fabrikam~demo-secret-value' },
    files: { 'connectors.yaml': spec }
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
  show(await run('a pull request edits the spec: plan shows the diff', 'plan', edited))
  show(await run('merged: apply updates exactly that', 'apply', edited))
  console.log(`\nThe gateway now holds: ${gateway.connectors().map(c => `${c.name} (id ${c.id})`).join(', ')}`)
} finally {
  await gateway.stop()
}
