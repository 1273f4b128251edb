/**
 * Issue 26's call figures, for `npm run bench` (bench/run.ts writes them into RESULTS.md):
 *   6. The calls each mode makes of Qualys for a 1000-connector estate, counted at the stand-in gateway, beside
 *      the floor: one login, ⌈listed ⁄ page⌉ listing pages, one write per change. A plan on the pull request,
 *      the apply of its merge that checks the reviewed plan, an apply without one, and the check.
 */
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { FakeQualysGateway, type RecordedRequest } from '../test-support/gateway.js'
import { FakeGitHubApi, pullRequestEnv, pushEnv, scheduleEnv } from '../test-support/github-api.js'
import { runAction, type ActionRun } from '../test-support/run-action.js'

const USER = { username: 'bench', password: 'bench-password' }
const SECRET = 'bench~azure-secret'
const GITHUB_TOKEN = 'ghs_benchTokenForTheStandIn0123456789'
const OWNER = 'bench-org'
const REPO = 'cloud-config'
const PR = 7
const HEAD = 'a1b2c3d4e5f60718293a4b5c6d7e8f9012345678'
const MERGE = '1111111111111111111111111111111111111111'
const LATER = '2222222222222222222222222222222222222222'
/** The page size of Qualys' own examples, where the stand-in caps the listing. */
const PAGE = 50
/** How many connectors a change touches: CHANGES updated, and CHANGES created by the reviewed plan. */
const CHANGES = 5
const LIST_PATH = '/connectors/v1.0/org/azure/list'
const MEMBER_LIST_PATH = '/connectors/v1.0/azure/list'

function guid(n: number): string {
  return `7a3c4c2a-9b7d-4e8f-a1c3-${n.toString(16).padStart(12, '0')}`
}

/** `count` connectors; those in `changed` have a new description. */
function specOf(count: number, changed: (i: number) => boolean = () => false): string {
  const lines = [
    'defaults:',
    '  applicationId: 0b3d5f7a-1c2e-4a6b-8d9f-3e5a7c9b1d20',
    '  secretValue: ${AZURE_SECRET}',
    '  connectorAppInfos: [AI, CI, CSA]',
    '  orgRunFrequency: 1d',
    '  connectorRunFrequency: 1d',
    'connectors:'
  ]
  for (let i = 0; i < count; i++) {
    lines.push(
      `  - name: Tenant ${i}`,
      `    tenantId: ${guid(i)}`,
      `    tenantName: tenant-${i}.onmicrosoft.com`,
      `    connectorPrefixName: t${i}`,
      ...(changed(i) ? [`    description: moved to the new office`] : [])
    )
  }
  return `${lines.join('\n')}\n`
}

interface Counted {
  logins: number
  listing: number
  members: number
  reads: number
  writes: number
}

function counted(requests: RecordedRequest[]): Counted {
  const counts: Counted = { logins: 0, listing: 0, members: 0, reads: 0, writes: 0 }
  for (const r of requests) {
    if (r.method === 'GET' && r.path === LIST_PATH) counts.listing++
    else if (r.method === 'GET' && r.path.startsWith(MEMBER_LIST_PATH)) counts.members++
    else if (r.method === 'GET') counts.reads++
    else if (r.path.startsWith('/connectors/')) counts.writes++
    else counts.logins++
  }
  return counts
}

