/** Which queued fault a request meets, and whether the fault lets the operation happen. */
import { FaultKind, FaultRule } from './model.js'

// ---------------------------------------------------------------------------------------------
// Faults
// ---------------------------------------------------------------------------------------------

/** Faults that let the operation happen (and then spoil or slow the answer). */
export function faultActs(fault: FaultKind): boolean {
  switch (fault.kind) {
    case 'reset-after':
    case 'delay':
    case 'truncated':
      return true
    case 'empty':
      return isSuccess(fault.status ?? 200)
    default:
      return false
  }
}

export function isSuccess(status: number): boolean {
  return status >= 200 && status < 300
}

/** The parts of a request a fault rule can look at. */
export interface FaultTarget {
  method: string
  path: string
  query: Record<string, string>
  body: string
}

export function ruleMatches(rule: FaultRule, target: FaultTarget, isAuth: boolean): boolean {
  if (rule.method && rule.method.toUpperCase() !== target.method) return false
  if (rule.query && !Object.entries(rule.query).every(([key, value]) => target.query[key] === value)) return false
  if (rule.bodyIncludes !== undefined && !target.body.includes(rule.bodyIncludes)) return false
  // A rule without a path is about the API: it must not be eaten by a login.
  if (rule.path === undefined) return !isAuth
  if (typeof rule.path === 'string') return rule.path === target.path
  rule.path.lastIndex = 0 // a /g or /y RegExp keeps state between tests
  return rule.path.test(target.path)
}

// ---------------------------------------------------------------------------------------------
