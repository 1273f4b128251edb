/**
 * A stand-in for the small part of the GitHub REST API the action uses: the pull-request plan
 * comment (list the comments of an issue/PR, paged with a Link header like GitHub, create one,
 * edit one) and the `mode: check` issue (list a repository's issues — pull requests included, as
 * GitHub does — filtered by state, labels and creator and sorted like GitHub; open one; get one;
 * edit its title, body, state, state_reason and labels; comment on it through the same comments
 * endpoints). It speaks real HTTP on 127.0.0.1 (random port), records every request and keeps
 * comments and issues in memory. `fork = true` makes it answer every write with 403 the way GitHub
 * answers a read-only GITHUB_TOKEN (a pull request from a fork, or a job without `issues: write`);
 * `issuesDisabled` answers the issue endpoints with 410 like a repository with issues turned off.
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

export type IssueState = 'open' | 'closed'
const STATE_REASONS = ['completed', 'not_planned', 'reopened', 'duplicate'] as const
export type IssueStateReason = (typeof STATE_REASONS)[number]

/** An issue, or a pull request as the issues endpoints show it (`pullRequest: true`). */
export interface FakeIssue {
  number: number
  owner: string
  repo: string
  title: string
  body: string | null
  user: string
  state: IssueState
  stateReason: IssueStateReason | null
  labels: string[]
  pullRequest: boolean
  createdAt: string
  updatedAt: string
  closedAt: string | null
}

export interface SeedIssue {
  title: string
  body?: string | null
  /** The author's login; a person unless told otherwise. */
  user?: string
  state?: IssueState
  labels?: string[]
  /** A pull request: GitHub lists these among the issues, with a `pull_request` key. */
  pullRequest?: boolean
}

/** A pull request as "list pull requests associated with a commit" shows it. */
export interface SeedPullRequest {
  number: number
  /** Set once merged: the merge commit, the squashed commit, or the last rebased commit on the base branch. */
  mergeCommitSha?: string
  /** The pull request's own commits (the endpoint also lists a pull request for these). */
  commits?: string[]
  /** `owner/name` of the head repository: another one for a fork; the base's by default. */
  headRepo?: string
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
  /** Login shown as the author of the comments and issues the action creates. */
  botLogin?: string
}

const LIST_OR_CREATE = /^\/repos\/([^/]+)\/([^/]+)\/issues\/(\d+)\/comments$/
const EDIT = /^\/repos\/([^/]+)\/([^/]+)\/issues\/comments\/(\d+)$/
const ISSUES = /^\/repos\/([^/]+)\/([^/]+)\/issues$/
const ISSUE = /^\/repos\/([^/]+)\/([^/]+)\/issues\/(\d+)$/
const COMMIT_PULLS = /^\/repos\/([^/]+)\/([^/]+)\/commits\/([0-9a-fA-F]{7,40})\/pulls$/
const DEFAULT_PER_PAGE = 30 // GitHub's default
const MAX_PER_PAGE = 100 // GitHub's cap
/** GitHub refuses a longer comment body with 422 "body is too long (maximum is 65536 characters)". */
export const MAX_COMMENT_BODY = 65_536
/** The same limit holds for an issue body. */
export const MAX_ISSUE_BODY = 65_536
/** Issue timestamps start here and move one second per change, so "sort by updated" is exact. */
const CLOCK_START = Date.parse('2025-01-01T00:00:00Z')

type Write = 'POST' | 'PATCH'

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
  /** Only for a listing's page of this number (`page` in the query; the first page when absent). */
  page?: number
  /** Never answer, keeping the connection open: one page of a listing that hangs. */
  hang?: boolean
  /** Answer normally, but close the connection half-way through the body: an answer that breaks off. */
  cutBody?: boolean
}

const NOT_FOUND: Reply = {
  status: 404,
  body: { message: 'Not Found', documentation_url: 'https://docs.github.com/rest' }
}

