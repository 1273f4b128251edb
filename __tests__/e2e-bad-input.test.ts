/**
 * End to end, table driven: malformed spec files and inputs, each run through the bundled
 * dist/index.js (as the GitHub runner runs it) against its own stand-in Qualys gateway. Every
 * case must fail the step (exit 1) with an `::error` annotation that names the field or input
 * at fault, send nothing at all to the gateway, and print no stack trace.
 *
 * Every run uses mode apply with working credentials, so a malformed value that slipped
 * through validation would show up as requests to the gateway.
 */
import { afterAll, describe, expect, it } from '@jest/globals'
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { FakeQualysGateway } from '../test-support/gateway.js'
import { runAction, type ActionRun } from '../test-support/run-action.js'
import {
  annotations,
  APP_ID,
  AZURE_SECRET,
  CLIENT,
  inlineInputs,
  passwordInputs,
  TENANT,
  USER
} from '../test-support/e2e.js'

const SPEC = 'connectors.yaml'
const TOKEN = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJtZSJ9.c2lnbmF0dXJl'

interface BadCase {
  title: string
  /** Action inputs; the gateway URL is given so a case can build (or leave out) the gateway inputs. */
  inputs: (url: string) => Record<string, string>
  files?: Record<string, string>
  env?: Record<string, string>
  /** Prepares the workspace beyond `files` (symlinks, folders). */
  setup?: (workspace: string) => void
  /** Must match (at least) one `::error` line. */
  expected: RegExp
  /** Values that must not be printed anywhere. */
  secrets?: string[]
}

// ---- building the table ------------------------------------------------------------------------

/** The fields of one valid spec-file connector, as raw YAML text. */
const VALID_FIELDS: Record<string, string> = {
  name: 'Contoso',
  tenantId: TENANT,
  tenantName: 'contoso.onmicrosoft.com',
  applicationId: APP_ID,
  secretValue: '${AZURE_SECRET}',
  connectorPrefixName: 'contoso',
  connectorAppInfos: '[AI, CI, CSA]',
  orgRunFrequency: '1d',
  connectorRunFrequency: '1d'
}

/** One list item of `connectors:`; an override of `null` leaves the field out, raw YAML otherwise. */
function item(overrides: Record<string, string | null> = {}): string {
  const fields = { ...VALID_FIELDS, ...overrides }
  return Object.entries(fields)
    .filter((entry): entry is [string, string] => entry[1] !== null)
    .map(([key, value], index) => `${index === 0 ? '  - ' : '    '}${key}: ${value}`)
    .join('\n')
}

/** A `connectors:` spec with one connector (the overrides applied to it). */
function listSpec(overrides: Record<string, string | null> = {}): string {
  return `connectors:\n${item(overrides)}\n`
}

/** A spec-file case: the file is connectors.yaml, the Azure secret comes from the environment. */
function fileCase(title: string, text: string, expected: RegExp, extra: Partial<BadCase> = {}): BadCase {
  return {
    title: `spec file: ${title}`,
    inputs: url => ({ ...passwordInputs(url), 'spec-file': SPEC }),
    files: { [SPEC]: text },
    expected,
    ...extra,
    env: { AZURE_SECRET, ...extra.env }
  }
}

/** An inline-inputs case: one valid inline connector with the given inputs changed. */
function inlineCase(title: string, overrides: Record<string, string>, expected: RegExp): BadCase {
  return {
    title: `inline: ${title}`,
    inputs: url => ({ ...passwordInputs(url), ...inlineInputs(overrides) }),
    expected
  }
}

/** A case about the connection inputs (gateway, credentials): the connector is the valid inline one. */
function connectionCase(title: string, connection: (url: string) => Record<string, string>, expected: RegExp): BadCase {
  return { title: `connection: ${title}`, inputs: url => ({ ...connection(url), ...inlineInputs() }), expected }
}

