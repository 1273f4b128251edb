/**
 * The reviewed plan (issue 16): a plan comment carries a fingerprint of the writes it shows, so the apply
 * after the merge can tell whether it is about to do what the reviewers saw.
 *
 * The fingerprint is a SHA-256 over a canonical form of the plan — per write, the connector (its id, or
 * its name for a create), the action and each field change — salted with the pull request, so a plan copied
 * from another pull request never matches. Nothing volatile goes in: no commit, run, time, counts, log
 * text or hidden-row notes (the false mismatches of dflook/terraform-apply came from exactly those), no
 * connector without a write, and no `secretValue` row: a rotated or force-sent secret is decided by the
 * secrets and inputs of the run, not by the reviewed spec, and a plan on a pull request usually runs
 * without the secrets.
 */
import { createHash } from 'node:crypto'
import type { Outcome } from '../reconcile/outcome.js'
import { nameKey } from '../text.js'

/** The form's version: a new canonical form is v2, and a v1 fingerprint then reads as "no reviewed plan". */
export const FINGERPRINT_VERSION = 'v1'

/** 48 bits per connector: enough to tell its changes apart, short enough to list a large plan's writes. */
const DIGEST_HEX = 12

/** One connector's write in the plan, as the fingerprint and the comparison see it. */
export interface PlannedWrite {
  /** `id:<n>` for an existing connector, `name:<NFC name>` for a create. */
  key: string
  /** The connector's name, to say what differs. */
  name: string
  action: 'create' | 'update' | 'disable'
  /** A short hash of this write's field changes (hex). */
  digest: string
}

/** A plan's fingerprint and its writes. */
export interface PlanPrint {
  fingerprint: string
  writes: PlannedWrite[]
}

/** The pull request a plan is reviewed in, as the salt: `owner/repo#number`, lower-cased (GitHub's names are). */
export function pullRequestSalt(owner: string, repo: string, number: number): string {
  return `${owner}/${repo}#${number}`.toLowerCase()
}

/** The fingerprint of a plan's (or an apply's re-plan's) writes for the pull request `salt`. */
export function planPrint(outcomes: Outcome[], salt: string): PlanPrint {
  const lines: string[] = []
  const writes: PlannedWrite[] = []
  for (const outcome of outcomes) {
    const write = canonicalWrite(outcome)
    if (!write) continue
    lines.push(...write.lines)
    const digest = sha256(write.lines.join('\n')).slice(0, DIGEST_HEX)
    writes.push({ key: write.key, name: outcome.name, action: write.action, digest })
  }
  lines.sort()
  return { fingerprint: sha256([FINGERPRINT_VERSION, salt, ...lines].join('\n')), writes }
}

function canonicalWrite(
  outcome: Outcome
): { key: string; action: PlannedWrite['action']; lines: string[] } | undefined {
  if (outcome.action === 'none' || outcome.result === 'failed') return undefined
  const changes = outcome.changes.filter(change => change.field !== 'secretValue')
  // An update whose only reason is the secret (rotated, force-update) is not the reviewed spec's doing.
  if (outcome.action === 'update' && changes.length === 0) return undefined
  const key = outcome.connector ? `id:${outcome.connector.id}` : `name:${nameKey(outcome.name)}`
  const head = `${key}\t${outcome.action}`
  const lines = changes.length === 0 ? [head] : changes.map(c => `${head}\t${c.field}\t${c.from}\t${c.to}`)
  return { key, action: outcome.action, lines: lines.sort() }
}

export function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex')
}

/** What differs between the reviewed plan and this run's, each in words; empty when they match. */
export interface PlanComparison {
  matches: boolean
  /** One line per connector whose write differs (when the reviewed plan listed its writes). */
  differences: string[]
}

export function comparePlans(
  reviewed: { fingerprint: string; writes?: PlannedWrite[] },
  now: PlanPrint
): PlanComparison {
  if (reviewed.fingerprint === now.fingerprint) return { matches: true, differences: [] }
  if (!reviewed.writes)
    return {
      matches: false,
      differences: ['the reviewed plan was too long to list its writes, so which connectors differ is not known']
    }
  const before = new Map(reviewed.writes.map(write => [write.key, write]))
  // A create reviewed by name may be an update by id now (made by hand since): the same connector.
  const byName = (name: string): PlannedWrite | undefined =>
    [...before.values()].find(write => nameKey(write.name) === nameKey(name))
  const differences: string[] = []
  for (const write of now.writes) {
    const was = before.get(write.key) ?? byName(write.name)
    if (was) before.delete(was.key)
    if (!was) differences.push(`'${write.name}': ${write.action}, not in the reviewed plan`)
    else if (was.action !== write.action)
      differences.push(`'${write.name}': ${write.action}, where the reviewed plan had ${was.action}`)
    else if (was.digest !== write.digest)
      differences.push(`'${write.name}': ${write.action} with other changes than the reviewed plan showed`)
  }
  for (const was of before.values())
    differences.push(`'${was.name}': the reviewed plan had ${was.action}, this run has nothing to write`)
  // Same writes, other fingerprint: the salt (another pull request's plan) or the form's version differs.
  if (differences.length === 0) differences.push('the reviewed plan was made for another pull request')
  return { matches: false, differences }
}
