/**
 * validate starts without the HTTP stack or the Azure code: the modules that bring them are loaded by
 * import() in the modes that talk to Qualys and Azure only. Each is replaced here by a stand-in that records
 * being loaded.
 */
import { beforeEach, describe, expect, it, jest } from '@jest/globals'
import * as core from '../__fixtures__/core.js'
import { inlineInputs, passwordInputs } from '../test-support/e2e.js'

const loaded: string[] = []
jest.unstable_mockModule('@actions/core', () => core)
jest.unstable_mockModule('../src/qualys/client.js', () => {
  loaded.push('qualys/client')
  return {}
})
jest.unstable_mockModule('../src/azure/preflight.js', () => {
  loaded.push('azure/preflight')
  return {}
})
const { run } = await import('../src/main.js')

beforeEach(() => core.resetCore())

describe('the lazy loads', () => {
  it('validate loads neither the Qualys client nor the Azure preflight; a plan then loads the client', async () => {
    core.useInputs({ ...inlineInputs(), mode: 'validate' })
    await run()
    expect(core.setFailed).not.toHaveBeenCalled()
    expect(loaded).toEqual([])

    core.resetCore()
    core.useInputs({ ...passwordInputs('https://gateway.example.com'), ...inlineInputs(), mode: 'plan' })
    await run()
    // The stand-in has no QualysClient: the plan fails right after loading it, having sent nothing.
    expect(loaded).toEqual(['qualys/client'])
    expect(core.setFailed).toHaveBeenCalledTimes(1)
  })
})
