/**
 * The `mode: check` issue against the stand-in GitHub API over loopback, through the action's
 * GitHub REST client: the repository and API URL come from the runner's variables the test hands
 * in, and one stand-in serves the whole file (reset between tests).
 */
import { afterAll, afterEach, beforeAll, describe, expect, test } from '@jest/globals'
import { createServer } from 'node:net'
import type { AddressInfo } from 'node:net'
import {
  CheckIssueError,
  checkIssueMarker,
  fitIssueBody,
  MAX_ISSUE_BODY,
  syncCheckIssue,
  type CheckIssueTarget,
  type CheckReport
} from '../src/github/check-issue.js'
import { Redactor } from '../src/redact.js'
import { FakeGitHubApi, scheduleEnv } from '../test-support/github-api.js'
import { CapturingLogger } from '../test-support/qualys-harness.js'

const OWNER = 'octo-org'
const REPO = 'cloud-config'
const TOKEN = 'ghs_fakeTokenForTheCheckIssue0123456789'
const BOT = 'github-actions[bot]'
const MARKER = checkIssueMarker('connectors/prod.yaml')

const github = new FakeGitHubApi({ token: TOKEN })
let logger = new CapturingLogger()

beforeAll(() => github.start())
afterEach(() => {
  github.reset()
  logger = new CapturingLogger()
})
afterAll(() => github.stop())

/**
 * Where the issue goes: the stand-in's repository, with a short request-timeout so a silent GitHub
 * fails fast, two attempts, and a Redactor told no secret (the client must keep its token out itself).
 */
function target(extra: Partial<CheckIssueTarget> = {}, env: Record<string, string | undefined> = {}): CheckIssueTarget {
  return {
    env: { ...scheduleEnv(github, OWNER, REPO), ...env },
    connection: {
      userAgent: 'test',
      timeoutMs: 300,
      maxAttempts: 2,
      maxConcurrency: 2,
      logger,
      redactor: new Redactor()
    },
    ...extra
  }
}

function report(overrides: Partial<CheckReport> = {}): CheckReport {
  return {
    marker: MARKER,
    findings: true,
    title: 'Qualys connector check: 1 connector drifted',
    body: '| Connector | State |\n|---|---|\n| Contoso | drifted |',
    labels: ['qualys-check'],
    closingComment: 'All connectors are healthy again: closing.',
    ...overrides
  }
}

const sync = (r: CheckReport, where: CheckIssueTarget = target()) => syncCheckIssue(TOKEN, r, where)

/** A loopback port nothing listens on (undici refuses some low ports outright, such as 1). */
async function closedPort(): Promise<number> {
  const server = createServer()
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  await new Promise(resolve => server.close(resolve))
  return port
}

function writes(): string[] {
  return github.writes().map(r => `${r.method} ${r.path}`)
}

function seedOurs(state: 'open' | 'closed' = 'open', labels: string[] = []) {
  return github.seedIssue(OWNER, REPO, { title: 'old', body: `${MARKER}\nold report`, user: BOT, state, labels })
}

