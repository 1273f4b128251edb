/**
 * The README's input and output tables are generated from action.yml (the inputs grouped by purpose, in
 * INPUT_GROUPS), and the `uses:` references of the README and of every page in docs/, with CODEOWNERS'
 * owners, from REPOSITORY (src/repository.ts), so they cannot drift apart: `npm run docs` rewrites them,
 * and a test fails when they differ.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { parse } from 'yaml'
import { REPOSITORY } from '../src/repository.js'

interface ActionYaml {
  inputs: Record<string, { description: string; required?: boolean; default?: string }>
  outputs: Record<string, { description: string }>
}

const root = resolve(import.meta.dirname ?? new URL('.', import.meta.url).pathname, '..')
export const README = resolve(root, 'README.md')
export const CODEOWNERS = resolve(root, 'CODEOWNERS')
export const DOCS = resolve(root, 'docs')

/**
 * The inputs table, one table a purpose, in this order. A new input has to be placed here: the tables are
 * not rendered (and the docs test fails) while any input of action.yml is in no group, or a group names an
 * input action.yml does not have.
 */
export const INPUT_GROUPS: readonly { title: string; note?: string; inputs: readonly string[] }[] = [
  { title: 'What to do and from which spec', inputs: ['mode', 'spec-file', 'secret-value', 'export-file'] },
  {
    title: 'Connection to Qualys',
    note: 'One platform or gateway, and one way to log in: user and password, OAuth client, or a token.',
    inputs: [
      'qualys-platform',
      'qualys-gateway-url',
      'qualys-username',
      'qualys-password',
      'qualys-client-id',
      'qualys-client-secret',
      'qualys-token'
    ]
  },
  {
    title: 'Apply: existing connectors, forced updates, prune',
    inputs: ['on-existing', 'allow-create-without-lookup', 'force-update', 'prune', 'owner', 'prune-max']
  },
  { title: 'Waiting for the first sync', inputs: ['wait-for-sync', 'sync-timeout', 'fail-on-sync-error'] },
  {
    title: 'GitOps: the plan comment and the reviewed plan',
    inputs: ['github-token', 'pr-comment', 'on-plan-change']
  },
  { title: 'Check (`mode: check`)', inputs: ['check-fail-on', 'issue', 'issue-labels'] },
  {
    title: 'Azure preflight',
    inputs: ['azure-preflight', 'azure-environment', 'azure-secret-expiry-warning-days']
  },
  {
    title: 'Limits and retries',
    inputs: ['request-timeout', 'max-attempts', 'max-concurrency', 'rate-limit-wait']
  },
  {
    title: 'One connector from inputs instead of a spec file',
    note: 'Leave these empty with `spec-file`; each is the spec field named in [the spec file](docs/spec-file.md#one-connector-from-inputs).',
    inputs: [
      'name',
      'description',
      'tenant-id',
      'tenant-name',
      'application-id',
      'connector-prefix-name',
      'apps',
      'org-run-frequency',
      'connector-run-frequency',
      'included-management-groups',
      'excluded-management-groups',
      'default-tag-ids',
      'create-connectors-for-new-subscriptions',
      'disable-connectors-for-deleted-management-groups',
      'remediation-enabled',
      'auto-activate-vm',
      'auto-activate-pc',
      'auto-activate-sca',
      'auto-activate-cert-view',
      'auto-activate-cv',
      'enabled'
    ]
  },
  {
    title: 'Test and proxy overrides',
    note: 'For a stand-in or a proxy in front of Microsoft; a normal workflow leaves them empty.',
    inputs: ['azure-authority-host', 'azure-resource-manager-url', 'azure-graph-url']
  }
]

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

/** Names action.yml has that no group places, and names a group places that action.yml lacks. */
export function ungrouped(actionYml: string): { missing: string[]; unknown: string[] } {
  const declared = Object.keys((parse(actionYml) as ActionYaml).inputs)
  const grouped = INPUT_GROUPS.flatMap(group => group.inputs)
  return {
    missing: declared.filter(name => !grouped.includes(name)),
    unknown: grouped.filter(name => !declared.includes(name))
  }
}

