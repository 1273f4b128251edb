import { PR_COMMENT_MARKER } from '../report/render.js'

export type CommentResult =
  | { status: 'created' | 'updated'; url: string }
  | { status: 'skipped'; reason: string }

/**
 * Posts the plan as ONE comment on the pull request, edited in place on later runs (found by
 * a hidden marker). @actions/github is loaded only here, so runs that post nothing start fast.
 */
export async function upsertPlanComment(token: string, markdown: string): Promise<CommentResult> {
  const { context, getOctokit } = await import('@actions/github')
  const number = context.payload.pull_request?.number
  if (!context.eventName.startsWith('pull_request') || typeof number !== 'number') {
    return { status: 'skipped', reason: `the event is ${context.eventName || 'unknown'}, not a pull request` }
  }
  const octokit = getOctokit(token, { baseUrl: context.apiUrl })
  const target = { ...context.repo, issue_number: number }
  const body = `${PR_COMMENT_MARKER}\n${markdown}`
  try {
    const comments = await octokit.paginate(octokit.rest.issues.listComments, { ...target, per_page: 100 })
    // The marker can be pasted by anyone: prefer a bot's comment, and if ours cannot be edited, post anew.
    const marked = comments.filter(comment => comment.body?.includes(PR_COMMENT_MARKER))
    const mine = marked.find(comment => comment.user?.type === 'Bot') ?? marked[0]
    if (mine) {
      try {
        const { data } = await octokit.rest.issues.updateComment({ ...context.repo, comment_id: mine.id, body })
        return { status: 'updated', url: data.html_url }
      } catch (error) {
        if ((error as { status?: number }).status !== 403 && (error as { status?: number }).status !== 404) throw error
      }
    }
    const { data } = await octokit.rest.issues.createComment({ ...target, body })
    return { status: 'created', url: data.html_url }
  } catch (error) {
    const status = (error as { status?: number }).status
    if (status === 401 || status === 403 || status === 404) {
      return { status: 'skipped', reason: `GitHub refused the comment (${status}): the token lacks pull-requests: write, or the pull request comes from a fork` }
    }
    throw error
  }
}
