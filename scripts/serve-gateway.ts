/**
 * Starts the stand-in Qualys gateway on loopback and keeps it running, for the workflow that runs
 * the action on itself (`uses: ./`) and for `npm run local-action`. Account: self-test /
 * self-test-password. Usage: serve-gateway [READY_FILE] [--port N]; the gateway's URL is written
 * to READY_FILE once it listens.
 */
import { writeFileSync } from 'node:fs'
import { FakeQualysGateway } from '../test-support/gateway.js'

const args = process.argv.slice(2)
const portFlag = args.indexOf('--port')
const port = portFlag >= 0 ? Number(args.splice(portFlag, 2)[1]) : undefined
const [readyFile] = args
const gateway = new FakeQualysGateway({ users: [{ username: 'self-test', password: 'self-test-password' }], port })
const url = await gateway.start()
if (readyFile) writeFileSync(readyFile, url)
console.log(`Stand-in Qualys gateway listening on ${url} (user self-test)`)
for (const signal of ['SIGINT', 'SIGTERM'] as const)
  process.on(signal, () => void gateway.stop().then(() => process.exit(0)))
