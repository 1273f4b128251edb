/**
 * Issue 16, "rotation without announcing it" and "force-update can name connectors", end to end on the
 * BUNDLED action (test-support/build-dist.js says which) against the stand-in gateway (and, for the
 * preflight, the stand-in Microsoft): the secret's fingerprint recorded by every write, a rotated secret
 * found and pushed after Azure took it, connectors written before fingerprints reported and left alone,
 * and force-update naming exactly the connectors to push.
 */
import { afterEach, describe, expect, test } from '@jest/globals'
import { daysFromNow, FakeMicrosoft } from '../test-support/azure.js'
import {
  annotations,
  APP_ID,
  AZURE_SECRET,
  expectNoLeak,
  fingerprintLineOf,
  inlineInputs,
  passwordInputs,
  spec,
  specConnector,
  TENANT,
  TENANT_2,
  USER
} from '../test-support/e2e.js'
import { FakeQualysGateway } from '../test-support/gateway.js'
import { runAction, type ActionRun } from '../test-support/run-action.js'

const REPOSITORY = 'acme/qualys-config'
const MARKER = `managed-by: ${REPOSITORY}:connectors.yaml`
const ROTATED_SECRET = 'rot~Rotated_Secret.0123456789fedcba'
const UNKNOWN_SECRET = 'unk~Not_In_Azure.0123456789abcdef0'
const CREATE_PATH = '/connectors/v1.0/org/azure/'
const UPDATE_PATH = /^\/connectors\/v1\.0\/org\/azure\/(\d+)$/
const NOT_KNOWN = 'secretValue: not known — the next write records it'
const BOTH = spec(specConnector('Alpha', TENANT), specConnector('Beta', TENANT_2))

let gateway: FakeQualysGateway
let microsoft: FakeMicrosoft | undefined

afterEach(async () => {
  await Promise.all([gateway?.stop(), microsoft?.stop()])
  microsoft = undefined
})

async function start(): Promise<void> {
  gateway = new FakeQualysGateway({ users: [USER] })
  await gateway.start()
}

