/**
 * Issue 24: @actions/github's Octokit with its one fetch going through the action's Transport, against the
 * stand-in GitHub API on 127.0.0.1. Each test is one of the traps measured on Octokit's own fetch: later
 * pages of a paginate not bounded, a body that breaks off read as an empty 200, a POST sent again, a
 * refusal without the transport's words.
 */
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { call } from '../src/github/call.js'
import { gitHubClient, type GitHubClient } from '../src/github/octokit.js'
import { listComments } from '../src/github/pr-comment.js'
import { HttpError } from '../src/http/errors.js'
import { Redactor } from '../src/redact.js'
import { FakeGitHubApi } from '../test-support/github-api.js'
import { CapturingLogger } from '../test-support/qualys-harness.js'

const OWNER = 'octo-org'
const REPO = 'cloud-config'
const TOKEN = 'ghs_standInToken0123456789abcdef'
const PR = { owner: OWNER, repo: REPO, number: 7 }

let github: FakeGitHubApi
let logger: CapturingLogger
let client: GitHubClient | undefined
/** Every pause the transport asked for, instead of sleeping it. */
let slept: number[]
/** The transport's clock: moves only when it sleeps. */
let clock: number

beforeEach(async () => {
  github = new FakeGitHubApi({ token: TOKEN })
  logger = new CapturingLogger()
  slept = []
  clock = 1_800_000_000_000
  await github.start()
})
afterEach(async () => {
  client?.dispose()
  client = undefined
  await github.stop()
})

async function octokit(timeoutMs = 5000, maxAttempts = 3): Promise<GitHubClient['octokit']> {
  client = await gitHubClient(TOKEN, {
    userAgent: 'test',
    timeoutMs,
    maxAttempts,
    maxConcurrency: 2,
    logger,
    redactor: new Redactor(),
    baseUrl: github.url,
    backoff: { baseMs: 5, maxMs: 10 },
    sleep: ms => {
      slept.push(ms)
      clock += ms
      return Promise.resolve()
    },
    now: () => clock
  })
  return client.octokit
}

function seedComments(count: number): void {
  for (let i = 1; i <= count; i++) github.seedComment(OWNER, REPO, 7, `comment ${i}`)
}

/** The rejection of `work`, for assertions on its fields. */
async function failure(work: Promise<unknown>): Promise<Error & { status?: number; cause?: unknown }> {
  try {
    await work
  } catch (error) {
    return error as Error & { status?: number; cause?: unknown }
  }
  throw new Error('expected a failure')
}

const pageRequests = (page: string): number =>
  github.requests.filter(r => r.method === 'GET' && (r.query.page ?? '1') === page).length

