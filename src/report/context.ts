import type { Outcome } from '../reconcile/reconcile-run.js'
import type { Provenance } from './provenance.js'
import { sendsSecret } from '../reconcile/outcome.js'

/** What the report says beside the rows: where it comes from, the run's own problem, and the secrets an apply needs. */
export interface ReportContext extends Provenance {
  /** A failure of the whole run (login, listing), said once rather than in every row. */
  runProblem?: string
  /** Connector name → environment variable its secretValue reads. */
  secretVariables?: Record<string, string>
  /** An apply after a merge: what the comparison with the reviewed plan found (a line, and what differs). */
  reviewedPlan?: { line?: string; differences: string[] }
}

/** Longest value shown in a table cell or a log line of the plan: a full server message fits. */
export const MAX_VALUE = 600

/** In a plan: which connectors an apply would send the secret of, and so which secret variables it needs. */
export function secretNeeds(
  outcomes: Outcome[],
  mode: 'apply' | 'plan',
  context: ReportContext
): { name: string; variable: string }[] {
  if (mode !== 'plan') return []
  return outcomes.flatMap(outcome => {
    const variable = context.secretVariables?.[outcome.name]
    return variable && sendsSecret(outcome) && outcome.result !== 'failed' ? [{ name: outcome.name, variable }] : []
  })
}
