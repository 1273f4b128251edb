/** The gateway's logins — `/auth` (a form) and `/auth/oidc` (headers, an empty form) — the tokens they issue, and who a bearer token stands for. */
import type { Context, GatewayOptions, Reply } from './model.js'
import { TOKEN_LIFETIME_SEC } from './model.js'
import { errorReply, headerValue, makeJwt, text } from './replies.js'

export class Logins {
  /** Every token issued, in order. */
  readonly issued: string[] = []
  private readonly tokens = new Map<string, number>() // token → expiry (ms since epoch)

  constructor(private readonly options: GatewayOptions) {}

  /** Makes every issued token expire (the `expire-tokens` fault). */
  expireAll(): void {
    for (const token of this.tokens.keys()) this.tokens.set(token, 0)
  }

  answer(ctx: Context): Reply {
    if (ctx.method !== 'POST') return errorReply(405, 'Method not allowed', { Allow: 'POST' })
    return ctx.path === '/auth' ? this.passwordLogin(ctx) : this.clientLogin(ctx)
  }

  private passwordLogin(ctx: Context): Reply {
    const contentType = headerValue(ctx.req.headers, 'content-type') ?? ''
    if (!contentType.toLowerCase().startsWith('application/x-www-form-urlencoded')) {
      return errorReply(415, 'Content-Type must be application/x-www-form-urlencoded')
    }
    const form = new URLSearchParams(ctx.body) // decodes %XX and '+' like a real form parser
    if (form.get('token') !== 'true') return errorReply(400, 'token=true is required')
    const user = (this.options.users ?? []).find(
      u => u.username === form.get('username') && u.password === form.get('password')
    )
    if (!user) return errorReply(401, 'Invalid username or password')
    return text(201, this.issue(user.username))
  }

  /** As Qualys' documented curl: credentials in headers, an empty form body (Spring refuses other content types with 415). */
  private clientLogin(ctx: Context): Reply {
    const contentType = headerValue(ctx.req.headers, 'content-type') ?? ''
    if (!contentType.toLowerCase().startsWith('application/x-www-form-urlencoded')) {
      return errorReply(415, 'Content-Type must be application/x-www-form-urlencoded')
    }
    const clientId = headerValue(ctx.req.headers, 'clientId')
    const clientSecret = headerValue(ctx.req.headers, 'clientSecret')
    const client = (this.options.clients ?? []).find(c => c.clientId === clientId && c.clientSecret === clientSecret)
    if (!client) return errorReply(401, 'Invalid client id or secret')
    return text(201, this.issue(client.clientId))
  }

  private issue(subject: string): string {
    const expiresAt = Date.now() + (this.options.tokenLifetimeSec ?? TOKEN_LIFETIME_SEC) * 1000
    const token = makeJwt(subject, expiresAt)
    this.tokens.set(token, expiresAt)
    this.issued.push(token)
    return token
  }

  /** The subject a valid bearer token stands for, or undefined. */
  subject(authorization: string | undefined): string | undefined {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '')
    if (!match) return undefined
    const token = match[1]
    if (this.options.staticTokens?.includes(token)) return 'static_token_user'
    const expiresAt = this.tokens.get(token)
    if (expiresAt === undefined || expiresAt <= Date.now()) return undefined
    const payload = JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8')) as { sub: string }
    return payload.sub
  }
}
