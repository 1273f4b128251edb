// Jest globalSetup: which bundle the end-to-end suites run.
//
// `npm test` never writes the committed dist/: a test run that rewrote it would leave a developer
// with a diff they did not make (and could commit by accident), and two test runs in one checkout
// would race on it. So:
// - with CI set (.ci/run sets CI=true, and has just checked that dist/ equals a fresh bundle of
//   src/), the suites run the committed dist/index.js as it is: that is the file the runner runs;
// - otherwise src/ is bundled with the same ncc command and flags as `npm run bundle`, into a
//   folder under the system's temporary folder, and ACTION_DIST names its index.js for the test
//   workers (test-support/run-action.ts reads it); the suites so always test the current src/.
//   The folder is named after a hash of src/ and of what the bundle is built from, so an unchanged
//   tree reuses the bundle of the previous run instead of paying for ncc again.
// An ACTION_DIST already set (a bundle to test by hand) is used as it is, in both cases.
import { execFileSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join, relative, resolve } from 'node:path'

const root = resolve(import.meta.dirname, '..')

/** @param {string} folder @returns {string[]} every file under it, in a stable order */
function sources(folder = join(root, 'src')) {
  /** @type {string[]} */
  const files = []
  for (const entry of readdirSync(folder, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const path = join(folder, entry.name)
    if (entry.isDirectory()) files.push(...sources(path))
    else files.push(path)
  }
  return files
}

/** @returns {string} a hash of what the bundle is built from: src/ and the manifests that pin its dependencies */
function fingerprint() {
  const hash = createHash('sha256')
  for (const file of [
    ...sources(),
    join(root, 'package.json'),
    join(root, 'package-lock.json'),
    join(root, 'tsconfig.json')
  ])
    if (existsSync(file)) hash.update(relative(root, file)).update('\0').update(readFileSync(file)).update('\0')
  return hash.digest('hex').slice(0, 16)
}

export default function chooseDist() {
  if (process.env.ACTION_DIST) return
  if (process.env.CI) {
    process.stdout.write('\nCI: the end-to-end suites run the committed dist/index.js\n')
    return
  }
  // One folder per checkout (worktrees side by side do not share or remove each other's bundles).
  const checkout = createHash('sha256').update(root).digest('hex').slice(0, 12)
  const cache = join(tmpdir(), `qualys-action-dist-${checkout}`)
  const bundle = join(cache, fingerprint())
  if (!existsSync(join(bundle, 'index.js'))) {
    mkdirSync(cache, { recursive: true })
    const building = mkdtempSync(join(cache, 'building-'))
    process.stdout.write(`\nBundling src/ for the end-to-end suites into ${bundle} (dist/ is left as it is)\n`)
    const ncc = createRequire(import.meta.url).resolve('@vercel/ncc/dist/ncc/cli.js')
    // The same command and flags as the `bundle` script of package.json.
    try {
      execFileSync(
        process.execPath,
        [ncc, 'build', 'src/index.ts', '-o', building, '--license', 'licenses.txt', '--target', 'es2022'],
        { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] }
      )
    } catch (error) {
      rmSync(building, { recursive: true, force: true })
      throw error
    }
    // Older bundles of this checkout are of a src/ that is gone (a build under way is left alone).
    for (const old of readdirSync(cache))
      if (!old.startsWith('building-')) rmSync(join(cache, old), { recursive: true, force: true })
    try {
      renameSync(building, bundle)
    } catch (error) {
      // Another run of this checkout finished the same bundle first.
      rmSync(building, { recursive: true, force: true })
      if (!existsSync(join(bundle, 'index.js'))) throw error
    }
  }
  process.env.ACTION_DIST = join(bundle, 'index.js')
}
