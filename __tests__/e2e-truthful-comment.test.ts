/**
 * The plan comment always tells the truth, on the BUNDLED action (test-support/build-dist.js)
 * against the stand-in Qualys gateway and the stand-in GitHub REST API: every plan names the
 * pull request's head commit and links the run, and a plan step that fails (the spec, a problem
 * of the whole run) replaces the plan in the comment and the job summary with its problems.
 */
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, test } from '@jest/globals'
import {
  annotations,
  AZURE_SECRET,
  expectNoLeak,
  passwordInputs,
  spec,
  specConnector,
  USER
} from '../test-support/e2e.js'
import { FakeQualysGateway } from '../test-support/gateway.js'
import { FakeGitHubApi, pullRequestEnv } from '../test-support/github-api.js'
import { runAction, type ActionRun } from '../test-support/run-action.js'

const MARKER = '<!-- qualys-azure-tenant-connector-plan -->'
const OWNER = 'octo-org'
const REPO = 'cloud-config'
const PR = 7
const GITHUB_TOKEN = 'ghs_fakeTokenForTheStandIn0123456789'
const SECRETS = [AZURE_SECRET, USER.password, GITHUB_TOKEN]
/** The pull request's head commits, one per push; GITHUB_SHA is GitHub's merge commit, never shown. */
const FIRST_HEAD = 'a1b2c3d4e5f60718293a4b5c6d7e8f9012345678'
const SECOND_HEAD = 'f0e1d2c3b4a5968778695a4b3c2d1e0f98765432'
const MERGE_SHA = '9999999999999999999999999999999999999999'
const RUN_URL = (id: number): string => `https://github.com/${OWNER}/${REPO}/actions/runs/${id}`

const CONTOSO = spec(specConnector('Contoso'))
/** A spec with an unknown key: a spec problem, found before Qualys is called. */
const BROKEN = spec(specConnector('Contoso', undefined, 'colour: blue'))

let gateway: FakeQualysGateway
let github: FakeGitHubApi

beforeEach(async () => {
  gateway = new FakeQualysGateway({ users: [USER] })
  await gateway.start()
  github = new FakeGitHubApi({ token: GITHUB_TOKEN })
  await github.start()
})
afterEach(async () => {
  await gateway.stop()
  await github.stop()
})

/** A plan run of the pull request at `head`, as run `runId`, with a spec file and password login. */
function plan(
  specText: string,
  head: string,
  runId: number,
  inputs: Record<string, string> = {},
  env: Record<string, string> = {}
): Promise<ActionRun> {
  return runAction({
    inputs: {
      ...passwordInputs(gateway.url),
      'spec-file': 'connectors.yaml',
      mode: 'plan',
      'github-token': GITHUB_TOKEN,
      ...inputs
    },
    env: {
      AZURE_SECRET,
      ...pullRequestEnv(github, OWNER, REPO, PR, head),
      GITHUB_SHA: MERGE_SHA,
      GITHUB_SERVER_URL: 'https://github.com',
      GITHUB_RUN_ID: String(runId),
      ...env
    },
    files: { 'connectors.yaml': specText }
  })
}

function expectExit(result: ActionRun, code: number): void {
  if (result.code !== code)
    throw new Error(`expected exit code ${code}, got ${result.code}\n${result.stdout}\n${result.stderr}`)
}

/** The action's own comments on the pull request. */
function planComments(): { id: number; body: string }[] {
  return github.comments(PR).filter(c => c.body.includes(MARKER))
}

/** The first push plans a create: one comment naming its head and run. */
async function firstPlan(): Promise<{ id: number; body: string }> {
  const first = await plan(CONTOSO, FIRST_HEAD, 41)
  expectExit(first, 0)
  const [comment] = planComments()
  expect(comment.body).toContain('1 to create')
  return comment
}

