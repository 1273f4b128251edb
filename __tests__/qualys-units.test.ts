import { afterEach, describe, expect, it } from '@jest/globals'
import { isDuplicateNameRejection, isThrottling409 } from '../src/qualys/assumptions.js'
import { createBody, updateBody } from '../src/qualys/body.js'
import { readConnector } from '../src/qualys/connector.js'
import { HttpError, serverMessage } from '../src/http/errors.js'
import type { ApiRequest } from '../src/http/exchange.js'
import { statusFailure } from '../src/qualys/status-failure.js'
import { FIELD_NAMES } from '../src/connector-spec/model.js'
import { APP, closeAll, rig, SECRET, spec, TENANT } from '../test-support/qualys-harness.js'

afterEach(closeAll)

describe('serverMessage', () => {
  it('puts a message with line breaks on one line (a log line of its own could be a ::command::)', () => {
    expect(serverMessage('{"message":"bad\\n::warning::injected\\r\\nmore"}')).toBe('bad ::warning::injected more')
  })

  it('reads the message fields of JSON error bodies', () => {
    expect(serverMessage('{"status":400,"message":"name is mandatory"}')).toBe('name is mandatory')
    expect(serverMessage('{"errorCode":"CMS-1001","message":"Invalid tenant"}')).toBe('Invalid tenant (CMS-1001)')
    expect(serverMessage('{"errorMessage":"bad"}')).toBe('bad')
    expect(serverMessage('{"error":"invalid_client","error_description":"no such client"}')).toBe('no such client')
    expect(serverMessage('{"error":{"message":"nested"}}')).toBe('nested')
    expect(serverMessage('{"errors":[{"field":"name","message":"too long"},{"message":"bad tag"}]}')).toBe(
      'too long; bad tag'
    )
    expect(serverMessage('{"title":"Bad Request","detail":"pageSize too big"}')).toBe('pageSize too big')
    expect(serverMessage('"just a string"')).toBe('just a string')
    expect(serverMessage('{"message":"","title":"fallback"}')).toBe('fallback')
  })

  it('falls back to the text itself when JSON has no message, or is not JSON', () => {
    expect(serverMessage('{"status":500}')).toBe('{"status":500}')
    expect(serverMessage('Service temporarily unavailable\n')).toBe('Service temporarily unavailable')
    expect(serverMessage('{"message": "cut sh')).toBe('{"message": "cut sh')
  })

  it('is empty for an empty or blank body', () => {
    expect(serverMessage('')).toBe('')
    expect(serverMessage(' \r\n ')).toBe('')
  })

  it('strips HTML, with its scripts and styles, to plain words', () => {
    const page =
      '<html>\r\n<head><title>502 Bad Gateway</title><style>body{color:red}</style></head>\r\n<body><script type="text/javascript">var x = "<b>";</script>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n'
    expect(serverMessage(page)).toBe('502 Bad Gateway 502 Bad Gateway nginx')
  })

  it('clips long messages to 500 characters', () => {
    const said = serverMessage(JSON.stringify({ message: 'x'.repeat(2000) }))
    expect(said).toHaveLength(498)
    expect(said.endsWith('…')).toBe(true)
    expect(serverMessage('y'.repeat(500))).toBe('y'.repeat(500))
  })
})

describe('statusFailure', () => {
  const request: ApiRequest = { method: 'POST', path: '/x', idempotent: false, what: "Create connector 'P'" }
  const answer = (status: number, body = '') => statusFailure(request, { status, headers: {}, body })

  it('gives each status a kind and an actionable message', () => {
    expect(answer(401)).toMatchObject({ kind: 'unauthorized', status: 401 })
    expect(answer(401).message).toMatch(/credentials/)
    expect(answer(403).message).toMatch(/permissions/)
    expect(answer(404).kind).toBe('not-found')
    expect(answer(405).kind).toBe('not-found')
    expect(answer(400).message).toMatch(/rejected the request \(400\) without saying why/)
    expect(answer(400, '{"message":"m"}').message).toMatch(/\(400\): m\.$/)
    expect(answer(503)).toMatchObject({ kind: 'server', ambiguous: false })
    expect(answer(302).kind).toBe('protocol')
    expect(answer(401)).toBeInstanceOf(HttpError)
    expect(answer(401).name).toBe('HttpError')
  })
})

