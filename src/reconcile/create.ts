/** Creating one connector without ever creating it twice. */
import type { Logger } from '../logger.js'
import { CREATE_REFUSALS_TO_CHECK } from '../qualys/assumptions.js'
import { createBody } from '../qualys/body.js'
import type { ConnectorApi } from '../qualys/client.js'
import type { Connector } from '../qualys/connector.js'
import { HttpError } from '../http/errors.js'
import type { ConnectorSpec } from '../connector-spec/model.js'
import { sameName } from '../text.js'
import type { Inventory } from './inventory.js'
import { ConnectorFailure } from './outcome.js'

/** What a create needs: the API, the listing taken at the start, the log, and how many creates it may send. */
interface CreateDeps {
  api: ConnectorApi
  inventory: Inventory
  logger: Logger
  attempts: number
}

/** Created by this run (or, after an unanswered attempt, most likely by it), or found to exist already. */
export interface Created {
  result: 'created' | 'exists'
  connector?: Connector
  warnings: string[]
}

/**
 * Creates are not idempotent: after an answer that may hide a success (timeout, reset, 5xx,
 * unreadable body) the name is looked up again before anything is sent again, and a
 * resend refused as a duplicate name is resolved by looking up again.
 */
export async function createOnce(spec: ConnectorSpec, deps: CreateDeps): Promise<Created> {
  const { api, inventory, logger, attempts } = deps
  let unsure = false
  for (let attempt = 1; attempt <= attempts; attempt++) {
    try {
      return {
        result: 'created',
        connector: await api.create(spec.name, createBody(spec), { resend: attempt > 1 }),
        warnings: []
      }
    } catch (error) {
      const refused =
        error instanceof HttpError &&
        (error.kind === 'duplicate-name' ||
          (error.kind === 'rejected' && CREATE_REFUSALS_TO_CHECK.includes(error.status ?? 0)))
      if (refused) {
        // A refusal that does not name its reason may still be a taken name: look before calling it a failure.
        const existing = await lookUpAgain(spec, deps)
        if (!existing && error.kind !== 'duplicate-name') throw error
        if (unsure) {
          // Our earlier, unanswered attempt most likely made it.
          const warnings = existing
            ? []
            : [
                `Qualys says '${spec.name}' exists, but it is not listed yet; its id and state are unknown until the next run`
              ]
          warnings.forEach(warning => logger.warning(`${spec.name}: ${warning}`))
          return { result: 'created', connector: existing, warnings }
        }
        const deleted = existing ? undefined : inventory.deletedNamed(spec.name)
        if (deleted) {
          throw new ConnectorFailure(
            `Qualys refuses the name '${spec.name}': the deleted connector ${deleted.id} still holds it. Give the spec entry another name, or have the deleted connector purged in Qualys`
          )
        }
        const warning = `Qualys refused the create because a connector named '${spec.name}' exists${existing ? ` (id ${existing.id})` : ''}; left as it is`
        logger.warning(`${spec.name}: ${warning}`)
        return { result: 'exists', connector: existing, warnings: [warning] }
      }
      if (!(error instanceof HttpError) || !error.ambiguous) throw error
      logger.warning(`${spec.name}: ${error.message}. Checking whether Qualys created it before trying again.`)
      if (!inventory.known) {
        throw new ConnectorFailure(
          `${error.message}. The create may have happened, and without a listing it cannot be checked: look for '${spec.name}' in Qualys before running again`
        )
      }
      unsure = true
      const existing = await lookUpAgain(spec, deps)
      if (existing) {
        logger.info(`${spec.name}: Qualys did create it (id ${existing.id}); not sending it again`)
        return { result: 'created', connector: existing, warnings: [] }
      }
      if (attempt < attempts)
        logger.info(
          `${spec.name}: Qualys has no connector of that name; sending the create again (attempt ${attempt + 1} of ${attempts})`
        )
    }
  }
  throw new ConnectorFailure(
    `the create kept failing without a clear answer; Qualys has no connector named '${spec.name}' now. Run again later`
  )
}

async function lookUpAgain(spec: ConnectorSpec, { api, inventory }: CreateDeps): Promise<Connector | undefined> {
  if (!inventory.known) return undefined
  const listing = await api.list()
  // "No listing" is not "not there": resending on that basis could duplicate the connector.
  if (!listing)
    throw new ConnectorFailure(
      `the listing stopped answering, so whether Qualys created '${spec.name}' cannot be checked; look for it in Qualys before running again`
    )
  const matches = listing.filter(connector => !connector.deleted && sameName(connector.name, spec.name))
  if (matches.length > 1)
    throw new ConnectorFailure(
      `Qualys now has ${matches.length} connectors named '${spec.name}' (ids ${matches.map(c => c.id).join(', ')})`
    )
  return matches[0]
}
