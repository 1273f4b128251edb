/**
 * Issue 26: three applies of one spec started at once, against a gateway that accepts a taken name (the
 * documentation only recommends unique names), on the bundled action. The stand-in's holds (raceBarrier) make
 * each run list before any create and list again after every create, so every run creates, whatever the
 * scheduler does; the runs then agree on the oldest connector without talking to each other.
 */
import { afterEach, describe, expect, test } from '@jest/globals'
import { annotations, AZURE_SECRET, passwordInputs, spec, specConnector, USER } from '../test-support/e2e.js'
import { FakeQualysGateway, raceBarrier } from '../test-support/gateway.js'
import { runAction, type ActionRun } from '../test-support/run-action.js'

const RUNS = 3
const WORKFLOW = '.github/workflows/qualys.yml'
const UNGUARDED = 'on: push\njobs:\n  apply:\n    runs-on: ubuntu-latest\n    steps: []\n'
const GUARDED = `${UNGUARDED}    concurrency:\n      group: qualys-\${{ github.ref }}\n`
const NO_GROUP = /sets no concurrency group, neither for the workflow nor for job 'apply'/

let gateway: FakeQualysGateway | undefined

afterEach(async () => {
  await gateway?.stop()
  gateway = undefined
})

function apply(gw: FakeQualysGateway, workflow: string, inputs: Record<string, string> = {}): Promise<ActionRun> {
  return runAction({
    inputs: { ...passwordInputs(gw.url), 'spec-file': 'connectors.yaml', ...inputs },
    env: {
      AZURE_SECRET,
      GITHUB_REPOSITORY: 'octo/config',
      GITHUB_WORKFLOW_REF: `octo/config/${WORKFLOW}@refs/heads/main`,
      GITHUB_JOB: 'apply'
    },
    files: { 'connectors.yaml': spec(specConnector('Contoso')), [WORKFLOW]: workflow }
  })
}

function expectExit(run: ActionRun, code: number): void {
  if (run.code !== code) throw new Error(`expected exit code ${code}, got ${run.code}\n${run.stdout}\n${run.stderr}`)
}

function result(run: ActionRun): string {
  return (JSON.parse(run.outputs.connectors) as { result: string }[])[0].result
}

describe('three applies at once', () => {
  test.each([
    { round: 1, workflow: UNGUARDED, warned: true },
    { round: 2, workflow: GUARDED, warned: false }
  ])(
    'round $round: one enabled connector keeps the name, each duplicate is disabled and renamed, and the next apply writes nothing',
    async ({ workflow, warned }) => {
      gateway = new FakeQualysGateway({ users: [USER], uniqueNames: false, latencyMs: 50, hooks: raceBarrier(RUNS) })
      const gw = gateway
      await gw.start()
      const runs = await Promise.all(Array.from({ length: RUNS }, () => apply(gw, workflow)))
      runs.forEach(run => expectExit(run, 0))
      expect(gw.stats().creates).toBe(RUNS)

      const connectors = gw.connectors()
      const keeper = Math.min(...connectors.map(c => c.id))
      const duplicates = connectors.filter(c => c.id !== keeper)
      expect(connectors.filter(c => c.name === 'Contoso').map(c => [c.id, c.disabled])).toEqual([[keeper, false]])
      expect(duplicates.map(c => [c.name, c.disabled])).toEqual(
        duplicates.map(c => [`Contoso (duplicate ${c.id} of ${keeper})`, true])
      )

      // Every run names the one kept; the run that made it created it, each other run retired its own.
      expect(runs.map(run => run.outputs['connector-id'])).toEqual(Array(RUNS).fill(String(keeper)))
      expect(runs.map(result).sort()).toEqual(['created', 'exists', 'exists'])
      const keeperRun = runs.find(run => result(run) === 'created') as ActionRun
      for (const run of runs.filter(r => r !== keeperRun)) {
        const mine = duplicates.find(c => run.stdout.includes(`${c.id} was disabled and renamed`))
        expect(mine).toBeDefined()
        const said = `another run created connector ${keeper} named 'Contoso' at the same time as this one created ${mine?.id}: the oldest, ${keeper}, is kept for this entry, and ${mine?.id} was disabled and renamed 'Contoso (duplicate ${mine?.id} of ${keeper})'. A concurrency: group on the workflow (group: qualys-\${{ github.ref }}, see docs/gitops.md) runs applies one after the other`
        expect(annotations(run, 'warning').filter(line => line.includes(said))).toHaveLength(1)
        expect(run.summary).toContain('was disabled and renamed')
      }
      // The run that kept its connector reports the others' duplicates, and leaves them to their runs.
      const others = duplicates.map(c => c.id).join(', ')
      expect(annotations(keeperRun, 'warning').join('\n')).toContain(
        `other runs created connectors ${others} named 'Contoso' at the same time as this one; they are left to the runs that made them`
      )

      runs.forEach(run => expect(annotations(run, 'warning').some(line => NO_GROUP.test(line))).toBe(warned))

      // The duplicates carry this spec's marker but are disabled: prune neither retires nor lists them.
      expect(duplicates.every(c => c.description?.endsWith('managed-by: octo/config:connectors.yaml'))).toBe(true)
      const before = gw.stats()
      const next = await apply(gw, workflow, { prune: 'disable' })
      expectExit(next, 0)
      expect(JSON.parse(next.outputs.connectors)).toHaveLength(1)
      expect(result(next)).toBe('unchanged')
      expect(next.outputs['connector-id']).toBe(String(keeper))
      const after = gw.stats()
      expect([after.creates, after.updates, after.statuses]).toEqual([before.creates, before.updates, before.statuses])
      expect(annotations(next, 'warning').filter(line => !NO_GROUP.test(line))).toEqual([])
    }
  )
})
