/**
 * SECRET_INPUTS is the one list of the inputs that are masked: an input of action.yml that holds a secret
 * and is missing from it would be logged in clear, so the list is held to action.yml both ways.
 */
import { describe, expect, it } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { parse } from 'yaml'
import { SECRET_INPUTS } from '../src/settings.js'

const action = parse(readFileSync(resolve(import.meta.dirname, '..', 'action.yml'), 'utf8')) as {
  inputs: Record<string, { description?: string }>
}
const secret = new Set<string>(SECRET_INPUTS)

/** Named as a secret is (…-token, …-password, …-secret, secret-value), or described as masked. */
function looksSecret(name: string, description: string): boolean {
  return /(?:^|-)(?:token|password|secret|secret-value)$/.test(name) || /\bmasked\b/i.test(description)
}

describe('the secret inputs', () => {
  it('include every input of action.yml named or described as a secret', () => {
    const named = Object.entries(action.inputs)
      .filter(([name, input]) => looksSecret(name, input.description ?? ''))
      .map(([name]) => name)
    expect(named.filter(name => !secret.has(name))).toEqual([])
    // The test sees the inputs it is about: were action.yml's names to change, it would say so here.
    expect(named).toEqual(expect.arrayContaining(['qualys-password', 'qualys-token', 'github-token', 'secret-value']))
  })

  it('are each an input of action.yml, named or described as a secret', () => {
    for (const name of SECRET_INPUTS) {
      expect([name, name in action.inputs]).toEqual([name, true])
      expect([name, looksSecret(name, action.inputs[name]?.description ?? '')]).toEqual([name, true])
    }
  })

  it('the test tells a secret input from a lookalike', () => {
    expect(looksSecret('azure-secret-expiry-warning-days', 'warns when the client secret expires')).toBe(false)
    expect(looksSecret('qualys-client-secret', '')).toBe(true)
    expect(looksSecret('vault-key', 'A key from a secret. Masked.')).toBe(true)
  })
})
