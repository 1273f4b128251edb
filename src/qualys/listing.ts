/**
 * Reading the tenant connector listing page by page. The gateway's paging is trusted only as far
 * as it proves itself: a page number it ignores, a page it repeats, or an answer that is no page
 * stops the listing rather than letting a short one pass for complete (a connector missing from
 * it would be created again).
 */
import type { Logger } from '../logger.js'
import { isRecord } from '../values.js'
import type { ApiRequest, ApiResponse } from '../http/exchange.js'
import { FALLBACK_PAGE_SIZE, FIRST_PAGE, PREFERRED_PAGE_SIZE } from './assumptions.js'
import type { Connector } from './connector.js'
import { HttpError } from '../http/errors.js'

/** What paging needs from the client: its calls (with login and JSON reading). */
export interface PageCalls {
  callJson(
    request: ApiRequest,
    accept?: (response: ApiResponse) => boolean
  ): Promise<{ response: ApiResponse; body?: unknown }>
  logger: Logger
}

/** The client's calls and its tenant connector reader. */
export interface PageReader extends PageCalls {
  read(value: unknown, request: ApiRequest): Connector
}

/** How to read one kind of listed object. */
export interface ItemReader<T extends { id: number }> {
  /** Names the listing in messages, e.g. `List tenant connectors`. */
  what: string
  /** One object of a page; undefined leaves it out (only for readers that may skip unreadable objects). */
  read(value: unknown, request: ApiRequest): T | undefined
  /** A stop for a listing too long to read; default a safety stop for paging that never ends. */
  maxPages?: number
  /** What a caller loses when a page is not a page, for the message. */
  ifNotAPage?: string
}

/** A safety stop for a server whose paging never ends. */
const MAX_PAGES = 10_000

/**
 * Every connector under one listing path, or undefined when `probing` and the first page says
 * this path is no listing (404/405, or a 400 even at the small page size).
 */
export async function listPages(path: string, probing: boolean, pages: PageReader): Promise<Connector[] | undefined> {
  return listItems(path, probing, pages, { what: 'List tenant connectors', read: (value, r) => pages.read(value, r) })
}

/** listPages for any kind of listed object with an id (tenant connectors, member connectors). */
export async function listItems<T extends { id: number }>(
  path: string,
  probing: boolean,
  pages: PageCalls,
  reader: ItemReader<T>
): Promise<T[] | undefined> {
  const connectors: T[] = []
  const seen = new Set<number>()
  // Objects the gateway sent, read or not: its counts (totalElements, a short page) are of these.
  let sent = 0
  const maxPages = reader.maxPages ?? MAX_PAGES
  let pageSize = PREFERRED_PAGE_SIZE
  for (let page = FIRST_PAGE; page < FIRST_PAGE + maxPages; page++) {
    const request: ApiRequest = {
      method: 'GET',
      path,
      query: { pageNumber: page, pageSize },
      idempotent: true,
      what: `${reader.what} (page ${page - FIRST_PAGE + 1})`
    }
    // Only the first page of a candidate may say "not here" or "page size too big"; later, or
    // after the fallback, such an answer is a failure (returning what we have would hide connectors).
    const firstPage = page === FIRST_PAGE
    // A 400 even at the small page size, while probing, is a path that is no listing: a gateway
    // whose GET /{id} takes a number answers `/list` that way.
    const notHere = (r: ApiResponse): boolean =>
      probing &&
      firstPage &&
      (r.status === 404 || r.status === 405 || (r.status === 400 && pageSize === FALLBACK_PAGE_SIZE))
    const { response, body: envelope } = await pages.callJson(
      request,
      r => notHere(r) || (firstPage && r.status === 400 && pageSize !== FALLBACK_PAGE_SIZE)
    )
    if (notHere(response)) return undefined
    if (firstPage && response.status === 400) {
      pages.logger.debug(`The gateway refused pageSize=${pageSize}; listing with pageSize=${FALLBACK_PAGE_SIZE}`)
      pageSize = FALLBACK_PAGE_SIZE
      page--
      continue
    }
    checkPageNumber(envelope, page, request)
    const content = pageContent(envelope, request, reader.ifNotAPage)
    const items = content.flatMap(item => {
      const read = reader.read(item, request)
      return read === undefined ? [] : [read]
    })
    // A gateway that ignores pageNumber without saying which page it sent repeats itself.
    if (items.length > 0 && items.every(item => seen.has(item.id))) {
      throw new HttpError(
        `${request.what}: the gateway sent the connectors of an earlier page again; it does not page as expected, so the listing cannot be trusted`,
        'protocol'
      )
    }
    connectors.push(...items)
    for (const item of items) seen.add(item.id)
    sent += content.length
    if (isLastPage(envelope, page, content.length, sent)) return connectors
  }
  throw new HttpError(`${reader.what}: the gateway kept returning pages after ${maxPages}; stopping.`, 'protocol')
}

/** A gateway that ignores pageNumber would hand back page 0 forever: stop instead of looping. */
function checkPageNumber(envelope: unknown, page: number, request: ApiRequest): void {
  const current = isRecord(envelope) ? envelope.currentPage : undefined
  if (typeof current === 'number' && current !== page) {
    throw new HttpError(
      `${request.what}: asked for page ${page}, the gateway answered page ${current}; it does not page as expected, so the listing cannot be trusted`,
      'protocol'
    )
  }
}

/**
 * The connectors of one page. Only a page envelope (or a bare list) is a listing: any other
 * answer — a summary object, an error in a 200 — is refused, since reading it as "no connectors"
 * would create every connector again.
 */
export function pageContent(
  envelope: unknown,
  request: ApiRequest,
  ifNotAPage = 'the listing cannot be trusted, so nothing is created'
): unknown[] {
  if (Array.isArray(envelope)) return envelope
  const page = isRecord(envelope) ? envelope : {}
  if (Array.isArray(page.content)) return page.content
  const saysEmpty = page.totalPages === 0 || page.totalElements === 0 || page.numberOfElements === 0
  if ((page.content === null || page.content === undefined) && saysEmpty) return []
  throw new HttpError(
    `${request.what}: the answer is not a page of connectors (no content list); ${ifNotAPage}. Check qualys-gateway-url points at the API gateway`,
    'protocol'
  )
}

/**
 * Follows the server's own count: it may cap pageSize silently, so a short page proves nothing.
 * Without a count (a bare list, or no totalPages/totalElements) the pages are read until one is empty.
 */
function isLastPage(envelope: unknown, page: number, count: number, collected: number): boolean {
  if (count === 0) return true
  if (!isRecord(envelope)) return false
  const { totalPages, currentPage, totalElements } = envelope
  if (typeof totalPages === 'number')
    return (typeof currentPage === 'number' ? currentPage : page) >= totalPages - 1 + FIRST_PAGE
  if (typeof totalElements === 'number') return collected >= totalElements
  return false
}
