import { describe, expect, it } from '@jest/globals'
import { readSettings, type CheckSettings } from '../src/settings.js'

const CHECK = {
  mode: 'check',
  'qualys-token': 'eyJ.jwt.sig',
  'qualys-platform': 'US1',
  'spec-file': 'qualys/connectors.yaml'
}
const REPOSITORY = { forkPullRequest: false, repository: 'acme/cloud-config' }

function read(inputs: Record<string, string>) {
  return readSettings(name => inputs[name] ?? '', REPOSITORY)
}

function checkSettings(inputs: Record<string, string>): CheckSettings {
  const { settings, problems } = read(inputs)
  expect(problems).toEqual([])
  if (settings?.mode !== 'check') throw new Error(`expected check settings, got ${settings?.mode}`)
  return settings
}

describe('readSettings: mode check', () => {
  it('fails on drift and unhealthy connectors by default, and writes no issue', () => {
    const settings = checkSettings(CHECK)
    expect(settings.failOn).toEqual(['drift', 'unhealthy'])
    expect(settings.issue).toBeUndefined()
  })

  it('takes check-fail-on as any combination, in any order and case, or none', () => {
    expect(checkSettings({ ...CHECK, 'check-fail-on': 'expiring' }).failOn).toEqual(['expiring'])
    expect(checkSettings({ ...CHECK, 'check-fail-on': 'Expiring, drift' }).failOn).toEqual(['drift', 'expiring'])
    expect(checkSettings({ ...CHECK, 'check-fail-on': 'unhealthy expiring drift' }).failOn).toEqual([
      'drift',
      'unhealthy',
      'expiring'
    ])
    expect(checkSettings({ ...CHECK, 'check-fail-on': 'none' }).failOn).toEqual([])
  })

  it('refuses an unknown finding, naming the input and the choices', () => {
    const { settings, problems } = read({ ...CHECK, 'check-fail-on': 'drift,broken' })
    expect(settings).toBeUndefined()
    expect(problems).toEqual([
      {
        path: "input 'check-fail-on'",
        message: "'broken' is not a finding; use any of drift, unhealthy, expiring, or none"
      }
    ])
  })

  it('keeps the issue per spec file: the owner is the repository and the spec path', () => {
    const settings = checkSettings({
      ...CHECK,
      issue: 'true',
      'github-token': 'ghs_x',
      'issue-labels': 'qualys, drift'
    })
    expect(settings.issue).toEqual({ labels: ['qualys', 'drift'] })
    expect(settings.owner).toBe('acme/cloud-config:qualys/connectors.yaml')
    expect(checkSettings({ ...CHECK, issue: 'true', 'github-token': 'ghs_x', owner: 'team-a' }).owner).toBe('team-a')
  })

  it('needs a GitHub token for the issue', () => {
    expect(read({ ...CHECK, issue: 'true' }).problems.map(p => p.path)).toEqual(["input 'github-token'"])
  })
})
