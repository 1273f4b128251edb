/**
 * The README's input and output tables are generated from action.yml, and its `uses:` references
 * and CODEOWNERS' owners from REPOSITORY (src/repository.ts), so they cannot drift apart:
 * `npm run docs` rewrites them, and a test fails when they differ.
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { parse } from 'yaml'
import { REPOSITORY } from '../src/repository.js'

interface ActionYaml {
  inputs: Record<string, { description: string; required?: boolean; default?: string }>
  outputs: Record<string, { description: string }>
}

const root = resolve(import.meta.dirname ?? new URL('.', import.meta.url).pathname, '..')
export const README = resolve(root, 'README.md')
export const CODEOWNERS = resolve(root, 'CODEOWNERS')

/**
 * A reference to this action: `owner/name` after `uses: ` or a backtick and before `@` (a version,
 * tag or SHA). `actions/…` (checkout) is GitHub's, not this action.
 */
const ACTION_REFERENCE = /(?<=uses: |`)(?!actions\/)[\w.-]+\/[\w.-]+(?=@)/g
/** A team owner in CODEOWNERS: `@org/team`. */
const TEAM_OWNER = /(?<=\s)@[\w.-]+(?=\/[\w.-]+)/g

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ')
}

export function tables(actionYml: string): { inputs: string; outputs: string } {
  const action = parse(actionYml) as ActionYaml
  const inputs = [
    '| Input | Default | Description |',
    '|---|---|---|',
    ...Object.entries(action.inputs).map(
      ([name, input]) =>
        `| \`${name}\` | ${input.default === undefined ? '' : `\`${cell(String(input.default))}\``} | ${cell(input.description)} |`
    )
  ]
  const outputs = [
    '| Output | Description |',
    '|---|---|',
    ...Object.entries(action.outputs).map(([name, output]) => `| \`${name}\` | ${cell(output.description)} |`)
  ]
  return { inputs: inputs.join('\n'), outputs: outputs.join('\n') }
}

/** The README with its generated sections replaced and every reference to the action naming `repository`. */
export function renderReadme(readme: string, actionYml: string, repository = REPOSITORY): string {
  const generated = tables(actionYml)
  let out = readme.replace(ACTION_REFERENCE, repository)
  for (const section of ['inputs', 'outputs'] as const) {
    const pattern = new RegExp(`(<!-- ${section}:start -->)[\\s\\S]*?(<!-- ${section}:end -->)`)
    if (!pattern.test(out))
      throw new Error(`README.md has no <!-- ${section}:start --> … <!-- ${section}:end --> section`)
    out = out.replace(pattern, (_, start: string, end: string) => `${start}\n${generated[section]}\n${end}`)
  }
  return out
}

/** CODEOWNERS with its teams in the organisation that owns `repository`. */
export function renderCodeowners(codeowners: string, repository = REPOSITORY): string {
  const owner = repository.split('/')[0]
  return codeowners.replace(TEAM_OWNER, `@${owner}`)
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(root, 'scripts', 'docs.ts')) {
  const readme = readFileSync(README, 'utf8')
  writeFileSync(README, renderReadme(readme, readFileSync(resolve(root, 'action.yml'), 'utf8')))
  writeFileSync(CODEOWNERS, renderCodeowners(readFileSync(CODEOWNERS, 'utf8')))
  console.log(`README.md tables updated from action.yml; README.md and CODEOWNERS name ${REPOSITORY}`)
}
