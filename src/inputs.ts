/**
 * Reading the action's inputs: the reader and the boolean form shared by the settings
 * (settings.ts) and the inline connector (connector-spec/inline.ts), and the checked readers of the
 * settings, each reporting a problem that names its input.
 */
import { parseDuration, TIMEOUT_UNITS } from './duration.js'

/** One input by its action.yml name, as text ('' when not set). */
export type InputReader = (name: string) => string

/** true/false in any case; anything else is undefined (an error for the caller to report). */
export function parseBoolean(text: string): boolean | undefined {
  const lower = text.trim().toLowerCase()
  return lower === 'true' ? true : lower === 'false' ? false : undefined
}

/** Records a problem with one input (or several, named together). */
export type Fail = (input: string | readonly string[], message: string) => void

/** How an input, or several, is named in a problem. */
export function inputPath(input: string | readonly string[]): string {
  return typeof input === 'string' ? `input '${input}'` : `inputs ${input.map(name => `'${name}'`).join(', ')}`
}

/** One of the allowed words, in any case. */
export function oneOf<T extends string>(value: string, allowed: readonly T[], input: string, fail: Fail): T {
  const lower = value.toLowerCase() as T
  if (allowed.includes(lower)) return lower
  fail(input, `'${value}' is not one of ${allowed.join(', ')}`)
  return allowed[0]
}

/** true or false; `fallback` when empty. */
export function flag(value: string, input: string, fallback: boolean, fail: Fail): boolean {
  if (value === '') return fallback
  const parsed = parseBoolean(value)
  if (parsed === undefined) fail(input, `'${value}' is not true or false`)
  return parsed ?? fallback
}

/** A whole number within [min, max]. */
export function integer(value: string, input: string, min: number, max: number, fail: Fail): number {
  const number = /^\d+$/.test(value) ? Number(value) : NaN
  if (Number.isInteger(number) && number >= min && number <= max) return number
  fail(input, `'${value}' must be a whole number from ${min} to ${max}`)
  return min
}

/** A timeout in milliseconds: `30s`, `500ms`, `10m`, `1h`, `1m30s`, `2.5s`; a bare number is seconds. */
export function parseTimeout(value: string): number | undefined {
  if (/^\d+(\.\d+)?$/.test(value)) return Number(value) * 1000
  return parseDuration(value, TIMEOUT_UNITS, { fractions: true })
}

/** A timeout within [min, max] milliseconds. */
export function duration(value: string, input: string, min: number, max: number, fail: Fail): number {
  const ms = parseTimeout(value)
  if (ms !== undefined && ms >= min && ms <= max) return Math.round(ms)
  fail(
    input,
    ms === undefined
      ? `'${value}' is not a duration such as 30s, 10m or 1h`
      : `'${value}' must be between ${min} ms and ${max / 60_000} minutes`
  )
  return min
}

/** A service's base URL: https, or http on loopback only (a test stand-in); no credentials, query or fragment. */
export function serviceUrl(
  value: string,
  input: string,
  example: string,
  fail: Fail,
  credentialsHint = ''
): string | undefined {
  let url: URL
  try {
    url = new URL(value)
  } catch {
    // Never echo a URL that did not parse if it may hold user:password@ (a password may hold / or @).
    fail(
      input,
      `${value.includes('@') ? 'is' : `'${value}' is`} not a URL (expected ${example})${value.includes('@') ? '; it is not shown because it holds an @, as user:password@ would' : ''}`
    )
    return undefined
  }
  if (url.username || url.password) {
    fail(input, `must not contain credentials${credentialsHint}`)
    return undefined
  }
  const loopback = url.hostname === 'localhost' || url.hostname === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(url.hostname)
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) {
    fail(
      input,
      `must use https:// (${url.protocol}// is only accepted for a loopback test ${input === 'qualys-gateway-url' ? 'gateway' : 'stand-in'})`
    )
    return undefined
  }
  if (url.search || url.hash) fail(input, 'must not have a query or fragment')
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`
}
