/**
 * An entry without id: that matches no name, for a tenant Qualys already has a connector for: a
 * rename (same prefix or same management groups) is refused with the id: hint, never created; a
 * connector with another prefix and scope is a warning, and the create goes on.
 */
import { describe, expect, it } from '@jest/globals'
import type { Connector } from '../src/qualys/connector.js'
import type { ConnectorSpec } from '../src/connector-spec/model.js'
import type { Outcome } from '../src/reconcile/outcome.js'
import { reconcile, type ReconcileOptions } from '../src/reconcile/reconcile-run.js'
import { FakeApi, serverConnector } from '../test-support/fake-api.js'
import { TENANT, options, spec, stored } from '../test-support/builders.js'

/** Acme's connector, in most tests renamed from 'Acme Corp' (OLD_ID). */
function acme(over: Partial<ConnectorSpec> = {}): ConnectorSpec {
  return spec({ name: 'Acme Corporation', tenantName: 'Acme', connectorPrefixName: 'acme', ...over })
}
/** A plan unless the test says apply. */
function planOptions(over: Partial<ReconcileOptions> = {}) {
  return options({ mode: 'plan', ...over })
}

const OTHER_TENANT = '9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d'
const OLD_ID = 100002

/** The connector Qualys holds after creating `s`, answered in full. */

/** The old connector: the spec's tenant and prefix under the old name. */
const ACME_CORP = stored(acme({ name: 'Acme Corp' }), OLD_ID)

async function outcomeOf(specs: ConnectorSpec[], api: FakeApi, opts: ReconcileOptions, name: string): Promise<Outcome> {
  const { outcomes } = await reconcile(specs, api, opts)
  const found = outcomes.find(o => o.name === name)
  if (!found) throw new Error(`no outcome for ${name}`)
  return found
}

const RENAME_HINT = `to rename 'Acme Corp' to 'Acme Corporation', add id: ${OLD_ID}`

/** The documented thin list-style object: no tenantId, apps or management groups. */
function thin(connector: Connector): Connector {
  return serverConnector({
    id: connector.id,
    name: connector.name,
    connectorPrefixName: connector.connectorPrefixName,
    runFrequency: String(connector.orgRunFrequency),
    isDeleted: false,
    isDisabled: false
  })
}

/** A gateway whose listing carries only the thin fields; GET /{id} still answers in full. */
class ThinListingApi extends FakeApi {
  override async list(): Promise<Connector[] | undefined> {
    return (await super.list())?.map(thin)
  }
}

describe('reconcile: a rename without id:', () => {
  it.each(['plan', 'apply'] as const)(
    'is refused in %s when the tenant and prefix match a connector of another name',
    async mode => {
      const api = new FakeApi([ACME_CORP])
      const outcome = await outcomeOf([acme()], api, planOptions({ mode }), 'Acme Corporation')
      expect(outcome.result).toBe('failed')
      expect(outcome.action).toBe('none')
      expect(outcome.error).toContain(RENAME_HINT)
      expect(outcome.error).toContain('same connectorPrefixName')
      expect(api.writes).toEqual([])
    }
  )

  it('compares the tenant GUID in any case', async () => {
    const api = new FakeApi([stored(acme({ name: 'Acme Corp', tenantId: TENANT.toUpperCase() }), OLD_ID)])
    const outcome = await outcomeOf([acme()], api, planOptions(), 'Acme Corporation')
    expect(outcome.error).toContain(RENAME_HINT)
  })

  it('is refused when the tenant and the management groups match, whatever the prefix', async () => {
    const scoped = { includedMem: ['Production', 'Shared'], excludedMem: ['Sandbox'] }
    const api = new FakeApi([stored(acme({ name: 'Acme Corp', connectorPrefixName: 'old', ...scoped }), OLD_ID)])
    const renamed = acme({
      connectorPrefixName: 'new',
      includedMem: ['Shared', 'Production'],
      excludedMem: ['Sandbox']
    })
    const outcome = await outcomeOf([renamed], api, planOptions({ mode: 'apply' }), 'Acme Corporation')
    expect(outcome.result).toBe('failed')
    expect(outcome.error).toContain(RENAME_HINT)
    expect(outcome.error).toContain('same management groups')
    // The prefix cannot change: the hint says to keep the old one, or the id: would fail next.
    expect(outcome.error).toContain(`add id: ${OLD_ID} and connectorPrefixName: old (Qualys cannot change it)`)
    expect(api.writes).toEqual([])
  })

  it('never sends a create in apply, and prune leaves the old connector alone', async () => {
    const marker = 'managed-by: acme/infra'
    const api = new FakeApi([stored(acme({ name: 'Acme Corp', description: marker }), OLD_ID)])
    const { outcomes } = await reconcile([acme()], api, planOptions({ mode: 'apply', marker, prune: { max: 5 } }))
    expect(outcomes.map(o => [o.name, o.result])).toEqual([['Acme Corporation', 'failed']])
    expect(api.calls.filter(call => call.op !== 'list' && call.op !== 'get')).toEqual([])
  })

  it('is not looked for when the match is another entry’s connector, by name or by id', async () => {
    const byName = new FakeApi([ACME_CORP])
    const taken = await outcomeOf([acme({ name: 'Acme Corp' }), acme()], byName, planOptions(), 'Acme Corporation')
    expect(taken.result).toBe('would-create')

    const byId = new FakeApi([ACME_CORP])
    const pinned = acme({ name: 'Acme Corp renamed', id: OLD_ID, connectorPrefixName: 'acme' })
    const other = await outcomeOf([pinned, acme()], byId, planOptions(), 'Acme Corporation')
    expect(other.result).toBe('would-create')
  })

  it('is not looked for in a deleted connector', async () => {
    const api = new FakeApi([stored(acme({ name: 'Acme Corp' }), OLD_ID, { deleted: true })])
    const outcome = await outcomeOf([acme()], api, planOptions({ mode: 'apply' }), 'Acme Corporation')
    expect(outcome.result).toBe('created')
    expect(outcome.warnings).toEqual([])
  })

  it('is accepted with id:, as a rename of that connector', async () => {
    const api = new FakeApi([ACME_CORP])
    const outcome = await outcomeOf([acme({ id: OLD_ID })], api, planOptions({ mode: 'apply' }), 'Acme Corporation')
    expect(outcome.result).toBe('updated')
    expect(outcome.changes).toEqual([{ field: 'name', from: 'Acme Corp', to: 'Acme Corporation' }])
    expect(api.count('create')).toBe(0)
  })
})

