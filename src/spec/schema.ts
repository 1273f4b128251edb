import { APP_NAMES, FIELDS, FIELD_NAMES, MAX_FREQUENCY_MINUTES, type FieldDef } from './model.js'

type Schema = Record<string, unknown>

const ENV_REF = '^\\$\\{[A-Za-z_][A-Za-z0-9_]*\\}$'
const HAS_ENV_REF = '\\$\\{[A-Za-z_][A-Za-z0-9_]*\\}'
const GUID = '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$'
const DURATION = '^(\\d+w)?(\\d+d)?(\\d+h)?(\\d+m)?$'

/** JSON Schema of one field, from its kind in the model. */
function fieldSchema(def: FieldDef): Schema {
  const described = (schema: Schema): Schema => ({ description: def.description, ...schema })
  const text = (schema: Schema): Schema => ({ anyOf: [schema, { type: 'string', pattern: HAS_ENV_REF }] })
  switch (def.kind) {
    case 'id': return described({ type: 'integer', minimum: 1 })
    case 'text':
    case 'longText': return described({ type: 'string', minLength: 1, ...(def.maxLength ? { maxLength: def.maxLength } : {}) })
    case 'guid': return described(text({ type: 'string', pattern: GUID }))
    case 'secret': return described({ type: 'string', pattern: ENV_REF })
    case 'apps': return described({
      type: 'array',
      minItems: 1,
      items: {
        anyOf: [
          { type: 'string', pattern: `^(${APP_NAMES.join('|')})(:\\d+)?$` },
          {
            type: 'object',
            additionalProperties: false,
            required: ['name'],
            properties: {
              name: { enum: [...APP_NAMES] },
              identifier: text({ type: 'string', pattern: GUID }),
              tagId: { type: ['integer', 'null'], minimum: 1 }
            }
          }
        ]
      }
    })
    case 'frequency': return described({
      anyOf: [
        { type: 'integer', minimum: 1, maximum: MAX_FREQUENCY_MINUTES },
        { type: 'string', pattern: DURATION, minLength: 2 },
        { type: 'object', additionalProperties: false, properties: { hours: { type: 'integer', minimum: 0 }, minutes: { type: 'integer', minimum: 0 } } }
      ]
    })
    case 'names': return described({ type: ['array', 'null'], items: { type: 'string', minLength: 1 } })
    case 'tagIds': return described({ type: ['array', 'null'], items: { type: 'integer', minimum: 1 } })
    case 'flag': return described({ type: 'boolean' })
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
    description: 'One connector at the top level, or connectors: (a list) with optional defaults: merged into each. Keys are the Qualys API request fields; ${ENV_NAME} in a value is read from the environment.',
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