/** An apply (or plan) of the spec file, its secret read from AZURE_SECRET as the step's env: maps it. */
function run(specText: string, secret: string, inputs: Record<string, string> = {}): Promise<ActionRun> {
  return runAction({
    inputs: { ...passwordInputs(gateway.url), 'spec-file': 'connectors.yaml', ...inputs },
    env: { AZURE_SECRET: secret, GITHUB_REPOSITORY: REPOSITORY },
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

function connector(name: string): { id: number; description: string | null; secretValue: string } {
  const found = gateway.connectors().find(c => c.name === name)
  if (!found) throw new Error(`no connector ${name}`)
  return found
}

/** The creates and updates (POST, or PUT should a gateway take one) sent since `from`, as [kind, id]. */
function writesSince(from: number): [string, number | undefined][] {
  return gateway.requests.slice(from).flatMap((r): [string, number | undefined][] => {
    if (r.method !== 'POST' && r.method !== 'PUT') return []
    if (r.path === CREATE_PATH) return [['create', undefined]]
    const update = UPDATE_PATH.exec(r.path)
    return update ? [['update', Number(update[1])]] : []
  })
}

function sentDescriptions(from: number): string[] {
  return gateway.requests
    .slice(from)
    .filter(r => (r.method === 'POST' || r.method === 'PUT') && (r.path === CREATE_PATH || UPDATE_PATH.test(r.path)))
    .map(r => (JSON.parse(r.body) as { description: string }).description)
}

/** Seeds a connector as the spec describes it, marked by this owner, as a version before fingerprints wrote it. */
function seedUnfingerprinted(name: string, tenantId: string): number {
  return gateway.seed({
    name,
    tenantId,
    tenantName: `${name.toLowerCase()}.onmicrosoft.com`,
    applicationId: APP_ID,
    connectorPrefixName: name.toLowerCase(),
    description: MARKER
  }).id
}

describe('rotation by fingerprint', () => {
  test('a create records it; the same secret writes nothing; a rotated one is planned, then applied once', async () => {
    await start()
    const created = await run(BOTH, AZURE_SECRET)
    expectExit(created, 0)
    const [alpha, beta] = [await fingerprintLineOf(), await fingerprintLineOf(AZURE_SECRET, TENANT_2)]
    expect([connector('Alpha').description, connector('Beta').description]).toEqual([
      `${alpha}\n${MARKER}`,
      `${beta}\n${MARKER}`
    ])
    // Bookkeeping, like the marker: never shown in the plan rows of a create.
    expect(created.summary).not.toContain('secret-fingerprint')

    let from = gateway.requests.length
    const same = await run(BOTH, AZURE_SECRET)
    expectExit(same, 0)
    expect(rows(same).map(r => [r.name, r.result])).toEqual([
      ['Alpha', 'unchanged'],
      ['Beta', 'unchanged']
    ])
    expect(writesSince(from)).toEqual([])
    expect(same.summary).not.toContain('secretValue')

    from = gateway.requests.length
    const planned = await run(BOTH, ROTATED_SECRET, { mode: 'plan' })
    expectExit(planned, 0)
    expect(JSON.parse(planned.outputs.plan)).toEqual(
      ['Alpha', 'Beta'].map(name => ({
        name,
        action: 'update',
        changes: [{ field: 'secretValue', from: '', to: 'rotated' }]
      }))
    )
    expect(planned.summary).toMatch(
      /\| ✏️ \| `Alpha` \| would-update \| \d+ \| `[A-Z_]+` \| `secretValue`: `rotated` \|/
    )
    expect(planned.stdout).toContain('    ~ secretValue: rotated')
    expect(writesSince(from)).toEqual([])

    from = gateway.requests.length
    const rotated = await run(BOTH, ROTATED_SECRET)
    expectExit(rotated, 0)
    expect(rows(rotated).map(r => [r.name, r.result])).toEqual([
      ['Alpha', 'updated'],
      ['Beta', 'updated']
    ])
    expect(rotated.summary).toMatch(
      /\| ✏️ \| `Alpha` \| updated \| \d+ \| `[A-Z_]+` \| {2}\| `secretValue`: `rotated` \|/
    )
    // One update each, in whichever order the two concurrent connectors got there.
    type Write = [string, number | undefined]
    const byId = ([, a]: Write, [, b]: Write): number => (a ?? 0) - (b ?? 0)
    const expected: Write[] = [
      ['update', connector('Alpha').id],
      ['update', connector('Beta').id]
    ]
    expect(writesSince(from).sort(byId)).toEqual(expected.sort(byId))
    const [newAlpha, newBeta] = [
      await fingerprintLineOf(ROTATED_SECRET),
      await fingerprintLineOf(ROTATED_SECRET, TENANT_2)
    ]
    expect(sentDescriptions(from).sort()).toEqual([`${newAlpha}\n${MARKER}`, `${newBeta}\n${MARKER}`].sort())
    expect(connector('Alpha')).toMatchObject({ secretValue: ROTATED_SECRET, description: `${newAlpha}\n${MARKER}` })

    from = gateway.requests.length
    const after = await run(BOTH, ROTATED_SECRET)
    expectExit(after, 0)
    expect(rows(after).map(r => r.result)).toEqual(['unchanged', 'unchanged'])
    expect(writesSince(from)).toEqual([])

    for (const result of [created, same, planned, rotated, after]) {
      expectNoLeak(result, [AZURE_SECRET, ROTATED_SECRET, USER.password])
      // The fingerprint is no secret, but bookkeeping: neither the summary nor the log shows it.
      for (const line of [alpha, beta, newAlpha, newBeta])
        expect(`${result.summary}\n${result.stdout}`).not.toContain(line)
    }
  })

  test('connectors written before fingerprints are reported as not known and not written; force-update: <name> writes exactly that one', async () => {
    await start()
    const alphaId = seedUnfingerprinted('Alpha', TENANT)
    seedUnfingerprinted('Beta', TENANT_2)

    let from = gateway.requests.length
    const first = await run(BOTH, AZURE_SECRET)
    expectExit(first, 0)
    expect(rows(first).map(r => [r.name, r.result])).toEqual([
      ['Alpha', 'unchanged'],
      ['Beta', 'unchanged']
    ])
    expect(first.outputs.changed).toBe('false')
    expect(first.summary).toMatch(
      new RegExp(`\\| ✅ \\| \`Alpha\` \\| unchanged \\| ${alphaId} \\| \`SUCCESS\` \\|  \\| ℹ️ \`${NOT_KNOWN}\` \\|`)
    )
    expect(first.stdout).toContain(`    · ${NOT_KNOWN}`)
    // A note, not a warning: no annotation for every connector of an older estate.
    expect(annotations(first, 'warning')).toEqual([])
    expect(writesSince(from)).toEqual([])
    expect(connector('Alpha').description).toBe(MARKER)

    from = gateway.requests.length
    const forced = await run(BOTH, AZURE_SECRET, { 'force-update': 'Alpha' })
    expectExit(forced, 0)
    expect(rows(forced).map(r => [r.name, r.result])).toEqual([
      ['Alpha', 'updated'],
      ['Beta', 'unchanged']
    ])
    expect(writesSince(from)).toEqual([['update', alphaId]])
    expect(forced.summary).toContain('`secretValue`: `re-sent (force-update)`')
    expect(forced.stdout).toContain('    ~ secretValue: re-sent (force-update)')
    expect(connector('Alpha').description).toBe(`${await fingerprintLineOf()}\n${MARKER}`)
    expect(connector('Beta').description).toBe(MARKER)

    from = gateway.requests.length
    const later = await run(BOTH, AZURE_SECRET, { mode: 'plan' })
    expectExit(later, 0)
    expect(later.stdout.split('\n').filter(line => line.includes(NOT_KNOWN))).toHaveLength(1)
    expect(later.summary).toMatch(new RegExp(`\\| \`Beta\` \\| unchanged \\|.*${NOT_KNOWN}`))
    expect(later.summary).not.toMatch(new RegExp(`\\| \`Alpha\` \\| unchanged \\|.*${NOT_KNOWN}`))
    expect(writesSince(from)).toEqual([])

    for (const result of [first, forced, later]) expectNoLeak(result, [AZURE_SECRET, USER.password])
  })

  test('a description that fits with both lines round-trips at 2000 characters; one more is refused before any request', async () => {
    await start()
    const room = 2000 - (MARKER.length + 1) - ('secret-fingerprint: v1:'.length + 16 + 1)
    const fits = spec(specConnector('Alpha', TENANT, `description: ${'x'.repeat(room)}`))
    expectExit(await run(fits, AZURE_SECRET), 0)
    expect(connector('Alpha').description).toBe(`${'x'.repeat(room)}\n${await fingerprintLineOf()}\n${MARKER}`)
    expect(connector('Alpha').description).toHaveLength(2000)
    const from = gateway.requests.length
    const again = await run(fits, AZURE_SECRET)
    expectExit(again, 0)
    expect(rows(again).map(r => r.result)).toEqual(['unchanged'])
    expect(writesSince(from)).toEqual([])

    const before = gateway.requests.length
    const over = await run(spec(specConnector('Alpha', TENANT, `description: ${'x'.repeat(room + 1)}`)), AZURE_SECRET)
    expectExit(over, 1)
    expect(annotations(over).join('\n')).toContain(
      `is ${room + 1} characters long; the action adds two last lines, the 39-character secret fingerprint and the ${MARKER.length}-character marker`
    )
    expect(gateway.requests.length).toBe(before)
  })

  test('force-update naming a connector the spec does not have fails before any request, with a close match', async () => {
    await start()
    const result = await run(BOTH, AZURE_SECRET, { 'force-update': 'Alpha, Betta' })
    expectExit(result, 1)
    expect(annotations(result).join('\n')).toContain(
      "input 'force-update': names 'Betta', which is not a connector of the spec; did you mean 'Beta'?"
    )
    expect(gateway.requests).toEqual([])
  })
})

describe('a rotated secret is pushed only once Azure takes it', () => {
  test('inline, without an owner: the fingerprint is the last line, and a secret Azure refuses is never written', async () => {
    await start()
    microsoft = new FakeMicrosoft({
      tenants: [
        {
          tenantId: TENANT,
          apps: [
            {
              appId: APP_ID,
              readsGraph: false,
              secrets: [
                { value: AZURE_SECRET, endDateTime: daysFromNow(30) },
                { value: ROTATED_SECRET, endDateTime: daysFromNow(365) }
              ]
            }
          ],
          subscriptions: 1
        }
      ]
    })
    await microsoft.start()
    const apply = (secret: string): Promise<ActionRun> =>
      runAction({
        inputs: { ...passwordInputs(gateway.url), ...microsoft!.inputs, ...inlineInputs({ 'secret-value': secret }) }
      })

    expectExit(await apply(AZURE_SECRET), 0)
    const { id } = connector('Contoso')
    expect(connector('Contoso').description).toBe(await fingerprintLineOf())

    let from = gateway.requests.length
    const refused = await apply(UNKNOWN_SECRET)
    expectExit(refused, 1)
    expect(refused.stdout).toMatch(/::error::1 of 1 connector failed: Contoso: Azure preflight: .*AADSTS7000215/)
    expect(writesSince(from)).toEqual([])
    expect(connector('Contoso')).toMatchObject({ secretValue: AZURE_SECRET, description: await fingerprintLineOf() })

    from = gateway.requests.length
    const rotated = await apply(ROTATED_SECRET)
    expectExit(rotated, 0)
    expect(rotated.outputs.result).toBe('updated')
    expect(rotated.summary).toContain('`secretValue`: `rotated`')
    expect(writesSince(from)).toEqual([['update', id]])
    expect(connector('Contoso')).toMatchObject({
      secretValue: ROTATED_SECRET,
      description: await fingerprintLineOf(ROTATED_SECRET)
    })
    for (const result of [refused, rotated])
      expectNoLeak(result, [AZURE_SECRET, ROTATED_SECRET, UNKNOWN_SECRET, USER.password])
  })
})
