import { plural } from '../text.js'
import { inline } from './markdown-cell.js'

/**
 * The export summary: the file as written, in a fence longer than any run of backticks in it,
 * so no line of it (a connector's description) can close the block and become markdown.
 */
export function exportMarkdown(file: string, text: string, count: number): string {
  const longest = Math.max(0, ...[...text.matchAll(/`+/g)].map(match => match[0].length))
  const fence = '`'.repeat(Math.max(3, longest + 1))
  return `### Qualys Azure tenant connectors: export\n\n${plural(count, 'connector')} written to ${inline(file)}. Commit it, set the secret variables it names, and run plan.\n\n${fence}yaml\n${text.replace(/\n$/, '')}\n${fence}\n`
}
