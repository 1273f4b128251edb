import { spawn } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'

/**
 * The bundle the end-to-end suites run: ACTION_DIST, which jest's globalSetup
 * (test-support/build-dist.js) sets to a fresh bundle of src/ in a temporary folder so that a
 * test run never rewrites the committed dist/; else (CI, which has just proved dist/ equal to a
 * fresh bundle; bench/ and scripts/ run outside jest) the committed dist/index.js.
 */
export const DIST =
  process.env.ACTION_DIST ||
  resolve(import.meta.dirname ?? new URL('.', import.meta.url).pathname, '..', 'dist', 'index.js')

export interface ActionRun {
  code: number | null
  stdout: string
  stderr: string
  outputs: Record<string, string>
  summary: string
  /** Lines of stdout, for `::error file=…` style assertions. */
  lines: string[]
}

export interface RunOptions {
  /** Action inputs by their action.yml names (dashes kept, as the runner does). */
  inputs: Record<string, string>
  /** Extra environment (e.g. variables a spec's ${VAR} reads). */
  env?: Record<string, string>
  /** GITHUB_WORKSPACE; a fresh temporary folder when omitted. */
  workspace?: string
  /** Files to write into the workspace before the run. */
  files?: Record<string, string>
  /** Node binary; ACTION_NODE (set by .ci/run for Node 24) or this process's. */
  node?: string
  /** Arguments instead of [DIST], e.g. to run it under /usr/bin/time. */
  args?: string[]
  timeoutMs?: number
}

/** Runs the bundled action the way the GitHub runner does: INPUT_* variables, output and summary files. */
export async function runAction(options: RunOptions): Promise<ActionRun> {
  const workspace = options.workspace ?? mkdtempSync(join(tmpdir(), 'qualys-ws-'))
  for (const [name, content] of Object.entries(options.files ?? {})) {
    mkdirSync(dirname(join(workspace, name)), { recursive: true })
    writeFileSync(join(workspace, name), content)
  }
  const runnerDir = mkdtempSync(join(tmpdir(), 'qualys-runner-'))
  const outputFile = join(runnerDir, 'output')
  const summaryFile = join(runnerDir, 'summary')
  writeFileSync(outputFile, '')
  writeFileSync(summaryFile, '')
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? '',
    GITHUB_WORKSPACE: workspace,
    GITHUB_OUTPUT: outputFile,
    GITHUB_STEP_SUMMARY: summaryFile,
    GITHUB_ACTIONS: 'true',
    RUNNER_TEMP: runnerDir,
    ...options.env
  }
  // The Azure preflight (on by default) would call Microsoft: a test that does not point it at
  // the stand-in (test-support/azure.ts) with an azure-* input runs without it.
  const azure = Object.keys(options.inputs).some(name => name.startsWith('azure-'))
    ? {}
    : { 'azure-preflight': 'false' }
  for (const [name, value] of Object.entries({ ...azure, ...options.inputs }))
    env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] = value
  const node = options.node ?? process.env.ACTION_NODE ?? process.execPath
  const child = spawn(node, options.args ?? [DIST], { env, cwd: workspace, stdio: ['ignore', 'pipe', 'pipe'] })
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', chunk => (stdout += chunk))
  child.stderr.on('data', chunk => (stderr += chunk))
  const code = await new Promise<number | null>((resolvePromise, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL')
      reject(new Error(`the action ran longer than ${options.timeoutMs ?? 60_000} ms\n${stdout}\n${stderr}`))
    }, options.timeoutMs ?? 60_000)
    child.on('close', exit => {
      clearTimeout(timer)
      resolvePromise(exit)
    })
  })
  return {
    code,
    stdout,
    stderr,
    outputs: parseOutputFile(readFileSync(outputFile, 'utf8')),
    summary: readFileSync(summaryFile, 'utf8'),
    lines: stdout.split('\n')
  }
}

/** Reads the runner's `name<<delimiter` output file format. */
export function parseOutputFile(text: string): Record<string, string> {
  const outputs: Record<string, string> = {}
  const lines = text.split('\n')
  for (let i = 0; i < lines.length; i++) {
    const match = /^([^<]+)<<(.+)$/.exec(lines[i])
    if (!match) continue
    const [, name, delimiter] = match
    const value: string[] = []
    while (++i < lines.length && lines[i] !== delimiter) value.push(lines[i])
    outputs[name] = value.join('\n')
  }
  return outputs
}
