/** `npm run schema`: writes connector-spec.schema.json from the spec model (a test keeps it current). */
import { writeFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { specJsonSchema } from '../src/connector-spec/schema.js'

const target = resolve(import.meta.dirname, '..', 'connector-spec.schema.json')
writeFileSync(target, `${JSON.stringify(specJsonSchema(), null, 2)}\n`)
console.log(`wrote ${target}`)
