/**
 * Outside text is inert in every Markdown surface: rendered as GitHub renders it, no payload
 * becomes a link, an image, HTML, emphasis, a mention or a reference, and each is shown whole.
 */
import { describe, expect, it } from '@jest/globals'
import type { CheckReport, ConnectorCheck } from '../src/check/check-run.js'
import { findingsOf } from '../src/check/findings.js'
import { readConnector } from '../src/qualys/connector.js'
import type { Outcome } from '../src/reconcile/outcome.js'
import { checkMarkdown } from '../src/report/check-report.js'
import { exportMarkdown } from '../src/report/export-summary.js'
import { runSummary, validMarkdown } from '../src/report/job-summary.js'
import { cell, inline } from '../src/report/markdown-cell.js'
import { planFailureMarkdown } from '../src/report/plan-failure.js'
import { planCommentBody } from '../src/report/pr-comment-body.js'
import { visibleText } from '../src/text.js'
import { codeTexts, outsideCode, renderGfm } from '../test-support/gfm.js'

/** Each payload carries a word that must never be read outside code. */
const PAYLOADS: [string, string][] = [
  ['a bare URL', 'see https://evil.example/login now'],
  ['a www. address', 'go to www.evil.example today'],
  ['a link', '[x](https://evil.example)'],
  ['an escaped link', '\\[click\\](https://evil.example)'],
  ['an autolink', '<https://evil.example>'],
  ['an image', '![logo](https://evil.example/x.png)'],
  ['a mention', 'ping @octocat please'],
  ['a team mention', 'cc @acme/admins'],
  ['an issue reference', 'fixes #12'],
  ['HTML', '<img src=x onerror=alert(1)>'],
  ['a details block', '<details open><summary>pwned</summary>'],
  ['emphasis', '*bold* _em_ ~~gone~~ **loud**'],
  ['an entity', '&lt;img src=x onerror=alert(1)&gt;'],
  ['backticks', 'a ``` pwned `code` d'],
  ['a backtick at each end', '`pwned`'],
  ['a pipe', 'a | pwned | b'],
  ['line breaks', 'line 1\nline 2\r\n::error::pwned\n# heading pwned'],
  ['spaces around', '  pwned  ']
]
const LIVE_WORDS = ['evil', 'octocat', 'acme/admins', '#12', 'onerror', 'pwned', 'bold', 'loud', 'gone', 'logo']

function outcome(over: Partial<Outcome> & Pick<Outcome, 'name' | 'result'>): Outcome {
  return { action: 'none', changes: [], warnings: [], ...over }
}

function check(name: string, over: Partial<ConnectorCheck> = {}): ConnectorCheck {
  return {
    name,
    id: 7,
    drift: { name, result: 'unchanged', action: 'none', changes: [], warnings: [] },
    health: { healthy: true, state: 'SUCCESS', findings: [] },
    azure: { status: 'skipped', reason: 'azure-preflight is false' },
    coverage: { status: 'not-available', reason: 'no member listing on this gateway' },
    ...over
  }
}

/** The payload in every place of a plan or an apply that shows outside text. */
function outcomes(payload: string): Outcome[] {
  return [
    outcome({
      name: payload,
      result: 'would-update',
      action: 'update',
      changes: [{ field: 'description', from: payload, to: `new ${payload}` }],
      warnings: [payload],
      notes: [payload],
      connector: readConnector({ id: 5, name: payload, state: payload })
    }),
    outcome({ name: 'plain', result: 'failed', error: payload })
  ]
}

function checkReport(payload: string): CheckReport {
  return {
    connectors: [
      check(payload, {
        drift: { name: payload, result: 'failed', action: 'none', changes: [], warnings: [], error: payload },
        health: { healthy: false, state: 'ERROR', findings: [{ kind: 'failing', detail: payload }] },
        azure: { status: 'checked', subscriptions: 1, problem: payload, warnings: [payload] },
        coverage: {
          status: 'available',
          linkedBy: 'name prefix',
          members: 1,
          subscriptions: null,
          withoutMember: null,
          notReadableByApp: null,
          unknown: payload,
          failingMembers: [{ id: 3, name: payload, lastError: payload }],
          disabledMembers: [],
          ignored: 0
        }
      }),
      check('drifted', {
        drift: {
          name: 'drifted',
          result: 'would-update',
          action: 'update',
          changes: [{ field: 'description', from: payload, to: 'ours' }],
          warnings: []
        }
      })
    ],
    retired: [{ name: payload }],
    notInSpec: [payload],
    claimedByOthers: [{ name: payload, id: 9, owner: payload }],
    runProblem: payload,
    gateway: {
      listing: { path: payload, thin: false },
      getById: 'works',
      frequencyShape: 'minutes',
      budget: {},
      counts: { calls: 1, retried: 0, throttled: 0 },
      members: { unavailable: payload }
    }
  } as CheckReport
}

