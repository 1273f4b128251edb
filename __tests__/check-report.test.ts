import { describe, expect, it } from '@jest/globals'
import type { CheckReport, ConnectorCheck } from '../src/check/check-run.js'
import { findingsOf } from '../src/check/findings.js'
import { codeTexts, outsideCode, renderGfm } from '../test-support/gfm.js'
import { checkOutputs } from '../src/report/outputs.js'
import {
  checkClosingComment,
  checkJson,
  checkMarkdown,
  checkText,
  checkTitle,
  gatewayLines,
  type CheckContext
} from '../src/report/check-report.js'

const CONTEXT: CheckContext = {
  specFile: 'qualys/connectors.yaml',
  commit: '0123456789abcdef0123456789abcdef01234567',
  time: '2026-12-02T06:00:00.000Z',
  runUrl: 'https://github.com/acme/config/actions/runs/42',
  expiryWarningDays: 30
}

function connector(name: string, over: Partial<ConnectorCheck> = {}): ConnectorCheck {
  return {
    name,
    id: 7,
    drift: { name, result: 'unchanged', action: 'none', changes: [], warnings: [] },
    health: { healthy: true, state: 'FINISHED_SUCCESS', findings: [] },
    azure: { status: 'skipped', reason: 'azure-preflight is false' },
    coverage: { status: 'not-available', reason: 'no member listing on this gateway' },
    ...over
  }
}

const HOSTILE = '::error::pwned <img src=x> @admin | `x`\n##[warning]y'

const report: CheckReport = {
  connectors: [
    connector('calm'),
    connector('edited', {
      drift: {
        name: 'edited',
        result: 'would-update',
        action: 'update',
        changes: [{ field: 'tenantName', from: 'Old', to: 'Contoso' }],
        warnings: []
      }
    }),
    connector('broken', {
      health: { healthy: false, state: 'ERROR', findings: [{ kind: 'failing', detail: `state ERROR: ${HOSTILE}` }] }
    }),
    connector('rotating', {
      azure: { status: 'checked', subscriptions: 2, secretExpiresInDays: 5, warnings: [] }
    })
  ],
  retired: [],
  notInSpec: ['by hand'],
  claimedByOthers: [{ name: 'theirs', id: 9, owner: 'acme/other:spec.yaml' }],
  gateway: {
    listing: { path: '/connectors/v1.0/org/azure/list', thin: true },
    getById: 'works',
    frequencyShape: 'hours-minutes',
    budget: { limit: 300, remaining: 288, windowSec: 3600, concurrencyLimit: 2 },
    counts: { calls: 12, retried: 0, throttled: 0 },
    members: { unavailable: 'no member listing on this gateway' }
  }
}

