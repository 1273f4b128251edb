/** What the validator reads: a connector as written (a spec file's mapping or the inline inputs), not yet checked. */
import type { SourceLocation } from '../problems.js'
import type { AppName } from './model.js'

/** One key/value of a connector as written, with where it was written. */
export interface RawEntry {
  key: string
  value: unknown
  /** Field path for messages: `connectors[1].tenantId` or `input 'tenant-id'`. */
  path: string
  location?: SourceLocation
  /** Where the key was written (for problems about the key, such as a typo). */
  keyLocation?: SourceLocation
  /** Location of a part of the value (a list item), falling back to the entry's. */
  locate?: (sub: (string | number)[]) => SourceLocation | undefined
}

export interface RawConnector {
  origin: 'file' | 'inputs'
  /** `connectors[1]`, `spec` (single connector file) or `inputs`. */
  label: string
  location?: SourceLocation
  entries: RawEntry[]
}

export interface ValidationContext {
  env: Readonly<Record<string, string | undefined>>
  /** The `secret-value` input, used when the spec has no secretValue. */
  secretInput?: string
  /** Writes need the Azure secret; plan and validate do not. */
  requireSecret: boolean
  /**
   * Apps Qualys keeps on for every connector, added to a spec that leaves them out. Passed in
   * (from qualys/assumptions.ts ALWAYS_ON_APPS) because it is a fact about the server, and the
   * spec layer does not depend on the Qualys client.
   */
  alwaysOnApps: readonly AppName[]
}
