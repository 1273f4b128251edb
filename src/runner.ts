/**
 * The runner's workflow-command protocol, from @actions/core's own building blocks.
 *
 * Why not `import * as core from '@actions/core'`: its entry point also loads the OIDC client,
 * which pulls in @actions/http-client and undici — about 30 ms of work before the first line
 * runs, more than half of a `validate` run. These modules are the toolkit's implementation
 * (escaping, file commands, the job summary); the functions below mirror core.js one for one.
 */
import { appendFileSync } from 'node:fs'
import { EOL } from 'node:os'
import { issue, issueCommand } from '../node_modules/@actions/core/lib/command.js'
import { summary } from '../node_modules/@actions/core/lib/summary.js'
import { toCommandProperties } from '../node_modules/@actions/core/lib/utils.js'
import type { AnnotationProperties } from '../node_modules/@actions/core/lib/core.js'

export { summary }
export type { AnnotationProperties }

/** An input as the runner passes it (`INPUT_<NAME>`, dashes kept); trimmed unless it is a secret. */
export function getInput(name: string, trim = true): string {
  const value = process.env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] ?? ''
  return trim ? value.trim() : value
}

export function setSecret(secret: string): void {
  issueCommand('add-mask', {}, secret)
}

export function setOutput(name: string, value: string): void {
  const file = process.env.GITHUB_OUTPUT
  if (file) return appendFileSync(file, keyValueMessage(name, value) + EOL, 'utf8')
  process.stdout.write(EOL)
  issueCommand('set-output', { name }, value)
}

/**
 * The runner's `name<<DELIMITER` file-command format. Unlike @actions/core's file-command.js
 * this does not load node:crypto for the delimiter (~5 ms of a Node 24 start): the delimiter is
 * re-drawn until neither the name nor the value contains it, so no value can end it early,
 * however guessable it is.
 */
function keyValueMessage(name: string, value: string): string {
  let delimiter: string
  do delimiter = `ghadelimiter_${Math.random().toString(36).slice(2)}${Date.now().toString(36)}`
  while (name.includes(delimiter) || value.includes(delimiter))
  return `${name}<<${delimiter}${EOL}${value}${EOL}${delimiter}`
}

export function setFailed(message: string): void {
  process.exitCode = 1
  error(message)
}

export function debug(message: string): void {
  issueCommand('debug', {}, message)
}

export function info(message: string): void {
  process.stdout.write(message + EOL)
}

export function notice(message: string, properties: AnnotationProperties = {}): void {
  issueCommand('notice', toCommandProperties(properties), message)
}

export function warning(message: string, properties: AnnotationProperties = {}): void {
  issueCommand('warning', toCommandProperties(properties), message)
}

export function error(message: string, properties: AnnotationProperties = {}): void {
  issueCommand('error', toCommandProperties(properties), message)
}

export async function group<T>(name: string, body: () => Promise<T>): Promise<T> {
  issue('group', name)
  try {
    return await body()
  } finally {
    issue('endgroup')
  }
}
