import type { Connector } from '../qualys/connector.js'
import type { ConnectorSpec } from '../connector-spec/model.js'
import { MAX_DESCRIPTION_LENGTH } from '../connector-spec/model.js'
import type { Problem } from '../problems.js'
import { nameKey, plural, sameName } from '../text.js'
import type { Change } from './diff.js'
import { FINGERPRINT_LINE_LENGTH, fingerprintLine, fingerprintOf, isFingerprintLine } from './secret-fingerprint.js'

/**
 * Ownership without a state file: every connector the action creates or updates carries this line
 * at the end of its description, whatever prune is, so turning prune on later covers everything the
 * action ever wrote. Prune only ever touches connectors that carry it, exactly, for this owner.
 */
export function markerLine(owner: string): string {
  return `managed-by: ${owner}`
}

/** The description with the marker as its last line; a marker already there is not added twice. */
export function withMarker(description: string | undefined, marker: string): string {
  return withBookkeeping(description, marker, undefined)
}

/**
 * The bookkeeping block at the end of a description: the `secret-fingerprint:` line, then this owner's
 * marker as the LAST line (otherOwner, carriesMarker and notManaged read the last line, another owner's
 * marker included); without a marker (inline inputs without owner) the fingerprint line is last. Whatever
 * block the description had is replaced, so neither line is ever written twice.
 */
export function withBookkeeping(
  description: string | undefined,
  marker: string | undefined,
  fingerprint: string | undefined
): string {
  const lines = [withoutBookkeeping(description ?? '', marker)].filter(line => line !== '')
  if (fingerprint !== undefined) lines.push(fingerprintLine(fingerprint))
  if (marker !== undefined) lines.push(marker)
  return lines.join('\n')
}

/** The description without its bookkeeping block (this owner's marker and any fingerprint line, at its end). */
export function withoutBookkeeping(description: string, marker: string | undefined): string {
  const lines = description.trimEnd().split(/\r?\n/)
  while (lines.length > 0 && isBookkeeping(lines[lines.length - 1], marker)) lines.pop()
  return lines.join('\n').trimEnd()
}

function isBookkeeping(line: string, marker: string | undefined): boolean {
  return isFingerprintLine(line) || (marker !== undefined && isMarker(line, marker))
}

/**
 * The description without the fingerprint line of its bookkeeping block; a marker, any owner's, stays the
 * last line. What an export writes into a spec: the fingerprint is of no use there, and a run recomputes it.
 */
export function withoutFingerprint(description: string): string {
  const lines = description.trimEnd().split(/\r?\n/)
  const last = lines[lines.length - 1]
  const marker = /^managed-by: /.test(last.trim()) ? lines.pop() : undefined
  while (lines.length > 0 && isFingerprintLine(lines[lines.length - 1])) lines.pop()
  return [...lines, ...(marker === undefined ? [] : [marker])].join('\n').trimEnd()
}

/** The spec as the plan compares it: bookkeeping lines in its own description (a spec exported with them) are not a change. */
export function unmarkedSpec(spec: ConnectorSpec, marker: string | undefined): ConnectorSpec {
  if (spec.description === undefined) return spec
  const body = withoutBookkeeping(spec.description, marker)
  return body === spec.description ? spec : { ...spec, description: body }
}

/** The lines of the description's bookkeeping block, last first. */
function bookkeepingLines(description: string | undefined, marker: string | undefined): string[] {
  const lines = (description ?? '').trimEnd().split(/\r?\n/).reverse()
  const end = lines.findIndex(line => !isBookkeeping(line, marker))
  return end === -1 ? lines : lines.slice(0, end)
}

/**
 * The secret fingerprint the connector's description records, in its bookkeeping block; undefined when it
 * records none (written before fingerprints, or by hand) or one of another version, which cannot be compared.
 */
export function recordedFingerprint(connector: Connector, marker: string | undefined): string | undefined {
  for (const line of bookkeepingLines(connector.description, marker)) {
    const fingerprint = fingerprintOf(line)
    if (fingerprint !== undefined) return fingerprint
  }
  return undefined
}

/** Compared as names are (NFC, trimmed): Qualys may store the text normalised. */
function isMarker(line: string, marker: string): boolean {
  return nameKey(line.trim()) === nameKey(marker)
}

function lastLine(connector: Connector): string {
  const lines = (connector.description ?? '').trimEnd().split(/\r?\n/)
  return lines[lines.length - 1].trim()
}

export function carriesMarker(connector: Connector, marker: string): boolean {
  return isMarker(lastLine(connector), marker)
}

/**
 * The owner named by another action's marker on this connector, if any: two specs that both manage
 * one connector would take it from each other on every run, so the action refuses instead. Without
 * a marker of its own (inline inputs without owner) every marker is another's: a write would drop it.
 */
export function otherOwner(connector: Connector, marker: string | undefined): string | undefined {
  const line = lastLine(connector)
  return /^managed-by: /.test(line) && (marker === undefined || !isMarker(line, marker))
    ? line.slice('managed-by: '.length)
    : undefined
}