/** "Billion laughs": nine levels of nine aliases each (9^9 strings once expanded). */
function billionLaughs(): string {
  const lines = ['lol0: &l0 "lol"']
  for (let level = 1; level <= 9; level++)
    lines.push(
      `lol${level}: &l${level} [${Array(9)
        .fill(`*l${level - 1}`)
        .join(', ')}]`
    )
  lines.push('connectors:', item({ description: '*l9' }))
  return `${lines.join('\n')}\n`
}

const DEPTH = 10_000
/** A located problem about the spec or the field (a syntax error or `expected text, got a list`). */
const DEEP = /connectors\.yaml:\d+:\d+: (spec|connectors\[0\]\.(name|description)): /
const SECRET_IN_ENV = 'leaky-Secret-7f3a9c'
const GUID_IN_ENV = TENANT

const CASES: BadCase[] = [
  // ---- YAML syntax -----------------------------------------------------------------------------
  fileCase(
    'unclosed flow bracket',
    listSpec({ connectorAppInfos: '[AI, CI' }),
    /connectors\.yaml:\d+:\d+: spec: YAML syntax error/
  ),
  fileCase(
    'bad indentation (a key indented deeper than its siblings)',
    listSpec().replace('    tenantName:', '       tenantName:'),
    /connectors\.yaml:\d+:\d+: spec: YAML syntax error/
  ),
  fileCase(
    'tab indentation',
    listSpec().replace(/\n {4}/g, '\n\t'),
    /connectors\.yaml:\d+:\d+: spec: YAML syntax error/
  ),
  fileCase(
    'duplicate key in one connector',
    listSpec({ tenantName: 'one.onmicrosoft.com\n    tenantName: two.onmicrosoft.com' }),
    /connectors\.yaml:5:\d+: spec: duplicate key 'tenantName'/
  ),
  fileCase(
    "an unquoted ': ' in a value, in words with the quoted form",
    listSpec({ description: 'Prod: tenant' }),
    /connectors\.yaml:11:\d+: spec: YAML syntax error: the value of 'description' contains ': '.*description: 'Prod: tenant'/
  ),
  fileCase(
    'two YAML documents',
    `${listSpec()}---\n${listSpec({ name: 'Second' })}`,
    /spec: YAML syntax error: the file holds more than one YAML document/
  ),

  // ---- shape of the file -----------------------------------------------------------------------
  fileCase('empty file', '', /spec: is empty/),
  fileCase('only comments', '# connectors go here\n# - name: Contoso\n', /spec: is empty/),
  fileCase('connectors: []', 'connectors: []\n', /connectors: must be a non-empty list/),
  fileCase(
    'connectors: as a mapping',
    'connectors:\n  name: Contoso\n  tenantId: x\n',
    /connectors: must be a non-empty list/
  ),
  fileCase('a connector that is a plain string', 'connectors:\n  - Contoso\n', /connectors\[0\]: must be a mapping/),
  fileCase(
    'defaults: with a name',
    `defaults:\n  name: Shared\n  tenantName: contoso.onmicrosoft.com\n${listSpec({ tenantName: null })}`,
    /defaults\.name: cannot be a default/
  ),
  fileCase(
    'two connectors with one name',
    `connectors:\n${item()}\n${item({ tenantId: '9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d' })}\n`,
    /connectors\[1\]\.name: name 'Contoso' is already used by connectors\[0\]/
  ),
  fileCase(
    'a misspelt field',
    listSpec({ tenantID: TENANT, tenantId: null }),
    /connectors\[0\]\.tenantID: unknown key 'tenantID'; did you mean 'tenantId'/
  ),

  // ---- wrong types -----------------------------------------------------------------------------
  fileCase('tenantId: 123', listSpec({ tenantId: '123' }), /connectors\[0\]\.tenantId: expected a GUID, got a number/),
  fileCase(
    'connectorAppInfos: 5 (a number)',
    listSpec({ connectorAppInfos: '5' }),
    /connectors\[0\]\.connectorAppInfos: expected a list of apps .*got a number/
  ),
  fileCase(
    'connectorAppInfos: "x" (an unknown app)',
    listSpec({ connectorAppInfos: '"x"' }),
    /connectors\[0\]\.connectorAppInfos\[0\]: unknown app 'x'/
  ),
  fileCase(
    'a flag as yes',
    listSpec({ autoActivateVM: 'yes' }),
    /connectors\[0\]\.autoActivateVM: expected true or false, got 'yes'/
  ),
  fileCase(
    'a flag as "yes"',
    listSpec({ isRemediationEnabled: '"yes"' }),
    /connectors\[0\]\.isRemediationEnabled: expected true or false, got 'yes'/
  ),
  fileCase(
    'frequency as a list',
    listSpec({ orgRunFrequency: '[1d, 2d]' }),
    /connectors\[0\]\.orgRunFrequency: expected minutes/
  ),
  fileCase(
    'name as a mapping',
    listSpec({ name: '{ first: Contoso }' }),
    /connectors\[0\]\.name: expected text, got a mapping/
  ),
  fileCase(
    'defaultTagIds with a negative id',
    listSpec({ defaultTagIds: '[7, -3]' }),
    /connectors\[0\]\.defaultTagIds\[1\]: a tag id must be a positive whole number, got -3/
  ),

  // ---- unicode ---------------------------------------------------------------------------------
  // Emoji and other printable text are accepted (see the validate-mode test below). Control
  // characters are refused, and so are invisible format characters (bidi overrides, zero-width
  // characters): the validator's own message promises "invisible characters", and they make two
  // names that look the same differ (or reorder what a reviewer reads, "Trojan Source").
  fileCase(
    'a C0 control character (BEL) in the name',
    listSpec({ name: '"Con\\atoso"' }),
    /connectors\[0\]\.name: contains control characters/
  ),
  fileCase(
    'a NUL in the tenant name',
    listSpec({ tenantName: '"contoso\\0.onmicrosoft.com"' }),
    /connectors\[0\]\.tenantName: contains control characters/
  ),
  fileCase(
    'an ESC (terminal escape) in the prefix',
    listSpec({ connectorPrefixName: '"con\\e[31mtoso"' }),
    /connectors\[0\]\.connectorPrefixName: contains control characters/
  ),
  fileCase(
    'a C1 control character (U+009B CSI) in the name',
    listSpec({ name: '"Con\\u009btoso"' }),
    /connectors\[0\]\.name: contains control characters/
  ),
  fileCase(
    'a right-to-left override (U+202E) in the name',
    listSpec({ name: '"Contoso\\u202Eged"' }),
    /connectors\[0\]\.name: contains control characters/
  ),
  fileCase(
    'a zero-width space (U+200B) in the name',
    listSpec({ name: '"Con\\u200Btoso"' }),
    /connectors\[0\]\.name: contains control characters/
  ),
  inlineCase(
    'a control character in the name input',
    { name: 'Con\u0007toso' },
    /input 'name': contains control characters/
  ),

  // ---- oversized values ------------------------------------------------------------------------
  fileCase(
    'a 10 000-character name',
    listSpec({ name: 'n'.repeat(10_000) }),
    /connectors\[0\]\.name: is 10000 characters long; at most 255/
  ),
  fileCase(
    'a prefix of 31 characters',
    listSpec({ connectorPrefixName: 'p'.repeat(31) }),
    /connectors\[0\]\.connectorPrefixName: is 31 characters long; at most 30/
  ),
  fileCase(
    'a description over the limit',
    listSpec({ description: 'd'.repeat(2001) }),
    /connectors\[0\]\.description: is 2001 characters long; at most 2000/
  ),
  fileCase(
    'a 5 MB spec file (refused by its size before parsing)',
    `${listSpec()}${'# padding padding padding padding padding padding padding padding padding\n'.repeat(Math.ceil((5 * 1024 * 1024) / 75))}`,
    /input 'spec-file': 'connectors\.yaml' is \d+\.\d MiB; spec files are limited to 4 MiB/
  ),

  // ---- deep nesting, aliases, merge keys ---------------------------------------------------------
  // Deep nesting must end in a located problem, never a stack overflow (caught or not).
  fileCase(`${DEPTH} nested flow lists`, listSpec({ name: `${'['.repeat(DEPTH)}x${']'.repeat(DEPTH)}` }), DEEP),
  fileCase(`${DEPTH} nested block lists`, listSpec({ name: `\n      ${'- '.repeat(DEPTH)}x` }), DEEP),
  fileCase(`${DEPTH} nested block lists starting at column 0`, listSpec({ name: `\n${'- '.repeat(DEPTH)}x` }), DEEP),
  fileCase(
    `${DEPTH} nested flow mappings`,
    listSpec({ description: `${'{a: '.repeat(DEPTH)}x${'}'.repeat(DEPTH)}` }),
    DEEP
  ),
  fileCase('billion laughs (nested aliases)', billionLaughs(), /spec: cannot be read: .*alias/i),
  // Must point at the `<<` (line 11), not at the top of the file.
  fileCase(
    'a merge key with a scalar',
    listSpec({ '<<': '5' }),
    /connectors\.yaml:11:\d+: (spec|connectors\[0\](\.<<)?): .*[Mm]erge/
  ),
  fileCase(
    'a merge key bringing a bad value from another connector',
    `connectors:\n${item({ name: '&first A', tenantId: 'not-a-guid' }).replace('  - name: &first A', '  - &first\n    name: A')}\n  - <<: *first\n    name: B\n    connectorPrefixName: b\n`,
    /connectors\[1\]\.tenantId: 'not-a-guid' is not a GUID/
  ),

  // ---- ${VAR} references -------------------------------------------------------------------------
  // Read in secretValue only: anywhere else a pull request could publish the step's environment.
  fileCase(
    '${VAR} outside secretValue, set or not',
    listSpec({ tenantName: '${QUALYS_E2E_UNSET_VARIABLE}' }),
    /connectors\.yaml:4:\d+: connectors\[0\]\.tenantName: holds a \$\{…\} reference; environment variables are read only in secretValue/
  ),
  fileCase(
    '${} (an empty name)',
    listSpec({ tenantName: '"${}"' }),
    /connectors\[0\]\.tenantName: holds a \$\{…\} reference/
  ),
  fileCase(
    '${VAR} in a GUID, the variable set',
    listSpec({ tenantId: '${X}' }),
    /connectors\[0\]\.tenantId: holds a \$\{…\} reference/,
    { env: { X: GUID_IN_ENV } }
  ),
  fileCase(
    '${VAR} inside a list item',
    listSpec({ includedMem: '["mg-${X}"]' }),
    /connectors\[0\]\.includedMem: holds a \$\{…\} reference/,
    { env: { X: 'x' } }
  ),
  fileCase(
    'secretValue as prefix-${X}',
    listSpec({ secretValue: 'prefix-${X}' }),
    /connectors\[0\]\.secretValue: must be an environment variable reference/,
    { env: { X: SECRET_IN_ENV }, secrets: [SECRET_IN_ENV] }
  ),

  // ---- the spec-file path ----------------------------------------------------------------------
  {
    ...fileCase('../x', listSpec(), /input 'spec-file': '\.\.\/x' is outside the workspace/),
    inputs: url => ({ ...passwordInputs(url), 'spec-file': '../x' })
  },
  {
    ...fileCase('/etc/passwd', listSpec(), /input 'spec-file': '\/etc\/passwd' is outside the workspace/),
    inputs: url => ({ ...passwordInputs(url), 'spec-file': '/etc/passwd' })
  },
  {
    ...fileCase('a/../../x', listSpec(), /input 'spec-file': 'a\/\.\.\/\.\.\/x' is outside the workspace/),
    inputs: url => ({ ...passwordInputs(url), 'spec-file': 'a/../../x' })
  },
  {
    ...fileCase(
      'a symlink in the workspace pointing out of it',
      listSpec(),
      /input 'spec-file': 'linked\.yaml' links to a file outside the workspace/
    ),
    inputs: url => ({ ...passwordInputs(url), 'spec-file': 'linked.yaml' }),
    files: {},
    setup: workspace => {
      const outside = mkdtempSync(join(tmpdir(), 'qualys-outside-'))
      scratch.push(outside)
      writeFileSync(join(outside, 'secret-spec.yaml'), listSpec())
      symlinkSync(join(outside, 'secret-spec.yaml'), join(workspace, 'linked.yaml'))
    }
  },
  {
    ...fileCase('a directory', listSpec(), /input 'spec-file': 'specs' is not a file/),
    inputs: url => ({ ...passwordInputs(url), 'spec-file': 'specs' }),
    files: {},
    setup: workspace => mkdirSync(join(workspace, 'specs'))
  },
  {
    ...fileCase('a missing file', listSpec(), /input 'spec-file': 'missing\.yaml' does not exist/),
    inputs: url => ({ ...passwordInputs(url), 'spec-file': 'missing.yaml' })
  },
  {
    ...fileCase(
      'inline connector inputs set as well',
      listSpec(),
      /input 'tenant-id': must be empty when spec-file is set/
    ),
    inputs: url => ({ ...passwordInputs(url), 'spec-file': SPEC, 'tenant-id': TENANT })
  },

  // ---- inline connector inputs ---------------------------------------------------------------------
  inlineCase(
    'tenant-id not a GUID',
    { 'tenant-id': 'contoso.onmicrosoft.com' },
    /input 'tenant-id': 'contoso\.onmicrosoft\.com' is not a GUID/
  ),
  inlineCase(
    'application-id as a GUID in braces',
    { 'application-id': `{${APP_ID}}` },
    /input 'application-id': '\{[0-9a-f-]+\}' is not a GUID/
  ),
  inlineCase(
    'application-id one digit short',
    { 'application-id': APP_ID.slice(0, -1) },
    /input 'application-id': '[0-9a-f-]+' is not a GUID/
  ),
  inlineCase(
    'a flag as yes',
    { 'auto-activate-vm': 'yes' },
    /input 'auto-activate-vm': expected true or false, got 'yes'/
  ),
  inlineCase(
    'org-run-frequency 0',
    { 'org-run-frequency': '0' },
    /input 'org-run-frequency': must be more than 0 minutes/
  ),
  inlineCase(
    'org-run-frequency -5',
    { 'org-run-frequency': '-5' },
    /input 'org-run-frequency': '-5' is not a duration/
  ),
  inlineCase(
    'connector-run-frequency 8d',
    { 'connector-run-frequency': '8d' },
    /input 'connector-run-frequency': 8 days is over the 7-day maximum/
  ),
  inlineCase(
    'connector-run-frequency 1x',
    { 'connector-run-frequency': '1x' },
    /input 'connector-run-frequency': '1x' is not a duration/
  ),
  inlineCase('an unknown app', { apps: 'AI, XYZ' }, /input 'apps'\[1\]: unknown app 'XYZ'/),
  inlineCase(
    'a tag id that is not a number',
    { 'default-tag-ids': '7, seven' },
    /input 'default-tag-ids'\[1\]: a tag id must be a positive whole number, got 'seven'/
  ),

  // ---- connection inputs -----------------------------------------------------------------------
  connectionCase(
    'an unknown platform',
    () => ({ 'qualys-platform': 'MARS1', 'qualys-username': USER.username, 'qualys-password': USER.password }),
    /input 'qualys-platform': 'MARS1' is not a Qualys platform/
  ),
  connectionCase(
    'both a platform and a gateway URL',
    url => ({ ...passwordInputs(url), 'qualys-platform': 'US1' }),
    /input 'qualys-platform': set either qualys-platform or qualys-gateway-url, not both/
  ),
  connectionCase(
    'http:// to a non-loopback host',
    () => ({ ...passwordInputs('http://gateway.qg1.apps.qualys.com') }),
    /input 'qualys-gateway-url': must use https:\/\//
  ),
  connectionCase(
    'http:// to a host that only starts like a loopback address',
    url => ({ ...passwordInputs(url.replace('127.0.0.1', '127.0.0.1.nip.io')) }),
    /input 'qualys-gateway-url': must use https:\/\//
  ),
  {
    ...connectionCase(
      'a gateway URL with credentials',
      url => ({ ...passwordInputs(url.replace('http://', 'http://admin:hunter2@')) }),
      /input 'qualys-gateway-url': must not contain credentials/
    ),
    secrets: ['hunter2']
  },
  connectionCase(
    'a gateway URL that is not a URL',
    () => ({ ...passwordInputs('gateway.qg1.apps.qualys.com') }),
    /input 'qualys-gateway-url': 'gateway\.qg1\.apps\.qualys\.com' is not a URL/
  ),
  connectionCase(
    'two auth methods at once',
    url => ({
      ...passwordInputs(url),
      'qualys-client-id': CLIENT.clientId,
      'qualys-client-secret': CLIENT.clientSecret
    }),
    /inputs 'qualys-username', 'qualys-password', 'qualys-client-id', 'qualys-client-secret': set exactly one way to log in/
  ),
  connectionCase(
    'a token and a password',
    url => ({ ...passwordInputs(url), 'qualys-token': TOKEN }),
    /inputs 'qualys-token', 'qualys-username', 'qualys-password': set exactly one way to log in/
  ),
  connectionCase(
    'a username without a password',
    url => ({ 'qualys-gateway-url': url, 'qualys-username': USER.username }),
    /input 'qualys-password': is required with qualys-username/
  ),
  connectionCase(
    'a client secret without a client id',
    url => ({ 'qualys-gateway-url': url, 'qualys-client-secret': CLIENT.clientSecret }),
    /input 'qualys-client-id': is required with qualys-client-secret/
  ),
  connectionCase(
    'no credentials at all',
    url => ({ 'qualys-gateway-url': url }),
    /inputs 'qualys-token', 'qualys-username', 'qualys-password', 'qualys-client-id', 'qualys-client-secret': none is set/
  ),

  // ---- run settings ------------------------------------------------------------------------------
  ...(
    [
      ['mode', 'deploy', /input 'mode': 'deploy' is not one of apply, plan, validate/],
      ['on-existing', 'replace', /input 'on-existing': 'replace' is not one of update, skip, fail/],
      ['max-attempts', '0', /input 'max-attempts': '0' must be a whole number from 1 to 10/],
      ['max-attempts', '11', /input 'max-attempts': '11' must be a whole number from 1 to 10/],
      ['max-attempts', 'abc', /input 'max-attempts': 'abc' must be a whole number from 1 to 10/],
      ['max-concurrency', '0', /input 'max-concurrency': '0' must be a whole number from 1 to 20/],
      ['request-timeout', 'forever', /input 'request-timeout': 'forever' is not a duration/],
      ['sync-timeout', '7h', /input 'sync-timeout': '7h' must be between .* and 360 minutes/],
      ['wait-for-sync', 'yes', /input 'wait-for-sync': 'yes' is not true or false/]
    ] as [string, string, RegExp][]
  ).map(([input, value, expected]): BadCase => ({
    title: `setting: ${input} ${JSON.stringify(value)}`,
    inputs: url => ({ ...passwordInputs(url), ...inlineInputs(), [input]: value }),
    expected
  }))
]