describe('the check report', () => {
  const findings = findingsOf(report, CONTEXT.expiryWarningDays)

  it('sorts the findings by kind', () => {
    expect(findings).toEqual({ drift: ['edited'], unhealthy: ['broken'], expiring: ['rotating'] })
  })

  it('titles the issue with the counts and the spec file', () => {
    expect(checkTitle(findings, 4, CONTEXT)).toBe(
      'Qualys: 1 connector drifted, 1 unhealthy, 1 with an expiring secret — qualys/connectors.yaml'
    )
    expect(checkTitle({ drift: [], unhealthy: [], expiring: [] }, 4, CONTEXT)).toBe(
      'Qualys: all 4 connectors as the spec says — qualys/connectors.yaml'
    )
  })

  it('puts unhealthy, then drifted, then expiring connectors first, with the commit, time and run', () => {
    const markdown = checkMarkdown(report, findings, CONTEXT)
    const order = ['broken', 'edited', 'rotating', 'calm'].map(name => markdown.indexOf(`| \`${name}\` |`))
    expect(order.every((at, i) => at > 0 && (i === 0 || at > order[i - 1]))).toBe(true)
    expect(markdown).toContain(
      'Checked 2026-12-02 06:00 UTC · commit `0123456` · [run 42](https://github.com/acme/config/actions/runs/42)'
    )
    expect(markdown).toContain('**Not in this spec:** 1 connector in Qualys: `by hand`.')
    expect(markdown).toContain('**Managed elsewhere:** `theirs` (id 9, by `acme/other:spec.yaml`).')
  })

  it('says what the gateway showed, for a first run and a bug report', () => {
    expect(gatewayLines(report)).toEqual([
      'Tenant connectors listed through GET /connectors/v1.0/org/azure/list (list-style objects: each connector is read in full)',
      'GET /connectors/v1.0/org/azure/{id} works',
      'Member connectors: no member listing on this gateway',
      'Run frequencies are sent as {hours, minutes}',
      'Rate limit: 300 calls per 3600 s, 288 left after this run, 2 at a time',
      'Calls: 12 made, 0 retried, 0 throttled'
    ])
  })

  it('shows server text as text: no markup, no mention, no workflow command, one line', () => {
    const markdown = checkMarkdown(report, findings, CONTEXT)
    const html = renderGfm(markdown)
    expect(html).not.toContain('<img')
    expect(outsideCode(html)).not.toContain('@admin')
    expect(codeTexts(html)).toContain(`failing: state ERROR: ${HOSTILE.replace('\n', ' ')}`)
    expect(markdown).not.toContain('\n##[warning]')
    const text = checkText(report, CONTEXT)
    expect(text).not.toMatch(/^::error::/m)
    expect(text).not.toMatch(/::error::/)
    expect(text).not.toMatch(/^##\[warning\]/m)
  })

  it('gives one JSON object per connector with its drift, health and Azure parts', () => {
    const json = JSON.parse(checkJson(report, CONTEXT)) as Record<string, unknown>[]
    expect(json).toHaveLength(4)
    expect(json[1]).toEqual({
      name: 'edited',
      id: 7,
      drift: { drifted: true, result: 'would-update', changes: [{ field: 'tenantName', from: 'Old', to: 'Contoso' }] },
      health: { healthy: true, state: 'FINISHED_SUCCESS', findings: [] },
      azure: { status: 'skipped', reason: 'azure-preflight is false', expiring: false },
      coverage: { status: 'not-available', reason: 'no member listing on this gateway' }
    })
    expect(json[3]).toMatchObject({ azure: { status: 'checked', secretExpiresInDays: 5, expiring: true } })
  })

  it('gives a retired row every column of the table', () => {
    const retired = {
      name: 'gone',
      result: 'would-disable' as const,
      action: 'disable' as const,
      changes: [],
      warnings: []
    }
    const markdown = checkMarkdown({ ...report, retired: [retired] }, findings, CONTEXT)
    const header = markdown.split('\n').find(l => l.startsWith('| | Connector'))
    const row = markdown.split('\n').find(l => l.includes('| `gone` |'))
    const cells = (l: string | undefined): number => (l ?? '').split('|').length
    expect(cells(row)).toBe(cells(header))
  })

  it('closes the issue with the time, the commit and a link to the run', () => {
    expect(checkClosingComment(CONTEXT)).toBe(
      'The check of 2026-12-02 06:00 UTC (commit `0123456` · [run 42](https://github.com/acme/config/actions/runs/42)) found nothing to report: closing.'
    )
  })

  it("holds the issue's outputs, from GitHub's answer, to shell-safe forms", () => {
    const good = { 'issue-number': '12', 'issue-url': 'https://github.com/acme/config/issues/12' }
    expect(checkOutputs(good)).toEqual({ outputs: good, refused: [] })
    const { outputs, refused } = checkOutputs({ 'issue-number': '12; rm -rf /', 'issue-url': 'https://x/$(id)' })
    expect(outputs).toEqual({ 'issue-number': '', 'issue-url': '' })
    expect(refused.map(r => r.output)).toEqual(['issue-number', 'issue-url'])
  })

  it('counts what prune would disable as drift, and what it leaves alone (not-managed) not', () => {
    const disable = {
      name: 'gone',
      result: 'would-disable' as const,
      action: 'disable' as const,
      changes: [],
      warnings: []
    }
    const leftAlone = {
      name: 'by hand',
      result: 'not-managed' as const,
      action: 'none' as const,
      changes: [],
      warnings: []
    }
    expect(findingsOf({ ...report, retired: [disable, leftAlone] }, 30).drift).toEqual(['edited', 'gone'])
  })
})
