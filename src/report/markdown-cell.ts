import { clip, visibleText } from '../text.js'
import { MAX_VALUE } from './context.js'

/**
 * The one place where text from outside becomes Markdown: the plan comment, the check issue, the
 * failure comment and every job summary put it here, and nowhere else.
 *
 * Outside text is anything the action did not write itself: what Qualys, Microsoft or GitHub said
 * (errors, names and values from a listing, states, the "from" side of a change), and the spec's
 * own names and values too, since a pull request's spec can carry the same payloads as a server.
 * Messages the action builds around such text (errors, warnings, notes, a run's problem) count as
 * outside text as a whole: they quote it. Only the action's fixed words (titles, counts, field
 * names, results) and numbers are written as Markdown.
 *
 * Outside text goes into a code span: nothing inside one is a link (no autolink of `https://` or
 * `www.`), a mention, an issue reference, HTML or emphasis, in GitHub's renderer or any
 * CommonMark one, where escaping each construct by hand always misses one. The fence is one
 * backtick more than the longest run in the text, and a space pads each side when the text starts
 * or ends with a backtick or a space (CommonMark strips exactly one from each side). Line breaks
 * and tabs become spaces and unseen characters go (text.ts), and the text is clipped before it is
 * wrapped, so a cut never leaves a span open. In a table cell a `|` is written `\|`: GitHub splits
 * the row before it reads code spans, and removes that backslash again.
 */
function codeSpan(text: string, max: number, inTable: boolean): string {
  const shown = clip(visibleText(text), max)
  if (shown === '') return ''
  let longest = 0
  for (const run of shown.match(/`+/g) ?? []) longest = Math.max(longest, run.length)
  const fence = '`'.repeat(longest + 1)
  const pad = /^[ `]|[ `]$/.test(shown) && /[^ ]/.test(shown) ? ' ' : ''
  const body = inTable ? shown.replace(/\|/g, '\\|') : shown
  return `${fence}${pad}${body}${pad}${fence}`
}

/** Outside text in a table cell: one inert code span, clipped to `max` characters. */
export function cell(text: string, max = MAX_VALUE): string {
  return codeSpan(text, max, true)
}

/** Outside text anywhere else (a list item, a quote, a sentence): one inert code span, clipped to `max` characters. */
export function inline(text: string, max = MAX_VALUE): string {
  return codeSpan(text, max, false)
}