/** Every Markdown surface, as the action builds it, with the payload wherever outside text goes. */
function surfaces(payload: string): [string, string][] {
  const context = { runProblem: payload, reviewedPlan: { line: payload, differences: [payload] } }
  const report = checkReport(payload)
  return [
    ['the plan summary', runSummary(outcomes(payload), 'plan', context)],
    ['the apply summary', runSummary(outcomes(payload), 'apply', context)],
    ['the plan comment', planCommentBody(outcomes(payload), undefined, 60_000, context)],
    ['the shortened plan comment', planCommentBody(outcomes(payload), undefined, 900, context)],
    [
      'the check issue and summary',
      checkMarkdown(report, findingsOf(report, 30), { time: '2026-12-08T03:00:00Z', expiryWarningDays: 30 })
    ],
    ['the failure comment', planFailureMarkdown([payload, payload], {})],
    ['the validate summary', validMarkdown([payload])],
    [
      'the export summary',
      exportMarkdown(payload, `- name: ${JSON.stringify(payload)}\n  description: ${payload}\n`, 1)
    ]
  ]
}

describe('outside text in every Markdown surface', () => {
  describe.each(PAYLOADS)('%s', (_, payload) => {
    it.each(surfaces(payload))('is inert in %s', (_surface, markdown) => {
      const html = renderGfm(markdown)
      expect(html).not.toMatch(/<a[\s>]/)
      expect(html).not.toMatch(/<img[\s>]/)
      expect(html).not.toMatch(/<(details open|summary>pwned|h1)/)
      const live = outsideCode(html)
      for (const word of LIVE_WORDS) expect(live).not.toContain(word)
    })

    it.each(surfaces(payload).filter(([surface]) => surface !== 'the export summary'))(
      'is shown whole in %s',
      (_surface, markdown) => {
        expect(codeTexts(renderGfm(markdown))).toContain(visibleText(payload))
      }
    )
  })
})

describe('cell and inline', () => {
  it.each<[string, string, string, string]>([
    ['plain text', 'plain text, 1 → 2', '`plain text, 1 → 2`', '`plain text, 1 → 2`'],
    ['a pipe: escaped only in a table cell', 'a|b', '`a\\|b`', '`a|b`'],
    [
      'backticks: a longer fence, padded at a backtick',
      'a ``` b `c`',
      '```` a ``` b `c` ````',
      '```` a ``` b `c` ````'
    ],
    ['a backtick at an end: padded', '`x', '`` `x ``', '`` `x ``'],
    ['a space at an end: padded, as CommonMark strips one', ' x', '`  x `', '`  x `'],
    ['only spaces: not stripped, so not padded', '   ', '`   `', '`   `'],
    ['line breaks and tabs', 'a\r\nb\nc\td', '`a b c d`', '`a b c d`'],
    ['bidi and zero-width characters', 'ab\u202ecd\u200bef', '`abcdef`', '`abcdef`'],
    ['nothing', '', '', '']
  ])('%s', (_, text, inCell, inText) => {
    expect(cell(text)).toBe(inCell)
    expect(inline(text)).toBe(inText)
  })

  it('shows a pipe in a table cell as a pipe, in one cell', () => {
    const html = renderGfm(`| a | b |\n|---|---|\n| ${cell('x | y \\| z')} | ${cell('w')} |\n`)
    expect(codeTexts(html)).toEqual(['x | y \\| z', 'w'])
  })

  it('clips the text before it is wrapped, so the span is always closed', () => {
    const clipped = cell('x'.repeat(5000))
    expect(clipped).toBe(`\`${'x'.repeat(599)}…\``)
    expect(cell('`'.repeat(5000), 10)).toBe(`${'`'.repeat(10)} ${'`'.repeat(9)}… ${'`'.repeat(10)}`)
    expect(inline('a'.repeat(700), Infinity)).toBe(`\`${'a'.repeat(700)}\``)
  })
})
