/**
 * The plan comment's GitHub calls go through the action's one transport: request-timeout and
 * max-attempts bound them, the one retry policy decides what is sent again (never a create whose
 * answer was lost), GitHub's rate limits are waited out or named, answers are capped, and the token
 * never shows. Against the stand-in GitHub API on loopback.
 */
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { pullRequestOf } from '../src/github/event.js'
import { postPlanComment, PR_COMMENT_MARKER, type CommentTarget } from '../src/github/pr-comment.js'
import { call } from '../src/github/call.js'
import { gitHubClient, type GitHubClient } from '../src/github/octokit.js'
import { GITHUB_PEER, githubApiUrl } from '../src/github/peer.js'
import type { ConnectionOptions } from '../src/http/transport.js'
import { throttleWaitMs } from '../src/http/retry-policy.js'
import { QUALYS_PEER } from '../src/qualys/peer.js'
import { Redactor } from '../src/redact.js'
import { FakeGitHubApi, pullRequestEnv } from '../test-support/github-api.js'
import { CapturingLogger } from '../test-support/qualys-harness.js'

const OWNER = 'octo-org'
const REPO = 'cloud-config'
const TOKEN = 'ghs_standInToken0123456789abcdef'

let github: FakeGitHubApi
let logger: CapturingLogger

beforeEach(async () => {
  github = new FakeGitHubApi({ token: TOKEN })
  logger = new CapturingLogger()
  await github.start()
})
afterEach(() => github.stop())

/** A fresh Redactor that was told no secret: the client must keep its token out by itself. */
function connection(extra: Partial<ConnectionOptions> = {}): ConnectionOptions {
  return {
    userAgent: 'test',
    timeoutMs: 5000,
    maxAttempts: 3,
    maxConcurrency: 2,
    logger,
    redactor: new Redactor(),
    ...extra
  }
}

function target(extra: Partial<ConnectionOptions> = {}, env: Record<string, string> = {}): CommentTarget {
  return {
    eventName: 'pull_request',
    token: TOKEN,
    env: { ...pullRequestEnv(github, OWNER, REPO, 7), ...env },
    connection: connection(extra)
  }
}

function client(): Promise<GitHubClient> {
  return gitHubClient(TOKEN, { ...connection(), baseUrl: github.url, backoff: { baseMs: 5, maxMs: 10 } })
}

/** Every line the run wrote, and the problem it returned. */
function everything(problem: string | undefined): string {
  return `${logger.text()}\n${problem ?? ''}`
}

