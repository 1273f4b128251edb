/** The shapes of one exchange with an HTTP peer (Qualys' gateway, Microsoft's APIs, GitHub's): the request, the answer, who answers. */

export interface ApiRequest {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'
  path: string
  query?: Record<string, string | number>
  /** JSON body, or a form for the login call. */
  json?: unknown
  form?: Record<string, string>
  headers?: Record<string, string>
  /** One page of a listing, read up to the page cap rather than the single-answer one (Qualys' pageNumber implies it). */
  listingPage?: boolean
  /** Sending it twice does no harm; false for creates, which must be checked before any resend. */
  idempotent: boolean
  /** Bearer token to send; undefined for the login calls. */
  token?: string
  /** What the call does, for messages: "create connector 'Prod'". */
  what: string
}

export interface ApiResponse {
  status: number
  headers: Record<string, string | undefined>
  body: string
}

export interface CallCounts {
  calls: number
  retried: number
  throttled: number
}

/** Who the transport talks to, for its messages. */
export interface Peer {
  name: string
  networkAdvice: string
  timeoutAdvice: string
  /** What to check when the host name does not resolve. */
  dnsAdvice: string
  /** Advice on a throttling answer whose wait is more than the action accepts. */
  throttleAdvice: string
  /** Whether a 409 from this peer means "slow down" (Qualys' classic API uses 409 so); none by default. */
  isThrottling409?: (headers: Record<string, string | undefined>, message: string) => boolean
  /** Whether a 403 from this peer means "slow down" (GitHub answers its rate limits with 403 too); none by default. */
  isThrottling403?: (headers: Record<string, string | undefined>, message: string) => boolean
  /**
   * Whether a throttling answer says the window's call budget is used up (wait for the window to roll,
   * drawing on the run's rate-limit-wait), rather than that too many calls are in flight (a short wait).
   */
  isWindowSpent?: (headers: Record<string, string | undefined>) => boolean
}
