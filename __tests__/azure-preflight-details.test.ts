/**
 * The preflight's details for `mode: check` (issue 15): the ids of the subscriptions the app can
 * read, for coverage, and the age of the secret in use, for rotation. Against the stand-in
 * Entra ID / Resource Manager / Graph over loopback.
 */
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { MicrosoftPreflight, type PreflightResult } from '../src/azure/preflight.js'
import { RECOMMENDED_SECRET_ROTATION_DAYS } from '../src/azure/secrets.js'
import { Redactor } from '../src/redact.js'
import { FakeMicrosoft, type FakeApp } from '../test-support/azure.js'
import { RecordingLogger } from '../test-support/fake-api.js'
import { APP, SECRET, TENANT, spec } from '../test-support/builders.js'

const DAY = 86_400_000
/** A fixed clock for the preflight and the stand-in, so ages are exact. */
const NOW = Date.parse('2026-06-15T12:00:00Z')
const SUBSCRIPTIONS = [
  { subscriptionId: 'aaaaaaaa-0000-4000-8000-000000000001', displayName: 'Prod' },
  { subscriptionId: 'bbbbbbbb-0000-4000-8000-000000000002', displayName: 'Dev' },
  { subscriptionId: 'cccccccc-0000-4000-8000-000000000003', displayName: 'Test' }
]

/** A Graph date `days` (and an hour more) before NOW: the age in whole days is `days`. */
function daysBeforeNow(days: number): string {
  return new Date(NOW - days * DAY - 3_600_000).toISOString().replace(/\.\d+Z$/, 'Z')
}

function afterNow(days: number): string {
  return new Date(NOW + days * DAY).toISOString().replace(/\.\d+Z$/, 'Z')
}

const prod = spec()

let microsoft: FakeMicrosoft

async function start(app: Partial<FakeApp> = {}): Promise<void> {
  microsoft = new FakeMicrosoft({
    pageSize: 1,
    now: () => NOW,
    tenants: [
      {
        tenantId: TENANT,
        apps: [
          {
            appId: APP,
            readsGraph: true,
            secrets: [{ value: SECRET, startDateTime: daysBeforeNow(200), endDateTime: afterNow(165) }],
            ...app
          }
        ],
        subscriptions: SUBSCRIPTIONS
      }
    ]
  })
  await microsoft.start()
}

async function check(details: boolean): Promise<PreflightResult> {
  const inputs = microsoft.inputs
  const redactor = new Redactor()
  redactor.add(SECRET)
  const preflight = new MicrosoftPreflight({
    authorityHost: inputs['azure-authority-host'],
    resourceManagerUrl: inputs['azure-resource-manager-url'],
    graphUrl: inputs['azure-graph-url'],
    resourceManagerAudience: 'https://management.azure.com',
    graphAudience: 'https://graph.microsoft.com',
    expiryWarningDays: 30,
    userAgent: 'test',
    timeoutMs: 5000,
    maxAttempts: 2,
    maxConcurrency: 2,
    logger: new RecordingLogger(),
    redactor,
    onToken: token => redactor.add(token),
    backoff: { baseMs: 1, maxMs: 2 },
    now: () => NOW
  })
  try {
    return await preflight.check(prod, { details })
  } finally {
    preflight.dispose()
  }
}

beforeEach(() => start())
afterEach(() => microsoft.stop())

describe('the preflight with details', () => {
  it('gives the id of every subscription the app can read, over every page, and the age of the secret in use', async () => {
    const result = await check(true)
    expect(result.subscriptions).toBe(3)
    expect(result.subscriptionIds).toEqual([
      'aaaaaaaa-0000-4000-8000-000000000001',
      'bbbbbbbb-0000-4000-8000-000000000002',
      'cccccccc-0000-4000-8000-000000000003'
    ])
    expect(microsoft.requests.filter(r => r.path === '/arm/subscriptions')).toHaveLength(3)
    expect(result.secretAgeDays).toBe(200)
    expect(result.secretCreated).toBe(new Date(Date.parse(daysBeforeNow(200))).toISOString())
    expect(result.warnings).toEqual([])
  })

  it('without details the result is what it always was: no ids, no age', async () => {
    expect(await check(false)).toEqual({ warnings: [], subscriptions: 3 })
  })

  it('the age is that of the secret in use (the one expiring last of those sharing its hint), not of another', async () => {
    await microsoft.stop()
    await start({
      secrets: [
        { value: 'Xy7-older-secret-same-hint', startDateTime: daysBeforeNow(700), endDateTime: afterNow(10) },
        { value: SECRET, startDateTime: daysBeforeNow(12), endDateTime: afterNow(700) },
        { value: 'Q9z-other-hint', startDateTime: daysBeforeNow(3), endDateTime: afterNow(900) }
      ]
    })
    expect((await check(true)).secretAgeDays).toBe(12)
  })

  it('no age when Graph does not tell (the app may not read its registration); the ids still come', async () => {
    await microsoft.stop()
    await start({ readsGraph: false })
    const result = await check(true)
    expect(result).not.toHaveProperty('secretAgeDays')
    expect(result).not.toHaveProperty('secretCreated')
    expect(result.subscriptionIds).toHaveLength(3)
  })

  it('no ids when Resource Manager could not be asked: the count is null and a warning says why', async () => {
    microsoft.fault({ path: '/arm/subscriptions', times: 5, fault: { kind: 'status', status: 503, body: '' } })
    const result = await check(true)
    expect(result.subscriptions).toBeNull()
    expect(result).not.toHaveProperty('subscriptionIds')
    expect(result.warnings).toEqual([expect.stringContaining('the subscriptions the app can read were not counted')])
  })

  it("Qualys' recommended rotation is 180 days", () => {
    expect(RECOMMENDED_SECRET_ROTATION_DAYS).toBe(180)
  })
})
