/**
 * A stand-in for the small part of the GitHub REST API the action uses for its pull-request plan
 * comment: list the comments of an issue/PR (paged, with a Link header like GitHub), create one,
 * and edit one. It speaks real HTTP on 127.0.0.1 (random port), records every request and keeps
 * the comments in memory. `fork = true` makes it answer writes with 403 the way GitHub answers a
 * read-only GITHUB_TOKEN on a pull request from a fork.
 */
import http from 'node:http'
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

export interface FakeComment {
  id: number
  issue: number
  owner: string
  repo: string
  body: string
  user: string
  createdAt: string
  updatedAt: string
}

export interface GitHubRequest {
  method: string
  path: string
  query: Record<string, string>
  headers: IncomingHttpHeaders
  body: string
  status: number
}

export interface FakeGitHubOptions {
  /** When set, requests must carry `Authorization: token <t>` or `Bearer <t>`; others get 401. */
  token?: string
  /** Login shown as the author of comments the action creates. */
  botLogin?: string
}

const LIST_OR_CREATE = /^\/repos\/([^/]+)\/([^/]+)\/issues\/(\d+)\/comments$/
const EDIT = /^\/repos\/([^/]+)\/([^/]+)\/issues\/comments\/(\d+)$/
const DEFAULT_PER_PAGE = 30 // GitHub's default
const MAX_PER_PAGE = 100 // GitHub's cap
/** GitHub refuses a longer comment body with 422 "body is too long (maximum is 65536 characters)". */
export const MAX_COMMENT_BODY = 65_536

interface Reply {
  status: number
  headers?: Record<string, string>
  body?: unknown
  /** The body as sent, not JSON-encoded (an oversized or malformed answer). */
  raw?: string
}

/** One way to misbehave, for `times` requests of `method` (once by default); then the stand-in answers normally. */
export interface GitHubFault {
  method: 'GET' | 'POST' | 'PATCH'
  times?: number
  /** Answer with this status, headers and raw body instead. */
  reply?: { status: number; headers?: Record<string, string>; body?: string }
  /** Act on the request (post the comment), then close the connection without an answer: a lost answer. */
  dropAfterActing?: boolean
}

export class FakeGitHubApi {
  readonly requests: GitHubRequest[] = []
  /** Answer POST/PATCH with 403 "Resource not accessible by integration" (a fork's read-only token). */
  fork = false
  /** Answer nothing at all, keeping the connection open: an unresponsive GitHub API. */
  hang = false
  /** Answer these writes with this status (e.g. `{ PATCH: 500 }`) for as long as it is set. */
  refuse: Partial<Record<'POST' | 'PATCH', number>> = {}
  private readonly faults: GitHubFault[] = []

  private server: http.Server | undefined
  private baseUrl: string | undefined
  private store: FakeComment[] = []
  private nextId = 9_000_001

  constructor(private readonly options: FakeGitHubOptions = {}) {}

