/**
 * No text makes reading slow (issue 26): each shape of spec or answer that once took quadratic time
 * is read at n and at 4n. Linear code takes about 4 times as long; quadratic about 16. The bound is a
 * ratio of the faster of several runs, never a time, so a loaded machine slows both sides alike.
 */
import { describe, expect, it } from '@jest/globals'
import { readSpecText } from '../src/connector-spec/load.js'
import type { ValidationContext } from '../src/connector-spec/raw.js'
import { serverMessage } from '../src/http/errors.js'
import { ALWAYS_ON_APPS } from '../src/qualys/assumptions.js'

const FILE = 'qualys/connectors.yaml'
const CTX: ValidationContext = { env: {}, requireSecret: false, alwaysOnApps: ALWAYS_ON_APPS }
/** Well above linear growth (4) and well below quadratic (16). */
const MAX_GROWTH = 10
const RUNS = 5

/** A valid single connector, with `extra` lines after its fields. */
function connector(extra: string, name = 'Contoso'): string {
  return [
    `name: ${name}`,
    'tenantId: 0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0',
    'applicationId: 11111111-2222-3333-4444-555555555555',
    'tenantName: contoso.onmicrosoft.com',
    'connectorAppInfos: [AI]',
    'orgRunFrequency: 1d',
    'connectorRunFrequency: 1d',
    'connectorPrefixName: contoso',
    extra
  ].join('\n')
}

/** How much longer the work takes on input of size 4n than of size n (the fastest of RUNS runs each). */
function growth<T>(make: (n: number) => T, work: (input: T) => unknown, n: number): number {
  const fastest = (input: T): number => {
    let best = Infinity
    for (let run = 0; run < RUNS; run++) {
      const start = performance.now()
      work(input)
      best = Math.min(best, performance.now() - start)
    }
    return best
  }
  const small = make(n)
  const large = make(4 * n)
  // Warmed up first, so the small side is not the one that pays for compiling.
  work(small)
  return fastest(large) / fastest(small)
}

const read = (text: string) => readSpecText(text, FILE, CTX)
const problemsOf = (text: string): string[] => read(text).problems.map(problem => problem.message)

describe('reading a spec takes time in proportion to its size', () => {
  it('a run of spaces inside a value (the quick reader trimmed it with / +$/)', () => {
    const spec = (n: number) => connector(`description: a${' '.repeat(n)}b\n`)
    expect(read(spec(100)).connectors[0].description).toBe(`a${' '.repeat(100)}b`)
    expect(growth(spec, read, 40_000)).toBeLessThan(MAX_GROWTH)
  })

  it('a run of spaces inside an item of a [ ] list (the quick reader trimmed it with /^ +| +$/g)', () => {
    const spec = (n: number) => connector(`includedMem: [a${' '.repeat(n)}b]\n`)
    expect(read(spec(3)).connectors[0].includedMem).toEqual(['a   b'])
    expect(growth(spec, read, 200_000)).toBeLessThan(MAX_GROWTH)
  })

  it('${ written over and over in a value', () => {
    const spec = (n: number) => connector(`description: '${'${'.repeat(n / 2)}'\n`)
    expect(problemsOf(spec(40))).toEqual([])
    expect(problemsOf(connector("description: '${${${x}'\n"))[0]).toMatch(/holds a \$\{…\} reference/)
    expect(problemsOf(spec(40_000)).join('\n')).toMatch(/characters long/)
    expect(growth(spec, read, 40_000)).toBeLessThan(MAX_GROWTH)
  })

  it('a wide [ ] list of management groups and of tag ids', () => {
    const names = (n: number) =>
      connector(`includedMem: [${Array.from({ length: n / 8 }, (_, i) => `g${i}`).join(', ')}]\n`)
    const tags = (n: number) =>
      connector(`defaultTagIds: [${Array.from({ length: n / 8 }, (_, i) => i + 1).join(', ')}]\n`)
    expect(read(names(80)).connectors[0].includedMem).toHaveLength(10)
    expect(read(tags(80)).connectors[0].defaultTagIds).toHaveLength(10)
    expect(growth(names, read, 100_000)).toBeLessThan(MAX_GROWTH)
    expect(growth(tags, read, 100_000)).toBeLessThan(MAX_GROWTH)
  })

  it('a YAML syntax error on a long line', () => {
    const spec = (n: number) => connector(`description: a: b${' '.repeat(n)}c\n`)
    expect(problemsOf(spec(3))[0]).toContain("the value of 'description' contains ': '")
    expect(growth(spec, read, 200_000)).toBeLessThan(MAX_GROWTH)
  })

  it('many entries for one tenant connector (each message named every entry)', () => {
    const spec = (n: number) =>
      'connectors:\n' +
      Array.from({ length: n }, (_, i) =>
        connector('', `T${i}`)
          .split('\n')
          .filter(line => line !== '')
          .map((line, index) => `${index === 0 ? '  - ' : '    '}${line}`)
          .join('\n')
      ).join('\n')
    const messages = problemsOf(spec(7))
    expect(messages).toHaveLength(7)
    expect(messages[0]).toMatch(/^entries 'T0' \(line 2\), .*'T4' \(line 34\) and 2 more are one tenant connector/)
    // What grew with the square was the text said (every entry's message named every entry), not the time at this size.
    const said = (n: number) => problemsOf(spec(n)).join('\n').length
    expect(said(600) / said(150)).toBeLessThan(MAX_GROWTH)
    expect(growth(spec, read, 100)).toBeLessThan(MAX_GROWTH)
  })
})

describe("reading a server's answer takes time in proportion to its size", () => {
  it('< without > (each one was searched to the end for a >)', () => {
    const body = (n: number) => `Bad request ${'<'.repeat(n)}`
    expect(serverMessage(body(3))).toBe('Bad request <<<')
    expect(growth(body, text => serverMessage(text), 400_000)).toBeLessThan(MAX_GROWTH)
  })

  it('<script> blocks never closed', () => {
    const body = (n: number) => `<p>Denied</p>${'<script>'.repeat(n / 8)}`
    expect(serverMessage('<p>Denied</p><script>x</script><STYLE a>y</style> <b>now</b>')).toBe('Denied now')
    expect(growth(body, text => serverMessage(text), 400_000)).toBeLessThan(MAX_GROWTH)
  })
})