describe('the [INF] rules about refusals', () => {
  it('a duplicate name is a 400 or 409 that talks about the name', () => {
    expect(isDuplicateNameRejection(400, "Connector with name 'x' already exists")).toBe(true)
    expect(isDuplicateNameRejection(409, 'Duplicate connector name')).toBe(true)
    expect(isDuplicateNameRejection(409, 'name is already in use')).toBe(true)
    expect(isDuplicateNameRejection(500, 'already exists')).toBe(false)
    expect(isDuplicateNameRejection(400, 'name is mandatory')).toBe(false)
  })

  it('a 409 is throttling only when it asks for a wait and is not about a taken name', () => {
    expect(isThrottling409({ 'x-ratelimit-towait-sec': '2' }, 'Conflict')).toBe(true)
    expect(isThrottling409({ 'retry-after': '2' }, '')).toBe(true)
    expect(isThrottling409({}, 'API rate limit exceeded')).toBe(true)
    expect(isThrottling409({}, 'Conflict')).toBe(false)
    // The gateway sends X-RateLimit-* on every answer: a zero wait is no request to wait.
    expect(isThrottling409({ 'x-ratelimit-towait-sec': '0', 'x-ratelimit-remaining': '99' }, 'Conflict')).toBe(false)
    expect(
      isThrottling409(
        { 'x-ratelimit-towait-sec': '3', 'x-ratelimit-remaining': '0' },
        "Connector with name 'x' already exists"
      )
    ).toBe(false)
  })
})

describe('createBody', () => {
  it('is exactly the API shape: {hours, minutes}, app objects with the tenant id, only the fields set', () => {
    const body = createBody(
      spec({
        connectorAppInfos: [
          { name: 'AI', tagId: null },
          { name: 'CSA', identifier: 'sub-scope', tagId: 42 }
        ],
        orgRunFrequency: 1440,
        connectorRunFrequency: 90
      })
    )
    expect(body).toEqual({
      name: 'Prod tenant',
      tenantId: TENANT,
      tenantName: 'Contoso',
      applicationId: APP,
      secretValue: SECRET,
      connectorAppInfos: [
        { identifier: TENANT, name: 'AI', tagId: null },
        { identifier: 'sub-scope', name: 'CSA', tagId: 42 }
      ],
      orgRunFrequency: { hours: 24, minutes: 0 },
      connectorRunFrequency: { hours: 1, minutes: 30 },
      connectorPrefixName: 'prod'
    })
  })

  it('sends a boolean or an optional list only when the spec sets it, false included', () => {
    const body = createBody(
      spec({ autoActivateVM: false, isRemediationEnabled: true, includedMem: [], defaultTagIds: [5], description: 'd' })
    )
    expect(body).toMatchObject({
      autoActivateVM: false,
      isRemediationEnabled: true,
      includedMem: [],
      defaultTagIds: [5],
      description: 'd'
    })
    for (const key of [
      'autoActivatePC',
      'autoActivateSCA',
      'autoActivateCertView',
      'autoActivateCV',
      'excludedMem',
      'isCreateConnectorForNewSubscriptionsAutomatically',
      'isDisableConnectorsForDeletedManagementGroups'
    ]) {
      expect(body).not.toHaveProperty(key)
    }
  })

  it('never carries the spec id (a selector, not a field)', () => {
    expect(createBody(spec({ id: 77 }))).not.toHaveProperty('id')
  })

  it('is accepted by the (strict) stand-in gateway, which refuses unknown fields', async () => {
    const { client, gateway } = await rig()
    const created = await client.create(
      'Prod tenant',
      createBody(
        spec({
          autoActivateCV: true,
          connectorAppInfos: [
            { name: 'AI', tagId: 3 },
            { name: 'CI', tagId: null },
            { name: 'CSA', tagId: null }
          ]
        })
      )
    )
    expect(created).toMatchObject({ name: 'Prod tenant', autoActivateCV: true, orgRunFrequency: 1440 })
    expect(gateway.connectors()[0]).toMatchObject({
      secretValue: SECRET,
      connectorAppInfos: [
        { name: 'AI', identifier: TENANT, tagId: 3 },
        { name: 'CI', identifier: TENANT, tagId: null },
        { name: 'CSA', identifier: TENANT, tagId: null }
      ]
    })
  })
})

