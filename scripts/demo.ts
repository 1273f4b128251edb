/**
 * `npm run demo`: starts the stand-in Qualys gateway and the stand-in Entra ID / Resource Manager /
 * Graph, then runs dist/index.js against them the way the GitHub runner does — plan, apply, apply
 * again (nothing to do), then plan and apply an edited spec, and last a new tenant whose secret is
 * wrong, which the Azure preflight stops before Qualys — and prints the log, the outputs and the
 * job summary of each run.
 */
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { daysFromNow, FakeMicrosoft } from '../test-support/azure.js'
import { FakeQualysGateway } from '../test-support/gateway.js'
import { runAction, type ActionRun } from '../test-support/run-action.js'

const root = resolve(import.meta.dirname, '..')
const gateway = new FakeQualysGateway({ users: [{ username: 'demo_user', password: 'demo-p@ss&word' }], latencyMs: 20 })
const url = await gateway.start()
const SECRETS = {
  CONTOSO_AZURE_SECRET: 'contoso~demo-secret-value',
  FABRIKAM_AZURE_SECRET: 'fabrikam~demo-secret-value'
}
// Northwind's workflow holds the secret's id (a GUID) instead of its value: the commonest mistake.
const NORTHWIND_SECRET = { value: 'nwd~demo-secret-value', keyId: '8e7d6c5b-4a39-4281-9f0e-1d2c3b4a5968' }
const microsoft = new FakeMicrosoft({
  tenants: [
    {
      tenantId: '6f1e4c2a-9b7d-4e8f-a1c3-2d5b7e9f0a14',
      apps: [
        {
          appId: '0b3d5f7a-1c2e-4a6b-8d9f-3e5a7c9b1d20',
          readsGraph: true,
          secrets: [{ value: SECRETS.CONTOSO_AZURE_SECRET, endDateTime: daysFromNow(20), displayName: 'qualys' }]
        }
      ],
      managementGroups: [{ name: 'mg-prod', displayName: 'Production' }],
      subscriptions: 4
    },
    {
      tenantId: '9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d',
      apps: [
        {
          appId: '1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d',
          secrets: [{ value: SECRETS.FABRIKAM_AZURE_SECRET, endDateTime: daysFromNow(300) }]
        }
      ],
      subscriptions: 2
    },
    {
      tenantId: '2b4d6f8a-0c1e-4a3b-8d5f-7a9c1e3b5d70',
      apps: [
        {
          appId: '5e6f7a8b-9c0d-4e1f-a2b3-c4d5e6f7a8b9',
          secrets: [{ ...NORTHWIND_SECRET, endDateTime: daysFromNow(300) }]
        }
      ],
      subscriptions: 1
    }
  ]
})
await microsoft.start()

const example = readFileSync(resolve(root, 'examples/connectors.yaml'), 'utf8')
// What a pull request might change: Fabrikam runs daily, with a description.
const edited = example.replace(
  '    connectorRunFrequency: 2d\n',
  '    connectorRunFrequency: 1d\n    description: Fabrikam, onboarded by the demo\n'
)
const withNorthwind = `${edited}  - name: Northwind
    tenantId: 2b4d6f8a-0c1e-4a3b-8d5f-7a9c1e3b5d70
    tenantName: northwind.onmicrosoft.com
    applicationId: 5e6f7a8b-9c0d-4e1f-a2b3-c4d5e6f7a8b9
    secretValue: \${NORTHWIND_AZURE_SECRET}
    connectorPrefixName: northwind
`

const run = (title: string, mode: string, spec = example): Promise<ActionRun> => {
  console.log(`\n━━━ ${title} ━━━`)
  return runAction({
    inputs: {
      'qualys-gateway-url': url,
      'qualys-username': 'demo_user',
      'qualys-password': 'demo-p@ss&word',
      'spec-file': 'connectors.yaml',
      mode,
      ...microsoft.inputs
    },
    env: { ...SECRETS, NORTHWIND_AZURE_SECRET: NORTHWIND_SECRET.keyId },
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
  show(
    await run('a new tenant whose secret is wrong: the Azure preflight stops it before Qualys', 'apply', withNorthwind)
  )
  console.log(
    `\nThe gateway now holds: ${gateway
      .connectors()
      .map(c => `${c.name} (id ${c.id})`)
      .join(', ')}`
  )
} finally {
  await Promise.all([gateway.stop(), microsoft.stop()])
}
