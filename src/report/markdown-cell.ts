import { clip, visibleText } from '../text.js'
import { MAX_VALUE } from './context.js'

/**
 * The one escape for text in the job summary and the pull-request comment (a table cell, a
 * list item): one line, clipped, markdown and HTML shown as text, @mentions that ping nobody
 * (a zero-width space after the @, as Dependabot does). Backslash escapes keep `|` from
 * splitting the table and `` ` ``, `*`, `_`, `~`, `[`, `#` from formatting or linking.
 */
export function cell(text: string, max = MAX_VALUE): string {
  return clip(visibleText(text), max)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/[\\`*_~[\]|#]/g, '\\$&')
    .replace(/@/g, '@&#8203;')
}
