/**
 * One stand-in for @actions/core, shared by every unit test of the runner glue (the
 * actions/typescript-action pattern): each function a jest.fn, so a test sees exactly what the
 * action asked the runner to do. Use it before importing the module under test:
 *
 *   jest.unstable_mockModule('@actions/core', () => core)
 *   const { run } = await import('../src/main.js')
 *
 * and `resetCore()` in beforeEach. `useInputs` makes getInput answer as the runner does.
 */
import type * as actionsCore from '@actions/core'
import { jest } from '@jest/globals'

export const getInput = jest.fn<typeof actionsCore.getInput>()
export const getBooleanInput = jest.fn<typeof actionsCore.getBooleanInput>()
export const getMultilineInput = jest.fn<typeof actionsCore.getMultilineInput>()
export const setOutput = jest.fn<typeof actionsCore.setOutput>()
export const setFailed = jest.fn<typeof actionsCore.setFailed>()
export const setSecret = jest.fn<typeof actionsCore.setSecret>()
export const exportVariable = jest.fn<typeof actionsCore.exportVariable>()
export const isDebug = jest.fn<typeof actionsCore.isDebug>()
export const debug = jest.fn<typeof actionsCore.debug>()
export const info = jest.fn<typeof actionsCore.info>()
export const notice = jest.fn<typeof actionsCore.notice>()
export const warning = jest.fn<typeof actionsCore.warning>()
export const error = jest.fn<typeof actionsCore.error>()
export const startGroup = jest.fn<typeof actionsCore.startGroup>()
export const endGroup = jest.fn<typeof actionsCore.endGroup>()
/** Runs the group's body, as the real one does. */
export const group = jest.fn(<T>(_name: string, body: () => Promise<T>): Promise<T> => body())

/** The job summary: addRaw and write are recorded; write resolves to the summary, as the real one. */
export const summary = {
  addRaw: jest.fn((_text: string, _addEOL?: boolean) => summary),
  write: jest.fn((_options?: { overwrite?: boolean }) => Promise.resolve(summary))
}

/** Every function of the stand-in that writes to the log, by name. */
export const LOG = { debug, info, notice, warning, error } as const

/**
 * getInput answers from `inputs` (by action.yml name), '' for any other, trimmed unless
 * `trimWhitespace: false` — as the runner's INPUT_* variables are read.
 */
export function useInputs(inputs: Record<string, string>): void {
  getInput.mockImplementation((name, options) => {
    const value = inputs[name] ?? ''
    return options?.trimWhitespace === false ? value : value.trim()
  })
}

/** Forgets every call; the group and summary keep their behaviour. */
export function resetCore(): void {
  for (const fn of [
    getInput,
    getBooleanInput,
    getMultilineInput,
    setOutput,
    setFailed,
    setSecret,
    exportVariable,
    isDebug,
    debug,
    info,
    notice,
    warning,
    error,
    startGroup,
    endGroup,
    group,
    summary.addRaw,
    summary.write
  ])
    fn.mockClear()
  getInput.mockReset()
  getInput.mockReturnValue('')
}
