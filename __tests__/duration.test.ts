import { describe, expect, it } from '@jest/globals'
import { FREQUENCY_UNITS, parseDuration, TIMEOUT_UNITS } from '../src/duration.js'
import { DURATION_PATTERN } from '../src/connector-spec/model.js'

describe('parseDuration: one grammar, units chosen by the caller', () => {
  it.each([
    ['90m', 90],
    ['24h', 1440],
    ['1d', 1440],
    ['2d12h', 3600],
    ['1w', 10_080],
    ['1W2D', 12_960]
  ])('frequency %j → %d minutes', (text, minutes) => {
    expect(parseDuration(text, FREQUENCY_UNITS)).toBe(minutes)
  })

  it.each([
    ['500ms', 500],
    ['30s', 30_000],
    ['1m30s', 90_000],
    ['1h', 3_600_000],
    ['1m500ms', 60_500]
  ])('timeout %j → %d ms', (text, ms) => {
    expect(parseDuration(text, TIMEOUT_UNITS)).toBe(ms)
  })

  it("accepts only the caller's units", () => {
    expect(parseDuration('30s', FREQUENCY_UNITS)).toBeUndefined()
    expect(parseDuration('1d', TIMEOUT_UNITS)).toBeUndefined()
  })

  it.each(['', '12h2d', '1h1h', '30 s', '1.5h', 'h', '-1m'])(
    'refuses %j (largest unit first, each once, whole amounts)',
    text => {
      expect(parseDuration(text, FREQUENCY_UNITS)).toBeUndefined()
    }
  )

  it('takes fractions only when the caller asks', () => {
    expect(parseDuration('2.5s', TIMEOUT_UNITS)).toBeUndefined()
    expect(parseDuration('2.5s', TIMEOUT_UNITS, { fractions: true })).toBe(2500)
  })

  it.each(['90m', '2d12h', '1W', '12h2d', '1h1h', 'd', '1.5h'])(
    'the schema pattern agrees with the frequency grammar on %j',
    text => {
      expect(new RegExp(DURATION_PATTERN).test(text) && text !== '').toBe(
        parseDuration(text, FREQUENCY_UNITS) !== undefined
      )
    }
  )
})