// ---- running ---------------------------------------------------------------------------------

const scratch: string[] = []
afterAll(() => scratch.forEach(dir => rmSync(dir, { recursive: true, force: true })))

interface CaseRun {
  run: ActionRun
  requests: number
}

async function runCase(c: BadCase): Promise<CaseRun> {
  // One gateway per case: concurrent cases cannot see each other's requests.
  const gateway = new FakeQualysGateway({ users: [USER], clients: [CLIENT], staticTokens: [TOKEN] })
  const url = await gateway.start()
  const workspace = mkdtempSync(join(tmpdir(), 'qualys-bad-'))
  scratch.push(workspace)
  try {
    c.setup?.(workspace)
    const run = await runAction({ inputs: c.inputs(url), files: c.files, env: c.env, workspace, timeoutMs: 30_000 })
    return { run, requests: gateway.requests.length }
  } finally {
    await gateway.stop()
  }
}

/** Every `at …(file:line:col)` frame or uncaught error name a crash would print. */
const CRASH = /^\s+at .+:\d+:\d+\)?$|RangeError|Maximum call stack|TypeError|ReferenceError|SyntaxError: /m

describe('malformed specs and inputs fail before any request, naming the field', () => {
  it.concurrent.each(CASES.map(c => [c.title, c] as const))('%s', async (_title, c) => {
    const { run, requests } = await runCase(c)
    const errors = annotations(run)
    // BAD_INPUT_VERBOSE=1 prints what each case reported, to review the messages.

    if (process.env.BAD_INPUT_VERBOSE)
      console.log(`${c.title} (exit ${run.code}, ${requests} requests)\n${errors.join('\n')}`)
    const named = errors.some(line => c.expected.test(line))
    const ok = run.code === 1 && named && requests === 0
    // On a mismatch the diff shows what the action printed.
    const output = ok
      ? ''
      : `--- stdout ---\n${run.stdout.slice(0, 4000)}\n--- stderr ---\n${run.stderr.slice(0, 2000)}`
    expect({ code: run.code, named, requests, output }).toEqual({ code: 1, named: true, requests: 0, output: '' })
    expect(`${run.stdout}\n${run.stderr}`.match(CRASH)?.[0] ?? 'no crash').toBe('no crash')
    // The step's final failure says nothing was sent.
    expect(errors.some(line => /nothing was sent to Qualys/.test(line))).toBe(true)
    for (const secret of c.secrets ?? []) expect(run.stdout.includes(secret) || run.stderr.includes(secret)).toBe(false)
  })
})