describe('the plan comment tells the truth', () => {
  test('a plan names the head commit (not the merge commit) and links the run, in the comment and the summary', async () => {
    const first = await plan(CONTOSO, FIRST_HEAD, 41)
    expectExit(first, 0)
    const line = `Commit \`a1b2c3d\` · [run 41](${RUN_URL(41)})`
    expect(planComments()).toHaveLength(1)
    expect(planComments()[0].body).toContain(`### Qualys Azure tenant connectors: plan\n\n${line}\n`)
    expect(first.summary).toContain(`### Qualys Azure tenant connectors: plan\n\n${line}\n`)
    for (const text of [planComments()[0].body, first.summary]) expect(text).not.toContain('9999999')
    expectNoLeak(
      first,
      SECRETS,
      github.comments().map(c => c.body)
    )
  })

  test('a later push with a spec error replaces that same comment with the problems, and the summary holds them', async () => {
    const earlier = await firstPlan()
    const qualysCalls = gateway.requests.length
    const broken = await plan(BROKEN, SECOND_HEAD, 42)
    expectExit(broken, 1)
    expect(annotations(broken).join('\n')).toContain('nothing was sent to Qualys')
    expect(gateway.requests).toHaveLength(qualysCalls)

    const comments = planComments()
    expect(comments).toHaveLength(1)
    expect(comments[0].id).toBe(earlier.id)
    const body = comments[0].body
    expect(body).toContain('### Qualys Azure tenant connectors: plan failed')
    expect(body).toContain(`Commit \`f0e1d2c\` · [run 42](${RUN_URL(42)})`)
    expect(body).toMatch(/^- .*colour/m)
    expect(body).not.toContain('1 to create')
    expect(body).not.toContain('a1b2c3d')
    expect(broken.stdout).toContain('Plan comment updated')

    expect(broken.summary).toContain('### Qualys Azure tenant connectors: plan failed')
    expect(broken.summary).toMatch(/^- .*colour/m)
    expect(broken.summary).toContain(`Commit \`f0e1d2c\` · [run 42](${RUN_URL(42)})`)
    expectNoLeak(
      broken,
      SECRETS,
      github.comments().map(c => c.body)
    )
  })

  test('a problem of the whole run (a wrong password) replaces the plan in the comment and the summary', async () => {
    const earlier = await firstPlan()
    const refused = await plan(CONTOSO, SECOND_HEAD, 43, { 'qualys-password': 'wrong' })
    expectExit(refused, 1)
    const comments = planComments()
    expect(comments).toHaveLength(1)
    expect(comments[0].id).toBe(earlier.id)
    for (const text of [comments[0].body, refused.summary]) {
      expect(text).toContain('### Qualys Azure tenant connectors: plan failed')
      expect(text).toContain(`Commit \`f0e1d2c\` · [run 43](${RUN_URL(43)})`)
      expect(text).toMatch(/^- `Could not look up the existing connectors.*Qualys refused the credentials \(401\)/m)
      expect(text).not.toContain('1 to create')
      expect(text).not.toContain('not-attempted')
    }
    expect(gateway.stats()).toMatchObject({ creates: 0, updates: 0 })
    expectNoLeak(
      refused,
      [...SECRETS, 'wrong'],
      github.comments().map(c => c.body)
    )
  })

  test('a comment that cannot be replaced fails the step, naming the stale comment', async () => {
    await firstPlan()
    github.fault({ method: 'PATCH', times: 10, reply: { status: 500 } })
    github.fault({ method: 'POST', times: 10, reply: { status: 500 } })
    const broken = await plan(BROKEN, SECOND_HEAD, 44, { 'max-attempts': '1' })
    // One attempt each (max-attempts is honoured when the settings could be read): no retries.
    expectExit(broken, 1)
    expect(annotations(broken).join('\n')).toMatch(/Could not post the plan on the pull request: .*out of date/)
    expect(planComments()[0].body).toContain('1 to create')
  })

  test('no github-token: nothing is posted, and the step fails as before', async () => {
    await firstPlan()
    const requests = github.requests.length
    const broken = await plan(BROKEN, SECOND_HEAD, 45, { 'github-token': '' })
    expectExit(broken, 1)
    expect(github.requests.length).toBe(requests)
    expect(annotations(broken).join('\n')).toContain('nothing was sent to Qualys')
    expect(broken.summary).toContain('### Qualys Azure tenant connectors: plan failed')
  })

  test('pr-comment: false posts nothing, whatever the inputs', async () => {
    const broken = await plan(BROKEN, SECOND_HEAD, 46, { 'pr-comment': 'false', 'max-attempts': 'many' })
    expectExit(broken, 1)
    expect(github.requests).toHaveLength(0)
  })

  test('a pull request from a fork (no secrets, a read-only token): nothing is posted, and the step fails as before', async () => {
    const eventPath = join(mkdtempSync(join(tmpdir(), 'gh-event-')), 'event.json')
    const head = { sha: SECOND_HEAD, repo: { full_name: 'someone/cloud-config' } }
    const base = { repo: { full_name: `${OWNER}/${REPO}` } }
    writeFileSync(eventPath, JSON.stringify({ number: PR, pull_request: { number: PR, head, base } }))
    const fork = await plan(
      BROKEN,
      SECOND_HEAD,
      47,
      { 'qualys-password': '', 'qualys-username': '' },
      { GITHUB_EVENT_PATH: eventPath }
    )
    expectExit(fork, 1)
    expect(github.requests).toHaveLength(0)
    expect(annotations(fork).join('\n')).toContain('colour')
  })
})
