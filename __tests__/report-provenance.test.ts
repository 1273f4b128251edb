/** The commit and run every report names, and what a failed plan says in place of the plan. */
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from '@jest/globals'
import { headCommit, headCommitOf } from '../src/github/event.js'
import { failureCommentTarget } from '../src/github/failure-comment.js'
import type { Logger } from '../src/logger.js'
import { Redactor } from '../src/redact.js'
import { planMarkdown } from '../src/report/job-summary.js'
import { PLAN_FAILED_TITLE, planFailureMarkdown } from '../src/report/plan-failure.js'
import { provenanceLine } from '../src/report/provenance.js'

const HEAD = 'abc1234def5678abc1234def5678abc1234def56'
const MERGE = '0123456789abcdef0123456789abcdef01234567'
const RUN = 'https://github.com/acme/config/actions/runs/42'

describe('headCommit', () => {
  it("is the pull request's head on a pull_request event, not GITHUB_SHA (GitHub's merge commit)", () => {
    const payload = { pull_request: { head: { sha: HEAD } } }
    expect(headCommit({ GITHUB_EVENT_NAME: 'pull_request', GITHUB_SHA: MERGE }, payload)).toBe(HEAD)
    expect(headCommit({ GITHUB_EVENT_NAME: 'pull_request_target', GITHUB_SHA: MERGE }, payload)).toBe(HEAD)
  })

  it('is GITHUB_SHA on any other event', () => {
    const payload = { pull_request: { head: { sha: HEAD } } }
    expect(headCommit({ GITHUB_EVENT_NAME: 'push', GITHUB_SHA: MERGE }, payload)).toBe(MERGE)
    expect(headCommit({ GITHUB_SHA: MERGE }, undefined)).toBe(MERGE)
  })

  it('is unknown rather than the merge commit when a pull request names no head', () => {
    expect(headCommit({ GITHUB_EVENT_NAME: 'pull_request', GITHUB_SHA: MERGE }, {})).toBeUndefined()
    expect(headCommit({ GITHUB_EVENT_NAME: 'pull_request', GITHUB_SHA: MERGE }, undefined)).toBeUndefined()
  })

  it('is unknown when it is not a SHA (it comes from outside)', () => {
    for (const sha of ['abc12', 'x'.repeat(40), `${HEAD}0`, 'abc1234 `](http://evil)', 42])
      expect(headCommit({ GITHUB_EVENT_NAME: 'pull_request' }, { pull_request: { head: { sha } } })).toBeUndefined()
    expect(headCommit({ GITHUB_SHA: 'main' }, undefined)).toBeUndefined()
  })

  it('reads the payload the runner wrote', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'gh-event-')), 'event.json')
    writeFileSync(path, JSON.stringify({ pull_request: { number: 3, head: { sha: HEAD } } }))
    expect(headCommitOf({ GITHUB_EVENT_NAME: 'pull_request', GITHUB_EVENT_PATH: path, GITHUB_SHA: MERGE })).toBe(HEAD)
  })
})

describe('provenanceLine', () => {
  it('names the short commit and links the run by its id', () => {
    expect(provenanceLine({ commit: HEAD, runUrl: RUN })).toBe(`Commit \`abc1234\` · [run 42](${RUN})`)
    expect(provenanceLine({ commit: HEAD })).toBe('Commit `abc1234`')
    expect(provenanceLine({ runUrl: RUN })).toBe(`[run 42](${RUN})`)
    expect(provenanceLine({})).toBeUndefined()
    expect(provenanceLine({ commit: 'not-a-sha' })).toBeUndefined()
  })

  it('stands under the title of a plan', () => {
    const lines = planMarkdown([], 'plan', 'Plan', { commit: HEAD, runUrl: RUN }).split('\n')
    expect(lines.slice(0, 4)).toEqual(['### Plan', '', `Commit \`abc1234\` · [run 42](${RUN})`, ''])
  })
})

describe('planFailureMarkdown', () => {
  it('lists the problems under the title, the commit and the run, and no plan', () => {
    const md = planFailureMarkdown(['connectors.yaml:3: name: is missing', 'login failed (401)'], {
      commit: HEAD,
      runUrl: RUN
    })
    expect(md.split('\n')).toEqual([
      `### ${PLAN_FAILED_TITLE}`,
      '',
      `Commit \`abc1234\` · [run 42](${RUN})`,
      '',
      '**No plan:** 2 problems stopped it; nothing was changed in Qualys. Fix them and push again.',
      '',
      '- `connectors.yaml:3: name: is missing`',
      '- `login failed (401)`',
      ''
    ])
    expect(md).not.toMatch(/to create/)
  })

  it('shows each problem as text: one code span of the one escape', () => {
    const md = planFailureMarkdown(['<img src=x> @admin\n# [x](http://e) | `y`'], {})
    expect(md).toContain('- `` <img src=x> @admin # [x](http://e) | `y` ``')
    expect(md).toContain('**No plan:** 1 problem stopped it; nothing was changed in Qualys. Fix it and push again.')
  })

  it('fits the room it is given, saying how many problems were left out', () => {
    const problems = Array.from({ length: 50 }, (_, i) => `problem ${i} ${'x'.repeat(100)}`)
    const md = planFailureMarkdown(problems, {}, 2_000)
    expect(md.length).toBeLessThanOrEqual(2_000)
    const shown = md.split('\n').filter(line => line.startsWith('- ')).length
    expect(shown).toBeGreaterThan(5)
    expect(md).toContain(`… and ${50 - shown} more problems, in the log of this run.`)
  })
})

describe('failureCommentTarget', () => {
  const wiring = { logger: {} as Logger, redactor: new Redactor() }
  const pr = { GITHUB_EVENT_NAME: 'pull_request' }
  const plan = { mode: 'plan', prComment: '', githubToken: 'ghs_token' }

  it('posts a failed plan on its pull request with the token given', () => {
    const target = failureCommentTarget(plan, pr, wiring)
    expect(target).toMatchObject({ eventName: 'pull_request', token: 'ghs_token', env: pr })
    expect(target?.connection).toMatchObject({ timeoutMs: 30_000, maxAttempts: 5, maxConcurrency: 2 })
    expect(failureCommentTarget({ ...plan, prComment: 'TRUE' }, pr, wiring)).toMatchObject({
      eventName: 'pull_request',
      token: 'ghs_token'
    })
  })

  it('posts nothing without a token, off a pull request, outside a plan, or with pr-comment off or unreadable', () => {
    expect(failureCommentTarget({ ...plan, githubToken: '' }, pr, wiring)).toBeUndefined()
    expect(failureCommentTarget(plan, { GITHUB_EVENT_NAME: 'push' }, wiring)).toBeUndefined()
    expect(failureCommentTarget(plan, {}, wiring)).toBeUndefined()
    for (const mode of ['apply', 'validate', 'check', 'export'])
      expect(failureCommentTarget({ ...plan, mode }, pr, wiring)).toBeUndefined()
    for (const prComment of ['false', 'no way'])
      expect(failureCommentTarget({ ...plan, prComment }, pr, wiring)).toBeUndefined()
  })

  it('posts nothing on a pull request from a fork', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'gh-event-')), 'event.json')
    const fork = { head: { repo: { full_name: 'someone/config' } }, base: { repo: { full_name: 'acme/config' } } }
    writeFileSync(path, JSON.stringify({ pull_request: fork }))
    expect(failureCommentTarget(plan, { ...pr, GITHUB_EVENT_PATH: path }, wiring)).toBeUndefined()
  })
})