describe('a YAML syntax error is one problem, in words', () => {
  it.concurrent(
    'a key indented one space short gives one annotation at its line, with the indentation hint',
    async () => {
      const { run, requests } = await runCase(
        fileCase('one mis-indented line', listSpec().replace('    tenantName:', '   tenantName:'), /^$/)
      )
      const spec = annotations(run).filter(line => /connectors\.yaml:/.test(line))
      expect({ code: run.code, requests }).toEqual({ code: 1, requests: 0 })
      expect(spec).toHaveLength(1)
      expect(spec[0]).toMatch(
        /connectors\.yaml:4:\d+: spec: YAML syntax error: this line's indentation does not fit the lines above it: the keys of one connector line up with its first key/
      )
      expect(spec[0]).toMatch(/more after it, which usually follow from this one: fix this first/)
      expect(run.stdout).not.toMatch(/compact mappings|without - indicator/)
    }
  )
})

describe('printable unicode is accepted', () => {
  it.concurrent('emoji and non-Latin names pass validate mode, with no request', async () => {
    const name = 'Contoso 🚀 👩‍💻 東京 Ünïcødé عربي'
    const { run, requests } = await runCase({
      title: 'unicode accepted',
      inputs: url => ({ ...passwordInputs(url), mode: 'validate', 'spec-file': SPEC }),
      files: { [SPEC]: listSpec({ name: `"${name}"`, tenantName: '"テナント.onmicrosoft.com"' }) },
      env: { AZURE_SECRET },
      expected: /^$/
    })
    expect(run.code).toBe(0)
    expect(requests).toBe(0)
    expect(run.outputs.result).toBe('valid')
    expect(JSON.parse(run.outputs.connectors)).toEqual([expect.objectContaining({ name })])
  })
})
