import type { Connector } from '../qualys/connector.js'
import type { ConnectorSpec } from '../connector-spec/model.js'
import { MAX_DESCRIPTION_LENGTH } from '../connector-spec/model.js'
import type { Problem } from '../problems.js'
import { nameKey, plural, sameName } from '../text.js'
import type { Change } from './diff.js'

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
  const body = withoutMarker(description ?? '', marker)
  return body === '' ? marker : `${body}\n${marker}`
}

function withoutMarker(description: string, marker: string): string {
  const lines = description.trimEnd().split(/\r?\n/)
  while (lines.length > 0 && isMarker(lines[lines.length - 1], marker)) lines.pop()
  return lines.join('\n').trimEnd()
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

/** The connector as the plan compares it: this owner's marker is bookkeeping, never a change to show. */
export function unmarked(connector: Connector, marker: string | undefined): Connector {
  if (marker === undefined || connector.description === undefined || !carriesMarker(connector, marker)) return connector
  return { ...connector, description: withoutMarker(connector.description, marker) }
}

/** Descriptions the marker would push over the length limit: found before any request. */
export function markerLengthProblems(specs: ConnectorSpec[], marker: string): Problem[] {
  const room = MAX_DESCRIPTION_LENGTH - [...marker].length - 1
  return specs
    .filter(spec => spec.description !== undefined && [...spec.description].length > room)
    .map(spec => ({
      path: `connector '${spec.name}' description`,
      message: `is ${[...(spec.description ?? '')].length} characters long; the action adds a last line, the ${[...marker].length}-character marker '${marker}', so at most ${room} are allowed`
    }))
}

/** The spec as the action wants it when it owns connectors: the marker is part of the desired description. */
export function markedSpec(
  spec: ConnectorSpec,
  current: Connector | undefined,
  marker: string | undefined
): ConnectorSpec {
  if (marker === undefined) return spec
  return { ...spec, description: withMarker(spec.description ?? current?.description, marker) }
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
