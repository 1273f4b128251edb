// Jest globalSetup: the end-to-end suites run dist/index.js, so `npm test` never tests a stale
// bundle — when any file under src/ is newer than dist/index.js (or there is none), dist/ is
// rebuilt first. A fresh bundle costs nothing here.
import { execSync } from 'node:child_process'
import { readdirSync, statSync } from 'node:fs'
import { join, resolve } from 'node:path'

const root = resolve(import.meta.dirname, '..')

/** @param {string} folder @returns {number} the newest modification time of a file under it */
function newestIn(folder) {
  let newest = 0
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    const path = join(folder, entry.name)
    newest = Math.max(newest, entry.isDirectory() ? newestIn(path) : statSync(path).mtimeMs)
  }
  return newest
}

export default function buildDist() {
  let bundled = 0
  try {
    bundled = statSync(join(root, 'dist', 'index.js')).mtimeMs
  } catch {
    // No bundle yet.
  }
  if (bundled >= newestIn(join(root, 'src'))) return
  process.stdout.write('\ndist/ is older than src/: rebuilding it before the tests (npm run bundle)\n')
  execSync('npm run -s bundle', { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] })
}
