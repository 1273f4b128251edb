/**
 * The line between the runner glue and the core, as eslint.config.js draws it: the config the project's
 * ESLint computes for a file is what is checked, then its two rules are run on small in-memory files (the
 * type-checked rules need files on disk; these two need no types).
 */
import { describe, expect, it } from '@jest/globals'
import { resolve } from 'node:path'
import { ESLint, Linter } from 'eslint'
import tseslint from 'typescript-eslint'

const root = resolve(import.meta.dirname, '..')
const RULES = ['no-restricted-imports', 'no-restricted-syntax'] as const

/** The lines and messages of the boundary's errors in `code`, as if it were the file at `path`. */
async function boundaryErrors(path: string, code: string): Promise<string[]> {
  const config = (await new ESLint({ cwd: root }).calculateConfigForFile(path)) as {
    rules?: Record<string, Linter.RuleEntry>
  }
  const rules = Object.fromEntries(RULES.flatMap(rule => (config.rules?.[rule] ? [[rule, config.rules[rule]]] : [])))
  const messages = new Linter().verify(
    code,
    [{ files: ['**/*.ts'], languageOptions: { parser: tseslint.parser }, rules }],
    {
      filename: resolve(root, path)
    }
  )
  return messages.map(message => `${message.line}: ${message.message}`)
}

const GLUE_IMPORTS = [
  "import type { CheckSettings } from '../settings.js'",
  "import * as core from '@actions/core'",
  "export { run } from '../main.js'",
  "import { runCheck } from '../modes/check.js'",
  "import { checkOptions } from '../core-options.js'",
  "import { actionsLogger } from '../actions-logger.js'",
  "export const later = () => import('../modes/step.js')",
  "export const logLater = () => import('@actions/core')"
].join('\n')

describe('the core never imports the glue', () => {
  it('refuses, in a core file, every import of the glue, settings.ts or @actions/core (static, type-only, re-export, import())', async () => {
    const errors = await boundaryErrors('src/check/example.ts', GLUE_IMPORTS)
    expect(errors.map(error => error.split(':')[0])).toEqual(['1', '2', '3', '4', '5', '6', '7', '8'])
    expect(errors[0]).toContain('The core never imports the runner glue')
    expect(errors[1]).toContain('The core never uses @actions/core')
    expect(errors[7]).toContain('The core never uses @actions/core')
  })

  it('holds for a core file at the top of src/ too', async () => {
    expect(await boundaryErrors('src/problems.ts', "import { readSettings } from './settings.js'")).toHaveLength(1)
  })

  it('lets the core import the core, and the glue import anything', async () => {
    const core = [
      "import type { CheckFinding } from './finding-kinds.js'",
      "import { inputPath } from '../inputs.js'",
      "export const later = () => import('../qualys/client.js')"
    ].join('\n')
    expect(await boundaryErrors('src/check/example.ts', core)).toEqual([])
    for (const glue of ['src/main.ts', 'src/modes/check.ts', 'src/settings.ts', 'src/core-options.ts', 'src/index.ts'])
      expect([glue, await boundaryErrors(glue, GLUE_IMPORTS)]).toEqual([glue, []])
  })
})