describe('the plan comment through the one transport', () => {
  it('sends the token as a bearer, with GitHub’s media type and API version', async () => {
    expect(await postPlanComment('the plan', target(), logger)).toBeUndefined()
    const [list, create] = github.requests
    expect(list.headers).toMatchObject({
      authorization: `Bearer ${TOKEN}`,
      accept: 'application/vnd.github+json',
      'x-github-api-version': '2022-11-28',
      'user-agent': 'test'
    })
    expect(create.method).toBe('POST')
    expect(github.comments(7)[0].body).toBe(`${PR_COMMENT_MARKER}\nthe plan`)
    expect(logger.text()).toContain('Plan comment created: https://github.com/octo-org/cloud-config/pull/7')
  })

  it('a hung GitHub API times out after request-timeout on each attempt, with one plain message', async () => {
    github.hang = true
    const problem = await postPlanComment('the plan', target({ timeoutMs: 300, maxAttempts: 2 }), logger)
    expect(github.requests).toHaveLength(2)
    expect(problem).toBe(
      'Could not post the plan on the pull request: list the comments of pull request #7 failed: no answer within 300 ms; ' +
        'GitHub did not answer in time: raise request-timeout if it is slow, or run again later; ' +
        'a plan posted earlier on this pull request may be out of date'
    )
  })

  it('a 502 is sent again, and the plan is posted', async () => {
    github.fault({ method: 'GET', reply: { status: 502, body: '<html><h1>502 Bad Gateway</h1></html>' } })
    expect(await postPlanComment('the plan', target(), logger)).toBeUndefined()
    expect(github.requests.map(r => `${r.method} ${r.status}`)).toEqual(['GET 502', 'GET 200', 'POST 201'])
    expect(logger.text()).toContain(
      'list the comments of pull request #7: 502 from GitHub; trying again (attempt 2 of 3)'
    )
  })

  it('a 429 with Retry-After is waited out, even for a create (the server did not act on it)', async () => {
    github.fault({ method: 'POST', reply: { status: 429, headers: { 'Retry-After': '1' }, body: '{}' } })
    expect(await postPlanComment('the plan', target(), logger)).toBeUndefined()
    expect(github.writes().map(r => r.status)).toEqual([429, 201])
    expect(logger.text()).toContain('post the plan comment: throttled by GitHub (429); waiting 1 s; trying again')
    expect(github.comments(7)).toHaveLength(1)
  })

  it('a secondary rate limit (403 with Retry-After) is waited out', async () => {
    github.seedComment(OWNER, REPO, 7, `${PR_COMMENT_MARKER}\nold`, 'github-actions[bot]')
    const limit =
      '{"message":"You have exceeded a secondary rate limit. Please wait a few minutes before you try again."}'
    github.fault({ method: 'PATCH', reply: { status: 403, headers: { 'Retry-After': '1' }, body: limit } })
    expect(await postPlanComment('the plan', target(), logger)).toBeUndefined()
    expect(github.writes().map(r => `${r.method} ${r.status}`)).toEqual(['PATCH 403', 'PATCH 200'])
    expect(logger.text()).toContain('edit the plan comment: throttled by GitHub (403); waiting 1 s')
  })

  it('a used-up limit that resets in an hour is not waited for: named at once, not taken for a missing permission', async () => {
    const reset = String(Math.floor(Date.now() / 1000) + 3600)
    github.fault({
      method: 'GET',
      reply: {
        status: 403,
        headers: { 'X-RateLimit-Remaining': '0', 'X-RateLimit-Reset': reset },
        body: '{"message":"API rate limit exceeded for installation ID 1."}'
      }
    })
    const problem = await postPlanComment('the plan', target(), logger)
    expect(github.requests).toHaveLength(1)
    expect(problem).toMatch(
      /GitHub kept throttling the calls \(HTTP 403, asked to wait \d+(\.\d)? s\); the token's GitHub API rate limit is used up/
    )
    expect(problem).not.toMatch(/pull-requests: write/)
  })

  it('a create whose answer is lost is never sent again: one comment, and the step is told', async () => {
    github.fault({ method: 'POST', dropAfterActing: true })
    const problem = await postPlanComment('the plan', target(), logger)
    expect(github.writes().map(r => r.method)).toEqual(['POST'])
    expect(github.comments(7)).toHaveLength(1)
    expect(problem).toMatch(/^Could not post the plan on the pull request: post the plan comment failed: /)
  })

  it('a 502 to a create is not sent again either: GitHub may have posted it', async () => {
    github.fault({ method: 'POST', reply: { status: 502, body: '' } })
    const problem = await postPlanComment('the plan', target(), logger)
    expect(github.writes().map(r => r.status)).toEqual([502])
    expect(problem).toContain('post the plan comment: GitHub answered 502')
  })

  it('JSON nested past any real answer is refused in words', async () => {
    github.fault({ method: 'GET', reply: { status: 200, body: `${'['.repeat(100)}${']'.repeat(100)}` } })
    const problem = await postPlanComment('the plan', target(), logger)
    expect(problem).toContain(
      'list the comments of pull request #7: GitHub answered with JSON nested more than 64 levels deep, which no real answer is; it was not read'
    )
    expect(github.writes()).toEqual([])
  })

  it('an answer larger than any real one is refused in words; a listing page gets the page cap', async () => {
    const rest = await client()
    try {
      const twoMiB = JSON.stringify(['x'.repeat(2 * 1024 * 1024)])
      github.fault({ method: 'PATCH', reply: { status: 200, body: twoMiB } })
      const edit = { owner: 'o', repo: 'r', comment_id: 1, body: '', ...call('edit a comment') }
      await expect(rest.octokit.rest.issues.updateComment(edit)).rejects.toThrow(
        'edit a comment: GitHub answered with more than 1 MiB, more than any real answer; it was not read'
      )
      github.fault({ method: 'GET', reply: { status: 200, body: twoMiB } })
      const list = { owner: OWNER, repo: REPO, issue_number: 7, ...call('list comments') }
      const page = await rest.octokit.rest.issues.listComments(list)
      expect((page.data as unknown as string[])[0]).toHaveLength(2 * 1024 * 1024)
    } finally {
      rest.dispose()
    }
  })

  it('the token never appears in any message, even when GitHub echoes it', async () => {
    const echo = JSON.stringify({ message: `Bad credentials: ${TOKEN}` })
    github.fault({ method: 'GET', times: 3, reply: { status: 500, body: echo } })
    const listing = await postPlanComment('the plan', target({ maxAttempts: 3 }), logger)
    expect(listing).toContain('GitHub answered 500: Bad credentials: ***')
    github.fault({ method: 'POST', reply: { status: 422, body: echo } })
    const create = await postPlanComment('the plan', target(), logger)
    expect(create).toContain('GitHub answered 422: Bad credentials: ***')
    expect(everything(`${listing}\n${create}`)).not.toContain(TOKEN)
    expect(everything(`${listing}\n${create}`)).not.toContain(TOKEN.slice(4))
  })
})