describe('reconcile: a second connector for a tenant', () => {
  const OTHER_PREFIX = stored(acme({ name: 'Acme test', connectorPrefixName: 'acme-test', includedMem: ['Test'] }), 7)

  it('is created with a warning, shown in the plan and logged once', async () => {
    const opts = planOptions()
    const outcome = await outcomeOf([acme()], new FakeApi([OTHER_PREFIX]), opts, 'Acme Corporation')
    const warning = `Qualys already has connector 7 'Acme test' for tenant ${TENANT} with another prefix ('acme-test') and other management groups: two connectors for one tenant can be deliberate; if this is a rename, add id: 7`
    expect(outcome.result).toBe('would-create')
    expect(outcome.warnings).toEqual([warning])
    expect(opts.logger.warnings).toEqual([`Acme Corporation: ${warning}`])
  })

  it('goes on in apply', async () => {
    const api = new FakeApi([OTHER_PREFIX])
    const outcome = await outcomeOf([acme()], api, planOptions({ mode: 'apply' }), 'Acme Corporation')
    expect(outcome.result).toBe('created')
    expect(outcome.warnings).toHaveLength(1)
    expect(api.count('create')).toBe(1)
  })

  it('says nothing for another tenant with the same prefix and scope', async () => {
    const api = new FakeApi([stored(acme({ name: 'Globex', tenantId: OTHER_TENANT }), 8)])
    const outcome = await outcomeOf([acme()], api, planOptions(), 'Acme Corporation')
    expect(outcome.result).toBe('would-create')
    expect(outcome.warnings).toEqual([])
  })
})

describe('reconcile: renames in a listing without tenantId', () => {
  it('reads the listed connector with the same prefix, and refuses the rename', async () => {
    const api = new ThinListingApi([ACME_CORP, stored(acme({ name: 'Globex', connectorPrefixName: 'globex' }), 8)])
    const outcome = await outcomeOf([acme()], api, planOptions({ mode: 'apply' }), 'Acme Corporation')
    expect(outcome.error).toContain(RENAME_HINT)
    expect(api.calls.filter(call => call.op === 'get').map(call => call.id)).toEqual([OLD_ID])
    expect(api.writes).toEqual([])
  })

  it('creates when the read connector is another tenant’s', async () => {
    const api = new ThinListingApi([stored(acme({ name: 'Globex', tenantId: OTHER_TENANT }), 8)])
    const outcome = await outcomeOf([acme()], api, planOptions({ mode: 'apply' }), 'Acme Corporation')
    expect(outcome.result).toBe('created')
    expect(outcome.warnings).toEqual([])
  })

  it('reads no other connector, and says once per run that renames to another prefix cannot be seen', async () => {
    const listed = [7, 8, 9].map(id => stored(acme({ name: `other ${id}`, connectorPrefixName: `p${id}` }), id))
    const api = new ThinListingApi(listed)
    const opts = planOptions()
    const { outcomes } = await reconcile([acme(), acme({ name: 'Second', connectorPrefixName: 'second' })], api, opts)
    expect(outcomes.map(o => o.result)).toEqual(['would-create', 'would-create'])
    expect(api.count('get')).toBe(0)
    const thinWarnings = opts.logger.warnings.filter(w => w.includes('does not carry tenantId'))
    expect(thinWarnings).toHaveLength(1)
    expect(thinWarnings[0]).toContain(
      'renames could only be detected against connectors with the same connectorPrefixName'
    )
    expect(outcomes.flatMap(o => o.warnings)).toHaveLength(1)
  })
})
