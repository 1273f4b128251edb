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
  const plain = withoutTags(withoutScripts(text)).replace(/\s+/g, ' ').trim()
  return clip(redact(plain))
}

/**
 * Each `<script …>…</script>` and `<style …>…</style>` block as one space: what
 * `/<(script|style)[^>]*>[\s\S]*?<\/\1>/gi` replaces, without that pattern's search of the whole
 * rest of the answer from every block left open (minutes on a 1 MiB answer of `<script>`s, issue 26).
 * The next `>` and the next closing tag of each name are remembered: the search only moves forward.
 */
function withoutScripts(text: string): string {
  // ASCII letters only, as the pattern's `i` flag compares them: the indexes stay the text's.
  const lower = text.replace(/[A-Z]+/g, letters => letters.toLowerCase())
  const closing: Record<string, number> = { script: -2, style: -2 }
  let nextGt = -2
  let out = ''
  let from = 0
  for (let at = 0; ;) {
    const open = lower.indexOf('<', at)
    if (open === -1) break
    const name = lower.startsWith('script', open + 1) ? 'script' : lower.startsWith('style', open + 1) ? 'style' : ''
    at = open + 1
    if (name === '') continue
    if (nextGt !== -1 && nextGt < open + 1 + name.length) nextGt = lower.indexOf('>', open + 1 + name.length)
    // No `>` after this `<`: none after any later one either.
    if (nextGt === -1) break
    const tag = `</${name}>`
    if (closing[name] !== -1 && closing[name] < nextGt + 1) closing[name] = lower.indexOf(tag, nextGt + 1)
    if (closing[name] === -1) continue
    out += `${text.slice(from, open)} `
    from = at = closing[name] + tag.length
  }
  return out + text.slice(from)
}

/** Each `<…>` as one space: what `/<[^>]+>/g` replaces, without its search to the end from every `<` never closed. */
function withoutTags(text: string): string {
  let out = ''
  let from = 0
  for (let at = 0; ;) {
    const open = text.indexOf('<', at)
    if (open === -1) break
    const close = text.indexOf('>', open + 1)
    if (close === -1) break
    at = open + 1
    // `<>` holds nothing: not a tag.
    if (close === open + 1) continue
    out += `${text.slice(from, open)} `
    from = at = close + 1
  }
  return out + text.slice(from)
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