describe("where the comment goes: the runner's variables", () => {
  it('an http:// GITHUB_API_URL off loopback is refused before the token is sent anywhere', async () => {
    const problem = await postPlanComment('plan', target({}, { GITHUB_API_URL: 'http://github.example.com' }), logger)
    expect(problem).toMatch(/^Could not post the plan on the pull request: GITHUB_API_URL must use https:\/\//)
    expect(github.requests).toEqual([])
  })

  it('GITHUB_API_URL defaults to api.github.com, and loses a trailing slash', () => {
    expect(githubApiUrl({})).toEqual({ url: 'https://api.github.com' })
    expect(githubApiUrl({ GITHUB_API_URL: 'https://ghe.example.com/api/v3/' })).toEqual({
      url: 'https://ghe.example.com/api/v3'
    })
  })

  it('reads the repository and the number of the pull request, or says why there is none', () => {
    const env = pullRequestEnv(github, OWNER, REPO, 7)
    expect(pullRequestOf(env)).toEqual({ pullRequest: { owner: OWNER, repo: REPO, number: 7 } })
    expect(pullRequestOf({ ...env, GITHUB_REPOSITORY: '' })).toEqual({
      pullRequest: { owner: OWNER, repo: REPO, number: 7 }
    })
    expect(pullRequestOf({ ...env, GITHUB_EVENT_PATH: '/nonexistent/event.json' })).toEqual({
      reason: 'the event is pull_request, not a pull request'
    })
    expect(pullRequestOf({ ...env, GITHUB_REPOSITORY: 'x/y/../z' })).toEqual({
      reason: 'GITHUB_REPOSITORY does not name the repository as owner/name'
    })
  })
})

describe("GitHub's rate-limit answers in the one retry policy", () => {
  const now = (): number => 1_800_000_000_000
  const forbidden = { status: 403, headers: {}, body: '{"message":"Resource not accessible by integration"}' }

  it('a 403 that is not a rate limit is not throttling', () => {
    expect(throttleWaitMs(forbidden, GITHUB_PEER, () => 1, now)).toBeUndefined()
  })

  it('a used-up primary limit waits until X-RateLimit-Reset', () => {
    const used = { ...forbidden, headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': '1800000030' } }
    expect(throttleWaitMs(used, GITHUB_PEER, () => 1, now)).toBe(30_000)
  })

  it('a secondary limit that names no wait waits a minute, as GitHub asks', () => {
    const secondary = { ...forbidden, body: '{"message":"You have exceeded a secondary rate limit."}' }
    expect(throttleWaitMs(secondary, GITHUB_PEER, () => 1, now)).toBe(60_000)
  })

  it("Qualys' 403 is never throttling, whatever its headers", () => {
    const used = { ...forbidden, headers: { 'x-ratelimit-remaining': '0', 'retry-after': '5' } }
    expect(throttleWaitMs(used, QUALYS_PEER, () => 1, now)).toBeUndefined()
  })
})
