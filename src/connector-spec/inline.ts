import { CONNECTOR_INPUTS, DEFAULT_APPS, DEFAULT_FREQUENCY, kindOf, type FieldName } from './model.js'
import type { RawConnector, RawEntry } from './raw.js'
import { parseBoolean, type InputReader } from '../inputs.js'

/** The connector inputs that are set (non-blank), secret excluded. */
export function connectorInputsSet(read: InputReader): string[] {
  return CONNECTOR_INPUTS.filter(({ field }) => field !== 'secretValue')
    .map(({ input }) => input)
    .filter(input => read(input).trim() !== '')
}

/** Turns the inline action inputs into a raw connector, applying the documented input defaults. */
export function inlineConnector(read: InputReader): RawConnector {
  const entries: RawEntry[] = []
  for (const { input, field } of CONNECTOR_INPUTS) {
    if (field === 'secretValue') continue // resolved with the rest of the secrets (ValidationContext.secretInput)
    const text = read(input).trim() || defaultFor(field)
    if (text === '') continue
    entries.push({ key: field, value: fromText(field, text), path: `input '${input}'` })
  }
  return { origin: 'inputs', label: 'inputs', entries }
}

function defaultFor(field: FieldName): string {
  const kind = kindOf(field)
  switch (kind) {
    case 'apps':
      return DEFAULT_APPS
    case 'frequency':
      return DEFAULT_FREQUENCY
    case 'id':
    case 'text':
    case 'longText':
    case 'guid':
    case 'secret':
    case 'names':
    case 'tagIds':
    case 'flag':
      return ''
    default:
      return kind satisfies never
  }
}

/** Inputs are text; convert each to the shape a spec file would hold so one validator serves both. */
function fromText(field: FieldName, text: string): unknown {
  const kind = kindOf(field)
  switch (kind) {
    case 'names':
      return splitList(text)
    case 'tagIds':
      return splitList(text).map(part => (/^\d+$/.test(part) ? Number(part) : part))
    case 'flag':
      return parseBoolean(text) ?? text
    case 'id':
    case 'text':
    case 'longText':
    case 'guid':
    case 'secret':
    case 'apps':
    case 'frequency':
      return text
    default:
      return kind satisfies never
  }
}

/** Comma- or newline-separated list. */
export function splitList(text: string): string[] {
  return text
    .split(/[,\n]/)
    .map(part => part.trim())
    .filter(part => part !== '')
}