export class FakeGitHubApi {
  readonly requests: GitHubRequest[] = []
  /** Answer POST/PATCH with 403 "Resource not accessible by integration" (a token without write access). */
  fork = false
  /** Answer nothing at all, keeping the connection open: an unresponsive GitHub API. */
  hang = false
  /** Answer these writes with this status (e.g. `{ PATCH: 500 }`) for as long as it is set. */
  refuse: Partial<Record<Write, number>> = {}
  private readonly faults: GitHubFault[] = []
  /** Answer the issue endpoints (not the comments) with 410 "Issues are disabled for this repo". */
  issuesDisabled = false

  private server: http.Server | undefined
  private baseUrl: string | undefined
  private store: FakeComment[] = []
  private issueStore: FakeIssue[] = []
  private pullStore: (SeedPullRequest & { owner: string; repo: string })[] = []
  private nextId = 9_000_001
  /** Issues and pull requests share one sequence of numbers per repository, as on GitHub. */
  private nextNumber = new Map<string, number>()
  private clock = CLOCK_START

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

  /**
   * Forgets every comment, issue and request and clears the switches, keeping the same address:
   * for a suite that imports @actions/github once (its context reads GITHUB_API_URL at import).
   */
  reset(): void {
    // Connections stay open: a keep-alive socket closed under the client fails its next request.
    this.requests.length = 0
    this.store = []
    this.issueStore = []
    this.pullStore = []
    this.nextNumber.clear()
    this.clock = CLOCK_START
    this.fork = false
    this.hang = false
    this.refuse = {}
    this.issuesDisabled = false
    this.faults.length = 0
  }

  get url(): string {
    if (!this.baseUrl) throw new Error('FakeGitHubApi: call start() first')
    return this.baseUrl
  }

  /** A pull request the commit endpoints know (its comments are seeded or posted separately). */
  seedPullRequest(owner: string, repo: string, seed: SeedPullRequest): void {
    this.pullStore.push({ owner, repo, ...seed })
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
    this.touch(owner, repo, issue)
    return structuredClone(comment)
  }

  /** Misbehaves as told for the next matching requests (see GitHubFault). */
  fault(fault: GitHubFault): void {
    this.faults.push({ times: 1, ...fault })
  }

  /** The issues (pull requests too when asked), oldest first. */
  issues(options: { pullRequests?: boolean } = {}): FakeIssue[] {
    return structuredClone(this.issueStore.filter(i => options.pullRequests === true || !i.pullRequest))
  }

  /** Adds an issue or a pull request directly, e.g. one a person opened before the action ran. */
  seedIssue(owner: string, repo: string, seed: SeedIssue): FakeIssue {
    const key = `${owner}/${repo}`
    const number = this.nextNumber.get(key) ?? 1
    this.nextNumber.set(key, number + 1)
    const now = this.tick()
    const state = seed.state ?? 'open'
    const issue: FakeIssue = {
      number,
      owner,
      repo,
      title: seed.title,
      body: seed.body ?? null,
      user: seed.user ?? 'octocat',
      state,
      stateReason: state === 'closed' ? 'completed' : null,
      labels: [...new Set(seed.labels ?? [])],
      pullRequest: seed.pullRequest === true,
      createdAt: now,
      updatedAt: now,
      closedAt: state === 'closed' ? now : null
    }
    this.issueStore.push(issue)
    return structuredClone(issue)
  }

  /** Requests other than the listing: the writes the action made. */
  writes(): GitHubRequest[] {
    return this.requests.filter(r => r.method !== 'GET')
  }

  private get bot(): string {
    return this.options.botLogin ?? 'github-actions[bot]'
  }

  private tick(): string {
    this.clock += 1000
    return new Date(this.clock).toISOString()
  }

  /** A new comment counts as a change to its issue, as on GitHub. */
  private touch(owner: string, repo: string, number: number): void {
    const issue = this.findIssue(owner, repo, number)
    if (issue) issue.updatedAt = this.tick()
  }

