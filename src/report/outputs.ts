import { RESULTS, type Outcome } from '../reconcile/outcome.js'
import { shownState } from '../qualys/connector.js'

export interface ConnectorRow {
  name: string
  id: number | null
  uuid: string | null
  state: string | null
  result: string
  /** Azure subscriptions the app can read (Azure preflight); null when not checked. */
  azureSubscriptions: number | null
}

/** Step outputs, every value a string as the runner stores them. */
export type Outputs = Record<string, string>

const WRITES = new Set(['created', 'updated', 'disabled', 'would-create', 'would-update', 'would-disable'])

export function connectorRows(outcomes: Outcome[]): ConnectorRow[] {
  return outcomes.map(outcome => ({
    name: outcome.name,
    id: outcome.connector?.id ?? null,
    uuid: outcome.connector?.uuid ?? null,
    state: shownState(outcome.connector) ?? null,
    result: outcome.result,
    azureSubscriptions: outcome.azureSubscriptions ?? null
  }))
}

/** The plan output: what apply does (or did) per connector. */
export function planOutput(
  outcomes: Outcome[]
): { name: string; action: string; changes: { field: string; from: string; to: string }[] }[] {
  return outcomes.map(outcome => ({
    name: outcome.name,
    action:
      outcome.result === 'failed' || outcome.result === 'not-attempted'
        ? 'error'
        : outcome.result === 'deferred'
          ? 'deferred'
          : outcome.action,
    changes: outcome.changes.map(({ field, from, to }) => ({ field, from, to }))
  }))
}

export function buildOutputs(outcomes: Outcome[]): Outputs {
  const outputs: Outputs = {
    connectors: JSON.stringify(connectorRows(outcomes)),
    changed: String(outcomes.some(outcome => outcome.written || WRITES.has(outcome.result))),
    plan: JSON.stringify(planOutput(outcomes)),
    // Only the connectors this run wrote: an old lastError of an untouched connector is not news.
    'last-error':
      outcomes
        .filter(o => o.written)
        .map(o => o.connector?.lastError ?? '')
        .find(Boolean) ?? ''
  }
  // The single-connector outputs describe the spec's one connector; what prune retires or leaves alone is beside it.
  const own = outcomes.filter(outcome => outcome.action !== 'disable' && outcome.result !== 'not-managed')
  if (own.length === 1) {
    const [only] = own
    outputs['connector-id'] = only.connector ? String(only.connector.id) : ''
    outputs['connector-uuid'] = only.connector?.uuid ?? ''
    outputs.state = shownState(only.connector) ?? ''
    outputs.result = only.result
    outputs.connector = only.connector ? JSON.stringify(only.connector.raw) : ''
  }
  return outputs
}

/**
 * The outputs that workflows interpolate into shell, and the form each must have. A value from
 * the gateway that does not match (a state of `$(curl …)`) is not set at all: an empty output is
 * safe in any script, an injected one is not.
 */
export const SHELL_SAFE_OUTPUTS: Record<string, { pattern: RegExp; form: string }> = {
  'connector-uuid': {
    pattern: /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/,
    form: 'a UUID'
  },
  'connector-id': { pattern: /^\d{1,19}$/, form: 'digits' },
  state: { pattern: /^[A-Z_]{1,64}$/, form: 'capital letters and _' },
  result: { pattern: new RegExp(`^(?:${RESULTS.join('|')})$`), form: `one of ${RESULTS.join(', ')}` },
  // The check issue's, from GitHub's answer.
  'issue-number': { pattern: /^\d{1,10}$/, form: 'digits' },
  'issue-url': { pattern: /^https?:\/\/[\w.:-]+\/[\w.-]+\/[\w.-]+\/issues\/\d{1,10}$/, form: 'the URL of an issue' }
}

export interface RefusedOutput {
  output: string
  form: string
}

/** The outputs with every shell-interpolated value checked; an empty value is always fine. */
export function checkOutputs(outputs: Outputs): { outputs: Outputs; refused: RefusedOutput[] } {
  const checked: Outputs = { ...outputs }
  const refused: RefusedOutput[] = []
  for (const [output, { pattern, form }] of Object.entries(SHELL_SAFE_OUTPUTS)) {
    const value = checked[output]
    if (value === undefined || value === '' || pattern.test(value)) continue
    checked[output] = ''
    refused.push({ output, form })
  }
  return { outputs: checked, refused }
}
