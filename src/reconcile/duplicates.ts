/**
 * Applies that overlap (no `concurrency:` group, a manual dispatch beside a push, two repositories sharing a
 * tenant) each list Qualys before the other's create lands, and each create the entry: a server that does not
 * enforce unique names (docs/qualys-api.md) then holds two connectors of one name, and every later run stops at
 * them. So after its creates an apply lists once more. Of a name it created that Qualys now holds more than
 * once, every racing run keeps the same one, the oldest (oldestConnectorId), without talking to the others;
 * each retires only the duplicate it made itself, because only the run that created a connector holds the
 * secret the rename's update must send. A duplicate is renamed out of the way (so the name is one connector
 * again) and disabled (so it never syncs beside the one kept).
 */
import { MAX_TEXT_LENGTH, type ConnectorSpec } from '../connector-spec/model.js'
import { BudgetSpentError } from '../http/errors.js'
import type { Logger } from '../logger.js'
import { oldestConnectorId } from '../qualys/assumptions.js'
import { updateBody } from '../qualys/body.js'
import type { ConnectorApi } from '../qualys/client.js'
import type { Connector } from '../qualys/connector.js'
import { nameKey } from '../text.js'
import { errorMessage } from '../values.js'
import type { PendingSync } from './after-write.js'
import { Inventory } from './inventory.js'
import type { Outcome } from './outcome.js'
import type { StatusChange } from './status.js'

/** A connector this run created: what it sent (the secret included, for the rename) and its outcome. */
export interface CreatedWrite {
  sent: ConnectorSpec
  outcome: Outcome
}

/** A name this run created that Qualys holds more than once. */
export interface Race {
  name: string
  /** The oldest: the one every racing run keeps. */
  keeper: Connector
  /** Duplicates this run created: it retires them. */
  ours: CreatedWrite[]
  /** Duplicates other runs created: left to them, and reported. */
  theirs: Connector[]
}

/** What retiring needs: the API, the log, and the run's queued status changes and first syncs (a duplicate's are dropped). */
export interface DuplicateDeps {
  api: ConnectorApi
  logger: Logger
  statusChanges: StatusChange[]
  pendingSyncs: PendingSync[]
}

/** The concurrency group docs/gitops.md recommends, as the warnings name it. */
export const CONCURRENCY_GROUP = 'qualys-${{ github.ref }}'

const PREVENTION = `A concurrency: group on the workflow (group: ${CONCURRENCY_GROUP}, see docs/gitops.md) runs applies one after the other`

/**
 * The name a duplicate is renamed to. Its own id makes it unique (two runs retiring their duplicates of one
 * connector never collide, nor does it take a name an entry could mean); the entry's name is cut so the whole
 * stays within Qualys' name length.
 */
export function duplicateName(name: string, id: number, keeper: number): string {
  const suffix = ` (duplicate ${id} of ${keeper})`
  const room = MAX_TEXT_LENGTH - [...suffix].length
  return `${[...name.trim()].slice(0, room).join('').trimEnd()}${suffix}`
}

/**
 * The names this run created that the listing holds more than once (deleted connectors do not count). A
 * connector this run created counts even when the listing does not carry it yet.
 */
export function findRaces(listing: readonly Connector[], created: readonly CreatedWrite[]): Race[] {
  const byName = new Map<string, CreatedWrite[]>()
  for (const write of created) {
    if (write.outcome.result !== 'created' || !write.outcome.connector) continue
    const key = nameKey(write.outcome.name)
    byName.set(key, [...(byName.get(key) ?? []), write])
  }
  // Looked up by name in the inventory's one index: a thousand creates scanning the whole listing each
  // would normalise a million names.
  const listed = new Inventory([...listing])
  const races: Race[] = []
  for (const writes of byName.values()) {
    const mine = new Map(writes.map(write => [(write.outcome.connector as Connector).id, write]))
    const live = new Map(listed.named(writes[0].outcome.name).map(c => [c.id, c]))
    for (const [id, write] of mine) if (!live.has(id)) live.set(id, write.outcome.connector as Connector)
    if (live.size < 2) continue
    const keeperId = oldestConnectorId([...live.keys()])
    races.push({
      name: writes[0].outcome.name,
      keeper: live.get(keeperId) as Connector,
      ours: [...mine].filter(([id]) => id !== keeperId).map(([, write]) => write),
      theirs: [...live.values()].filter(connector => connector.id !== keeperId && !mine.has(connector.id))
    })
  }
  return races
}

/**
 * After the creates of an apply (none: nothing is listed): one listing, then each duplicate this run made
 * is renamed and disabled, and its entry's row points at the one kept. Plan mode never gets here.
 */