describe('every request through the Transport', () => {
  it('sends the bearer token, the API version and the user agent, and never the call-naming header', async () => {
    const api = await octokit()
    await api.rest.issues.createComment({
      owner: OWNER,
      repo: REPO,
      issue_number: 7,
      body: 'hello',
      ...call('post a comment')
    })
    const [post] = github.requests
    expect(post.headers).toMatchObject({
      authorization: `Bearer ${TOKEN}`,
      accept: 'application/vnd.github+json',
      'x-github-api-version': '2022-11-28',
      'user-agent': 'test'
    })
    expect(post.headers['x-action-call']).toBeUndefined()
    expect(JSON.parse(post.body)).toEqual({ body: 'hello' })
  })

  it('follows the Link header to page 2 of 150 comments', async () => {
    seedComments(150)
    const comments = await listComments(await octokit(), PR)
    expect(comments).toHaveLength(150)
    expect(github.requests.map(r => r.query.page ?? '1')).toEqual(['1', '2'])
  })

  it('stops at the page cap: 100 pages of 100 comments, however many more GitHub has', async () => {
    seedComments(10_050)
    const comments = await listComments(await octokit(), PR)
    expect(comments).toHaveLength(10_000)
    expect(github.requests).toHaveLength(100)
  })

  it('a page that never answers ends within request-timeout × max-attempts, in words', async () => {
    seedComments(150)
    github.fault({ method: 'GET', page: 2, hang: true, times: 2 })
    const api = await octokit(300, 2)
    const started = Date.now()
    const error = await failure(listComments(api, PR))
    // Two attempts of 300 ms each; the rest is slack for a busy machine, far below Octokit's unbounded wait.
    expect(Date.now() - started).toBeLessThan(2 * 300 + 1500)
    expect(pageRequests('2')).toBe(2)
    expect(error.message).toBe(
      'list the comments of pull request #7 failed: no answer within 300 ms; GitHub did not answer in time: raise request-timeout if it is slow, or run again later'
    )
    expect(error.cause).toBeInstanceOf(HttpError)
    expect((error.cause as HttpError).kind).toBe('timeout')
  })

  it('a page whose body breaks off is asked for again, never read as an empty page', async () => {
    seedComments(150)
    github.fault({ method: 'GET', page: 2, cutBody: true })
    const comments = await listComments(await octokit(), PR)
    expect(comments).toHaveLength(150)
    expect(pageRequests('2')).toBe(2)
    expect(logger.text()).toMatch(
      /list the comments of pull request #7 failed: connection closed before the answer was complete \(ECONNRESET\);.*; trying again \(attempt 2 of 3\)/
    )
  })

  it('a page that breaks off on every attempt is an error, not a shorter listing', async () => {
    seedComments(150)
    github.fault({ method: 'GET', page: 2, cutBody: true, times: 3 })
    const error = await failure(listComments(await octokit(), PR))
    expect(error.message).toMatch(/^list the comments of pull request #7 failed: connection closed before the answer/)
    expect(pageRequests('2')).toBe(3)
  })

  it('a POST whose answer breaks off is not sent again', async () => {
    github.fault({ method: 'POST', cutBody: true })
    const api = await octokit()
    const error = await failure(api.rest.issues.create({ owner: OWNER, repo: REPO, title: 't', ...call('open') }))
    expect(github.writes()).toHaveLength(1)
    expect((error.cause as HttpError).ambiguous).toBe(true)
  })

  it('a POST answered 502 is sent once: GitHub may have acted on it', async () => {
    github.fault({ method: 'POST', reply: { status: 502, body: '<h1>502 Bad Gateway</h1>' } })
    const api = await octokit()
    const error = await failure(
      api.rest.issues.createComment({
        owner: OWNER,
        repo: REPO,
        issue_number: 7,
        body: 'x',
        ...call('post the plan comment')
      })
    )
    expect(github.writes().map(r => r.status)).toEqual([502])
    expect(error.message).toBe(
      'post the plan comment: GitHub answered 502: 502 Bad Gateway. The service is having trouble; run again later.'
    )
    expect((error.cause as HttpError).kind).toBe('server')
  })

  it("a 404 is Octokit's RequestError, with GitHub's status and the transport's error as cause", async () => {
    const api = await octokit()
    const error = await failure(api.rest.issues.get({ owner: OWNER, repo: REPO, issue_number: 99, ...call('read') }))
    expect(error.constructor.name).toBe('RequestError')
    expect(error.status).toBe(404)
    expect(error.message).toBe('read: GitHub answered 404: Not Found')
    expect(error.cause).toBeInstanceOf(HttpError)
    expect(error.cause).toMatchObject({ kind: 'not-found', status: 404 })
  })

  it("a secondary rate limit (403 with Retry-After) is waited out as the policy says, on the transport's clock", async () => {
    seedComments(3)
    const limit = '{"message":"You have exceeded a secondary rate limit."}'
    github.fault({ method: 'GET', reply: { status: 403, headers: { 'Retry-After': '7' }, body: limit } })
    expect(await listComments(await octokit(), PR)).toHaveLength(3)
    expect(slept).toEqual([7000])
    expect(logger.text()).toContain('list the comments of pull request #7: throttled by GitHub (403); waiting 7 s')
  })

  it('a 429 to a create is waited out and sent again: GitHub did not act on it', async () => {
    github.fault({ method: 'POST', reply: { status: 429, headers: { 'Retry-After': '2' }, body: '{}' } })
    const api = await octokit()
    await api.rest.issues.createComment({
      owner: OWNER,
      repo: REPO,
      issue_number: 7,
      body: 'x',
      ...call('post the plan comment')
    })
    expect(github.writes().map(r => r.status)).toEqual([429, 201])
    expect(slept).toEqual([2000])
    expect(github.comments(7)).toHaveLength(1)
  })

  it("a limit that resets beyond GitHub's longest wait is not waited for", async () => {
    const reset = String(Math.floor(Date.now() / 1000) + 3600)
    github.fault({
      method: 'GET',
      reply: { status: 403, headers: { 'X-RateLimit-Remaining': '0', 'X-RateLimit-Reset': reset }, body: '{}' }
    })
    const error = await failure(listComments(await octokit(), PR))
    expect(slept).toEqual([])
    expect((error.cause as HttpError).kind).toBe('throttled')
    expect(error.message).toMatch(/GitHub kept throttling the calls \(HTTP 403/)
  })

  it('a Link to another host is followed on the API host only: the token goes nowhere else', async () => {
    seedComments(1)
    github.fault({
      method: 'GET',
      reply: {
        status: 200,
        headers: { Link: '<https://elsewhere.example/repos/o/r/issues/7/comments?page=2>; rel="next"' },
        body: '[]'
      }
    })
    await listComments(await octokit(), PR)
    // Both reached the stand-in: the next page's path was taken, its host was not.
    expect(github.requests.map(r => `${r.path}?page=${r.query.page ?? '1'}`)).toEqual([
      `/repos/${OWNER}/${REPO}/issues/7/comments?page=1`,
      '/repos/o/r/issues/7/comments?page=2'
    ])
  })

  it('a redirect (which the Transport does not follow) is an error in words, not a page of data', async () => {
    github.fault({ method: 'GET', reply: { status: 302, headers: { Location: 'https://elsewhere.example/' } } })
    const error = await failure(listComments(await octokit(), PR))
    expect(error.message).toBe('list the comments of pull request #7: GitHub answered 302')
    expect((error.cause as HttpError).kind).toBe('protocol')
  })

  it('a 200 that is not JSON is an error in words, not data', async () => {
    github.fault({ method: 'GET', reply: { status: 200, body: '<html>proxy login</html>' } })
    const error = await failure(listComments(await octokit(), PR))
    expect(error.message).toContain(
      "list the comments of pull request #7: GitHub's answer (200) is not JSON (a proxy's page?)"
    )
    expect(`${error.message}\n${logger.text()}`).not.toContain(TOKEN)
  })
})
