import http from 'node:http'
import type { AddressInfo } from 'node:net'

/**
 * An HTTPS_PROXY on 127.0.0.1 that records what it is asked and tunnels nothing: every CONNECT is
 * answered 403. Enough to see that a peer's calls went to the proxy, for which host, and that nothing
 * secret was said to it (a CONNECT carries only the target, never the request inside the tunnel).
 */
export class RecordingProxy {
  /** The target of each CONNECT, `host:port`. */
  readonly connects: string[] = []
  /** Every request line and header the proxy received, as text. */
  readonly heard: string[] = []
  private readonly server = http.createServer((req, res) => {
    this.heard.push(`${req.method} ${req.url}\n${JSON.stringify(req.headers)}`)
    res.writeHead(403).end()
  })

  constructor() {
    this.server.on('connect', (req: http.IncomingMessage, socket) => {
      this.connects.push(String(req.url))
      this.heard.push(`CONNECT ${req.url}\n${JSON.stringify(req.headers)}`)
      socket.end('HTTP/1.1 403 Forbidden\r\n\r\n')
    })
  }

  async start(): Promise<string> {
    await new Promise<void>(resolve => this.server.listen(0, '127.0.0.1', resolve))
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections()
    await new Promise(resolve => this.server.close(resolve))
  }
}
