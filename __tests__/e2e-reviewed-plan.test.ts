/**
 * Issue 16, "apply exactly what was reviewed", end to end on the BUNDLED action (test-support/build-dist.js)
 * against the stand-in Qualys gateway and the stand-in GitHub REST API: a plan on the pull request carries
 * the plan's fingerprint; the apply on the push of its merge (merge commit or squash) finds the pull request
 * through "list pull requests associated with a commit", re-plans and compares; on-plan-change decides.
 */
import { afterEach, beforeEach, describe, expect, test } from '@jest/globals'
import {
  annotations,
  AZURE_SECRET,
  expectNoLeak,
  passwordInputs,
  spec,
  specConnector,
  TENANT,
  TENANT_2,
  USER
} from '../test-support/e2e.js'
import { FakeQualysGateway } from '../test-support/gateway.js'
import { FakeGitHubApi, pullRequestEnv, pushEnv } from '../test-support/github-api.js'
import { runAction, type ActionRun } from '../test-support/run-action.js'

const MARKER = '<!-- qualys-azure-tenant-connector-plan -->'
const OWNER = 'octo-org'
const REPO = 'cloud-config'
const PR = 42
const GITHUB_TOKEN = 'ghs_fakeTokenForTheStandIn0123456789'
const SECRETS = [AZURE_SECRET, USER.password, GITHUB_TOKEN]
const HEAD = 'a1b2c3d4e5f60718293a4b5c6d7e8f9012345678'
const MERGE_COMMIT = '1111111111111111111111111111111111111111'
const SQUASH_COMMIT = '2222222222222222222222222222222222222222'
const DIRECT_COMMIT = '3333333333333333333333333333333333333333'
const WRITE = /^\/connectors\/v1\.0\/org\/azure\/(\d+\/?)?$/

const CONTOSO = spec(specConnector('Contoso'))
const CONTOSO_AND_FABRIKAM = spec(specConnector('Contoso'), specConnector('Fabrikam', TENANT_2))

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

function inputs(mode: string, extra: Record<string, string>, specFile = 'connectors.yaml'): Record<string, string> {
  return {
    ...passwordInputs(gateway.url),
    'spec-file': specFile,
    mode,
    'github-token': GITHUB_TOKEN,
    'azure-preflight': 'false',
    ...extra
  }
}

/** The plan step of the pull request at HEAD. */
function plan(specText: string, specFile = 'connectors.yaml'): Promise<ActionRun> {
  return runAction({
    inputs: inputs('plan', {}, specFile),
    env: { AZURE_SECRET, ...pullRequestEnv(github, OWNER, REPO, PR, HEAD) },
    files: { [specFile]: specText }
  })
}

/** The apply step on the push of `commit` to main. */
function apply(
  specText: string,
  commit: string,
  extra: Record<string, string> = {},
  specFile = 'connectors.yaml'
): Promise<ActionRun> {
  return runAction({
    inputs: inputs('apply', extra, specFile),
    env: { AZURE_SECRET, ...pushEnv(github, OWNER, REPO, commit) },
    files: { [specFile]: specText }
  })
}

function expectExit(result: ActionRun, code: number): void {
  if (result.code !== code)
    throw new Error(`expected exit code ${code}, got ${result.code}\n${result.stdout}\n${result.stderr}`)
}

function qualysWrites(from = 0): number {
  return gateway.requests.slice(from).filter(r => r.method === 'POST' && WRITE.test(r.path)).length
}

function names(): string[] {
  return gateway
    .connectors()
    .map(c => c.name)
    .sort()
}

/** The pull request merged as `commit` (a merge commit or a squash: GitHub sets merge_commit_sha to either). */
function merged(commit: string): void {
  github.seedPullRequest(OWNER, REPO, { number: PR, mergeCommitSha: commit, commits: [HEAD] })
}