  private findIssue(owner: string, repo: string, number: number): FakeIssue | undefined {
    return this.issueStore.find(i => i.owner === owner && i.repo === repo && i.number === number)
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
    let cut = false
    try {
      const chunks: Buffer[] = []
      for await (const chunk of req) chunks.push(chunk as Buffer)
      record.body = Buffer.concat(chunks).toString('utf8')
      const fault = this.takeFault(record.method, Number(url.searchParams.get('page') ?? 1))
      if (fault?.hang) return
      cut = fault?.cutBody === true
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
    if (!cut) return void res.end(payload)
    // The headers promise the whole body; half of it comes, then the connection closes.
    res.write(payload.slice(0, Math.floor(payload.length / 2)), () => res.socket?.destroy())
  }

  private takeFault(method: string, page: number): (GitHubFault & { reply?: Reply }) | undefined {
    const index = this.faults.findIndex(
      fault => fault.method === method && (fault.page === undefined || fault.page === page)
    )
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
    return (
      this.routeComments(record, url) ?? this.routeIssues(record, url) ?? this.routeCommitPulls(record) ?? NOT_FOUND
    )
  }

  private routeComments(record: GitHubRequest, url: URL): Reply | undefined {
    const list = LIST_OR_CREATE.exec(record.path)
    if (list) {
      const [, owner, repo, issue] = list
      if (record.method === 'GET') return this.list(owner, repo, Number(issue), url)
      if (record.method === 'POST')
        return this.forbidden('POST', 'comments') ?? this.create(owner, repo, Number(issue), record.body)
      return methodNotAllowed()
    }
    const edit = EDIT.exec(record.path)
    if (edit) {
      const [, owner, repo, id] = edit
      if (record.method === 'PATCH')
        return this.forbidden('PATCH', 'comments') ?? this.edit(owner, repo, Number(id), record.body)
      return methodNotAllowed()
    }
    return undefined
  }

  private routeIssues(record: GitHubRequest, url: URL): Reply | undefined {
    const collection = ISSUES.exec(record.path)
    const single = ISSUE.exec(record.path)
    if (!collection && !single) return undefined
    if (this.issuesDisabled)
      return {
        status: 410,
        body: { message: 'Issues are disabled for this repo', documentation_url: 'https://docs.github.com/rest/issues' }
      }
    if (collection) {
      const [, owner, repo] = collection
      if (record.method === 'GET') return this.listIssues(owner, repo, url)
      if (record.method === 'POST') return this.forbidden('POST', 'issues') ?? this.openIssue(owner, repo, record.body)
      return methodNotAllowed()
    }
    const [, owner, repo, number] = single as RegExpExecArray
    const issue = this.findIssue(owner, repo, Number(number))
    if (record.method === 'GET') return issue ? { status: 200, body: this.shapeIssue(issue) } : NOT_FOUND
    if (record.method === 'PATCH') return this.forbidden('PATCH', 'issues') ?? this.editIssue(issue, record.body)
    return methodNotAllowed()
  }

  /**
   * [DOC: GitHub REST API, "List pull requests associated with a commit"] The merged pull request that
   * brought the commit (its merge_commit_sha), and those whose own commits include it, open or merged.
   */
  private routeCommitPulls(record: GitHubRequest): Reply | undefined {
    const match = COMMIT_PULLS.exec(record.path)
    if (!match) return undefined
    if (record.method !== 'GET') return methodNotAllowed()
    const [, owner, repo, sha] = match
    const same = (a: string | undefined): boolean => a?.toLowerCase() === sha.toLowerCase()
    const pulls = this.pullStore.filter(
      pr => pr.owner === owner && pr.repo === repo && (same(pr.mergeCommitSha) || (pr.commits ?? []).some(same))
    )
    return {
      status: 200,
      body: pulls.map(pr => ({
        number: pr.number,
        html_url: `https://github.com/${owner}/${repo}/pull/${pr.number}`,
        state: pr.mergeCommitSha ? 'closed' : 'open',
        merged_at: pr.mergeCommitSha ? '2025-01-01T00:00:00Z' : null,
        merge_commit_sha: pr.mergeCommitSha ?? null,
        head: { repo: { full_name: pr.headRepo ?? `${owner}/${repo}` } },
        base: { ref: 'main', repo: { full_name: `${owner}/${repo}` } }
      }))
    }
  }

  private authorized(header: string | undefined): boolean {
    if (this.options.token === undefined) return true
    const match = /^(?:token|bearer)\s+(\S+)$/i.exec(header ?? '')
    return match?.[1] === this.options.token
  }

  private forbidden(method: Write, docs: 'comments' | 'issues'): Reply | undefined {
    const status = this.refuse[method]
    if (status !== undefined) return { status, body: { message: `Fake GitHub refuses ${method} (${status})` } }
    if (!this.fork) return undefined
    return {
      status: 403,
      body: {
        message: 'Resource not accessible by integration',
        documentation_url: `https://docs.github.com/rest/issues/${docs}`
      }
    }
  }

  private list(owner: string, repo: string, issue: number, url: URL): Reply {
    const all = this.store.filter(c => c.owner === owner && c.repo === repo && c.issue === issue)
    const { items, headers } = this.paged(all, url)
    return { status: 200, headers, body: items.map(c => this.shape(c)) }
  }

  /** GitHub's paging: `per_page` (default 30, at most 100) and `page`, with a Link header keeping the query. */
  private paged<T>(all: T[], url: URL): { items: T[]; headers: Record<string, string> } {
    const perPage = Math.min(
      MAX_PER_PAGE,
      Math.max(1, Number(url.searchParams.get('per_page') ?? DEFAULT_PER_PAGE) || DEFAULT_PER_PAGE)
    )
    const page = Math.max(1, Number(url.searchParams.get('page') ?? 1) || 1)
    const lastPage = Math.max(1, Math.ceil(all.length / perPage))
    const items = all.slice((page - 1) * perPage, page * perPage)
    const headers: Record<string, string> = {}
    if (lastPage > 1) {
      const link = (n: number, rel: string): string => {
        const target = new URL(`${url.pathname}${url.search}`, this.url)
        target.searchParams.set('per_page', String(perPage))
        target.searchParams.set('page', String(n))
        return `<${target.toString()}>; rel="${rel}"`
      }
      const links: string[] = []
      if (page > 1) links.push(link(page - 1, 'prev'), link(1, 'first'))
      if (page < lastPage) links.push(link(page + 1, 'next'), link(lastPage, 'last'))
      headers.Link = links.join(', ')
    }
    return { items, headers }
  }

  private create(owner: string, repo: string, issue: number, raw: string): Reply {
    const body = commentBody(raw)
    if (body === undefined) return invalid(raw)
    const comment = this.seedComment(owner, repo, issue, body, this.bot)
    return {
      status: 201,
      headers: { Location: `${this.url}/repos/${owner}/${repo}/issues/comments/${comment.id}` },
      body: this.shape(comment)
    }
  }

  private edit(owner: string, repo: string, id: number, raw: string): Reply {
    const comment = this.store.find(c => c.id === id && c.owner === owner && c.repo === repo)
    if (!comment) return NOT_FOUND
    // Like GitHub: an installation token edits only its own comments.
    if (comment.user !== this.bot) return { status: 403, body: { message: 'Resource not accessible by integration' } }
    const body = commentBody(raw)
    if (body === undefined) return invalid(raw)
    comment.body = body
    comment.updatedAt = new Date().toISOString()
    return { status: 200, body: this.shape(comment) }
  }

  /**
   * GET /repos/{owner}/{repo}/issues: `state` open (default), closed or all; `labels` a comma-separated
   * list the issue must all carry; `creator` a login; `sort` created (default), updated or comments;
   * `direction` desc (default) or asc. Pull requests are issues here too, as on GitHub.
   */
  private listIssues(owner: string, repo: string, url: URL): Reply {
    const query = url.searchParams
    const state = query.get('state') ?? 'open'
    const sort = query.get('sort') ?? 'created'
    const direction = query.get('direction') ?? 'desc'
    if (!['open', 'closed', 'all'].includes(state)) return invalidParameter('state', state)
    if (!['created', 'updated', 'comments'].includes(sort)) return invalidParameter('sort', sort)
    if (!['asc', 'desc'].includes(direction)) return invalidParameter('direction', direction)
    const wanted = (query.get('labels') ?? '')
      .split(',')
      .map(name => name.trim().toLowerCase())
      .filter(Boolean)
    const creator = query.get('creator')?.toLowerCase()
    const matching = this.issueStore.filter(
      i =>
        i.owner === owner &&
        i.repo === repo &&
        (state === 'all' || i.state === state) &&
        wanted.every(name => i.labels.some(label => label.toLowerCase() === name)) &&
        (creator === undefined || i.user.toLowerCase() === creator)
    )
    const key = (i: FakeIssue): number =>
      sort === 'comments' ? this.commentCount(i) : Date.parse(sort === 'updated' ? i.updatedAt : i.createdAt)
    // Ties (a listing sorted by comments) fall back to the newest first, as GitHub's do.
    const sorted = [...matching].sort(
      (a, b) => (key(a) - key(b) || a.number - b.number) * (direction === 'asc' ? 1 : -1)
    )
    const { items, headers } = this.paged(sorted, url)
    return { status: 200, headers, body: items.map(i => this.shapeIssue(i)) }
  }

  private openIssue(owner: string, repo: string, raw: string): Reply {
    const fields = parseObject(raw)
    if (!fields || (typeof fields.title !== 'string' && typeof fields.title !== 'number') || fields.title === '')
      return validationFailed('missing_field', 'title')
    const body = issueBody(fields.body)
    if ('refused' in body) return body.refused
    const labels = labelNames(fields.labels)
    if (labels === undefined) return validationFailed('invalid', 'labels')
    const issue = this.seedIssue(owner, repo, { title: String(fields.title), body: body.body, user: this.bot, labels })
    return {
      status: 201,
      headers: { Location: `${this.url}/repos/${owner}/${repo}/issues/${issue.number}` },
      body: this.shapeIssue(this.findIssue(owner, repo, issue.number) as FakeIssue)
    }
  }

  /**
   * PATCH /repos/{owner}/{repo}/issues/{number}: title, body, state, state_reason, labels (the labels
   * given replace the issue's). Like GitHub, state_reason counts only alongside a change of state:
   * closing records it (completed unless told), reopening records "reopened".
   */
  private editIssue(issue: FakeIssue | undefined, raw: string): Reply {
    if (!issue) return NOT_FOUND
    const fields = parseObject(raw)
    if (!fields) return { status: 400, body: { message: 'Problems parsing JSON' } }
    if ('title' in fields && (typeof fields.title !== 'string' || fields.title === ''))
      return validationFailed('invalid', 'title')
    const body = 'body' in fields ? issueBody(fields.body) : { body: issue.body }
    if ('refused' in body) return body.refused
    const state = fields.state ?? issue.state
    if (state !== 'open' && state !== 'closed') return validationFailed('invalid', 'state')
    const reason = fields.state_reason ?? null
    if (reason !== null && !STATE_REASONS.includes(reason as IssueStateReason))
      return validationFailed('invalid', 'state_reason')
    const labels = 'labels' in fields ? labelNames(fields.labels) : issue.labels
    if (labels === undefined) return validationFailed('invalid', 'labels')

    const now = this.tick()
    if (typeof fields.title === 'string') issue.title = fields.title
    issue.body = body.body
    issue.labels = labels
    if (state !== issue.state) {
      issue.state = state
      issue.closedAt = state === 'closed' ? now : null
      issue.stateReason = state === 'closed' ? ((reason as IssueStateReason | null) ?? 'completed') : 'reopened'
    }
    issue.updatedAt = now
    return { status: 200, body: this.shapeIssue(issue) }
  }

  private commentCount(issue: FakeIssue): number {
    return this.store.filter(c => c.owner === issue.owner && c.repo === issue.repo && c.issue === issue.number).length
  }

  /** An issue as GitHub's REST API answers it (the fields a client may read; none invented). */
  private shapeIssue(i: FakeIssue): Record<string, unknown> {
    const api = `${this.url}/repos/${i.owner}/${i.repo}`
    const web = `https://github.com/${i.owner}/${i.repo}`
    return {
      id: 100_000 + i.number,
      node_id: `I_${i.number}`,
      url: `${api}/issues/${i.number}`,
      repository_url: api,
      labels_url: `${api}/issues/${i.number}/labels{/name}`,
      comments_url: `${api}/issues/${i.number}/comments`,
      events_url: `${api}/issues/${i.number}/events`,
      html_url: `${web}/${i.pullRequest ? 'pull' : 'issues'}/${i.number}`,
      number: i.number,
      state: i.state,
      state_reason: i.stateReason,
      title: i.title,
      body: i.body,
      user: userShape(i.user),
      labels: i.labels.map(name => ({
        id: [...name].reduce((sum, c) => sum + c.charCodeAt(0), 0),
        node_id: `LA_${name}`,
        url: `${api}/labels/${encodeURIComponent(name)}`,
        name,
        color: 'ededed',
        default: false,
        description: null
      })),
      assignee: null,
      assignees: [],
      milestone: null,
      locked: false,
      comments: this.commentCount(i),
      ...(i.pullRequest
        ? {
            pull_request: {
              url: `${api}/pulls/${i.number}`,
              html_url: `${web}/pull/${i.number}`,
              diff_url: `${web}/pull/${i.number}.diff`,
              patch_url: `${web}/pull/${i.number}.patch`,
              merged_at: null
            }
          }
        : {}),
      closed_at: i.closedAt,
      created_at: i.createdAt,
      updated_at: i.updatedAt,
      author_association: i.user === this.bot ? 'NONE' : 'MEMBER'
    }
  }

  private shape(c: FakeComment): Record<string, unknown> {
    const api = `${this.url}/repos/${c.owner}/${c.repo}`
    const onIssue = this.findIssue(c.owner, c.repo, c.issue)?.pullRequest === false
    return {
      id: c.id,
      node_id: `IC_${c.id}`,
      url: `${api}/issues/comments/${c.id}`,
      html_url: `https://github.com/${c.owner}/${c.repo}/${onIssue ? 'issues' : 'pull'}/${c.issue}#issuecomment-${c.id}`,
      issue_url: `${api}/issues/${c.issue}`,
      body: c.body,
      user: userShape(c.user),
      created_at: c.createdAt,
      updated_at: c.updatedAt,
      author_association: 'NONE'
    }
  }
}

function userShape(login: string): Record<string, unknown> {
  return { login, id: login.length, type: login.endsWith('[bot]') ? 'Bot' : 'User' }
}

function methodNotAllowed(): Reply {
  return { status: 405, body: { message: 'Method not allowed' } }
}

function parseObject(raw: string): Record<string, unknown> | undefined {
  try {
    const parsed: unknown = JSON.parse(raw)
    return parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)
      ? (parsed as Record<string, unknown>)
      : undefined
  } catch {
    return undefined
  }
}