export async function benchCalls(node: string, count: number): Promise<string[]> {
  console.error(`bench: the calls of each mode for ${count} connectors…`)
  const gateway = new FakeQualysGateway({ users: [USER], maxPageSize: PAGE })
  const github = new FakeGitHubApi({ token: GITHUB_TOKEN })
  const url = await gateway.start()
  await github.start()
  const workspace = mkdtempSync(join(tmpdir(), 'bench-calls-'))
  const run = async (
    mode: string,
    spec: string,
    env: Record<string, string>,
    extra: Record<string, string> = {}
  ): Promise<{ result: ActionRun; counts: Counted }> => {
    writeFileSync(join(workspace, 'spec.yaml'), spec)
    const from = gateway.requests.length
    const result = await runAction({
      inputs: {
        'qualys-gateway-url': url,
        'qualys-username': USER.username,
        'qualys-password': USER.password,
        'spec-file': 'spec.yaml',
        'github-token': GITHUB_TOKEN,
        'azure-preflight': 'false',
        mode,
        ...extra
      },
      env: { AZURE_SECRET: SECRET, ...env },
      workspace,
      timeoutMs: 600_000,
      node
    })
    if (result.code !== 0) throw new Error(`${mode} failed:\n${result.stdout}\n${result.stderr}`)
    return { result, counts: counted(gateway.requests.slice(from)) }
  }
  try {
    // The estate as an earlier apply left it: count − CHANGES connectors.
    await run('apply', specOf(count - CHANGES), pushEnv(github, OWNER, REPO, LATER), { 'on-plan-change': 'ignore' })
    const reviewed = specOf(count, i => i < CHANGES)
    const plan = await run('plan', reviewed, pullRequestEnv(github, OWNER, REPO, PR, HEAD))
    github.seedPullRequest(OWNER, REPO, { number: PR, mergeCommitSha: MERGE, commits: [HEAD] })
    const checked = await run('apply', reviewed, pushEnv(github, OWNER, REPO, MERGE), { 'on-plan-change': 'fail' })
    if (checked.result.outputs['reviewed-plan'] !== 'matched')
      throw new Error(`the reviewed apply did not match:\n${checked.result.stdout}`)
    // Pushed directly (no pull request): the apply has no reviewed plan to check; it updates 2 × CHANGES.
    const direct = specOf(count, i => i < 3 * CHANGES)
    const unreviewed = await run('apply', direct, pushEnv(github, OWNER, REPO, LATER))
    const check = await run('check', direct, scheduleEnv(github, OWNER, REPO), { 'check-issue': 'false' })

    const pages = (listed: number): number => Math.max(1, Math.ceil(listed / PAGE))
    const row = (what: string, counts: Counted, listed: number, writes: number): string => {
      const total = counts.logins + counts.listing + counts.members + counts.reads + counts.writes
      const floor = 1 + pages(listed) + writes
      const parts = [
        `${counts.logins} login`,
        `${counts.listing} listing`,
        ...(counts.members ? [`${counts.members} member listing`] : []),
        ...(counts.reads ? [`${counts.reads} other GET`] : []),
        `${counts.writes} write`
      ]
      return `| ${what} | ${total} (${parts.join(', ')}) | ${floor} (1 + ${pages(listed)} + ${writes}) | ${total === floor ? 'at the floor' : `${total - floor} above`} |`
    }
    return [
      `### 6. The calls of each mode, ${count} connectors (${PAGE} a page, counted at the gateway)`,
      '',
      `The estate holds ${count - CHANGES} connectors; the pull request updates ${CHANGES} and adds ${CHANGES}, ` +
        `the apply pushed directly then updates ${2 * CHANGES} more. Floor: one login, ⌈listed ⁄ ${PAGE}⌉ listing ` +
        'pages, one write per change.',
      '',
      '| mode | calls made | floor | |',
      '|---|---|---|---|',
      row('`plan` on the pull request', plan.counts, count - CHANGES, 0),
      row('`apply` of its merge, checking the reviewed plan', checked.counts, count - CHANGES, 2 * CHANGES),
      row('`apply` pushed directly (no reviewed plan)', unreviewed.counts, count, 2 * CHANGES),
      row('`check`', check.counts, count, 0),
      '',
      'The check also reads the member (subscription) connectors for its coverage findings: one listing of its own, ' +
        'whose pages count the members, not the tenant connectors (docs/many-tenants.md).',
      ''
    ]
  } finally {
    await gateway.stop()
    await github.stop()
  }
}
