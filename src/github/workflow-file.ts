/**
 * Whether the workflow an apply runs in keeps applies from overlapping. Two applies at once each list Qualys
 * before the other creates, and each create the same connector (reconcile/duplicates.ts cleans that up after
 * the fact); a `concurrency:` group prevents it. The workflow file is read from the checked-out workspace: it
 * is the repository's own text, but untrusted all the same (a pull request can change it), so it is size-capped,
 * never echoed, and anything unexpected means "cannot tell", which says nothing.
 */
import { closeSync, fstatSync, lstatSync, openSync, readSync } from 'node:fs'
import { join } from 'node:path'
import { parse } from 'yaml'
import { CONCURRENCY_GROUP } from '../reconcile/duplicates.js'

type RunnerEnv = Readonly<Record<string, string | undefined>>

/** Far beyond any real workflow; a larger file is not read. */
export const MAX_WORKFLOW_BYTES = 512 * 1024

/** `owner/repo/.github/workflows/file.yml@ref`: GitHub runs workflows from this folder only, never below it. */
const WORKFLOW_REF = /^([^/]+)\/([^/]+)\/(\.github\/workflows\/[^/@]+\.ya?ml)@/

/** Whether the workflow or the job sets a concurrency group; 'unknown' when the text does not say (or is not a workflow). */
export function concurrencyOf(text: string, job: string | undefined): 'set' | 'unset' | 'unknown' {
  let workflow: unknown
  try {
    // No aliases worth expanding in a workflow: a billion-laughs text fails here instead of growing.
    workflow = parse(text, { maxAliasCount: 100 })
  } catch {
    return 'unknown'
  }
  if (!isMap(workflow) || !isMap(workflow.jobs)) return 'unknown'
  if (hasValue(workflow.concurrency)) return 'set'
  if (job === undefined || !Object.hasOwn(workflow.jobs, job)) return 'unknown'
  const settings = workflow.jobs[job]
  if (!isMap(settings)) return 'unknown'
  return hasValue(settings.concurrency) ? 'set' : 'unset'
}

/**
 * The warning for an apply whose workflow sets no concurrency group, for the workflow nor the job; undefined
 * when it sets one, or when the file cannot be found or read (another repository's workflow, no checkout).
 */
export function missingConcurrencyWarning(env: RunnerEnv): string | undefined {
  const ref = WORKFLOW_REF.exec(env.GITHUB_WORKFLOW_REF ?? '')
  const workspace = env.GITHUB_WORKSPACE
  if (!ref || !workspace) return undefined
  const [, owner, repo, path] = ref
  // A reusable workflow of another repository is not the file in this checkout.
  if (`${owner}/${repo}`.toLowerCase() !== (env.GITHUB_REPOSITORY ?? '').toLowerCase()) return undefined
  const text = readCapped(join(workspace, path))
  if (text === undefined || concurrencyOf(text, env.GITHUB_JOB) !== 'unset') return undefined
  return `This apply's workflow (${path}) sets no concurrency group, neither for the workflow nor for job '${env.GITHUB_JOB}': two applies that overlap (a push beside a manual run, a re-run) can each create the same connector. Add concurrency: group: ${CONCURRENCY_GROUP} to the workflow (see docs/gitops.md)`
}

/** The file's text when it is a regular file (no link, no device) within the cap; undefined otherwise. */
function readCapped(file: string): string | undefined {
  let fd: number | undefined
  try {
    if (!lstatSync(file).isFile()) return undefined
    fd = openSync(file, 'r')
    const { size } = fstatSync(fd)
    if (size > MAX_WORKFLOW_BYTES) return undefined
    const buffer = Buffer.alloc(size)
    const read = readSync(fd, buffer, 0, size, 0)
    return buffer.subarray(0, read).toString('utf8')
  } catch {
    return undefined
  } finally {
    if (fd !== undefined) closeSync(fd)
  }
}

function isMap(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** `concurrency: ''` or `concurrency:` with nothing is no group. */
function hasValue(value: unknown): boolean {
  return value !== undefined && value !== null && value !== ''
}
