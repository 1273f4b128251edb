import { describe, expect, it } from '@jest/globals'
import {
  describeMinutes,
  effectiveDays,
  isWholeDays,
  parseFrequency,
  toHoursMinutes
} from '../src/connector-spec/frequency.js'
import { MAX_FREQUENCY_MINUTES } from '../src/connector-spec/model.js'

function minutesOf(value: unknown): number {
  const parsed = parseFrequency(value)
  if ('error' in parsed) throw new Error(`expected ${JSON.stringify(value)} to parse, got: ${parsed.error}`)
  return parsed.minutes
}

function errorOf(value: unknown): string {
  const parsed = parseFrequency(value)
  if (!('error' in parsed))
    throw new Error(`expected ${JSON.stringify(value)} to be refused, got ${parsed.minutes} minutes`)
  return parsed.error
}

describe('parseFrequency: accepted forms', () => {
  it.each<[unknown, number]>([
    // integer minutes, as number or digit string
    [1440, 1440],
    [1, 1],
    [MAX_FREQUENCY_MINUTES, 10080],
    ['1440', 1440],
    ['  2880 ', 2880],
    // durations
    ['90m', 90],
    ['24h', 1440],
    ['1d', 1440],
    ['2d12h', 3600],
    ['1w', 10080],
    ['1d1h1m', 1501],
    ['1D', 1440],
    ['36H', 2160],
    [' 7d ', 10080],
    ['0d1m', 1],
    // the API's own shape
    [{ hours: 24, minutes: 0 }, 1440],
    [{ hours: 1, minutes: 0 }, 60],
    [{ hours: 1 }, 60],
    [{ minutes: 30 }, 30],
    [{ hours: 167, minutes: 60 }, 10080]
  ])('%j → %d minutes', (value, expected) => {
    expect(minutesOf(value)).toBe(expected)
  })
})

describe('parseFrequency: refused values', () => {
  it.each<[unknown, RegExp]>([
    // unparsable
    ['', /is not a duration/],
    ['   ', /is not a duration/],
    ['daily', /'daily' is not a duration/],
    ['1.5d', /is not a duration/],
    ['1d 12h', /is not a duration/],
    ['12h1d', /is not a duration/], // units out of order
    ['1y', /is not a duration/],
    ['-5', /is not a duration/],
    ['99999999999999999999m', /is not a duration/],
    [1.5, /1.5 is not a whole number of minutes/],
    [Number.NaN, /not a whole number/],
    [Number.POSITIVE_INFINITY, /not a whole number/],
    [true, /expected minutes \(1440\), a duration/],
    [null, /expected minutes/],
    [undefined, /expected minutes/],
    [[1440], /expected minutes/],
    [{ hours: 1, minute: 5 }, /unknown key 'minute'/],
    [{ days: 1 }, /unknown key 'days'/],
    [{ hours: '1' }, /hours and minutes must be whole numbers/],
    [{ hours: -1, minutes: 120 }, /whole numbers, 0 or more/],
    [{ hours: 1.5 }, /whole numbers/],
    // zero or negative
    [0, /must be more than 0 minutes/],
    [-60, /must be more than 0 minutes/],
    ['0', /must be more than 0 minutes/],
    ['0d', /must be more than 0 minutes/],
    ['0h0m', /must be more than 0 minutes/],
    [{}, /must be more than 0 minutes/],
    [{ hours: 0, minutes: 0 }, /must be more than 0 minutes/],
    // over the 7-day maximum
    [MAX_FREQUENCY_MINUTES + 1, /10081 minutes is over the 7-day maximum \(10080 minutes\)/],
    ['8d', /8 days is over the 7-day maximum/],
    ['169h', /169 hours is over the 7-day maximum/],
    ['1w1m', /over the 7-day maximum/],
    [{ hours: 168, minutes: 1 }, /over the 7-day maximum/]
  ])('%j is refused', (value, message) => {
    expect(errorOf(value)).toMatch(message)
  })

  it('reports the whole 7-day boundary: 10080 accepted, 10081 refused', () => {
    expect(minutesOf(10080)).toBe(10080)
    expect(errorOf(10081)).toMatch(/maximum/)
  })
})

describe('whole days and rounding', () => {
  it.each<[number, boolean, number]>([
    [1, false, 1],
    [60, false, 1],
    [1439, false, 1],
    [1440, true, 1],
    [1441, false, 2],
    [2160, false, 2],
    [10079, false, 7],
    [10080, true, 7]
  ])('%d minutes: whole days %s, runs every %d day(s)', (minutes, whole, days) => {
    expect(isWholeDays(minutes)).toBe(whole)
    expect(effectiveDays(minutes)).toBe(days)
  })
})

describe('toHoursMinutes', () => {
  it.each<[number, { hours: number; minutes: number }]>([
    [1440, { hours: 24, minutes: 0 }],
    [90, { hours: 1, minutes: 30 }],
    [59, { hours: 0, minutes: 59 }],
    [10080, { hours: 168, minutes: 0 }]
  ])('%d minutes → %j', (minutes, expected) => {
    expect(toHoursMinutes(minutes)).toEqual(expected)
  })

  it('round-trips through parseFrequency', () => {
    for (const minutes of [1, 59, 60, 61, 1440, 3600, 10080]) {
      expect(minutesOf(toHoursMinutes(minutes))).toBe(minutes)
    }
  })
})

describe('describeMinutes', () => {
  it.each<[number, string]>([
    [1440, '1 day'],
    [2880, '2 days'],
    [60, '1 hour'],
    [120, '2 hours'],
    [1, '1 minute'],
    [90, '90 minutes'],
    [1500, '25 hours'],
    [1501, '1501 minutes']
  ])('%d → %s', (minutes, text) => {
    expect(describeMinutes(minutes)).toBe(text)
  })
})
