import * as core from '@actions/core'
import type { Logger } from './logger.js'
import type { SourceLocation } from './problems.js'
import type { Redactor } from './redact.js'

/**
 * The core's Logger on top of @actions/core's workflow commands. Every message may carry
 * outside text, so every one goes through redactor.logLine: one line that cannot be a workflow command, with no
 * secret in any form. A multi-line message (the plan) is written line by line.
 */
export function actionsLogger(redactor: Redactor): Logger {
  const props = (location?: SourceLocation): core.AnnotationProperties | undefined =>
    location ? { file: location.file, startLine: location.line, startColumn: location.column } : undefined
  const line = (message: string): string => redactor.logLine(message)
  return {
    // The runner shows debug lines only with step debugging on, which is what sets RUNNER_DEBUG
    // (core.isDebug()); otherwise each one would only cost a redaction and a synchronous write, two
    // per request.
    debug: message => {
      if (core.isDebug()) core.debug(line(message))
    },
    info: message => core.info(message.split('\n').map(line).join('\n')),
    notice: (message, location) => core.notice(line(message), props(location)),
    warning: (message, location) => core.warning(line(message), props(location)),
    error: (message, location) => core.error(line(message), props(location)),
    group: (title, body) => core.group(line(title), body)
  }
}
