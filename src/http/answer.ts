/**
 * Reading an answer safely, before anything parses it: a size cap (a larger or endless answer is
 * cut off and refused), a nesting cap on JSON, and the headers in one flat shape.
 */
import type { IncomingHttpHeaders, IncomingMessage } from 'node:http'
import type { ApiRequest, Peer } from './exchange.js'
import { HttpError } from './errors.js'

/**
 * Largest listing page read (a request with pageNumber or listingPage): 1000 connectors of a few KiB,
 * or 100 GitHub comments of up to 65,536 characters each, fit with room to spare.
 */
export const MAX_PAGE_BYTES = 32 * 1024 * 1024
/** Largest other answer read (one connector, a token, an error page). */
export const MAX_ANSWER_BYTES = 1024 * 1024
/** JSON nested deeper is refused before it is parsed or read: a real answer is about five levels deep. */
const MAX_JSON_DEPTH = 64

/** Reads the answer up to `limit` bytes; a longer (or endless) one is cut off and refused. */
export function readBody(request: ApiRequest, message: IncomingMessage, limit: number, peer: Peer): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    const tooLarge = (): void => {
      // Rejected first: destroying the answer emits 'aborted' at once, which would say "reset".
      reject(
        new HttpError(
          `${request.what}: ${peer.name} answered with more than ${formatBytes(limit)}, more than any real answer; it was not read (${peer.networkAdvice}).`,
          'protocol',
          message.statusCode,
          !request.idempotent
        )
      )
      message.destroy()
    }
    if (Number(message.headers['content-length']) > limit) return tooLarge()
    message.on('data', (chunk: Buffer) => {
      size += chunk.length
      if (size > limit) return tooLarge()
      chunks.push(chunk)
    })
    message.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')))
    message.on('error', error => reject(error))
    message.on('aborted', () =>
      reject(Object.assign(new Error('connection closed before the answer was complete'), { code: 'ECONNRESET' }))
    )
  })
}

/** JSON nested past any real answer would exhaust the stack of whatever reads it next: refused here. */
export function refuseDeepJson(request: ApiRequest, body: string, peer: Peer): void {
  if (jsonDepthExceeds(body, MAX_JSON_DEPTH)) {
    throw new HttpError(
      `${request.what}: ${peer.name} answered with JSON nested more than ${MAX_JSON_DEPTH} levels deep, which no real answer is; it was not read.`,
      'protocol',
      undefined,
      !request.idempotent
    )
  }
}

/** Header names lower-cased, repeated headers joined. */
export function flatHeaders(headers: IncomingHttpHeaders): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {}
  for (const [key, value] of Object.entries(headers))
    out[key.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value
  return out
}

/**
 * True when `body` is JSON (it starts with `{` or `[`) nested deeper than `max`. A scan of the
 * brackets outside strings, with no recursion of its own.
 */
export function jsonDepthExceeds(body: string, max: number): boolean {
  const start = body.trimStart()[0]
  if (start !== '{' && start !== '[') return false
  let depth = 0
  let inString = false
  for (let i = 0; i < body.length; i++) {
    const char = body.charCodeAt(i)
    if (inString) {
      if (char === 0x5c)
        i++ // a backslash escapes the next character
      else if (char === 0x22) inString = false
    } else if (char === 0x22) inString = true
    else if (char === 0x7b || char === 0x5b) {
      if (++depth > max) return true
    } else if (char === 0x7d || char === 0x5d) depth--
  }
  return false
}

function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${bytes / 1024 / 1024} MiB` : `${bytes / 1024} KiB`
}
