/**
 * Member (subscription) connectors, read for the coverage part of `mode: check`. Qualys documents
 * no listing of them: the guessed paths and field spellings are in assumptions.ts, and a gateway
 * that answers none of them gives "not available" with the reason, never a failure of the check.
 *
 * Errors: a 401 that logging in again did not cure is thrown (the Qualys credentials do not work,
 * which the check must report as such, not as "coverage not available"). Every other failure —
 * 403, throttling after the retries, 5xx, network, timeouts, an answer that is no page — is a
 * "not available" result: coverage is best effort.
 */
import {
  AZURE_CLOUD_TYPE,
  MEMBER_CLOUD_TYPE_FIELDS,
  MEMBER_DELETED_FIELDS,
  MEMBER_DISABLED_FIELDS,
  MEMBER_LIST_PATH_CANDIDATES,
  MEMBER_ORG_CONNECTOR_ID_FIELDS,
  memberSubscriptionId
} from './assumptions.js'
import { HttpError } from '../http/errors.js'
import { listItems, type PageCalls } from './listing.js'
import { isRecord } from '../values.js'

export interface MemberConnector {
  id: number
  name?: string
  state?: string
  lastError?: string
  disabled: boolean
  deleted: boolean
  /** The Azure subscription it scans, when the object names it in a known spelling. */
  subscriptionId?: string
  /** The tenant connector it belongs to, when the object carries such a field. */
  organizationConnectorId?: number
}

export type MemberListing =
  /** `ignored`: listed objects that could not be read as an Azure member connector. */
  { available: true; path: string; members: MemberConnector[]; ignored: number } | { available: false; reason: string }

/**
 * Pages read at most: the listing holds every Azure member connector of the Qualys subscription
 * and costs a call per page out of a budget of the order of 300 calls an hour [DOC].
 */
export const MAX_MEMBER_PAGES = 20

/** Text from the gateway is clipped: it goes into logs and a report. */
const MAX_TEXT = 500

/**
 * The member listing of one run: the first listing is kept (one check reads it for every tenant
 * connector), and so is the path that answered.
 */
export class MemberConnectors {
  private listing?: Promise<MemberListing>

  constructor(private readonly calls: PageCalls) {}

  list(): Promise<MemberListing> {
    this.listing ??= this.firstListing()
    // A 401 is not kept: it is the caller's to handle, and a later call may be asked again.
    this.listing.catch(() => (this.listing = undefined))
    return this.listing
  }

  private async firstListing(): Promise<MemberListing> {
    const tried: string[] = []
    for (const path of MEMBER_LIST_PATH_CANDIDATES) {
      let ignored = 0
      let members: MemberConnector[] | undefined
      try {
        members = await listItems(path, true, this.calls, {
          what: 'List member connectors',
          maxPages: MAX_MEMBER_PAGES,
          ifNotAPage: 'coverage cannot be read from it',
          read: value => {
            const member = readMember(value)
            if (member === undefined) ignored++
            return member
          }
        })
      } catch (error) {
        if (!(error instanceof HttpError) || error.kind === 'unauthorized') throw error
        return { available: false, reason: `GET ${path} failed: ${error.message}` }
      }
      if (members === undefined) {
        this.calls.logger.debug(`GET ${path}: 404/405, not the member connector listing on this gateway`)
        tried.push(path)
        continue
      }
      this.calls.logger.info(
        `Member connectors are listed through GET ${path} (${members.length} found${ignored > 0 ? `, ${ignored} unreadable objects ignored` : ''})`
      )
      return { available: true, path, members, ignored }
    }
    return {
      available: false,
      reason: `Qualys documents no listing of member connectors, and the gateway has none where one was guessed (${tried.join(', ')} answered 404/405)`
    }
  }
}

/**
 * One listed object as a member connector, or undefined when it is none that can be read: not an
 * object, no integer id, or an object naming another cloud.
 */
export function readMember(value: unknown): MemberConnector | undefined {
  if (!isRecord(value)) return undefined
  const id = integer(value.id)
  if (id === undefined) return undefined
  const cloud = text(first(value, MEMBER_CLOUD_TYPE_FIELDS))
  if (cloud !== undefined && cloud.toUpperCase() !== AZURE_CLOUD_TYPE) return undefined
  const member: MemberConnector = {
    id,
    disabled: first(value, MEMBER_DISABLED_FIELDS) === true,
    deleted: first(value, MEMBER_DELETED_FIELDS) === true
  }
  const name = text(value.name)
  const state = text(value.state)
  const lastError = text(value.lastError)
  const subscriptionId = memberSubscriptionId(value)
  const organizationConnectorId = integer(first(value, MEMBER_ORG_CONNECTOR_ID_FIELDS))
  if (name !== undefined) member.name = name
  if (state !== undefined) member.state = state
  if (lastError !== undefined) member.lastError = lastError
  if (subscriptionId !== undefined) member.subscriptionId = clip(subscriptionId)
  if (organizationConnectorId !== undefined) member.organizationConnectorId = organizationConnectorId
  return member
}

/** The first of these fields the object has a value for (null counts as none). */
function first(record: Record<string, unknown>, fields: readonly string[]): unknown {
  for (const field of fields) if (record[field] !== undefined && record[field] !== null) return record[field]
  return undefined
}

/** An id: an integer, or a string of digits (ids in JSON from Java are sometimes quoted). */
function integer(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isSafeInteger(value)) return value
  if (typeof value === 'string' && /^\d{1,15}$/.test(value.trim())) return Number(value.trim())
  return undefined
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? clip(value.trim()) : undefined
}

function clip(value: string): string {
  return value.length > MAX_TEXT ? `${value.slice(0, MAX_TEXT - 1)}…` : value
}
