/**
 * What a GitHub call does, for its messages ("list the issues"). Carried as a request header because that
 * is the one option Octokit's `paginate` hands on to every later page; the client (octokit.ts) takes it off
 * before anything is sent. Free of Octokit, so the modules that name calls load nothing heavy.
 */
export const CALL_HEADER = 'x-action-call'

/** The options that name a call, to spread into an Octokit call's parameters. */
export function call(what: string): { headers: Record<string, string> } {
  return { headers: { [CALL_HEADER]: what } }
}