describe('one issue per spec file that keeps itself current', () => {
  test('the first findings open an issue, by the bot, marked, titled and labelled', async () => {
    const result = await sync(report())
    expect(result).toEqual({ status: 'opened', number: 1, url: `https://github.com/${OWNER}/${REPO}/issues/1` })
    const [issue] = github.issues()
    expect(github.issues()).toHaveLength(1)
    expect(issue).toMatchObject({ user: BOT, state: 'open', title: report().title, labels: ['qualys-check'] })
    expect(issue.body).toBe(`${MARKER}\n${report().body}`)
    expect(writes()).toEqual([`POST /repos/${OWNER}/${REPO}/issues`])
    // Looked through open and closed issues, most recently updated first, with the token.
    expect(github.requests[0].query).toMatchObject({ state: 'all', sort: 'updated', per_page: '100' })
    expect(github.requests.every(r => r.headers.authorization?.includes(TOKEN))).toBe(true)
  })

  test('the next findings edit it in place', async () => {
    await sync(report())
    const second = await sync(report({ title: 'Qualys connector check: 2 connectors drifted', body: 'two now' }))
    expect(second).toMatchObject({ status: 'updated', number: 1 })
    expect(github.issues()).toHaveLength(1)
    expect(github.issues()[0]).toMatchObject({ title: 'Qualys connector check: 2 connectors drifted' })
    expect(github.issues()[0].body).toBe(`${MARKER}\ntwo now`)
    expect(writes()).toEqual([`POST /repos/${OWNER}/${REPO}/issues`, `PATCH /repos/${OWNER}/${REPO}/issues/1`])
  })

  test('three runs with findings leave exactly one issue', async () => {
    const statuses = []
    for (let run = 1; run <= 3; run++) statuses.push((await sync(report({ body: `run ${run}` }))).status)
    expect(statuses).toEqual(['opened', 'updated', 'updated'])
    expect(github.issues()).toHaveLength(1)
    expect(github.issues()[0].body).toContain('run 3')
  })

  test('a clean check posts the closing comment, then closes the issue as completed', async () => {
    const ours = seedOurs()
    const result = await sync(report({ findings: false }))
    expect(result).toMatchObject({ status: 'closed', number: ours.number })
    expect(result).not.toHaveProperty('warning')
    expect(github.comments(ours.number).map(c => [c.user, c.body])).toEqual([[BOT, report().closingComment]])
    expect(github.issues()[0]).toMatchObject({ state: 'closed', stateReason: 'completed' })
    expect(JSON.parse(github.writes()[1].body)).toMatchObject({ state: 'closed', state_reason: 'completed' })
    expect(writes()).toEqual([
      `POST /repos/${OWNER}/${REPO}/issues/${ours.number}/comments`,
      `PATCH /repos/${OWNER}/${REPO}/issues/${ours.number}`
    ])
  })

  test('a clean check with no issue, or with ours already closed, writes nothing', async () => {
    expect(await sync(report({ findings: false }))).toEqual({ status: 'clean' })
    seedOurs('closed')
    expect(await sync(report({ findings: false }))).toEqual({ status: 'clean' })
    expect(github.writes()).toEqual([])
    expect(github.comments()).toEqual([])
  })

  test('findings that return reopen the closed issue with the new report, never a second one', async () => {
    const ours = seedOurs('closed')
    const result = await sync(report({ body: 'back again' }))
    expect(result).toMatchObject({ status: 'reopened', number: ours.number })
    expect(github.issues()).toHaveLength(1)
    expect(github.issues()[0]).toMatchObject({ state: 'open', stateReason: 'reopened', title: report().title })
    expect(github.issues()[0].body).toBe(`${MARKER}\nback again`)
  })

  test('with two of ours (say, from two runs at once), the open one is kept current and closed', async () => {
    const open = seedOurs('open')
    const closed = seedOurs('closed') // updated more recently, so listed first
    expect(await sync(report())).toMatchObject({ status: 'updated', number: open.number })
    expect(await sync(report({ findings: false }))).toMatchObject({ status: 'closed', number: open.number })
    expect(github.issues().find(i => i.number === closed.number)).toEqual(closed)
  })

  test('labels are added to the existing issue, and the ones a person added stay', async () => {
    const ours = seedOurs('open', ['triaged'])
    await sync(report({ labels: ['qualys-check', 'drift'] }))
    expect(github.issues()[0].labels).toEqual(['triaged', 'qualys-check', 'drift'])
    // Nothing missing next time: the labels are left as they are (a PATCH would replace them).
    await sync(report({ labels: ['QUALYS-CHECK'] }))
    const last = JSON.parse(github.writes().at(-1)?.body ?? '{}')
    expect(last).not.toHaveProperty('labels')
    expect(github.issues().find(i => i.number === ours.number)?.labels).toEqual(['triaged', 'qualys-check', 'drift'])
  })

  test('a marker for another spec file is another issue', async () => {
    seedOurs()
    const other = checkIssueMarker('connectors/prod.yaml.bak')
    expect(await sync(report({ marker: other }))).toMatchObject({ status: 'opened', number: 2 })
    expect(github.issues()[0].body).toBe(`${MARKER}\nold report`)
  })
})