describe('updateBody', () => {
  const current = readConnector({
    id: 9,
    uuid: 'u-1',
    name: 'Prod tenant',
    state: 'SUCCESS',
    description: 'kept description',
    tenantId: TENANT,
    tenantName: 'Old name',
    applicationId: APP,
    connectorPrefixName: 'prod',
    runFrequency: '2880',
    connectorRunFrequency: '4320',
    connectorAppInfos: [{ name: 'AI', identifier: 'custom-id', tagId: 8, tagMetadata: null }],
    includedMem: ['mg-1'],
    excludedMem: null,
    defaultTagIds: [11],
    isRemediationEnabled: true,
    autoActivateVM: true,
    autoActivatePC: false,
    isDisabled: false,
    lastError: null
  })
  const minimal = {
    name: 'Prod tenant',
    tenantId: TENANT,
    tenantName: 'New name',
    applicationId: APP,
    secretValue: SECRET,
    connectorAppInfos: [{ name: 'AI' as const, tagId: null }],
    orgRunFrequency: 1440,
    connectorRunFrequency: 1440,
    connectorPrefixName: 'prod'
  }

  it('keeps the current values of the fields the spec leaves out', () => {
    const body = updateBody(current, minimal)
    expect(body).toMatchObject({
      description: 'kept description',
      includedMem: ['mg-1'],
      excludedMem: [],
      defaultTagIds: [11],
      isRemediationEnabled: true,
      autoActivateVM: true,
      autoActivatePC: false
    })
  })

  it('lays the spec over the current values, in the API shapes, and adds the secret', () => {
    const body = updateBody(current, { ...minimal, autoActivateVM: false, includedMem: [], description: 'new' })
    expect(body).toMatchObject({
      tenantName: 'New name',
      description: 'new',
      autoActivateVM: false,
      includedMem: [],
      secretValue: SECRET,
      orgRunFrequency: { hours: 24, minutes: 0 },
      connectorRunFrequency: { hours: 24, minutes: 0 },
      connectorAppInfos: [{ identifier: 'custom-id', name: 'AI', tagId: null }]
    })
  })

  it('keeps the identifier Qualys has for an app the spec names without one (the plan does not compare it)', () => {
    expect(updateBody(current, minimal).connectorAppInfos).toEqual([
      { identifier: 'custom-id', name: 'AI', tagId: null }
    ])
    expect(updateBody({ ...current, connectorAppInfos: [] }, minimal).connectorAppInfos).toEqual([
      { identifier: TENANT, name: 'AI', tagId: null }
    ])
    const pinned = { ...minimal, connectorAppInfos: [{ name: 'AI' as const, identifier: 'pinned-id', tagId: null }] }
    expect(updateBody(current, pinned).connectorAppInfos).toEqual([
      { identifier: 'pinned-id', name: 'AI', tagId: null }
    ])
  })

  it('sends only request fields: nothing the server added (id, uuid, state, disabled, …)', () => {
    const body = updateBody(current, minimal)
    for (const key of Object.keys(body)) expect(FIELD_NAMES).toContain(key)
    for (const key of ['id', 'uuid', 'state', 'disabled', 'lastError', 'raw']) expect(body).not.toHaveProperty(key)
  })

  it('round-trips through the stand-in gateway without changing what the spec leaves out', async () => {
    const { client, gateway } = await rig({ listShape: 'list-style' })
    const created = await client.create(
      'Prod tenant',
      createBody(spec({ description: 'first', autoActivateVM: true, includedMem: ['mg-1'], defaultTagIds: [4] }))
    )
    const [listed] = (await client.list()) ?? []
    await client.update(created.id, 'Prod tenant', updateBody(listed, spec({ tenantName: 'Renamed' })))
    expect(gateway.connectors()[0]).toMatchObject({
      tenantName: 'Renamed',
      description: 'first',
      autoActivateVM: true,
      includedMem: ['mg-1'],
      defaultTagIds: [4],
      secretValue: SECRET
    })
  })
})
