import { HttpError } from '../http/errors.js'

/** The transport's error behind a failed GitHub call: Octokit's RequestError carries it as `cause`. */
export function transportError(error: unknown): HttpError | undefined {
  if (error instanceof HttpError) return error
  const cause = (error as { cause?: unknown } | null)?.cause
  return cause instanceof HttpError ? cause : undefined
}

/**
 * The status of GitHub's "no" that asking again will not change: 401 (the token is not valid),
 * 403 (no permission, a fork's token; rate limits are waited out by the transport before this),
 * 404 (the token cannot see it) and 410 (the feature is turned off in the repository).
 * Undefined for any other failure.
 */
export function refusedStatus(error: unknown): number | undefined {
  const failure = transportError(error)
  if (!failure) return undefined
  const refused =
    failure.kind === 'unauthorized' ||
    failure.kind === 'forbidden' ||
    failure.kind === 'not-found' ||
    failure.status === 410
  return refused ? failure.status : undefined
}
