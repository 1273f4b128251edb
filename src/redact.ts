import { clip as clipText, MAX_LOG_LINE, safeLine } from './text.js'

/** Shortest piece of a secret that a clip may leave at its edge before it is cut away too. */
const MAX_PARTIAL = 3

/**
 * Removes known secrets from any text before it leaves the process (log lines, outputs,
 * the job summary, error messages). `core.setSecret` only masks what the runner prints;
 * this also covers the forms a server may echo back (URL-, form- and JSON-encoded, non-ASCII
 * as `\u` escapes, whitespace collapsed) and the forms the action's own formatting makes
 * (one log line). Call it on the final text; `clip` cuts text without leaving a piece of one.
 */
export class Redactor {
  private readonly secrets = new Set<string>()
  /** Every form, longest first; rebuilt after an add, when next needed. */
  private sortedCache: string[] | undefined
  /** One pattern for all forms (longest first, so a secret containing another is replaced whole). */
  private patternCache: RegExp | undefined

  /** Registers a secret; returns the forms to hand to the runner's masker too. */
  add(secret: string | undefined): string[] {
    if (!secret || secret.length < 3) return []
    const forms = new Set(secretForms(secret).filter(form => form.length >= 3))
    const added = [...forms].filter(form => !this.secrets.has(form))
    for (const form of added) this.secrets.add(form)
    if (added.length > 0) this.sortedCache = this.patternCache = undefined
    return added
  }

  redact(text: string): string {
    if (this.secrets.size === 0) return text
    // One pass over the text whatever the number of secrets (a spec of 1000 connectors has 1000).
    this.patternCache ??= new RegExp(this.sorted.map(escapeRegExp).join('|'), 'g')
    return text.replace(this.patternCache, '***')
  }

  private get sorted(): string[] {
    this.sortedCache ??= [...this.secrets].sort((a, b) => b.length - a.length)
    return this.sortedCache
  }

  /**
   * One log line or annotation from any message that may carry outside text: redacted, made one
   * safe line (safeLine), redacted again (the line's own escapes may complete a known form),
   * then clipped without leaving a piece of a secret.
   */
  logLine(message: string, max = MAX_LOG_LINE): string {
    return this.clip(safeLine(this.redact(message), Infinity), max)
  }

  /** Every string inside a value (outcomes, a connector) redacted; the shape is kept. */
  redactDeep<T>(value: T): T {
    if (typeof value === 'string') return this.redact(value) as T
    if (Array.isArray(value)) return (value as unknown[]).map(item => this.redactDeep(item)) as T
    if (value !== null && typeof value === 'object') {
      return Object.fromEntries(
        Object.entries(value).map(([key, item]) => [this.redact(key), this.redactDeep(item)])
      ) as T
    }
    return value
  }

  /**
   * Redacted, then cut to `max` characters; if the cut leaves the start of a secret at the end
   * (a form this redactor does not know, or one split by an earlier clip), that piece goes too.
   */
  clip(text: string, max: number): string {
    const redacted = this.redact(text)
    const clipped = clipText(redacted, max)
    if (clipped === redacted) return clipped
    const body = clipped.endsWith('…') ? clipped.slice(0, -1) : clipped
    return `${body.slice(0, body.length - this.partialTail(body))}${clipped.endsWith('…') ? '…' : ''}`
  }

  /** Length of the longest start of a secret (over MAX_PARTIAL characters) that `text` ends with. */
  private partialTail(text: string): number {
    let longest = 0
    for (const secret of this.sorted) {
      for (let length = Math.min(secret.length - 1, text.length); length > Math.max(MAX_PARTIAL, longest); length--) {
        if (text.endsWith(secret.slice(0, length))) {
          longest = length
          break
        }
      }
    }
    return longest
  }
}

/** The ways a secret may show up in text: as sent, as a server may echo it, as a log line writes it. */
function secretForms(secret: string): string[] {
  const json = JSON.stringify(secret).slice(1, -1)
  const collapsed = secret.replace(/\s+/g, ' ')
  // Usually one base: a secret without surrounding or repeated whitespace (this runs before the first log line).
  const bases = [...new Set([secret, secret.trim(), collapsed, collapsed.trim()])]
  return bases
    .flatMap(base => [
      base,
      encodeURIComponent(base),
      formEncode(base),
      JSON.stringify(base).slice(1, -1),
      ...(/^[\x20-\x7e]*$/.test(base) ? [] : [asciiJson(base, false), asciiJson(base, true)]),
      safeLine(base, Infinity)
    ])
    .concat(json)
}

/** JSON with every non-ASCII character as `\uXXXX`, as Java and Python servers write it. */
function asciiJson(value: string, upper: boolean): string {
  return JSON.stringify(value)
    .slice(1, -1)
    .replace(/[^\x20-\x7e]/g, char => {
      const hex = char.charCodeAt(0).toString(16).padStart(4, '0')
      return `\\u${upper ? hex.toUpperCase() : hex}`
    })
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

function formEncode(value: string): string {
  return new URLSearchParams({ v: value }).toString().slice(2)
}
