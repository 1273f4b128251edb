/** What the preflight reads from Azure Resource Manager: the management groups and the subscriptions the app can read. */
import type { ApiRequest } from '../http/exchange.js'
import type { Transport } from '../http/transport.js'
import type { Redactor } from '../redact.js'
import { asRecord } from '../values.js'
import { readJson, Unreachable } from './answers.js'

/** [DOC] API versions named in the Resource Manager references the issue cites. */
const MANAGEMENT_GROUPS_PATH = '/providers/Microsoft.Management/managementGroups?api-version=2021-04-01'
const SUBSCRIPTIONS_PATH = '/subscriptions?api-version=2022-12-01'
/** A safety stop for paging that never ends. */
const MAX_PAGES = 1000

interface ManagementGroup {
  name: string
  displayName?: string
}

/** Resource Manager lists, read page by page with the app's token. */
export class ResourceManager {
  constructor(
    private readonly transport: Transport,
    private readonly baseUrl: string,
    private readonly redactor: Redactor
  ) {}

  /** The management groups the app can read; none when it may read none (403). */
  async managementGroups(token: string): Promise<ManagementGroup[]> {
    const items = await this.pages(
      MANAGEMENT_GROUPS_PATH,
      token,
      'List the management groups the app can read (Azure Resource Manager)',
      [403]
    )
    return items.flatMap(item => {
      const record = asRecord(item)
      const name = record?.name
      const displayName = asRecord(record?.properties)?.displayName
      return typeof name === 'string' ? [{ name, ...(typeof displayName === 'string' ? { displayName } : {}) }] : []
    })
  }

  /** How many subscriptions the app can read. */
  async subscriptions(token: string): Promise<number> {
    return (await this.readableSubscriptions(token)).count
  }

  /**
   * The subscriptions the app can read: how many Resource Manager lists, and the ids of those
   * that carry one (all of them, from Resource Manager itself), for coverage.
   */
  async readableSubscriptions(token: string): Promise<{ count: number; ids: string[] }> {
    const items = await this.pages(
      SUBSCRIPTIONS_PATH,
      token,
      'List the subscriptions the app can read (Azure Resource Manager)',
      []
    )
    const ids = items.flatMap(item => {
      const id = asRecord(item)?.subscriptionId
      return typeof id === 'string' && id !== '' ? [id] : []
    })
    return { count: items.length, ids }
  }

  /**
   * Every item of a Resource Manager list, following `nextLink`. `noneIfRefused`: statuses that
   * mean "the app may read none" (an empty list), not "could not be asked".
   */
  private async pages(first: string, token: string, what: string, noneIfRefused: number[]): Promise<unknown[]> {
    const items: unknown[] = []
    let path: string | undefined = first
    for (let page = 1; path !== undefined && page <= MAX_PAGES; page++) {
      const request: ApiRequest = {
        method: 'GET',
        path,
        idempotent: true,
        token,
        what: page === 1 ? what : `${what}, page ${page}`
      }
      const response = await this.transport.send(request)
      if (noneIfRefused.includes(response.status)) return []
      const body = asRecord(readJson(request, response, this.redactor))
      if (!Array.isArray(body?.value)) throw new Unreachable(`${request.what}: the answer has no value list`)
      items.push(...(body.value as unknown[]))
      path = this.nextPath(body.nextLink, request)
    }
    if (path !== undefined) throw new Unreachable(`${what}: still more pages after ${MAX_PAGES}`)
    return items
  }

  /** A nextLink is followed only on the Resource Manager URL itself: the token goes nowhere else. */
  private nextPath(nextLink: unknown, request: ApiRequest): string | undefined {
    if (nextLink === undefined || nextLink === null || nextLink === '') return undefined
    const base = this.baseUrl.replace(/\/+$/, '')
    if (typeof nextLink !== 'string' || !nextLink.startsWith(`${base}/`))
      throw new Unreachable(`${request.what}: the next page is not on ${base}; not followed`)
    return nextLink.slice(base.length)
  }
}

/** The refusal for management groups the spec names that the app cannot see. */
export function missingGroups(missing: { name: string; field: string }[], groups: ManagementGroup[]): string {
  const list = missing.map(entry => `'${entry.name}' (${entry.field})`).join(', ')
  const readable =
    groups.length === 0
      ? 'the app can read no management group: give it the Reader role on the management groups to scan'
      : `the app can read ${groups.map(g => (g.displayName && g.displayName !== g.name ? `${g.name} (${g.displayName})` : g.name)).join(', ')}`
  return `Azure preflight: ${missing.length === 1 ? 'management group' : 'management groups'} ${list} not found; ${readable}. Fix the names (a group's name or display name), or give the app access. Nothing was written to Qualys for this connector`
}

/** Management group names are case-insensitive in Azure. */
export function sameGroupName(a: string | undefined, b: string): boolean {
  return a !== undefined && a.toLowerCase() === b.toLowerCase()
}