  async start(): Promise<string> {
    if (this.baseUrl && this.server?.listening) return this.baseUrl
    const server = http.createServer((req, res) => void this.handle(req, res))
    this.server = server
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject)
      server.listen(0, '127.0.0.1', () => resolve())
    })
    this.baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
    return this.baseUrl
  }

  async stop(): Promise<void> {
    const server = this.server
    if (!server) return
    this.server = undefined
    await new Promise<void>(resolve => {
      server.close(() => resolve())
      server.closeAllConnections()
    })
  }

  get url(): string {
    if (!this.baseUrl) throw new Error('FakeGitHubApi: call start() first')
    return this.baseUrl
  }

  /** The comments of one issue/PR (all of them when issue is omitted), oldest first. */
  comments(issue?: number): FakeComment[] {
    return structuredClone(this.store.filter(c => issue === undefined || c.issue === issue))
  }

  /** Adds a comment directly, e.g. one written by a person before the action ran. */
  seedComment(owner: string, repo: string, issue: number, body: string, user = 'octocat'): FakeComment {
    const now = new Date().toISOString()
    const comment: FakeComment = { id: this.nextId++, issue, owner, repo, body, user, createdAt: now, updatedAt: now }
    this.store.push(comment)
    return structuredClone(comment)
  }

  /** Misbehaves as told for the next matching requests (see GitHubFault). */
  fault(fault: GitHubFault): void {
    this.faults.push({ times: 1, ...fault })
  }

  /** Requests other than the listing: the writes the action made. */
  writes(): GitHubRequest[] {
    return this.requests.filter(r => r.method !== 'GET')
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1')
    const record: GitHubRequest = {
      method: req.method ?? 'GET',
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      headers: { ...req.headers },
      body: '',
      status: 0
    }
    this.requests.push(record)
    if (this.hang) return
    let reply: Reply
    try {
      const chunks: Buffer[] = []
      for await (const chunk of req) chunks.push(chunk as Buffer)
      record.body = Buffer.concat(chunks).toString('utf8')
      const fault = this.takeFault(record.method)
      reply = fault?.reply ?? this.route(record, url)
      if (fault?.dropAfterActing) {
        record.status = 0
        res.socket?.destroy()
        return
      }
    } catch (error) {
      reply = { status: 500, body: { message: `Fake GitHub error: ${String(error)}` } }
    }
    record.status = reply.status
    const payload = reply.raw ?? (reply.body === undefined ? '' : JSON.stringify(reply.body))
    res.writeHead(reply.status, {
      'Content-Type': 'application/json; charset=utf-8',
      'Content-Length': Buffer.byteLength(payload),
      ...reply.headers
    })
    res.end(payload)
  }

  private takeFault(method: string): (GitHubFault & { reply?: Reply }) | undefined {
    const index = this.faults.findIndex(fault => fault.method === method)
    if (index < 0) return undefined
    const fault = this.faults[index]
    fault.times = (fault.times ?? 1) - 1
    if (fault.times <= 0) this.faults.splice(index, 1)
    const reply = fault.reply && {
      status: fault.reply.status,
      headers: fault.reply.headers,
      raw: fault.reply.body ?? ''
    }
    return { ...fault, reply }
  }

  private route(record: GitHubRequest, url: URL): Reply {
    if (!this.authorized(record.headers.authorization)) {
      return { status: 401, body: { message: 'Bad credentials', documentation_url: 'https://docs.github.com/rest' } }
    }
    const list = LIST_OR_CREATE.exec(record.path)
    if (list) {
      const [, owner, repo, issue] = list
      if (record.method === 'GET') return this.list(owner, repo, Number(issue), url)
      if (record.method === 'POST')
        return this.forbidden('POST') ?? this.create(owner, repo, Number(issue), record.body)
      return { status: 405, body: { message: 'Method not allowed' } }
    }
    const edit = EDIT.exec(record.path)
    if (edit) {
      const [, owner, repo, id] = edit
      if (record.method === 'PATCH') return this.forbidden('PATCH') ?? this.edit(owner, repo, Number(id), record.body)
      return { status: 405, body: { message: 'Method not allowed' } }
    }
    return { status: 404, body: { message: 'Not Found', documentation_url: 'https://docs.github.com/rest' } }
  }

  private authorized(header: string | undefined): boolean {
    if (this.options.token === undefined) return true
    const match = /^(?:token|bearer)\s+(\S+)$/i.exec(header ?? '')
    return match?.[1] === this.options.token
  }

  private forbidden(method: 'POST' | 'PATCH'): Reply | undefined {
    const status = this.refuse[method]
    if (status !== undefined) return { status, body: { message: `Fake GitHub refuses ${method} (${status})` } }
    if (!this.fork) return undefined
    return {
      status: 403,
      body: {
        message: 'Resource not accessible by integration',
        documentation_url: 'https://docs.github.com/rest/issues/comments'
      }
    }
  }

  private list(owner: string, repo: string, issue: number, url: URL): Reply {
    const perPage = Math.min(
      MAX_PER_PAGE,
      Math.max(1, Number(url.searchParams.get('per_page') ?? DEFAULT_PER_PAGE) || DEFAULT_PER_PAGE)
    )
    const page = Math.max(1, Number(url.searchParams.get('page') ?? 1) || 1)
    const all = this.store.filter(c => c.owner === owner && c.repo === repo && c.issue === issue)
    const lastPage = Math.max(1, Math.ceil(all.length / perPage))
    const slice = all.slice((page - 1) * perPage, page * perPage)
    const headers: Record<string, string> = {}
    if (lastPage > 1) {
      const link = (n: number, rel: string): string => {
        const target = new URL(url.pathname, this.url)
        target.searchParams.set('per_page', String(perPage))
        target.searchParams.set('page', String(n))
        return `<${target.toString()}>; rel="${rel}"`
      }
      const links: string[] = []
      if (page > 1) links.push(link(page - 1, 'prev'), link(1, 'first'))
      if (page < lastPage) links.push(link(page + 1, 'next'), link(lastPage, 'last'))
      headers.Link = links.join(', ')
    }
    return { status: 200, headers, body: slice.map(c => this.shape(c)) }
  }

  private create(owner: string, repo: string, issue: number, raw: string): Reply {
    const body = commentBody(raw)
    if (body === undefined) return invalid(raw)
    const comment = this.seedComment(owner, repo, issue, body, this.options.botLogin ?? 'github-actions[bot]')
    return {
      status: 201,
      headers: { Location: `${this.url}/repos/${owner}/${repo}/issues/comments/${comment.id}` },
      body: this.shape(comment)
    }
  }

  private edit(owner: string, repo: string, id: number, raw: string): Reply {
    const comment = this.store.find(c => c.id === id && c.owner === owner && c.repo === repo)
    if (!comment) return { status: 404, body: { message: 'Not Found' } }
    // Like GitHub: an installation token edits only its own comments.
    if (comment.user !== (this.options.botLogin ?? 'github-actions[bot]'))
      return { status: 403, body: { message: 'Resource not accessible by integration' } }
    const body = commentBody(raw)
    if (body === undefined) return invalid(raw)
    comment.body = body
    comment.updatedAt = new Date().toISOString()
    return { status: 200, body: this.shape(comment) }
  }

  private shape(c: FakeComment): Record<string, unknown> {
    const api = `${this.url}/repos/${c.owner}/${c.repo}`
    return {
      id: c.id,
      node_id: `IC_${c.id}`,
      url: `${api}/issues/comments/${c.id}`,
      html_url: `https://github.com/${c.owner}/${c.repo}/pull/${c.issue}#issuecomment-${c.id}`,
      issue_url: `${api}/issues/${c.issue}`,
      body: c.body,
      user: { login: c.user, id: c.user.length, type: c.user.endsWith('[bot]') ? 'Bot' : 'User' },
      created_at: c.createdAt,
      updated_at: c.updatedAt,
      author_association: 'NONE'
    }
  }
}

