/**
 * Issue 16: the apply's lookup of the reviewed plan, in process against the stand-in GitHub API: the pull
 * request whose merge commit is the pushed one, its plan comment of this owner, the block in it, and every
 * way there is none (or the lookup fails) in words.
 */
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { findReviewedPlan, type ReviewedPlanTarget } from '../src/github/reviewed-plan.js'
import { ownerKey, reviewedPlanBlock } from '../src/reviewed-plan/comment-block.js'
import { planPrint, pullRequestSalt } from '../src/reviewed-plan/fingerprint.js'
import { Redactor } from '../src/redact.js'
import { FakeGitHubApi, pushEnv } from '../test-support/github-api.js'
import { CapturingLogger } from '../test-support/qualys-harness.js'

const OWNER = 'octo-org'
const REPO = 'cloud-config'
const TOKEN = 'ghs_standInToken0123456789abcdef'
const MERGED = 'abcdefabcdefabcdefabcdefabcdefabcdef0001'
const KEY = ownerKey('octo-org/cloud-config:connectors.yaml')
const MARKER = '<!-- qualys-azure-tenant-connector-plan -->'

let github: FakeGitHubApi

beforeEach(async () => {
  github = new FakeGitHubApi({ token: TOKEN, botLogin: 'github-actions[bot]' })
  await github.start()
})
afterEach(() => github.stop())

function target(env: Record<string, string> = {}, token = TOKEN): ReviewedPlanTarget {
  return {
    token,
    env: { ...pushEnv(github, OWNER, REPO, MERGED), ...env },
    connection: {
      userAgent: 'test',
      timeoutMs: 5000,
      maxAttempts: 2,
      maxConcurrency: 2,
      logger: new CapturingLogger(),
      redactor: new Redactor()
    },
    ownerKey: KEY
  }
}

const PRINT = planPrint(
  [
    {
      name: 'Contoso',
      result: 'would-create',
      action: 'create',
      changes: [{ field: 'name', from: '', to: 'Contoso' }],
      warnings: []
    }
  ],
  pullRequestSalt(OWNER, REPO, 42)
)

function planComment(key = KEY, block = reviewedPlanBlock(PRINT, 'a1b2c3d')): string {
  return `${MARKER}\n<!-- qualys-plan-owner ${key} -->\n### plan\n${block}`
}

describe('findReviewedPlan', () => {
  it('finds the merged pull request of the pushed commit, and the block in its plan comment of this owner', async () => {
    github.seedPullRequest(OWNER, REPO, { number: 41, commits: [MERGED] }) // open, merely contains it
    github.seedPullRequest(OWNER, REPO, { number: 42, mergeCommitSha: MERGED })
    github.seedComment(OWNER, REPO, 42, planComment(), 'github-actions[bot]')
    const found = await findReviewedPlan(target())
    expect(found).toEqual({
      status: 'found',
      pullRequest: { number: 42, url: `https://github.com/${OWNER}/${REPO}/pull/42` },
      salt: 'octo-org/cloud-config#42',
      plan: { fingerprint: PRINT.fingerprint, commit: 'a1b2c3d', writes: PRINT.writes }
    })
    expect(github.requests.map(r => r.path)).toEqual([
      `/repos/${OWNER}/${REPO}/commits/${MERGED}/pulls`,
      `/repos/${OWNER}/${REPO}/issues/42/comments`
    ])
  })

  it('says why there is none: not a push, pushed directly, comment missing, a fork, no fingerprint', async () => {
    expect(await findReviewedPlan(target({ GITHUB_EVENT_NAME: 'workflow_dispatch' }))).toEqual({
      status: 'none',
      reason: 'the run is a workflow_dispatch event, not the push of a merge',
      notAPush: true
    })
    expect(await findReviewedPlan(target({ GITHUB_EVENT_NAME: '' }))).toEqual({
      status: 'none',
      reason: 'the run names no GitHub event (GITHUB_EVENT_NAME is not set)',
      notAPush: true
    })
    expect(await findReviewedPlan(target())).toMatchObject({
      status: 'none',
      reason: 'pushed directly: commit abcdefa is not the merge of a pull request'
    })
    github.seedPullRequest(OWNER, REPO, { number: 42, mergeCommitSha: MERGED })
    github.seedComment(OWNER, REPO, 42, planComment(ownerKey('another spec')), 'github-actions[bot]')
    expect(await findReviewedPlan(target())).toMatchObject({
      status: 'none',
      reason: expect.stringContaining('comment missing: #42 has no plan comment of this spec')
    })
    github.seedComment(OWNER, REPO, 42, planComment(KEY, ''), 'github-actions[bot]')
    expect(await findReviewedPlan(target())).toMatchObject({
      status: 'none',
      reason: expect.stringContaining('carries no plan fingerprint')
    })
    github.seedPullRequest(OWNER, REPO, { number: 43, mergeCommitSha: 'f'.repeat(40), headRepo: 'fork/cloud-config' })
    expect(await findReviewedPlan(target({ GITHUB_SHA: 'f'.repeat(40) }))).toMatchObject({
      status: 'none',
      reason: '#43 came from a fork, where no plan is posted'
    })
  })

  it('fails in words when it cannot ask: no token, no SHA, a refusal (naming the permission)', async () => {
    expect(await findReviewedPlan(target({}, ''))).toEqual({
      status: 'failed',
      problem: 'no github-token is given to read the pull request'
    })
    expect(await findReviewedPlan(target({ GITHUB_SHA: 'main' }))).toEqual({
      status: 'failed',
      problem: 'GITHUB_SHA is not a commit SHA'
    })
    github.fault({
      method: 'GET',
      times: 5,
      reply: { status: 403, body: '{"message":"Resource not accessible by integration"}' }
    })
    const refused = await findReviewedPlan(target())
    expect(refused).toMatchObject({
      status: 'failed',
      problem: expect.stringContaining('the token needs pull-requests: read')
    })
    expect(JSON.stringify(refused)).not.toContain(TOKEN)
  })
})
