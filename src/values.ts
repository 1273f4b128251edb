/** Small checks on values from outside (parsed JSON and YAML, thrown errors), shared by every module. */

/** A plain object (not null, not an array): what a JSON or YAML mapping parses to. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
}

/** The value as a record, or undefined when it is not one (for optional chaining through answers). */
export function asRecord(value: unknown): Record<string, unknown> | undefined {
  return isRecord(value) ? value : undefined
}

/** What a caught value says: an Error's message, or the value as text (anything may be thrown). */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}
