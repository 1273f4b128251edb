/**
 * `npm run local-action [ENV_FILE]`: runs the action's TypeScript (src/main.ts) under GitHub's own
 * local runner, @github/local-action, which stubs @actions/core and prints the outputs and the
 * masks it saw — against the stand-in Qualys gateway, started here on 127.0.0.1:18765 (the URL in
 * .env.example). ENV_FILE defaults to .env when there is one, else .env.example.
 */
import { spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { resolve } from 'node:path'
import { FakeQualysGateway } from '../test-support/gateway.js'

const root = resolve(import.meta.dirname, '..')
const envFile = process.argv[2] ?? (existsSync(resolve(root, '.env')) ? '.env' : '.env.example')
const gateway = new FakeQualysGateway({
  users: [{ username: 'self-test', password: 'self-test-password' }],
  port: 18765
})
await gateway.start()
const child = spawn('npx', ['local-action', '.', 'src/main.ts', envFile], { cwd: root, stdio: 'inherit' })
const code = await new Promise<number>(done => child.on('close', exit => done(exit ?? 1)))
await gateway.stop()
process.exit(code)