/** Refusing another owner's connector says which `owner:` value would claim it, and what else that takes. */
export function otherOwnerRefusal(connector: Connector, owner: string): string {
  return `connector ${connector.id} is managed by '${owner}' (the last line of its description), so it is left alone: two specs managing one connector would take it from each other on every run. To manage it from this spec, set owner: ${owner} (and remove it from the other spec); to take it over instead, remove that line in Qualys`
}

/** The connector as the plan compares it: this owner's marker and the fingerprint line are bookkeeping, never a change to show. */
export function unmarked(connector: Connector, marker: string | undefined): Connector {
  if (connector.description === undefined) return connector
  const body = withoutBookkeeping(connector.description, marker)
  return body === connector.description ? connector : { ...connector, description: body }
}

/**
 * Descriptions the bookkeeping block would push over the length limit: found before any request. Every
 * write that sends the secret adds the fingerprint line, and with an owner the marker after it, each on
 * a line of its own: a description that fits is sure to fit with both.
 */
export function markerLengthProblems(specs: ConnectorSpec[], marker: string | undefined): Problem[] {
  const added = FINGERPRINT_LINE_LENGTH + 1 + (marker === undefined ? 0 : [...marker].length + 1)
  const room = MAX_DESCRIPTION_LENGTH - added
  const what =
    marker === undefined
      ? `a last line, the ${FINGERPRINT_LINE_LENGTH}-character secret fingerprint`
      : `two last lines, the ${FINGERPRINT_LINE_LENGTH}-character secret fingerprint and the ${[...marker].length}-character marker '${marker}'`
  return specs
    .filter(spec => spec.description !== undefined && [...spec.description].length > room)
    .map(spec => ({
      path: `connector '${spec.name}' description`,
      message: `is ${[...(spec.description ?? '')].length} characters long; the action adds ${what} (${added} characters with their line breaks), so at most ${room} are allowed`
    }))
}

/**
 * The spec as the action wants it: the bookkeeping block is part of the desired description. `fingerprint`
 * is that of the secret the write sends; without one (a plan, a comparison) the recorded line is kept as
 * it is, so nothing ever drops it. Without a marker and a fingerprint line the spec is left as it is.
 */
export function markedSpec(
  spec: ConnectorSpec,
  current: Connector | undefined,
  marker: string | undefined,
  fingerprint?: string
): ConnectorSpec {
  const kept = fingerprint ?? (current ? recordedFingerprint(current, marker) : undefined)
  if (marker === undefined && kept === undefined) return spec
  return { ...spec, description: withBookkeeping(spec.description ?? current?.description, marker, kept) }
}

/**
 * What prune would disable: connectors that are not deleted, not already disabled, carry this
 * owner's marker and match no spec entry (by id, or by name — a name still in the spec is never
 * retired, even when another entry's id: points elsewhere). Only called with a complete listing.
 */
export function pruneCandidates(listing: Connector[], specs: ConnectorSpec[], marker: string): Connector[] {
  return listing.filter(
    connector =>
      !connector.deleted &&
      connector.disabled !== true &&
      carriesMarker(connector, marker) &&
      !specs.some(spec => spec.id === connector.id || sameName(spec.name, connector.name))
  )
}

/**
 * Prune's other half: enabled connectors outside the spec that carry no marker at all. Prune leaves them
 * alone (nothing says this spec made them), and the report says so, with what to do, rather than stay
 * silent about part of the estate the spec seems to claim. Another owner's connectors are theirs: not listed.
 */
export function notManaged(listing: Connector[], specs: ConnectorSpec[], held: ReadonlySet<number>): Connector[] {
  return listing.filter(
    connector =>
      !connector.deleted &&
      connector.disabled !== true &&
      !held.has(connector.id) &&
      !/^managed-by: /.test(lastLine(connector)) &&
      !specs.some(spec => spec.id === connector.id || sameName(spec.name, connector.name))
  )
}

/** What to do about a connector prune leaves alone because it carries no marker. */
export function notManagedAdvice(connector: Connector, marker: string): string {
  return `not in the spec and without a managed-by marker, so prune leaves it alone. To keep it, add it to the spec (with id: ${connector.id}); to have prune disable it, add '${marker}' as the last line of its description in Qualys, or add it to the spec for one apply (which writes the marker) and then remove it`
}

/** The guard against an emptied spec switching off the whole estate; undefined when within it. */
export function pruneGuardProblem(candidates: Connector[], max: number): string | undefined {
  if (candidates.length <= max) return undefined
  const listed = candidates
    .slice(0, 10)
    .map(c => `'${c.name}' (id ${c.id})`)
    .join(', ')
  const more = candidates.length > 10 ? ` and ${candidates.length - 10} more` : ''
  return `prune would disable ${plural(candidates.length, 'connector')} (${listed}${more}), more than prune-max (${max}), so nothing was changed. If the spec is right, set the prune-max input to ${candidates.length} or more for this run; otherwise put the missing connectors back in the spec`
}

/** The plan row of a disable. */
export const DISABLE_CHANGE: Change = { field: 'enabled', from: 'true', to: 'false' }
