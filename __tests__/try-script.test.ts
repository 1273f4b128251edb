/** `npm run try`: scripts/try.ts runs dist/index.js on a spec against the stand-ins and prints what it did. */
import { describe, expect, it } from '@jest/globals'
import { spawn } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'

const root = resolve(import.meta.dirname, '..')

function tryScript(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  // The example's secret variables are left unset, so the script must give them stand-in values.
  const env = { ...process.env }
  delete env.CONTOSO_AZURE_SECRET
  delete env.FABRIKAM_AZURE_SECRET
  const child = spawn('npx', ['tsx', 'scripts/try.ts', ...args], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] })
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', chunk => (stdout += chunk))
  child.stderr.on('data', chunk => (stderr += chunk))
  return new Promise(done => child.on('close', code => done({ code, stdout, stderr })))
}

/** The `name = value` lines the script prints between the outputs heading and the job summary. */
function outputsOf(stdout: string): Record<string, string> {
  const section = stdout.split('; outputs ──\n')[1]?.split('\n── job summary ──')[0] ?? ''
  return Object.fromEntries(
    section
      .split('\n')
      .filter(line => line.includes(' = '))
      .map(line => [line.slice(0, line.indexOf(' = ')), line.slice(line.indexOf(' = ') + 3)])
  )
}

describe('npm run try', () => {
  it('plans the example spec against the stand-ins and prints the log, outputs, job summary and PR comment', async () => {
    const run = await tryScript(['examples/connectors.yaml'])
    expect([run.code, run.stderr]).toEqual([0, ''])
    expect(run.stdout).toContain('given stand-in values: CONTOSO_AZURE_SECRET, FABRIKAM_AZURE_SECRET')
    expect(run.stdout).toContain('━━━ mode: plan ━━━')
    // The ::add-mask:: lines are shown without the secret they mask.
    expect(run.stdout).toContain('::add-mask::***')
    expect(run.stdout).not.toContain('stand-in~')
    expect(run.stdout).toContain('+ Contoso production: will be created')
    expect(run.stdout).toContain('── exit code 0; outputs ──')
    const outputs = outputsOf(run.stdout)
    expect(outputs.changed).toBe('true')
    expect(
      (JSON.parse(outputs.connectors) as { name: string; result: string }[]).map(({ name, result }) => [name, result])
    ).toEqual([
      ['Contoso production', 'would-create'],
      ['Fabrikam', 'would-create']
    ])
    expect(run.stdout).toMatch(
      /── job summary ──\n### Qualys Azure tenant connectors: plan\n\n\*\*Plan:\*\* 2 to create/
    )
    expect(run.stdout).toMatch(
      /── pull-request comment \(posted to the GitHub API stand-in\) ──\n<!-- qualys-azure-tenant-connector-plan -->/
    )
  })

  it("exits with the action's exit code, and refuses a mode it does not know", async () => {
    const folder = mkdtempSync(join(tmpdir(), 'try-script-'))
    const spec = join(folder, 'bad.yaml')
    writeFileSync(spec, 'connectors:\n  - name: Broken\n    tenantId: not-a-guid\n')
    const [bad, unknown] = await Promise.all([
      tryScript([spec, '--mode', 'validate']),
      tryScript([spec, '--mode', 'destroy'])
    ])
    expect(bad.code).toBe(1)
    expect(bad.stdout).toContain('━━━ mode: validate ━━━')
    expect(bad.stdout).toMatch(/::error file=bad\.yaml,line=3.*tenantId/)
    expect(bad.stdout).toContain('── exit code 1; outputs ──')
    expect(unknown.code).toBe(2)
    expect(unknown.stderr).toContain('--mode must be one of plan, apply, validate, export')
  })
})
