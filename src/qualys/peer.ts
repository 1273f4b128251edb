import type { Peer } from '../http/exchange.js'
import { isThrottling409, isWindowSpent } from './assumptions.js'

/** Qualys' gateway as the HTTP layer names it in its messages, and how it says "slow down". */
export const QUALYS_PEER: Peer = {
  name: 'Qualys',
  networkAdvice: "check the gateway URL / platform and the runner's network or proxy",
  timeoutAdvice: 'raise request-timeout if Qualys is slow, or try again later',
  dnsAdvice:
    "Check qualys-platform (your account's platform, shown in Qualys under Help > About) or qualys-gateway-url, and for a private cloud the runner's DNS",
  throttleAdvice:
    "the subscription's API limit is used up. Run again later, lower max-concurrency, or ask Qualys to raise the limit",
  isThrottling409,
  isWindowSpent
}