describe('the reviewed plan', () => {
  test('the plan comment carries a fingerprint; the apply of its merge commit matches it and says so', async () => {
    expectExit(await plan(CONTOSO), 0)
    const [comment] = github.comments(PR).filter(c => c.body.includes(MARKER))
    expect(comment.body).toMatch(/<!-- qualys-reviewed-plan [A-Za-z0-9_-]+ -->\s*$/)
    merged(MERGE_COMMIT)

    const result = await apply(CONTOSO, MERGE_COMMIT)
    expectExit(result, 0)
    expect(result.outputs['reviewed-plan']).toBe('matched')
    expect(result.summary).toContain('`Matches the plan reviewed in #42 (planned at commit a1b2c3d).`')
    expect(result.stdout).toContain('Matches the plan reviewed in #42')
    expect(names()).toEqual(['Contoso'])
    expect(annotations(result, 'warning').join('\n')).not.toContain('reviewed')
    // The lookup asked for the pull requests of the pushed commit, with the token.
    const lookup = github.requests.find(r => r.path === `/repos/${OWNER}/${REPO}/commits/${MERGE_COMMIT}/pulls`)
    expect(lookup?.status).toBe(200)
    expectNoLeak(
      result,
      SECRETS,
      github.comments().map(c => c.body)
    )
  })

  test('squash merge: a plan that changed since the review is applied with a warning that says what differs', async () => {
    expectExit(await plan(CONTOSO), 0)
    merged(SQUASH_COMMIT)

    // The merged spec holds a connector the reviewed plan did not (another pull request merged first).
    const result = await apply(CONTOSO_AND_FABRIKAM, SQUASH_COMMIT)
    expectExit(result, 0)
    expect(result.outputs['reviewed-plan']).toBe('changed')
    expect(result.summary).toContain('This apply differs from the plan reviewed in #42 (planned at commit a1b2c3d):')
    expect(result.summary).toContain("- `'Fabrikam': create, not in the reviewed plan`")
    const warnings = annotations(result, 'warning').join('\n')
    expect(warnings).toContain("differs from the plan reviewed in #42 (planned at commit a1b2c3d): 'Fabrikam': create")
    expect(names()).toEqual(['Contoso', 'Fabrikam'])
  })

  test('a connector changed in Qualys since the review differs too: its action is no longer the reviewed one', async () => {
    expectExit(await plan(CONTOSO), 0)
    merged(MERGE_COMMIT)
    // Someone created it by hand between the review and the merge.
    gateway.seed({ name: 'Contoso', tenantId: TENANT, connectorPrefixName: 'contoso', description: 'by hand' })

    const result = await apply(CONTOSO, MERGE_COMMIT)
    expectExit(result, 0)
    expect(result.outputs['reviewed-plan']).toBe('changed')
    expect(result.summary).toMatch(/- `'Contoso': update, where the reviewed plan had create/)
  })

  test('on-plan-change: fail writes nothing when the plan changed, and says why in the summary and the failure', async () => {
    expectExit(await plan(CONTOSO), 0)
    merged(SQUASH_COMMIT)
    const before = gateway.requests.length

    const result = await apply(CONTOSO_AND_FABRIKAM, SQUASH_COMMIT, { 'on-plan-change': 'fail' })
    expectExit(result, 1)
    expect(qualysWrites(before)).toBe(0)
    expect(names()).toEqual([])
    expect(result.outputs['reviewed-plan']).toBe('changed')
    expect(result.summary).toContain('### Qualys Azure tenant connectors: not applied')
    expect(result.summary).toContain("- `'Fabrikam': create, not in the reviewed plan`")
    const errors = annotations(result).join('\n')
    expect(errors).toContain('on-plan-change is fail, so nothing was written')
    expect(errors).toContain("'Fabrikam': create, not in the reviewed plan")
  })

  test('on-plan-change: fail applies a plan that matches', async () => {
    expectExit(await plan(CONTOSO_AND_FABRIKAM), 0)
    merged(MERGE_COMMIT)
    const result = await apply(CONTOSO_AND_FABRIKAM, MERGE_COMMIT, { 'on-plan-change': 'fail' })
    expectExit(result, 0)
    expect(result.outputs['reviewed-plan']).toBe('matched')
    expect(names()).toEqual(['Contoso', 'Fabrikam'])
  })

  test('pushed directly: no reviewed plan, said in the summary; applied with warn, nothing written with fail', async () => {
    const strict = await apply(CONTOSO, DIRECT_COMMIT, { 'on-plan-change': 'fail' })
    expectExit(strict, 1)
    expect(qualysWrites()).toBe(0)
    expect(strict.outputs['reviewed-plan']).toBe('none')
    expect(strict.summary).toContain(
      'No reviewed plan found (pushed directly: commit 3333333 is not the merge of a pull request).'
    )
    expect(annotations(strict).join('\n')).toContain('on-plan-change is fail, so nothing was written')

    const lenient = await apply(CONTOSO, DIRECT_COMMIT)
    expectExit(lenient, 0)
    expect(lenient.outputs['reviewed-plan']).toBe('none')
    expect(lenient.summary).toContain('No reviewed plan found (pushed directly')
    expect(names()).toEqual(['Contoso'])
  })

  test('comment missing: a merged pull request without a plan comment of this spec', async () => {
    merged(MERGE_COMMIT)
    github.seedComment(OWNER, REPO, PR, 'LGTM')
    const result = await apply(CONTOSO, MERGE_COMMIT)
    expectExit(result, 0)
    expect(result.outputs['reviewed-plan']).toBe('none')
    expect(result.summary).toContain('No reviewed plan found (comment missing: #42 has no plan comment of this spec')
  })

  test('a failed last plan leaves no fingerprint: the apply says so rather than compare with a stale one', async () => {
    expectExit(await plan(CONTOSO), 0)
    expectExit(await plan(spec(specConnector('Contoso', undefined, 'colour: blue'))), 1)
    merged(MERGE_COMMIT)
    const result = await apply(CONTOSO, MERGE_COMMIT)
    expectExit(result, 0)
    expect(result.outputs['reviewed-plan']).toBe('none')
    expect(result.summary).toContain('carries no plan fingerprint (its last plan failed')
  })

  test('two spec files in one pull request keep one comment each, and each apply matches its own', async () => {
    expectExit(await plan(CONTOSO, 'contoso.yaml'), 0)
    expectExit(await plan(spec(specConnector('Fabrikam', TENANT_2)), 'fabrikam.yaml'), 0)
    expect(github.comments(PR).filter(c => c.body.includes(MARKER))).toHaveLength(2)
    // A second plan of the first spec edits its own comment, not the other's.
    expectExit(await plan(CONTOSO, 'contoso.yaml'), 0)
    expect(github.comments(PR).filter(c => c.body.includes(MARKER))).toHaveLength(2)
    merged(MERGE_COMMIT)

    const first = await apply(CONTOSO, MERGE_COMMIT, {}, 'contoso.yaml')
    const second = await apply(spec(specConnector('Fabrikam', TENANT_2)), MERGE_COMMIT, {}, 'fabrikam.yaml')
    expectExit(first, 0)
    expectExit(second, 0)
    expect([first.outputs['reviewed-plan'], second.outputs['reviewed-plan']]).toEqual(['matched', 'matched'])
  })

  test('a lookup GitHub refuses warns and applies with warn, and writes nothing with fail', async () => {
    expectExit(await plan(CONTOSO), 0)
    merged(MERGE_COMMIT)
    github.fault({
      method: 'GET',
      times: 20,
      reply: { status: 403, body: '{"message":"Resource not accessible by integration"}' }
    })
    const strict = await apply(CONTOSO, MERGE_COMMIT, { 'on-plan-change': 'fail' })
    expectExit(strict, 1)
    expect(qualysWrites()).toBe(0)
    expect(annotations(strict).join('\n')).toContain('pull-requests: read')

    const lenient = await apply(CONTOSO, MERGE_COMMIT)
    expectExit(lenient, 0)
    expect(lenient.outputs['reviewed-plan']).toBe('none')
    expect(annotations(lenient, 'warning').join('\n')).toContain('applying without the comparison')
    expect(names()).toEqual(['Contoso'])
  })

  test('on-plan-change: ignore asks GitHub nothing', async () => {
    merged(MERGE_COMMIT)
    const result = await apply(CONTOSO, MERGE_COMMIT, { 'on-plan-change': 'ignore' })
    expectExit(result, 0)
    expect(github.requests).toHaveLength(0)
    expect(result.outputs['reviewed-plan']).toBe('ignored')
  })
})

/** Issue 26 item 4: the re-plan that checks the reviewed plan and the apply after it read Qualys once. */
describe("the reviewed apply reads Qualys' listing once", () => {
  const LIST_PATH = '/connectors/v1.0/org/azure/list'

  /** `count` connectors, each of its own tenant; `extra` lines for some of them by index. */
  function estate(count: number, extra: Record<number, string> = {}): string {
    const tenant = (i: number): string => `6f1e4c2a-9b7d-4e8f-a1c3-${i.toString(16).padStart(12, '0')}`
    return spec(...Array.from({ length: count }, (_, i) => specConnector(`Tenant ${i}`, tenant(i), extra[i])))
  }

  async function gatewayWith(options: ConstructorParameters<typeof FakeQualysGateway>[0]): Promise<void> {
    await gateway.stop()
    gateway = new FakeQualysGateway({ users: [USER], ...options })
    await gateway.start()
  }

  function getsSince(from: number): string[] {
    return gateway.requests.slice(from).flatMap(r => (r.method === 'GET' ? [`${r.path}?${r.query.pageNumber}`] : []))
  }

  /** The plan on the pull request, the merge, and the apply of it; the GETs of the plan and of the apply. */
  async function reviewedApply(
    specText: string
  ): Promise<{ result: ActionRun; planGets: string[]; applyGets: string[]; applyCalls: number }> {
    const beforePlan = gateway.requests.length
    expectExit(await plan(specText), 0)
    const planGets = getsSince(beforePlan)
    merged(MERGE_COMMIT)
    const beforeApply = gateway.requests.length
    const result = await apply(specText, MERGE_COMMIT, { 'on-plan-change': 'fail' })
    expectExit(result, 0)
    expect(result.outputs['reviewed-plan']).toBe('matched')
    return { result, planGets, applyGets: getsSince(beforeApply), applyCalls: gateway.requests.length - beforeApply }
  }

  test('120 connectors, 50 a page: the apply that checks the plan lists 3 pages, as the plan does, and says its calls', async () => {
    await gatewayWith({ maxPageSize: 50 })
    expectExit(await apply(estate(120), DIRECT_COMMIT, { 'on-plan-change': 'ignore' }), 0)
    expect(gateway.connectors()).toHaveLength(120)

    // Updates only: an apply that creates lists once more after its creates, for a racing run's duplicate
    // (e2e-race), which is not a read of the plan.
    const changed = estate(120, { 0: 'description: moved to the new office', 1: 'description: moved too' })
    const writesBefore = qualysWrites()
    const { result, planGets, applyGets, applyCalls } = await reviewedApply(changed)
    const listing = [0, 1, 2].map(page => `${LIST_PATH}?${page}`)
    expect(planGets).toEqual(listing)
    expect(applyGets).toEqual(listing)
    // Two updates: the same writes the apply makes on its own.
    expect(qualysWrites() - writesBefore).toBe(2)
    expect(result.stdout).toContain(`Qualys API calls: ${applyCalls} made, 0 retried, 0 throttled`)
  })

  test('a thin listing: each connector an entry names is read in full once, as the plan reads it', async () => {
    await gatewayWith({ listShape: 'thin' })
    expectExit(await apply(estate(3), DIRECT_COMMIT, { 'on-plan-change': 'ignore' }), 0)
    const ids = gateway
      .connectors()
      .map(c => c.id)
      .sort((a, b) => a - b)

    const { planGets, applyGets } = await reviewedApply(estate(3, { 1: 'description: moved' }))
    const reads = ids.map(id => `/connectors/v1.0/org/azure/${id}?undefined`)
    expect([...planGets].sort()).toEqual([`${LIST_PATH}?0`, ...reads].sort())
    expect([...applyGets].sort()).toEqual([...planGets].sort())
  })
})
