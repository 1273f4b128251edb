/**
 * Where the reviewed plan lives: a hidden block at the end of the plan comment. Everything read back
 * is from a comment, so it is checked field by field.
 */
import { FINGERPRINT_VERSION, sha256, type PlannedWrite, type PlanPrint } from './fingerprint.js'

/** Past this, the block keeps only the fingerprint: a plan comment's room is 65,536 characters. */
const MAX_LISTED_CHARS = 16_000
/** A name in the block is for messages only: the first characters say which connector. */
const MAX_LISTED_NAME = 80
const BLOCK = /<!-- qualys-reviewed-plan ([A-Za-z0-9_-]{1,200000}) -->/
const ACTIONS: readonly PlannedWrite['action'][] = ['create', 'update', 'disable']

/**
 * A short, stable key of an owner (the spec's `managed-by:` owner), which the plan comment carries so two
 * plan steps of one pull request (two spec files) keep two comments, and each apply finds its own.
 */
export function ownerKey(owner: string | undefined): string | undefined {
  return owner === undefined || owner === '' ? undefined : sha256(owner).slice(0, 16)
}

/** What a plan comment says about the plan it shows. */
export interface ReviewedPlanBlock {
  fingerprint: string
  /** The pull request's head commit the plan was made at. */
  commit?: string
  /** The plan's writes; left out of a plan too long to list them. */
  writes?: PlannedWrite[]
}

interface Encoded {
  v: string
  f: string
  c?: string
  w?: [string, string, string, string][]
}

/** The hidden block for a plan's fingerprint: base64url JSON, which no text of the plan can close early. */
export function reviewedPlanBlock(print: PlanPrint, commit: string | undefined): string {
  const base: Encoded = { v: FINGERPRINT_VERSION, f: print.fingerprint, ...(commit ? { c: commit } : {}) }
  const listed = print.writes.map(w => [w.key, [...w.name].slice(0, MAX_LISTED_NAME).join(''), w.action, w.digest])
  const full = encode({ ...base, w: listed as Encoded['w'] })
  return `<!-- qualys-reviewed-plan ${full.length <= MAX_LISTED_CHARS ? full : encode(base)} -->`
}

/** The block in a comment, if there is a readable one of this version. */
export function readReviewedPlan(body: string): ReviewedPlanBlock | undefined {
  const match = BLOCK.exec(body)
  if (!match) return undefined
  let data: Partial<Encoded>
  try {
    data = JSON.parse(Buffer.from(match[1], 'base64url').toString('utf8')) as Partial<Encoded>
  } catch {
    return undefined
  }
  if (data?.v !== FINGERPRINT_VERSION || typeof data.f !== 'string' || !/^[0-9a-f]{64}$/.test(data.f)) return undefined
  const commit = typeof data.c === 'string' && /^[0-9a-f]{7,40}$/i.test(data.c) ? data.c : undefined
  return {
    fingerprint: data.f,
    ...(commit ? { commit } : {}),
    ...(Array.isArray(data.w) ? { writes: writesOf(data.w) } : {})
  }
}

function writesOf(listed: unknown[]): PlannedWrite[] | undefined {
  const writes: PlannedWrite[] = []
  for (const entry of listed) {
    if (!Array.isArray(entry) || entry.length !== 4 || !entry.every(part => typeof part === 'string')) return undefined
    const [key, name, action, digest] = entry
    const known = ACTIONS.find(one => one === action)
    if (!known) return undefined
    writes.push({ key, name, action: known, digest })
  }
  return writes
}

function encode(data: Encoded): string {
  return Buffer.from(JSON.stringify(data), 'utf8').toString('base64url')
}
