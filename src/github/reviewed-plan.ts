/**
 * The apply's half of the reviewed plan: on a push, the pull request that brought the commit (GitHub's
 * "list pull requests associated with a commit": a merge, squash or rebase merge sets the pull request's
 * merge_commit_sha to the commit pushed) and the fingerprint in its plan comment.
 */
import { HttpError } from '../http/errors.js'
import type { ConnectionOptions } from '../http/transport.js'
import { readReviewedPlan } from '../reviewed-plan/comment-block.js'
import { pullRequestSalt } from '../reviewed-plan/fingerprint.js'
import type { ReviewedPlanLookup } from '../reviewed-plan/review.js'
import { errorMessage } from '../values.js'
import { call } from './call.js'
import { repositoryOf, type RepositoryRef } from './event.js'
import type { GitHubClient, Octokit } from './octokit.js'
import { githubApiUrl } from './peer.js'
import { findPlanComment, listComments } from './pr-comment.js'
import { refusedStatus } from './refusal.js'

export interface ReviewedPlanTarget {
  token: string | undefined
  /** GITHUB_EVENT_NAME, GITHUB_SHA, GITHUB_REPOSITORY, GITHUB_API_URL. */
  env: Readonly<Record<string, string | undefined>>
  connection: ConnectionOptions
  /** The spec's owner key: which plan comment of the pull request is this spec's. */
  ownerKey?: string
}

/** The fields of a pull request the lookup reads; GitHub sends many more. */
interface PullRequestAnswer {
  number: number
  html_url?: string
  merged_at?: string | null
  merge_commit_sha?: string | null
  head?: { repo?: { full_name?: string } | null }
  base?: { repo?: { full_name?: string } }
}

const SHA = /^[0-9a-f]{40}$/i

/** The reviewed plan of the commit this push brought, or why there is none. */
export async function findReviewedPlan(target: ReviewedPlanTarget): Promise<ReviewedPlanLookup> {
  const { env } = target
  const event = env.GITHUB_EVENT_NAME
  if (!event)
    return { status: 'none', reason: 'the run names no GitHub event (GITHUB_EVENT_NAME is not set)', notAPush: true }
  if (event !== 'push')
    return { status: 'none', reason: `the run is a ${event} event, not the push of a merge`, notAPush: true }
  const commit = env.GITHUB_SHA ?? ''
  if (!SHA.test(commit)) return { status: 'failed', problem: 'GITHUB_SHA is not a commit SHA' }
  const repository = repositoryOf(env)
  if ('reason' in repository) return { status: 'failed', problem: repository.reason }
  if (!target.token) return { status: 'failed', problem: 'no github-token is given to read the pull request' }
  const api = githubApiUrl(env)
  if ('problem' in api) return { status: 'failed', problem: api.problem }
  const { gitHubClient } = await import('./octokit.js')
  let github: GitHubClient
  try {
    github = await gitHubClient(target.token, { ...target.connection, baseUrl: api.url })
  } catch (error) {
    return { status: 'failed', problem: errorMessage(error) }
  }
  try {
    return await lookUp(github.octokit, repository.repository, commit, target.ownerKey)
  } catch (error) {
    const status = refusedStatus(error)
    const advice = status === undefined ? '' : `; the token needs pull-requests: read (GitHub answered ${status})`
    return { status: 'failed', problem: `${errorMessage(error)}${advice}` }
  } finally {
    github.dispose()
  }
}

async function lookUp(
  github: Octokit,
  repository: RepositoryRef,
  commit: string,
  ownerKey: string | undefined
): Promise<ReviewedPlanLookup> {
  const merged = await mergedPullRequest(github, repository, commit)
  const short = commit.slice(0, 7).toLowerCase()
  if (!merged) return { status: 'none', reason: `pushed directly: commit ${short} is not the merge of a pull request` }
  const pullRequest = { number: merged.number, ...(merged.html_url ? { url: merged.html_url } : {}) }
  const fork = merged.head?.repo?.full_name !== merged.base?.repo?.full_name
  const comments = await listComments(github, { ...repository, number: merged.number })
  const comment = findPlanComment(comments, ownerKey)
  if (!comment)
    return {
      status: 'none',
      pullRequest,
      reason: fork
        ? `#${merged.number} came from a fork, where no plan is posted`
        : `comment missing: #${merged.number} has no plan comment of this spec (was its plan step run, with pr-comment on?)`
    }
  const plan = readReviewedPlan(comment.body ?? '')
  if (!plan)
    return {
      status: 'none',
      pullRequest,
      reason: `the plan comment on #${merged.number} carries no plan fingerprint (its last plan failed, or an older version of the action posted it)`
    }
  return { status: 'found', pullRequest, salt: pullRequestSalt(repository.owner, repository.repo, merged.number), plan }
}

/** The merged pull request whose merge commit is `commit`; the endpoint also lists open ones that merely contain it. */
async function mergedPullRequest(
  github: Octokit,
  repository: RepositoryRef,
  commit: string
): Promise<PullRequestAnswer | undefined> {
  const what = `list the pull requests of commit ${commit.slice(0, 7)}`
  // One page: a merge commit is the merge of one pull request, and the ones that merely contain it come after.
  const { data } = await github.rest.repos.listPullRequestsAssociatedWithCommit({
    ...repository,
    commit_sha: commit,
    per_page: 100,
    ...call(what)
  })
  if (!Array.isArray(data)) throw new HttpError(`${what}: GitHub's answer is not a list of pull requests`, 'protocol')
  return (data as unknown as PullRequestAnswer[]).find(
    pr =>
      typeof pr?.number === 'number' &&
      Boolean(pr.merged_at) &&
      typeof pr.merge_commit_sha === 'string' &&
      pr.merge_commit_sha.toLowerCase() === commit.toLowerCase()
  )
}
