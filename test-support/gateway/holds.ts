/** Holds that force the order racing clients reach the stand-in in, so a race ends the same way on any machine. */
import { CONNECTORS_PATH, LIST_PATHS, type GatewayOptions, type HookedRequest } from './model.js'

type Hooks = NonNullable<GatewayOptions['hooks']>

const isList = (request: HookedRequest): boolean =>
  request.method === 'GET' && (Object.values(LIST_PATHS) as string[]).includes(request.path)
const isCreate = (request: HookedRequest): boolean =>
  request.method === 'POST' && (request.path === CONNECTORS_PATH || request.path === `${CONNECTORS_PATH}/`)

/**
 * `runs` applies started at once, each listing a one-page listing, creating, then listing again: no create is
 * acted on before every run's first listing was answered (so each finds nothing and creates), and no later
 * listing is answered before every run's create was acted on (so each sees every one). Counted on the server's
 * side (`after`), never by time.
 */
export function raceBarrier(runs: number): Hooks {
  let listsArrived = 0
  let listsAnswered = 0
  let createsAnswered = 0
  const waiting: { ready: () => boolean; go: () => void }[] = []
  const until = (ready: () => boolean): Promise<void> | void => {
    if (ready()) return
    return new Promise(go => waiting.push({ ready, go }))
  }
  const wake = (): void => {
    for (const waiter of waiting.filter(w => w.ready())) {
      waiting.splice(waiting.indexOf(waiter), 1)
      waiter.go()
    }
  }
  return {
    before(request) {
      if (isCreate(request)) return until(() => listsAnswered >= runs)
      if (isList(request) && ++listsArrived > runs) return until(() => createsAnswered >= runs)
    },
    after(request) {
      if (isList(request)) listsAnswered++
      if (isCreate(request)) createsAnswered++
      wake()
    }
  }
}
