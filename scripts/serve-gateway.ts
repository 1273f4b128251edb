/**
 * Starts the stand-in Qualys gateway on loopback and keeps it running, for the workflow that runs
 * the action on itself (`uses: ./`) and for `npm run local-action`. Writes the gateway's URL to
 * the file named by the first argument once it listens. Account: self-test / self-test-password.
 */
import { writeFileSync } from 'node:fs'
import { FakeQualysGateway } from '../test-support/gateway.js'

const readyFile = process.argv[2]
const gateway = new FakeQualysGateway({ users: [{ username: 'self-test', password: 'self-test-password' }] })
const url = await gateway.start()
if (readyFile) writeFileSync(readyFile, url)
console.log(`Stand-in Qualys gateway listening on ${url} (user self-test)`)
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => void gateway.stop().then(() => process.exit(0)))
