/**
 * The fenced code blocks of the Markdown pages, so that what the pages show can be checked like code:
 * scripts/lint-workflows.ts lints every workflow among them, and the docs tests check each workflow's
 * `env:` against the spec it reads.
 */
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { docPages } from './docs.js'

const root = resolve(import.meta.dirname ?? new URL('.', import.meta.url).pathname, '..')

export interface Block {
  /** The page, relative to the repository root. */
  page: string
  /** The line of the page the block's first line of text is on (1-based). */
  line: number
  text: string
}

/** The pages whose blocks are checked: the README and every page of docs/. */
export function documentedPages(): string[] {
  return ['README.md', ...docPages()]
}

/** The ```yaml blocks of a page. */
export function yamlBlocks(page: string, markdown = readFileSync(resolve(root, page), 'utf8')): Block[] {
  const blocks: Block[] = []
  const lines = markdown.split('\n')
  for (let i = 0; i < lines.length; i++) {
    if (lines[i] !== '```yaml') continue
    const end = lines.indexOf('```', i + 1)
    if (end === -1) throw new Error(`${page}:${i + 1}: a yaml block that is never closed`)
    blocks.push({ page, line: i + 2, text: lines.slice(i + 1, end).join('\n') + '\n' })
    i = end
  }
  return blocks
}

/** A whole workflow, as opposed to a step or a spec: top-level `on:` and `jobs:`. */
export function isWorkflow(block: Block): boolean {
  return /^on:/m.test(block.text) && /^jobs:/m.test(block.text)
}

/**
 * The path a spec block stands for: its first line is a comment naming it (`# qualys/connectors.yaml`).
 * A workflow's `spec-file:` reads the block of that path on the same page.
 */
export function specPath(block: Block): string | undefined {
  return /^# ([\w./-]+\.ya?ml)\n/.exec(block.text)?.[1]
}

/** Every workflow shown in the README and docs/. */
export function documentedWorkflows(): Block[] {
  return documentedPages().flatMap(page => yamlBlocks(page).filter(isWorkflow))
}
