/**
 * Removes known secrets from any text before it leaves the process (log lines, outputs,
 * the job summary, error messages). `core.setSecret` only masks what the runner prints;
 * this also covers encoded forms a server may echo back.
 */
export class Redactor {
  private readonly secrets = new Set<string>()

  /** Registers a secret; returns the forms to hand to the runner's masker too. */
  add(secret: string | undefined): string[] {
    if (!secret || secret.length < 3) return []
    const forms = new Set([secret, encodeURIComponent(secret), JSON.stringify(secret).slice(1, -1), formEncode(secret)])
    const added = [...forms].filter(form => !this.secrets.has(form))
    for (const form of added) this.secrets.add(form)
    return added
  }

  redact(text: string): string {
    let out = text
    // Longest first, so a secret containing another is replaced whole.
    for (const secret of [...this.secrets].sort((a, b) => b.length - a.length)) {
      if (out.includes(secret)) out = out.split(secret).join('***')
    }
    return out
  }
}

function formEncode(value: string): string {
  return new URLSearchParams({ v: value }).toString().slice(2)
}