export function tables(actionYml: string): { inputs: string; outputs: string } {
  const action = parse(actionYml) as ActionYaml
  const { missing, unknown } = ungrouped(actionYml)
  if (missing.length > 0) throw new Error(`scripts/docs.ts: put ${missing.join(', ')} in a group of INPUT_GROUPS`)
  if (unknown.length > 0)
    throw new Error(`scripts/docs.ts: INPUT_GROUPS names ${unknown.join(', ')}, not in action.yml`)
  const inputs = INPUT_GROUPS.flatMap(group => [
    `### ${group.title}`,
    '',
    ...(group.note === undefined ? [] : [group.note, '']),
    '| Input | Default | Description |',
    '|---|---|---|',
    ...group.inputs.map(name => {
      const input = action.inputs[name]
      const value = input.default === undefined ? '' : `\`${cell(String(input.default))}\``
      return `| \`${name}\` | ${value} | ${cell(input.description)} |`
    }),
    ''
  ])
  const outputs = [
    '| Output | Description |',
    '|---|---|',
    ...Object.entries(action.outputs).map(([name, output]) => `| \`${name}\` | ${cell(output.description)} |`)
  ]
  return { inputs: inputs.join('\n').trimEnd(), outputs: outputs.join('\n') }
}

/**
 * A page with its generated sections replaced and every reference to the action naming `repository`.
 * `required` lists the sections the page must have (the README's tables); any other page gets the
 * sections it has, so a table copied into docs/ is kept in step as well.
 */
export function renderPage(
  page: string,
  actionYml: string,
  repository = REPOSITORY,
  required: readonly ('inputs' | 'outputs')[] = []
): string {
  const generated = tables(actionYml)
  let out = page.replace(ACTION_REFERENCE, repository)
  for (const section of ['inputs', 'outputs'] as const) {
    const pattern = new RegExp(`(<!-- ${section}:start -->)[\\s\\S]*?(<!-- ${section}:end -->)`)
    if (!pattern.test(out)) {
      if (required.includes(section))
        throw new Error(`README.md has no <!-- ${section}:start --> … <!-- ${section}:end --> section`)
      continue
    }
    out = out.replace(pattern, (_, start: string, end: string) => `${start}\n${generated[section]}\n${end}`)
  }
  return out
}

/** The README with its generated sections replaced and every reference to the action naming `repository`. */
export function renderReadme(readme: string, actionYml: string, repository = REPOSITORY): string {
  return renderPage(readme, actionYml, repository, ['inputs', 'outputs'])
}

/** Every Markdown page under docs/, as paths relative to the repository root. */
export function docPages(folder = DOCS): string[] {
  return readdirSync(folder, { recursive: true, encoding: 'utf8' })
    .filter(name => name.endsWith('.md'))
    .map(name => join('docs', name))
    .sort()
}

/** CODEOWNERS with its teams in the organisation that owns `repository`. */
export function renderCodeowners(codeowners: string, repository = REPOSITORY): string {
  const owner = repository.split('/')[0]
  return codeowners.replace(TEAM_OWNER, `@${owner}`)
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(root, 'scripts', 'docs.ts')) {
  const actionYml = readFileSync(resolve(root, 'action.yml'), 'utf8')
  writeFileSync(README, renderReadme(readFileSync(README, 'utf8'), actionYml))
  for (const page of docPages()) {
    const path = resolve(root, page)
    writeFileSync(path, renderPage(readFileSync(path, 'utf8'), actionYml))
  }
  writeFileSync(CODEOWNERS, renderCodeowners(readFileSync(CODEOWNERS, 'utf8')))
  console.log(`README.md tables updated from action.yml; README.md, docs/ and CODEOWNERS name ${REPOSITORY}`)
}
