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
