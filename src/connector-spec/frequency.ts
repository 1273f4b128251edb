import { FREQUENCY_UNITS, parseDuration } from '../duration.js'
import { plural } from '../text.js'
import { isRecord } from '../values.js'
import { MAX_FREQUENCY_MINUTES, MINUTES_PER_DAY } from './model.js'

export type FrequencyResult = { minutes: number } | { error: string }

/**
 * Reads a run frequency in any accepted form: integer minutes (number or digit string), a
 * duration such as `90m`, `24h`, `1d`, `2d12h`, or the API's own `{hours, minutes}`.
 */
export function parseFrequency(value: unknown): FrequencyResult {
  const minutes = toMinutes(value)
  if (typeof minutes === 'string') return { error: minutes }
  if (minutes <= 0) return { error: 'must be more than 0 minutes (Qualys runs connectors every 1 to 7 days)' }
  if (minutes > MAX_FREQUENCY_MINUTES) {
    return {
      error: `${describeMinutes(minutes)} is over the 7-day maximum (${MAX_FREQUENCY_MINUTES} minutes) that Qualys accepts`
    }
  }
  return { minutes }
}

function toMinutes(value: unknown): number | string {
  if (typeof value === 'number') {
    return Number.isSafeInteger(value) ? value : `${value} is not a whole number of minutes`
  }
  if (typeof value === 'string') return durationToMinutes(value.trim())
  if (isRecord(value)) return hoursMinutesToMinutes(value)
  return 'expected minutes (1440), a duration (90m, 24h, 1d, 2d12h) or {hours, minutes}'
}

function durationToMinutes(text: string): number | string {
  const unparsable = `'${text}' is not a duration; use minutes (1440) or a duration such as 90m, 24h, 1d, 2d12h`
  if (/^\d+$/.test(text)) return safeInt(Number(text), unparsable)
  const minutes = parseDuration(text, FREQUENCY_UNITS)
  return minutes === undefined ? unparsable : safeInt(minutes, unparsable)
}

function hoursMinutesToMinutes(value: Record<string, unknown>): number | string {
  const extra = Object.keys(value).filter(key => key !== 'hours' && key !== 'minutes')
  if (extra.length > 0) return `unknown key '${extra[0]}' (expected {hours, minutes})`
  const { hours = 0, minutes = 0 } = value
  if (!isNonNegativeInt(hours) || !isNonNegativeInt(minutes))
    return 'hours and minutes must be whole numbers, 0 or more'
  return hours * 60 + minutes
}

function isNonNegativeInt(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0
}

function safeInt(value: number, error: string): number | string {
  return Number.isSafeInteger(value) ? value : error
}

/** Qualys runs connectors in whole days and rounds any other value up. */
export function effectiveDays(minutes: number): number {
  return Math.ceil(minutes / MINUTES_PER_DAY)
}

export function isWholeDays(minutes: number): boolean {
  return minutes % MINUTES_PER_DAY === 0
}

/** The API's request shape. */
export function toHoursMinutes(minutes: number): { hours: number; minutes: number } {
  return { hours: Math.floor(minutes / 60), minutes: minutes % 60 }
}

export function describeMinutes(minutes: number): string {
  if (minutes % MINUTES_PER_DAY === 0) return plural(minutes / MINUTES_PER_DAY, 'day')
  if (minutes % 60 === 0) return plural(minutes / 60, 'hour')
  return plural(minutes, 'minute')
}
