import { describe, expect, it } from '@jest/globals'
import { existsSync, readFileSync, statSync } from 'node:fs'
import { dirname, relative, resolve } from 'node:path'
import { docPages } from '../scripts/docs.js'

const root = resolve(import.meta.dirname, '..')
const read = (path: string): string => readFileSync(resolve(root, path), 'utf8')
const PAGES = ['README.md', 'SECURITY.md', 'CHANGELOG.md', ...docPages()]

/**
 * Links that leave the repository on purpose: GitHub pages of the repository itself, which a relative
 * link reaches on github.com but no file holds.
 */
const GITHUB_ROUTES = ['../../security/advisories/new']

/** The page without its fenced blocks and inline code, where a `[x](y)` or `#` is not Markdown. */
function prose(markdown: string): string {
  return withoutFences(markdown).replace(/(`+)[^\n]*?\1/g, '``')
}

function withoutFences(markdown: string): string {
  return markdown.replace(/^(```|~~~)[^\n]*\n[\s\S]*?^\1$/gm, '')
}

/** GitHub's heading anchors: lower case, punctuation dropped but - and _, spaces to -, repeats get -1, -2. */
function anchors(markdown: string): Set<string> {
  const seen = new Map<string, number>()
  const slugs = new Set<string>()
  for (const [, text] of withoutFences(markdown)
    .replace(/`([^`\n]*)`/g, '$1')
    .matchAll(/^#{1,6} +(.+?) *#* *$/gm)) {
    const plain = text.replace(/\[([^\]]*)\]\([^)]*\)/g, '$1').replace(/[*]/g, '')
    const slug = plain
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\s_-]/gu, '')
      .replace(/\s/g, '-')
    const count = seen.get(slug) ?? 0
    seen.set(slug, count + 1)
    slugs.add(count === 0 ? slug : `${slug}-${count}`)
  }
  return slugs
}

/** What is wrong with the relative links of a page, one line each. */
function brokenLinks(page: string, markdown = read(page)): string[] {
  const problems: string[] = []
  for (const [, target] of prose(markdown).matchAll(/\]\(([^)\s]+)(?: "[^"]*")?\)/g)) {
    if (/^[a-z][a-z+.-]*:/i.test(target) || GITHUB_ROUTES.includes(target)) continue
    const [path, anchor] = target.split('#', 2)
    const file = path === '' ? resolve(root, page) : resolve(root, dirname(page), path)
    if (relative(root, file).startsWith('..')) problems.push(`${page}: ${target} leaves the repository`)
    else if (!existsSync(file)) problems.push(`${page}: ${target}: no such file`)
    else if (anchor !== undefined) {
      if (statSync(file).isDirectory() || !file.endsWith('.md')) problems.push(`${page}: ${target}: not a page`)
      else if (!anchors(readFileSync(file, 'utf8')).has(anchor))
        problems.push(`${page}: ${target}: ${relative(root, file)} has no heading #${anchor}`)
    }
  }
  return problems
}

describe('links in the README, docs/, SECURITY.md and CHANGELOG.md', () => {
  it('every relative link and #anchor resolves', () => {
    expect(PAGES.length).toBeGreaterThan(10)
    expect(PAGES.flatMap(page => brokenLinks(page))).toEqual([])
  })

  it('anchors follow GitHub: punctuation and code marks dropped, spaces to -, repeats numbered', () => {
    const page = [
      '# Secrets and rotation',
      '## Pushing the secret by hand: `force-update`',
      '## Check (`mode: check`)',
      '## What to do and from which spec',
      '## What to do and from which spec',
      '```sh',
      '# not a heading',
      '```',
      '## snake_case and kebab-case, 2 of them'
    ].join('\n')
    expect([...anchors(page)]).toEqual([
      'secrets-and-rotation',
      'pushing-the-secret-by-hand-force-update',
      'check-mode-check',
      'what-to-do-and-from-which-spec',
      'what-to-do-and-from-which-spec-1',
      'snake_case-and-kebab-case-2-of-them'
    ])
  })

  it('a link to a missing page, a missing heading or out of the repository is reported', () => {
    const page = '[a](gitops.md#nowhere) [b](missing.md) [c](gitops.md#the-workflow) [d](../../x.md) `[e](skip.md)`'
    expect(brokenLinks('docs/page.md', page)).toEqual([
      'docs/page.md: gitops.md#nowhere: docs/gitops.md has no heading #nowhere',
      'docs/page.md: missing.md: no such file',
      'docs/page.md: ../../x.md leaves the repository'
    ])
  })
})
