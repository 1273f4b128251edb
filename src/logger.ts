import type { SourceLocation } from './problems.js'

/** What the core needs from a log; the runner glue implements it with @actions/core. */
export interface Logger {
  debug(message: string): void
  info(message: string): void
  notice(message: string, location?: SourceLocation): void
  warning(message: string, location?: SourceLocation): void
  error(message: string, location?: SourceLocation): void
  group<T>(title: string, body: () => Promise<T>): Promise<T>
}

/** A log for work done twice (the apply's re-plan before its writes): the second telling is the one users read. */
export function debugOnly(log: Logger): Logger {
  const debug = (message: string): void => log.debug(message)
  return { debug, info: debug, notice: debug, warning: debug, error: debug, group: (_, body) => body() }
}
