/** Reading the action's inputs, shared by the settings (settings.ts) and the inline connector (spec/inline.ts). */

/** One input by its action.yml name, as text ('' when not set). */
export type InputReader = (name: string) => string

/** true/false in any case; anything else is undefined (an error for the caller to report). */
export function parseBoolean(text: string): boolean | undefined {
  const lower = text.trim().toLowerCase()
  return lower === 'true' ? true : lower === 'false' ? false : undefined
}