function commentBody(raw: string): string | undefined {
  try {
    const parsed = JSON.parse(raw) as { body?: unknown }
    return typeof parsed.body === 'string' && parsed.body !== '' && [...parsed.body].length <= MAX_COMMENT_BODY
      ? parsed.body
      : undefined
  } catch {
    return undefined
  }
}

function invalid(raw: string): Reply {
  const long = (() => {
    try {
      return [...String((JSON.parse(raw) as { body?: unknown }).body)].length > MAX_COMMENT_BODY
    } catch {
      return false
    }
  })()
  if (long)
    return {
      status: 422,
      body: {
        message: 'Validation Failed',
        errors: [
          {
            resource: 'IssueComment',
            code: 'custom',
            field: 'body',
            message: `body is too long (maximum is ${MAX_COMMENT_BODY} characters)`
          }
        ]
      }
    }
  return {
    status: 422,
    body: { message: 'Validation Failed', errors: [{ resource: 'IssueComment', code: 'missing_field', field: 'body' }] }
  }
}

/** The environment the runner sets for a `pull_request` event, pointed at this stand-in. */
export function pullRequestEnv(
  github: FakeGitHubApi,
  owner: string,
  repo: string,
  number: number
): Record<string, string> {
  const eventPath = join(mkdtempSync(join(tmpdir(), 'gh-event-')), 'event.json')
  writeFileSync(
    eventPath,
    JSON.stringify({
      action: 'synchronize',
      number,
      pull_request: { number, head: { ref: 'feature' }, base: { ref: 'main' } },
      repository: { name: repo, full_name: `${owner}/${repo}`, owner: { login: owner } }
    })
  )
  return {
    GITHUB_EVENT_NAME: 'pull_request',
    GITHUB_EVENT_PATH: eventPath,
    GITHUB_REPOSITORY: `${owner}/${repo}`,
    GITHUB_API_URL: github.url
  }
}
