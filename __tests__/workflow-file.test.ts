/** Issue 26: an apply whose workflow sets no concurrency group is told so, from the file in its checkout. */
import { describe, expect, it } from '@jest/globals'
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { concurrencyOf, MAX_WORKFLOW_BYTES, missingConcurrencyWarning } from '../src/github/workflow-file.js'

const UNGUARDED = 'on: push\njobs:\n  apply:\n    runs-on: ubuntu-latest\n    steps: []\n'

/** A checkout holding `.github/workflows/<name>` with `text`, and the runner's variables of a run from it. */
function checkout(text: string, name = 'qualys.yml', job = 'apply'): Record<string, string> {
  const workspace = mkdtempSync(join(tmpdir(), 'qualys-wf-'))
  mkdirSync(join(workspace, '.github', 'workflows'), { recursive: true })
  writeFileSync(join(workspace, '.github', 'workflows', name), text)
  return {
    GITHUB_WORKSPACE: workspace,
    GITHUB_REPOSITORY: 'Octo/Config',
    GITHUB_WORKFLOW_REF: `octo/config/.github/workflows/${name}@refs/heads/main`,
    GITHUB_JOB: job
  }
}

describe('concurrencyOf', () => {
  it('finds a group on the workflow or on the job, in either form', () => {
    expect(concurrencyOf(`concurrency: qualys\n${UNGUARDED}`, 'apply')).toBe('set')
    expect(concurrencyOf(`concurrency:\n  group: q-\${{ github.ref }}\n${UNGUARDED}`, 'apply')).toBe('set')
    expect(concurrencyOf(`${UNGUARDED}    concurrency: qualys\n`, 'apply')).toBe('set')
    expect(concurrencyOf(UNGUARDED, 'apply')).toBe('unset')
    expect(concurrencyOf(`concurrency:\n${UNGUARDED}`, 'apply')).toBe('unset')
  })

  it('cannot tell of another job, a text that is no workflow, or one that does not parse', () => {
    expect(concurrencyOf(UNGUARDED, 'plan')).toBe('unknown')
    expect(concurrencyOf(UNGUARDED, undefined)).toBe('unknown')
    expect(concurrencyOf('- a list', 'apply')).toBe('unknown')
    expect(concurrencyOf('jobs: [', 'apply')).toBe('unknown')
    expect(concurrencyOf('jobs:\n  apply: just text\n', 'apply')).toBe('unknown')
    expect(concurrencyOf('jobs:\n  toString: {}\n', 'toString')).toBe('unset')
    expect(concurrencyOf('jobs: {}\n', 'toString')).toBe('unknown')
  })

  it('does not expand a billion laughs', () => {
    const laughs = ['a: &a [x, x, x, x, x, x, x, x, x, x]']
    for (let i = 1; i < 10; i++)
      laughs.push(
        `${'a'.repeat(i + 1)}: &${'a'.repeat(i + 1)} [${Array(10)
          .fill(`*${'a'.repeat(i)}`)
          .join(', ')}]`
      )
    expect(concurrencyOf(`${laughs.join('\n')}\n${UNGUARDED}`, 'apply')).toBe('unknown')
  })
})

describe('missingConcurrencyWarning', () => {
  it("names the file, the job and the recommended group, and never echoes the file's text", () => {
    const env = checkout(`# secret-looking: hunter2\n${UNGUARDED}`)
    const warning = missingConcurrencyWarning(env)
    expect(warning).toBe(
      "This apply's workflow (.github/workflows/qualys.yml) sets no concurrency group, neither for the workflow nor for job 'apply': two applies that overlap (a push beside a manual run, a re-run) can each create the same connector. Add concurrency: group: qualys-${{ github.ref }} to the workflow (see docs/gitops.md)"
    )
    expect(warning).not.toContain('hunter2')
  })

  it('says nothing when a group is set, or when there is no file of this repository to read', () => {
    expect(missingConcurrencyWarning(checkout(`concurrency: q\n${UNGUARDED}`))).toBeUndefined()
    const env = checkout(UNGUARDED)
    expect(missingConcurrencyWarning({ ...env, GITHUB_WORKFLOW_REF: undefined })).toBeUndefined()
    expect(missingConcurrencyWarning({ ...env, GITHUB_WORKSPACE: undefined })).toBeUndefined()
    expect(
      missingConcurrencyWarning({
        ...env,
        GITHUB_WORKFLOW_REF: 'octo/config/.github/workflows/gone.yml@refs/heads/main'
      })
    ).toBeUndefined()
    // A reusable workflow of another repository is not in this checkout.
    expect(
      missingConcurrencyWarning({
        ...env,
        GITHUB_WORKFLOW_REF: 'other/repo/.github/workflows/qualys.yml@refs/heads/main'
      })
    ).toBeUndefined()
  })

  it('reads only a regular file under .github/workflows, within the size cap', () => {
    const env = checkout(UNGUARDED)
    expect(missingConcurrencyWarning(env)).toBeDefined()
    const escape = { ...env, GITHUB_WORKFLOW_REF: 'octo/config/.github/workflows/../../x.yml@refs/heads/main' }
    writeFileSync(join(env.GITHUB_WORKSPACE, 'x.yml'), UNGUARDED)
    expect(missingConcurrencyWarning(escape)).toBeUndefined()
    const big = checkout(`${UNGUARDED}# ${'x'.repeat(MAX_WORKFLOW_BYTES)}\n`)
    expect(missingConcurrencyWarning(big)).toBeUndefined()
    const linked = checkout(UNGUARDED)
    symlinkSync(
      join(linked.GITHUB_WORKSPACE, '.github', 'workflows', 'qualys.yml'),
      join(linked.GITHUB_WORKSPACE, '.github', 'workflows', 'link.yml')
    )
    expect(
      missingConcurrencyWarning({
        ...linked,
        GITHUB_WORKFLOW_REF: 'octo/config/.github/workflows/link.yml@refs/heads/main'
      })
    ).toBeUndefined()
  })
})
