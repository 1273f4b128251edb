/**
 * Every field the action writes comes back as it was written: a create and an update through the
 * real client, over loopback HTTP to the stand-in gateway, then read back in both answer shapes
 * (get: the create sample's; list: the list-style samples'). The fields come from FIELD_NAMES,
 * so a new row of FIELDS is covered without touching this file — and fails here, not in some
 * unrelated test, when its request spelling or its `answer` does not round-trip.
 */
import { afterEach, describe, expect, it } from '@jest/globals'
import {
  FIELDS,
  FIELD_NAMES,
  MINUTES_PER_DAY,
  type AppInfo,
  type ConnectorSpec,
  type FieldDef,
  type FieldKind,
  type FieldName
} from '../src/connector-spec/model.js'
import { IMMUTABLE_FIELDS } from '../src/qualys/assumptions.js'
import { createBody, updateBody } from '../src/qualys/body.js'
import type { Connector } from '../src/qualys/connector.js'
import { closeAll, rig } from '../test-support/qualys-harness.js'

afterEach(closeAll)

/** The fields a create/update body carries. */
const SENT = FIELD_NAMES.filter(field => FIELDS[field].sent)
/** Those an answer can hold (all but the secret): each must read back as sent. */
const BODY_FIELDS = SENT.filter(field => FIELDS[field].answer !== null)

/** Which write: the create's values, or the update's, which differ from them in every field. */
type Write = 1 | 2

/** A GUID of its own for each field and write, so a value read from the wrong field shows. */
function guid(field: FieldName, write: Write): string {
  return `0000000${write}-0000-4000-8000-${String(FIELD_NAMES.indexOf(field)).padStart(12, '0')}`
}

/**
 * A value for a field of each kind. The create's are never the action's or the gateway's default
 * (apps AI, CI, CSA untagged; 1 day; empty lists; flags off), so a field lost on the way reads
 * back differently; the update's differ from the create's in every field (the flags go back off),
 * so a field stuck at its first value fails too. `satisfies` makes a new kind need a sample.
 */
const SAMPLES = {
  id: () => undefined,
  text: (field, write) => `${field}-${write}`.slice(0, (FIELDS[field] as FieldDef).maxLength),
  longText: (field, write) => `${field} of write ${write}: "quoted", é`,
  guid,
  secret: () => 'Az~S3cr3t.round-trip',
  apps: (field, write): AppInfo[] =>
    write === 1
      ? [
          { name: 'AI', identifier: guid(field, write), tagId: 11 },
          { name: 'CSA', identifier: guid(field, write), tagId: null }
        ]
      : [
          { name: 'AI', identifier: guid(field, write), tagId: null },
          { name: 'CI', identifier: guid(field, write), tagId: 22 },
          { name: 'CSA', identifier: guid(field, write), tagId: 23 }
        ],
  // Whole days from 2 to 7 (the server rounds other values up), different for each field and write.
  frequency: (field, write) => (2 + ((FIELD_NAMES.indexOf(field) + 3 * write) % 6)) * MINUTES_PER_DAY,
  names: (field, write) => [`${field}-${write}-a`, `${field}-${write}-b`],
  tagIds: (field, write) => [FIELD_NAMES.indexOf(field) * 10 + write, 900 + write],
  flag: (_field, write) => write === 1
} satisfies Record<FieldKind, (field: FieldName, write: Write) => unknown>

function sample(field: FieldName, write: Write): unknown {
  return SAMPLES[(FIELDS[field] as FieldDef).kind](field, write)
}

/** A spec that sets every field a body carries. Fields the server refuses to change keep the create's value. */
function specFor(write: Write): ConnectorSpec {
  const values = Object.fromEntries(
    SENT.map(field => {
      const keep = (IMMUTABLE_FIELDS as readonly string[]).includes(field)
      return [field, sample(field, keep ? 1 : write)]
    })
  )
  return values as unknown as ConnectorSpec
}

function bodyFields(from: ConnectorSpec | Connector): Record<string, unknown> {
  return Object.fromEntries(BODY_FIELDS.map(field => [field, (from as unknown as Record<string, unknown>)[field]]))
}

describe('a connector written through the real client reads back as it was written', () => {
  it('covers every field of FIELDS but the three that never travel in a body and back', () => {
    // id selects the connector, the secret is masked in every answer, enabled goes through the
    // status endpoint (its own test below). A new field that joins them needs a test of its own.
    expect(FIELD_NAMES.filter(field => !BODY_FIELDS.includes(field))).toEqual(['id', 'secretValue', 'enabled'])
    for (const field of BODY_FIELDS) expect([field, sample(field, 1)]).not.toEqual([field, sample(field, 2)])
  })

  it.each([1, 2] as const)('write %i: every body field survives a create and a read back', async write => {
    const { client } = await rig()
    const spec = specFor(write)
    const created = await client.create(spec.name, createBody(spec))
    expect(bodyFields(created)).toEqual(bodyFields(spec))
    expect(bodyFields(await client.get(created.id))).toEqual(bodyFields(spec))
    const listed = (await client.list())?.find(connector => connector.id === created.id)
    expect(listed && bodyFields(listed)).toEqual(bodyFields(spec))
  })

  it('every body field survives an update to other values and a read back', async () => {
    const { client } = await rig()
    const first = specFor(1)
    const created = await client.create(first.name, createBody(first))
    const second = specFor(2)
    const updated = await client.update(created.id, second.name, updateBody(created, second))
    expect(bodyFields(updated)).toEqual(bodyFields(second))
    expect(bodyFields(await client.get(created.id))).toEqual(bodyFields(second))
    const listed = (await client.list())?.find(connector => connector.id === created.id)
    expect(listed && bodyFields(listed)).toEqual(bodyFields(second))
  })

  it('enabled, written through the status endpoint, reads back from both answer shapes', async () => {
    const { client } = await rig()
    const spec = specFor(1)
    const { id } = await client.create(spec.name, createBody(spec))
    for (const [action, enabled] of [
      ['DISABLE', false],
      ['ENABLE', true]
    ] as const) {
      await client.setStatus(action, [id])
      expect((await client.get(id)).enabled).toBe(enabled)
      expect((await client.list())?.find(connector => connector.id === id)?.enabled).toBe(enabled)
    }
  })
})