export async function settleDuplicates(created: readonly CreatedWrite[], deps: DuplicateDeps): Promise<void> {
  if (!created.some(write => write.outcome.result === 'created' && write.outcome.connector)) return
  let listing: Connector[] | undefined
  try {
    listing = await deps.api.list()
  } catch (error) {
    listing = undefined
    // The run's one message says the budget is used up; this only says what it left undone.
    const why =
      error instanceof BudgetSpentError ? "Qualys' API budget is used up (see the run's message)" : errorMessage(error)
    deps.logger.warning(
      `Qualys could not be listed again after the creates, so a connector another run created at the same time would go unseen: ${why}`
    )
  }
  if (!listing) return
  const races = findRaces(listing, created)
  for (const race of races) {
    if (race.theirs.length === 0) continue
    const warning = othersWarning(race)
    for (const write of createdOf(race, created)) say(write.outcome, warning, deps.logger)
  }
  const renamed: { write: CreatedWrite; keeper: Connector; name: string }[] = []
  for (const race of races) {
    for (const write of race.ours) {
      const done = await rename(write, race.keeper, deps)
      if (done) renamed.push({ write, keeper: race.keeper, name: done })
    }
  }
  if (renamed.length > 0) await disable(renamed, deps)
}

/** This run's rows of a race's name. */
function createdOf(race: Race, created: readonly CreatedWrite[]): CreatedWrite[] {
  return created.filter(
    write => write.outcome.result === 'created' && nameKey(write.outcome.name) === nameKey(race.name)
  )
}

function othersWarning(race: Race): string {
  const ids = race.theirs.map(connector => connector.id).join(', ')
  const one = race.theirs.length === 1
  const which = one
    ? 'it is left to that run, which disables and renames it'
    : 'they are left to the runs that made them, which disable and rename them'
  return `${one ? 'another run created connector' : 'other runs created connectors'} ${ids} named '${race.name}' at the same time as this one; ${which} (the oldest, ${race.keeper.id}, is kept). ${PREVENTION}`
}

/** The duplicate's new name, or undefined when the rename failed (its row then says so). */
async function rename(write: CreatedWrite, keeper: Connector, deps: DuplicateDeps): Promise<string | undefined> {
  const { outcome, sent } = write
  const duplicate = outcome.connector as Connector
  const name = duplicateName(outcome.name, duplicate.id, keeper.id)
  try {
    // An update is a full replacement: the values sent at the create, the secret included, under the new name.
    outcome.connector = await deps.api.update(duplicate.id, name, updateBody(duplicate, { ...sent, name }))
    // Neither its first sync nor a status change the entry asked for concerns the duplicate any more.
    dropQueued(outcome, deps)
    return name
  } catch (error) {
    Object.assign(outcome, {
      result: 'failed',
      error: `another run created connector ${keeper.id} named '${outcome.name}' at the same time as this one created ${duplicate.id}, and renaming ${duplicate.id} out of the way failed: ${errorMessage(error)}. Rename or delete connector ${duplicate.id} in Qualys: until then every run stops at two connectors of that name. ${PREVENTION}`
    })
    return undefined
  }
}

/** One disable for every duplicate renamed; each row then points at the connector kept, with the warning. */
async function disable(
  renamed: { write: CreatedWrite; keeper: Connector; name: string }[],
  deps: DuplicateDeps
): Promise<void> {
  const ids = renamed.map(({ write }) => (write.outcome.connector as Connector).id)
  try {
    await deps.api.setStatus('DISABLE', ids)
  } catch (error) {
    for (const { write, name } of renamed) {
      const id = (write.outcome.connector as Connector).id
      Object.assign(write.outcome, {
        result: 'failed',
        error: `connector ${id}, a duplicate of one another run created at the same time, was renamed '${name}' but could not be disabled: ${errorMessage(error)}. Disable or delete it in Qualys. ${PREVENTION}`
      })
    }
    return
  }
  for (const { write, keeper, name } of renamed) {
    const { outcome } = write
    const id = (outcome.connector as Connector).id
    Object.assign(outcome, { result: 'exists', connector: keeper, written: true })
    say(
      outcome,
      `another run created connector ${keeper.id} named '${outcome.name}' at the same time as this one created ${id}: the oldest, ${keeper.id}, is kept for this entry, and ${id} was disabled and renamed '${name}'. ${PREVENTION}`,
      deps.logger
    )
  }
}

function dropQueued(outcome: Outcome, deps: DuplicateDeps): void {
  for (const queue of [deps.statusChanges, deps.pendingSyncs] as { outcome: Outcome }[][]) {
    for (let i = queue.length - 1; i >= 0; i--) if (queue[i].outcome === outcome) queue.splice(i, 1)
  }
}

function say(outcome: Outcome, warning: string, logger: Logger): void {
  logger.warning(`${outcome.name}: ${warning}`)
  outcome.warnings.push(warning)
}
