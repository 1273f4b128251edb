/** Why a call to a peer (Qualys, Microsoft) failed, in terms a caller can act on. */
export type FailureKind =
  | 'unauthorized' // 401
  | 'forbidden' // 403
  | 'rejected' // other 4xx: the server refused the request as sent
  | 'not-found' // 404 / 405
  | 'duplicate-name' // create/update refused because the name is taken
  | 'throttled' // 429 / 409 throttling, after the retries ran out
  | 'server' // 5xx after the retries
  | 'network' // reset, refused, a DNS answer that may change
  | 'unreachable' // the gateway host does not exist (ENOTFOUND): retrying cannot help
  | 'timeout'
  | 'protocol' // an answer we cannot read (HTML, truncated JSON)

export class HttpError extends Error {
  constructor(
    message: string,
    readonly kind: FailureKind,
    readonly status?: number,
    /** The server may have acted on the request (a write must be checked before it is sent again). */
    readonly ambiguous = false
  ) {
    super(message)
    this.name = 'HttpError'
  }
}

/** Text as it may be shown; the identity when no secret is known. */
export type Redact = (text: string) => string

/**
 * The server's own words from an error body: JSON message fields, or text stripped of HTML.
 * `redact` runs after every step that changes the text (the JSON decode of `\u` escapes, the
 * collapse of whitespace) and before the clip, so no form or piece of a secret survives.
 */
export function serverMessage(body: string, redact: Redact = text => text): string {
  const text = redact(body).trim()
  if (text === '') return ''
  try {
    const parsed: unknown = JSON.parse(text)
    const found = findMessage(parsed)
    // One line: a server's line breaks must not become log lines of their own.
    if (found) return clip(redact(redact(found).replace(/\s+/g, ' ').trim()))
  } catch {
    // Not JSON: a proxy page or plain text (or JSON nested past the stack: read as text).
  }
  const plain = text
    .replace(/<(script|style)[^>]*>[\s\S]*?<\/\1>/gi, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
  return clip(redact(plain))
}

function findMessage(value: unknown): string | undefined {
  if (typeof value === 'string') return value
  if (Array.isArray(value)) return value.map(findMessage).filter(Boolean).join('; ') || undefined
  if (value === null || typeof value !== 'object') return undefined
  const record = value as Record<string, unknown>
  for (const key of ['message', 'errorMessage', 'error_description', 'detail', 'error', 'errors', 'title']) {
    const found = findMessage(record[key])
    // An error code that is an object would print as "[object Object]": only a scalar one is shown.
    const code =
      typeof record.errorCode === 'string' || typeof record.errorCode === 'number' ? record.errorCode : undefined
    if (found) return code !== undefined && code !== '' ? `${found} (${code})` : found
  }
  return undefined
}

function clip(text: string): string {
  return text.length > 500 ? `${text.slice(0, 497)}…` : text
}

/**
 * The peer's call budget is used up until `resumeAt` (epoch ms), beyond what the run may wait: no call is
 * made before then. Thrown before a request is sent, or for one the peer refused unanswered (a 429), so a
 * call that meets it did nothing.
 */
export class BudgetSpentError extends HttpError {
  constructor(
    message: string,
    readonly resumeAt: number
  ) {
    super(message, 'throttled', 429)
    this.name = 'BudgetSpentError'
  }
}
