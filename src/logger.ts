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

/** A logger that drops everything (library defaults, tests). */
export const silentLogger: Logger = {
  debug: () => undefined,
  info: () => undefined,
  notice: () => undefined,
  warning: () => undefined,
  error: () => undefined,
  group: (_title, body) => body()
}
