import { HttpError } from '../http/errors.js'

/**
 * The status of GitHub's "no" that asking again will not change: 401 (the token is not valid),
 * 403 (no permission, a fork's token; rate limits are waited out by the transport before this),
 * 404 (the token cannot see it) and 410 (the feature is turned off in the repository).
 * Undefined for any other failure.
 */
export function refusedStatus(error: unknown): number | undefined {
  if (!(error instanceof HttpError)) return undefined
  const refused =
    error.kind === 'unauthorized' || error.kind === 'forbidden' || error.kind === 'not-found' || error.status === 410
  return refused ? error.status : undefined
}
