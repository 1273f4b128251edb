import { afterEach, describe, expect, it } from '@jest/globals'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { getInput, setOutput } from '../src/runner.js'
import { parseOutputFile } from '../test-support/run-action.js'

const saved = { ...process.env }
afterEach(() => {
  process.env = { ...saved }
})

describe('runner commands', () => {
  it('writes outputs in the runner file format; a value cannot end its own entry early', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'runner-')), 'output')
    writeFileSync(file, '')
    process.env.GITHUB_OUTPUT = file
    const tricky = 'line 1\nghadelimiter_x\nevil<<ghadelimiter_y\nline 4'
    setOutput('plan', tricky)
    setOutput('changed', 'true')
    expect(parseOutputFile(readFileSync(file, 'utf8'))).toEqual({ plan: tricky, changed: 'true' })
    const [header] = readFileSync(file, 'utf8').split('\n')
    const delimiter = header.replace('plan<<', '')
    expect(delimiter).toMatch(/^ghadelimiter_[a-z0-9]+$/)
    expect(tricky.includes(delimiter)).toBe(false)
  })

  it('reads inputs the way the runner passes them: dashes kept, trimmed unless asked not to', () => {
    process.env['INPUT_QUALYS-PASSWORD'] = ' pass word '
    expect(getInput('qualys-password')).toBe('pass word')
    expect(getInput('qualys-password', false)).toBe(' pass word ')
    expect(getInput('not-set')).toBe('')
  })
})
