/** The one place each kind of outside text is made safe: log lines, secrets in any form, names. */
import { describe, expect, it } from '@jest/globals'
import { serverMessage } from '../src/http/errors.js'
import { jsonDepthExceeds } from '../src/http/answer.js'
import { Redactor } from '../src/redact.js'
import { nameKey, safeLine, sameName } from '../src/text.js'

/** What the runner would take for a workflow command in one line of output. */
function isCommand(line: string): boolean {
  return line.trimStart().startsWith('::') || line.includes('##[')
}

describe('safeLine: outside text on one log line, never a workflow command', () => {
  it.each<[string, string]>([
    ['a command on a new line', 'state\n::add-mask::x'],
    ['a command at the start', '::error::pwned'],
    ['after leading spaces', '   ::stop-commands::token'],
    ['a v1 command anywhere', 'text ##[error]pwned'],
    ['CR only', 'a\r::warning::b'],
    ['unicode line separators', 'a\u2028::error::b\u2029c\u0085d'],
    ['three colons', ':::error::x']
  ])('%s', (_, text) => {
    const line = safeLine(text)
    expect(line).not.toMatch(/[\r\n\u2028\u2029\u0085]/)
    expect(isCommand(line)).toBe(false)
    expect(line).not.toContain('::')
  })

  it('writes line breaks and tabs as escapes, drops unseen characters, keeps emoji', () => {
    expect(safeLine('a\nb\r\nc\td')).toBe('a\\nb\\r\\nc\\td')
    expect(safeLine('ad\u202emin\u200b\u2066x\u0007')).toBe('adminx')
    expect(safeLine('👩‍💻 ok')).toBe('👩‍💻 ok')
  })

  it('clips to the length asked, by code points', () => {
    expect(safeLine('é'.repeat(10), 5)).toBe('éééé…')
    expect(safeLine('x'.repeat(10_000)).length).toBe(4000)
  })
})

describe('Redactor: no form or piece of a secret survives the formatting', () => {
  const SECRETS = ['pässwörd mit\tTab', 'línea1\nlínea2 ünd  zwei', 'spaces  and\ttabs', '日本語のパスワード123']

  it.each(SECRETS)('%j: raw, JSON \\u-escaped, whitespace-collapsed, as one log line', secret => {
    const redactor = new Redactor()
    redactor.add(secret)
    const escapedUpper = JSON.stringify(secret)
      .slice(1, -1)
      .replace(/[^\x20-\x7e]/g, c => `\\u${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`)
    const escapedLower = escapedUpper.replace(/\\u([0-9A-F]{4})/g, (_, hex: string) => `\\u${hex.toLowerCase()}`)
    for (const form of [
      secret,
      escapedUpper,
      escapedLower,
      secret.replace(/\s+/g, ' '),
      safeLine(secret),
      encodeURIComponent(secret)
    ]) {
      expect(redactor.logLine(`said: ${form} end`)).toBe('said: *** end')
    }
  })

  it('a server message decoded from \\u escapes and collapsed is redacted before it is clipped', () => {
    const secret = 'pässwörd mit\tTab und\nZeile'
    const redactor = new Redactor()
    redactor.add(secret)
    const escaped = JSON.stringify(secret).replace(
      /[^\x20-\x7e]/g,
      c => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`
    )
    // Placed so that a clip at 500 characters would cut it in two.
    const body = `{"message": "${'x'.repeat(480)} ${escaped.slice(1, -1)} and more"}`
    const said = serverMessage(body, text => redactor.redact(text))
    expect(said).toContain('***')
    for (let i = 0; i + 4 <= secret.length; i++) expect(said).not.toContain(secret.replace(/\s+/g, ' ').slice(i, i + 4))
  })

  it('clip never leaves the start of a secret at the cut', () => {
    const redactor = new Redactor()
    redactor.add('Sup3rSecretValue')
    // A form it does not know (cut by someone else) is still not left as a prefix longer than 3.
    const clipped = redactor.clip(`${'a'.repeat(20)}Sup3rSecr`, 28)
    expect(clipped).toBe(`${'a'.repeat(20)}…`)
    expect(redactor.clip(`${'a'.repeat(20)}Sup3rSecretValue and more`, 30)).toBe(`${'a'.repeat(20)}*** and m…`)
    expect(redactor.clip('short', 30)).toBe('short')
  })

  it('redactDeep reaches every string of a value and keeps its shape', () => {
    const redactor = new Redactor()
    redactor.add('s3cr3t-value')
    expect(redactor.redactDeep({ a: ['x s3cr3t-value', 1, null, { b: 's3cr3t-value' }], n: 2 })).toEqual({
      a: ['x ***', 1, null, { b: '***' }],
      n: 2
    })
  })
})

describe('serverMessage and deep JSON', () => {
  it('JSON nested past any real answer is detected without recursion', () => {
    expect(jsonDepthExceeds('['.repeat(100_000) + ']'.repeat(100_000), 64)).toBe(true)
    expect(
      jsonDepthExceeds(
        '{"a":{"b":[1,2,{"c":"[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[["}]}}',
        64
      )
    ).toBe(false)
    expect(jsonDepthExceeds('{"a":"\\"[[["}', 2)).toBe(false)
    expect(jsonDepthExceeds('<html>[[[[[[</html>', 2)).toBe(false)
  })
})

describe('names compared after NFC normalisation', () => {
  it('two names that render the same are one name', () => {
    const composed = 'Caf\u00e9 Zürich'
    const decomposed = 'Cafe\u0301 Zu\u0308rich'
    expect(composed).not.toBe(decomposed)
    expect(sameName(composed, decomposed)).toBe(true)
    expect(nameKey(decomposed)).toBe(composed)
    expect(sameName('Cafe', 'Café')).toBe(false)
  })
})
