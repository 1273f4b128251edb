/**
 * action.yml's input defaults and the defaults src/settings.ts applies are two sources (the
 * runner fills an omitted input from action.yml; a run outside the runner, or an input set to
 * '', gets the code's): each default of action.yml, given explicitly, must read exactly as the
 * input left empty.
 */
import { describe, expect, it } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { parse } from 'yaml'
import { readSettings } from '../src/settings.js'

interface ActionInput {
  default?: string | number | boolean
}

const action = parse(readFileSync(join(import.meta.dirname, '..', 'action.yml'), 'utf8')) as {
  inputs: Record<string, ActionInput>
}
const defaults = Object.entries(action.inputs)
  .filter(([, input]) => input.default !== undefined)
  .map(([name, input]) => [name, String(input.default)] as const)

/**
 * Runs that between them read every setting: credentials and a gateway; prune on (prune-max and
 * owner are read only then); mode check (check-fail-on and issue are read only then).
 */
const BASES: Record<string, Record<string, string>> = {
  apply: { 'qualys-token': 'eyJ.jwt.sig', 'qualys-platform': 'US1' },
  'prune: disable': { 'qualys-token': 'eyJ.jwt.sig', 'qualys-platform': 'US1', prune: 'disable', owner: 'me' },
  'mode: check': { 'qualys-token': 'eyJ.jwt.sig', 'qualys-platform': 'US1', mode: 'check' }
}

function read(inputs: Record<string, string>) {
  const asked = new Set<string>()
  const result = readSettings(
    name => {
      asked.add(name)
      return inputs[name] ?? ''
    },
    { forkPullRequest: false, repository: 'octo/repo' }
  )
  return { result, asked }
}

describe("action.yml's defaults are the code's", () => {
  it('action.yml has the defaults this test is about', () => {
    expect(defaults.map(([name]) => name)).toEqual(
      expect.arrayContaining(['mode', 'max-attempts', 'request-timeout', 'prune-max', 'azure-environment'])
    )
  })

  // github-token's default is an expression the runner evaluates; without it there is no token.
  it('the one default that is an expression is github-token, and the code has no token of its own', () => {
    expect(defaults.filter(([, value]) => value.includes('${{'))).toEqual([['github-token', '${{ github.token }}']])
    expect(read(BASES.apply).result.settings?.githubToken).toBeUndefined()
  })

  const asking = (name: string): [string, Record<string, string>][] =>
    Object.entries(BASES).filter(([, base]) => !(name in base) && read(base).asked.has(name))

  // An input the settings never read would pass the comparison below vacuously.
  it.each(defaults.filter(([name]) => name !== 'github-token'))('%s is read by at least one run', name => {
    expect(asking(name).length).toBeGreaterThan(0)
  })

  const cases = defaults
    .filter(([name]) => name !== 'github-token')
    .flatMap(([name, value]) => asking(name).map(([label, base]) => [name, value, label, base] as const))

  it.each(cases)('%s: %j reads as the input left empty (%s)', (name, value, _label, base) => {
    const empty = read(base)
    const given = read({ ...base, [name]: value })
    expect(empty.result.problems).toEqual([])
    expect(given.result).toEqual(empty.result)
  })
})
