import {
  APP_NAMES,
  DURATION_PATTERN,
  ENV_REF_PATTERN,
  FIELDS,
  FIELD_NAMES,
  GUID_PATTERN,
  MAX_FREQUENCY_MINUTES,
  type FieldDef
} from './model.js'

type Schema = Record<string, unknown>

/**
 * The schema accepts what the validator accepts, so an editor never flags a spec the action
 * takes. Ranges and cross-field rules stay with the validator (JSON Schema cannot check a
 * duration's length). `${ENV_NAME}` is read in secretValue only, so only secretValue takes it.
 */
const DIGITS = '^\\s*\\d+\\s*$'
const caseless = (word: string): string => [...word].map(c => `[${c.toUpperCase()}${c.toLowerCase()}]`).join('')
const APP_PATTERN = `^\\s*(${APP_NAMES.map(caseless).join('|')})\\s*(:\\s*\\d+\\s*)?$`
const positiveInteger: Schema = {
  anyOf: [
    { type: 'integer', minimum: 1 },
    { type: 'string', pattern: DIGITS }
  ]
}
const flag: Schema = {
  anyOf: [{ type: 'boolean' }, { type: 'string', pattern: `^\\s*(${caseless('true')}|${caseless('false')})\\s*$` }]
}

const app: Schema = {
  anyOf: [
    { type: 'string', pattern: APP_PATTERN },
    {
      type: 'object',
      additionalProperties: false,
      required: ['name'],
      properties: {
        name: { type: 'string', pattern: APP_PATTERN.replace('(:\\s*\\d+\\s*)?', '') },
        identifier: { anyOf: [{ type: 'string', pattern: GUID_PATTERN }, { type: 'null' }] },
        tagId: { anyOf: [positiveInteger, { type: 'null' }] },
        tagMetadata: { description: 'Returned by Qualys; accepted and ignored.' }
      }
    }
  ]
}

/** JSON Schema of one field, from its kind in the model. */
function fieldSchema(def: FieldDef): Schema {
  const described = (schema: Schema): Schema => ({ description: def.description, ...schema })
  switch (def.kind) {
    case 'id':
      return described(positiveInteger)
    case 'text':
    case 'longText':
      return described({
        anyOf: [
          { type: 'string', minLength: 1, ...(def.maxLength ? { maxLength: def.maxLength } : {}) },
          { type: 'number' }
        ]
      })
    case 'guid':
      return described({ type: 'string', pattern: GUID_PATTERN })
    case 'secret':
      return described({ type: 'string', pattern: ENV_REF_PATTERN })
    case 'apps':
      return described({
        anyOf: [
          { type: 'array', minItems: 1, items: app },
          { type: 'string', minLength: 1 }
        ]
      })
    case 'frequency':
      return described({
        anyOf: [
          { type: 'integer', minimum: 1, maximum: MAX_FREQUENCY_MINUTES },
          { type: 'string', pattern: DIGITS },
          { type: 'string', pattern: DURATION_PATTERN, minLength: 2 },
          {
            type: 'object',
            additionalProperties: false,
            properties: { hours: { type: 'integer', minimum: 0 }, minutes: { type: 'integer', minimum: 0 } }
          }
        ]
      })
    case 'names':
      return described({ type: ['array', 'null'], items: { type: ['string', 'number'], minLength: 1 } })
    case 'tagIds':
      return described({ type: ['array', 'null'], items: positiveInteger })
    case 'flag':
      return described(flag)
  }
}

function connectorSchema(required: string[]): Schema {
  const properties = Object.fromEntries(FIELD_NAMES.map(name => [name, fieldSchema(FIELDS[name])]))
  return { type: 'object', additionalProperties: false, required, properties }
}

/** The spec file's JSON Schema, for editors (yaml-language-server) — generated, never edited by hand. */
export function specJsonSchema(): Schema {
  const mandatory = FIELD_NAMES.filter(name => FIELDS[name].required)
  const defaults = connectorSchema([])
  delete (defaults.properties as Schema).name
  delete (defaults.properties as Schema).id
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: 'https://github.com/qualys-azure-tenant-connector-action/connector-spec.schema.json',
    title: 'Qualys Azure tenant connector spec',
    description:
      'One connector at the top level, or connectors: (a list) with optional defaults: merged into each. Keys are the Qualys API request fields; secretValue is ${ENV_NAME}, read from the environment (the only field that reads it).',
    definitions: { connector: connectorSchema(mandatory), listedConnector: connectorSchema(['name']), defaults },
    oneOf: [
      {
        type: 'object',
        additionalProperties: false,
        required: ['connectors'],
        properties: {
          defaults: { $ref: '#/definitions/defaults' },
          connectors: { type: 'array', minItems: 1, items: { $ref: '#/definitions/listedConnector' } }
        }
      },
      { $ref: '#/definitions/connector' }
    ]
  }
}