describe('issues that are not ours', () => {
  test('a forged marker in someone else’s issue is never taken over: the bot opens its own', async () => {
    const forged = github.seedIssue(OWNER, REPO, {
      title: 'Totally the check issue',
      body: `${MARKER}\nplease edit me`,
      user: 'mallory',
      labels: ['qualys-check']
    })
    const result = await sync(report())
    expect(result).toMatchObject({ status: 'opened', number: forged.number + 1 })
    expect(await sync(report({ findings: false }))).toMatchObject({ status: 'closed', number: forged.number + 1 })
    expect(github.issues().find(i => i.number === forged.number)).toEqual(forged)
    expect(github.requests.some(r => r.path.endsWith(`/issues/${forged.number}`))).toBe(false)
    expect(github.comments(forged.number)).toEqual([])
  })

  test('pull requests that carry the marker are skipped, even the bot’s', async () => {
    const pr = github.seedIssue(OWNER, REPO, { title: 'PR', body: `${MARKER}\n`, user: BOT, pullRequest: true })
    expect(await sync(report())).toMatchObject({ status: 'opened', number: pr.number + 1 })
    await sync(report({ findings: false }))
    expect(github.issues({ pullRequests: true }).find(i => i.number === pr.number)).toEqual(pr)
    expect(github.comments(pr.number)).toEqual([])
  })

  test('the expected author can be another identity, such as a GitHub App’s bot', async () => {
    const appIssue = github.seedIssue(OWNER, REPO, { title: 'old', body: `${MARKER}\nold`, user: 'qualys-sync[bot]' })
    const result = await sync(report(), target({ expectedAuthor: 'qualys-sync[bot]' }))
    expect(result).toMatchObject({ status: 'updated', number: appIssue.number })
    expect(github.issues()).toHaveLength(1)
  })

  test('an issue opened under another author than expected comes with a warning', async () => {
    const result = await sync(report(), target({ expectedAuthor: 'qualys-sync[bot]' }))
    expect(result.status).toBe('opened')
    expect(result).toHaveProperty(
      'warning',
      expect.stringMatching(/github-actions\[bot\] as the author of issue #1, not qualys-sync\[bot\]/)
    )
  })
})

describe('many issues', () => {
  test('ours is found past the first 100 issues, and edited, not duplicated', async () => {
    const ours = seedOurs()
    for (let i = 1; i <= 150; i++) github.seedIssue(OWNER, REPO, { title: `bug ${i}`, body: `remark ${i}` })
    const result = await sync(report())
    expect(result).toMatchObject({ status: 'updated', number: ours.number })
    expect(github.requests.filter(r => r.method === 'GET').map(r => r.query.page ?? '1')).toEqual(['1', '2'])
    expect(github.issues()).toHaveLength(151)
  })

  test('the search stops at the page cap: 50 pages of 100 issues, then ours counts as not there', async () => {
    const ours = seedOurs()
    for (let i = 1; i <= 5_000; i++) github.seedIssue(OWNER, REPO, { title: `bug ${i}`, body: `remark ${i}` })
    const result = await sync(report())
    expect(github.requests.filter(r => r.method === 'GET')).toHaveLength(50)
    expect(result).toMatchObject({ status: 'opened' })
    expect(result).not.toMatchObject({ number: ours.number })
  })
})

describe('when GitHub says no or says nothing', () => {
  test('a token without issues: write (403) is skipped with what to do, and nothing is written', async () => {
    github.fork = true
    const result = await sync(report())
    expect(result).toEqual({ status: 'skipped', reason: expect.stringContaining('add `issues: write`') })
    expect((result as { reason: string }).reason).toMatch(
      /^open the check issue: GitHub answered 403: Resource not accessible by integration; add `issues: write`/
    )
    expect(github.issues()).toEqual([])
  })

  test('a 403 on closing is skipped too, and the issue stays as it was', async () => {
    seedOurs()
    github.fork = true
    const result = await sync(report({ findings: false }))
    expect(result).toEqual({ status: 'skipped', reason: expect.stringContaining('add `issues: write`') })
    expect(github.issues()[0].state).toBe('open')
  })

  test('issues turned off (410) and a bad token (401) are skipped with their own advice', async () => {
    github.issuesDisabled = true
    expect(await sync(report())).toEqual({ status: 'skipped', reason: expect.stringContaining('turned off') })
    github.issuesDisabled = false
    const wrongToken = await syncCheckIssue('ghs_notTheToken', report(), target())
    expect(wrongToken).toEqual({ status: 'skipped', reason: expect.stringContaining('github-token input') })
  })

  test('outside GitHub Actions (no GITHUB_REPOSITORY) it is skipped, and GitHub is not called', async () => {
    const outside = target({}, { GITHUB_REPOSITORY: undefined })
    expect(await sync(report(), outside)).toEqual({
      status: 'skipped',
      reason: expect.stringContaining('GITHUB_REPOSITORY is not set')
    })
    expect(github.requests).toEqual([])
  })

  test('a closing comment GitHub fails to post does not keep the issue open', async () => {
    seedOurs()
    github.refuse = { POST: 500 }
    const result = await sync(report({ findings: false }))
    expect(result).toMatchObject({ status: 'closed', warning: expect.stringMatching(/closing comment was not posted/) })
    expect(github.issues()[0].state).toBe('closed')
    // A new comment is posted once: a retry after a 5xx could post it twice.
    expect(github.writes().filter(r => r.method === 'POST')).toHaveLength(1)
  })

  test('a silent GitHub times out after request-timeout, asked max-attempts times, with a message that names no token', async () => {
    github.hang = true
    const failure = await sync(report()).catch((error: unknown) => error)
    expect(failure).toBeInstanceOf(CheckIssueError)
    expect((failure as Error).message).toMatch(
      /^list the issues failed: no answer within 300 ms; .*may be out of date$/
    )
    expect((failure as Error).message).not.toContain(TOKEN)
    expect(github.requests).toHaveLength(2)
  })

  test('an unreachable GitHub API fails in words, as no answer', async () => {
    const unreachable = target({}, { GITHUB_API_URL: `http://127.0.0.1:${await closedPort()}` })
    const failure = await sync(report(), unreachable).catch((error: unknown) => error)
    expect(failure).toBeInstanceOf(CheckIssueError)
    expect((failure as Error).message).toMatch(/^list the issues failed: .*ECONNREFUSED/)
    expect((failure as Error).message).not.toContain(TOKEN)
  })

  test('an edit GitHub keeps failing (5xx) is an error that says the issue may be out of date', async () => {
    seedOurs()
    github.refuse = { PATCH: 502 }
    await expect(sync(report())).rejects.toThrow(/^update the check issue: GitHub answered 502\b.*may be out of date$/)
    expect(github.writes().map(r => r.status)).toEqual([502, 502])
  })

  test('a listing that fails once (502) is asked again, and the issue is opened', async () => {
    github.fault({ method: 'GET', reply: { status: 502, body: '<html><h1>502 Bad Gateway</h1></html>' } })
    expect(await sync(report())).toMatchObject({ status: 'opened', number: 1 })
    expect(github.requests.map(r => `${r.method} ${r.status}`)).toEqual(['GET 502', 'GET 200', 'POST 201'])
  })

  test('an issue whose answer is lost is not opened again: one issue, and an error that says so', async () => {
    github.fault({ method: 'POST', dropAfterActing: true })
    const failure = await sync(report()).catch((error: unknown) => error)
    expect(failure).toBeInstanceOf(CheckIssueError)
    expect((failure as Error).message).toMatch(/^open the check issue failed: .*may be out of date$/)
    expect(github.writes()).toHaveLength(1)
    expect(github.issues()).toHaveLength(1)
    // The next run finds it by its marker and edits it.
    expect(await sync(report())).toMatchObject({ status: 'updated', number: 1 })
  })

  test('a GITHUB_API_URL that is not a URL is an error before any call', async () => {
    const failure = await sync(report(), target({}, { GITHUB_API_URL: 'not a url' })).catch((error: unknown) => error)
    expect(failure).toBeInstanceOf(CheckIssueError)
    expect((failure as Error).message).toMatch(/^GITHUB_API_URL .*may be out of date$/)
    expect(github.requests).toEqual([])
  })
})

describe('the body fits GitHub’s limit', () => {
  test('a report over 65,536 characters is clipped at the end with a note, and GitHub takes it', async () => {
    const rows = Array.from({ length: 2000 }, (_, i) => `| Connector${i} | ${'drifted '.repeat(5)}|`)
    const body = `| Connector | State |\n|---|---|\n${rows.join('\n')}`
    expect(body.length).toBeGreaterThan(MAX_ISSUE_BODY)
    expect(await sync(report({ body }))).toMatchObject({ status: 'opened' })
    const stored = github.issues()[0].body ?? ''
    expect(stored.length).toBeLessThanOrEqual(MAX_ISSUE_BODY)
    expect(stored.startsWith(`${MARKER}\n| Connector | State |\n|---|---|\n| Connector0 |`)).toBe(true)
    expect(stored).toMatch(/\| Connector\d+ \| (drifted ){5}\|\n\n---\n_Clipped here: GitHub allows at most 65,536/)
  })

  test('the clip never leaves half a character or an open code block', () => {
    const fenced = fitIssueBody('```\n' + 'x\n'.repeat(300), 200)
    expect(fenced.length).toBeLessThanOrEqual(200)
    expect(fenced).toMatch(/^```\n(x\n)+```\n\n---\n_Clipped here/)
    const emoji = fitIssueBody('😀'.repeat(200), 200)
    expect(emoji.length).toBeLessThanOrEqual(200)
    expect(emoji).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/)
    expect(fitIssueBody('short', 200)).toBe('short')
  })

  test('the clip ends at a line break however long the last line, so no code span is left open', () => {
    const row = `| ${Array.from({ length: 1000 }, (_, i) => `\`@octocat https://evil.example/${i}\``).join('<br>')} |`
    const clipped = fitIssueBody(`| a |\n|---|\n${row}\n${row}`, 30_000)
    expect(clipped).toMatch(/^\| a \|\n\|---\|\n\n---\n_Clipped here/)
  })
})

describe('the marker', () => {
  test('names the spec file inside one HTML comment that nothing in the name can close', () => {
    expect(checkIssueMarker('connectors/prod-eu.yaml')).toBe(
      '<!-- qualys-azure-tenant-connector-check: connectors/prod-eu.yaml -->'
    )
    const hostile = checkIssueMarker('a --> <b>x</b> --!> <!-- c')
    expect(hostile.startsWith('<!-- qualys-azure-tenant-connector-check: ')).toBe(true)
    expect(hostile.slice(4, -3)).not.toMatch(/--|[<>!]/)
    expect(hostile).toBe(
      '<!-- qualys-azure-tenant-connector-check: a%20%2D%2D%3E%20%3Cb%3Ex%3C/b%3E%20%2D%2D%21%3E%20%3C%21%2D%2D%20c -->'
    )
  })

  test('distinct names give distinct markers, none inside another', () => {
    const names = ['a', 'ab', 'a b', 'a%20b', 'a--b', 'a%2D%2Db', 'a-b']
    const markers = names.map(checkIssueMarker)
    expect(new Set(markers).size).toBe(names.length)
    const nested = markers.flatMap(one => markers.filter(other => other !== one && other.includes(one)))
    expect(nested).toEqual([])
  })

  test('a marker that is not one whole comment is refused before GitHub is called', async () => {
    await expect(sync(report({ marker: '<!-- x --> y -->' }))).rejects.toThrow(/one whole HTML comment/)
    await expect(sync(report({ marker: 'plain text' }))).rejects.toThrow(CheckIssueError)
    expect(github.requests).toEqual([])
  })
})

describe('the stand-in lists issues the way GitHub does', () => {
  const list = async (query: string) => {
    const response = await fetch(`${github.url}/repos/${OWNER}/${REPO}/issues?${query}`, {
      headers: { authorization: `token ${TOKEN}` }
    })
    const numbers = ((await response.json()) as { number: number }[]).map(issue => issue.number)
    return { numbers, link: response.headers.get('link') }
  }

  test('open by default; state, labels (all of them) and creator filter; pull requests included; Link keeps the query', async () => {
    github.seedIssue(OWNER, REPO, { title: 'a', labels: ['bug', 'ui'] })
    github.seedIssue(OWNER, REPO, { title: 'b', labels: ['bug'], state: 'closed' })
    github.seedIssue(OWNER, REPO, { title: 'c', user: BOT, pullRequest: true })
    expect((await list('')).numbers).toEqual([3, 1])
    expect((await list('state=closed')).numbers).toEqual([2])
    expect((await list('state=all&labels=bug')).numbers).toEqual([2, 1])
    expect((await list('state=all&labels=bug,ui')).numbers).toEqual([1])
    expect((await list(`state=all&creator=${encodeURIComponent(BOT)}`)).numbers).toEqual([3])
    expect((await list('state=all&direction=asc')).numbers).toEqual([1, 2, 3])
    const paged = await list('state=all&per_page=2&labels=')
    expect(paged.numbers).toEqual([3, 2])
    expect(paged.link).toMatch(/[?&]state=all&per_page=2&labels=&page=2>; rel="next"/)
  })
})