/** An issue body may be absent or null (no description), but not longer than GitHub's limit. */
function issueBody(value: unknown): { body: string | null } | { refused: Reply } {
  if (value === undefined || value === null) return { body: null }
  if (typeof value !== 'string') return { refused: validationFailed('invalid', 'body') }
  return [...value].length > MAX_ISSUE_BODY ? { refused: bodyTooLong('Issue') } : { body: value }
}

/** Labels as names or `{ name }` objects, as GitHub accepts them; undefined when neither. */
function labelNames(value: unknown): string[] | undefined {
  if (value === undefined) return []
  if (!Array.isArray(value)) return undefined
  const names = value.map(label => (typeof label === 'string' ? label : (label as { name?: unknown } | null)?.name))
  return names.every(name => typeof name === 'string' && name !== '') ? [...new Set(names as string[])] : undefined
}

function validationFailed(code: 'missing_field' | 'invalid', field: string): Reply {
  return { status: 422, body: { message: 'Validation Failed', errors: [{ resource: 'Issue', code, field }] } }
}

function invalidParameter(field: string, value: string): Reply {
  return {
    status: 422,
    body: { message: 'Validation Failed', errors: [{ resource: 'Issue', code: 'invalid', field, value }] }
  }
}

function bodyTooLong(resource: 'Issue' | 'IssueComment'): Reply {
  return {
    status: 422,
    body: {
      message: 'Validation Failed',
      errors: [
        {
          resource,
          code: 'custom',
          field: 'body',
          message: `body is too long (maximum is ${MAX_COMMENT_BODY} characters)`
        }
      ]
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
  if (long) return bodyTooLong('IssueComment')
  return {
    status: 422,
    body: { message: 'Validation Failed', errors: [{ resource: 'IssueComment', code: 'missing_field', field: 'body' }] }
  }
}

/** The environment the runner sets for a `pull_request` event, pointed at this stand-in; `headSha` is the pull request's head commit. */
export function pullRequestEnv(
  github: FakeGitHubApi,
  owner: string,
  repo: string,
  number: number,
  headSha?: string
): Record<string, string> {
  const eventPath = join(mkdtempSync(join(tmpdir(), 'gh-event-')), 'event.json')
  writeFileSync(
    eventPath,
    JSON.stringify({
      action: 'synchronize',
      number,
      pull_request: { number, head: { ref: 'feature', ...(headSha ? { sha: headSha } : {}) }, base: { ref: 'main' } },
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

/** The environment the runner sets for a `schedule` event (how `mode: check` runs), pointed at this stand-in. */
export function scheduleEnv(github: FakeGitHubApi, owner: string, repo: string): Record<string, string> {
  const eventPath = join(mkdtempSync(join(tmpdir(), 'gh-event-')), 'event.json')
  writeFileSync(eventPath, JSON.stringify({ schedule: '17 6 * * *' }))
  return {
    GITHUB_EVENT_NAME: 'schedule',
    GITHUB_EVENT_PATH: eventPath,
    GITHUB_REPOSITORY: `${owner}/${repo}`,
    GITHUB_API_URL: github.url
  }
}

/** The environment the runner sets for a `push` of `sha` to main (how an apply after a merge runs), pointed at this stand-in. */
export function pushEnv(github: FakeGitHubApi, owner: string, repo: string, sha: string): Record<string, string> {
  const eventPath = join(mkdtempSync(join(tmpdir(), 'gh-event-')), 'event.json')
  writeFileSync(
    eventPath,
    JSON.stringify({
      ref: 'refs/heads/main',
      after: sha,
      repository: { name: repo, full_name: `${owner}/${repo}`, owner: { login: owner }, default_branch: 'main' }
    })
  )
  return {
    GITHUB_EVENT_NAME: 'push',
    GITHUB_EVENT_PATH: eventPath,
    GITHUB_REF: 'refs/heads/main',
    GITHUB_SHA: sha,
    GITHUB_REPOSITORY: `${owner}/${repo}`,
    GITHUB_API_URL: github.url
  }
}
