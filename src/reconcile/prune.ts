import type { Connector } from '../qualys/connector.js'
import type { ConnectorSpec } from '../connector-spec/model.js'
import { MAX_DESCRIPTION_LENGTH } from '../connector-spec/model.js'
import type { Problem } from '../problems.js'
import { nameKey, plural, sameName } from '../text.js'
import type { Change } from './diff.js'

/**
 * Ownership without a state file: with `prune: disable`, every connector the action creates or
 * updates carries this line at the end of its description. Prune only ever touches connectors
 * that carry it, exactly, for this owner.
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
 * one connector would take it from each other on every run, so the action refuses instead.
 */
export function otherOwner(connector: Connector, marker: string): string | undefined {
  const line = lastLine(connector)
  return /^managed-by: /.test(line) && !isMarker(line, marker) ? line.slice('managed-by: '.length) : undefined
}

/** Descriptions the marker would push over the length limit: found before any request. */
export function markerLengthProblems(specs: ConnectorSpec[], marker: string): Problem[] {
  const room = MAX_DESCRIPTION_LENGTH - [...marker].length - 1
  return specs
    .filter(spec => spec.description !== undefined && [...spec.description].length > room)
    .map(spec => ({
      path: `connector '${spec.name}' description`,
      message: `is ${[...(spec.description ?? '')].length} characters long; with prune: disable its last line is the ${[...marker].length}-character marker '${marker}', so at most ${room} are allowed`
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
