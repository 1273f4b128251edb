/** Building HTTP replies (JSON, Qualys-style and Spring-style errors, text) and reading requests. */
import http from 'node:http'
import type { IncomingHttpHeaders, IncomingMessage } from 'node:http'
import { randomBytes, randomUUID } from 'node:crypto'
import { ApiError, Context, Reply } from './model.js'

// ---------------------------------------------------------------------------------------------
// Small helpers
// ---------------------------------------------------------------------------------------------

export function json(status: number, value: unknown, headers: Record<string, string> = {}): Reply {
  return {
    status,
    headers: { 'Content-Type': 'application/json', ...headers },
    body: JSON.stringify(value)
  }
}

export function errorReply(status: number, message: string, headers: Record<string, string> = {}): Reply {
  return json(status, { status, message }, headers)
}

export function text(status: number, body: string, contentType = 'text/plain;charset=UTF-8'): Reply {
  return { status, headers: { 'Content-Type': contentType }, body }
}

/** Qualys timestamps look like "2023-05-17T05:19:11.727+00:00". */
export function qualysTime(ms: number): string {
  return new Date(ms).toISOString().replace('Z', '+00:00')
}

/** Seconds as the limit headers carry them; fractional so that tests may use small windows. */
export function seconds(ms: number): string {
  return String(Math.max(0, Math.ceil(ms)) / 1000)
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

export function headerValue(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name.toLowerCase()]
  return Array.isArray(value) ? value[0] : value
}

export function makeJwt(subject: string, expiresAtMs: number): string {
  const part = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url')
  const header = { alg: 'HS256', typ: 'JWT' }
  const payload = {
    sub: subject,
    iss: 'fake-qualys-gateway',
    iat: Math.floor(Date.now() / 1000),
    exp: Math.floor(expiresAtMs / 1000),
    jti: randomUUID()
  }
  // The signature is random: clients must treat the token as opaque.
  return `${part(header)}.${part(payload)}.${randomBytes(32).toString('base64url')}`
}

export const HTML_502 =
  '<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n' +
  '<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n'

// ---------------------------------------------------------------------------------------------
// Module-private request helpers
// ---------------------------------------------------------------------------------------------

export async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = []
  for await (const chunk of req) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks).toString('utf8')
}

export function statusFaultReply(fault: { status: number; headers?: Record<string, string>; body?: string }): Reply {
  if (fault.body === undefined) {
    return errorReply(fault.status, http.STATUS_CODES[fault.status] ?? 'Injected fault', fault.headers)
  }
  const hasType = Object.keys(fault.headers ?? {}).some(h => h.toLowerCase() === 'content-type')
  const looksJson = /^\s*[[{]/.test(fault.body)
  const headers: Record<string, string> = hasType
    ? {}
    : { 'Content-Type': looksJson ? 'application/json' : 'text/plain' }
  return { status: fault.status, headers: { ...headers, ...fault.headers }, body: fault.body }
}

/** Spring answers 415 when the body is not declared as JSON; the client must send the header. */
export function requireJson(ctx: Context): void {
  const contentType = headerValue(ctx.req.headers, 'content-type') ?? ''
  if (!contentType.toLowerCase().startsWith('application/json')) {
    throw new ApiError(415, 'Content-Type must be application/json')
  }
}

export function intParam(query: Record<string, string>, name: string, fallback: number, min: number): number {
  const raw = query[name]
  if (raw === undefined || raw === '') return fallback
  if (!/^\d+$/.test(raw) || Number(raw) < min) throw new ApiError(400, `${name} must be an integer >= ${min}`)
  return Number(raw)
}
