/**
 * The one model of a connector spec: a new field is one row of FIELDS below. Derived from it:
 * - validation of a spec (validate.ts) and the inline action inputs it reads (inline.ts, CONNECTOR_INPUTS);
 * - the create/update request bodies (qualys/body.ts);
 * - the reader of Qualys' answers (qualys/connector.ts, through each row's `answer`), and which
 *   fields a thin listing lacks (missingFields);
 * - the diff a plan shows (reconcile/diff.ts) and what a create is shown to set (reconcile/reconcile-connector.ts);
 * - the export of Qualys' connectors as a spec file (export/spec-export.ts);
 * - the editor JSON Schema (schema.ts), written to connector-spec.schema.json by `npm run schema`.
 * Not derived, but checked against it by __tests__/docs.test.ts: action.yml declares every row's
 * `input` (by hand, with its own description), and the README's input table is generated from
 * action.yml (`npm run docs`), not from here.
 */

export const APP_NAMES = ['AI', 'CI', 'CSA'] as const
export type AppName = (typeof APP_NAMES)[number]

export interface AppInfo {
  name: AppName
  /** Omitted → the tenant id (see qualys/assumptions.ts). */
  identifier?: string
  tagId: number | null
}

/** A validated connector, keyed by the API's own request field names. Frequencies are minutes. */
export interface ConnectorSpec {
  /** Adopt this existing connector (rename it by changing `name`). */
  id?: number
  name: string
  description?: string
  tenantId: string
  tenantName: string
  applicationId: string
  /** Resolved secret; when absent the `secret-value` input is used. */
  secretValue?: string
  connectorAppInfos: AppInfo[]
  orgRunFrequency: number
  connectorRunFrequency: number
  connectorPrefixName: string
  includedMem?: string[]
  excludedMem?: string[]
  isCreateConnectorForNewSubscriptionsAutomatically?: boolean
  isDisableConnectorsForDeletedManagementGroups?: boolean
  isRemediationEnabled?: boolean
  autoActivateVM?: boolean
  autoActivatePC?: boolean
  autoActivateSCA?: boolean
  autoActivateCertView?: boolean
  autoActivateCV?: boolean
  defaultTagIds?: number[]
  /** Enabled or disabled in Qualys; unset: left as it is. Set through the status endpoint, not the body. */
  enabled?: boolean
}

export type FieldName = keyof ConnectorSpec

/** How a field's value is read, checked, sent and compared. */
export type FieldKind =
  | 'id' // positive integer
  | 'text' // single-line string
  | 'longText' // free text (description)
  | 'guid'
  | 'secret' // only `${ENV}` in a file
  | 'apps'
  | 'frequency'
  | 'names' // list of management group names
  | 'tagIds' // list of integers
  | 'flag'

export interface FieldDef {
  kind: FieldKind
  /** Mandatory in the API request (and so in a spec). */
  required: boolean
  /** The inline action input that carries this field, if any. */
  input?: string
  /** Longest accepted string. */
  maxLength?: number
  /** Sent in the create/update body (the `id` is a selector; `enabled` goes through the status endpoint). */
  sent: boolean
  /** Where Qualys' answers carry the field (read by qualys/connector.ts); null: no answer ever does. */
  answer: AnswerSpelling | null
  description: string
}

/**
 * How Qualys' answers spell a field. Only the documented spellings are here: the reader also
 * tries the request spelling first, an inference kept in qualys/assumptions.ts (answerKeys).
 * The value is converted as the field's kind says (`{hours, minutes}` or minutes for a frequency, …).
 */
export interface AnswerSpelling {
  /** The keys the documented answers use, in the order tried; the first one present is read. */
  keys: readonly string[]
  /** The answer says the opposite: `disabled` where the spec says `enabled`. */
  negated?: boolean
}

/** Client-side sanity limit for free text; the server's own limits are not documented. */
export const MAX_TEXT_LENGTH = 255
export const MAX_DESCRIPTION_LENGTH = 2000
/** [DOC] connectorPrefixName is at most 30 characters. */
export const MAX_PREFIX_LENGTH = 30
/** [DOC] The server runs connectors every 1 to 7 whole days. */
export const MINUTES_PER_DAY = 1440
export const MAX_FREQUENCY_MINUTES = 7 * MINUTES_PER_DAY
/** Patterns the validator and the editor schema share (JSON Schema takes them as strings). */
export const GUID_PATTERN = '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$'
export const ENV_NAME_PATTERN = '[A-Za-z_][A-Za-z0-9_]*'
/** A whole value that is one `${ENV_NAME}` reference (the only form secretValue may take). */
export const ENV_REF_PATTERN = `^\\$\\{${ENV_NAME_PATTERN}\\}$`
/** Durations such as 90m, 24h, 1d, 2d12h, 1w, in any case: the JSON schema's form of the grammar the validator reads with duration.ts (FREQUENCY_UNITS). */
export const DURATION_PATTERN = '^(?:(\\d+)[wW])?(?:(\\d+)[dD])?(?:(\\d+)[hH])?(?:(\\d+)[mM])?$'
export const DEFAULT_APPS = 'AI, CI, CSA'
export const DEFAULT_FREQUENCY = '1d'

// `satisfies Record<FieldName, …>` makes the compiler refuse a field added to the interface
// but not described here, and the other way round.
export const FIELDS = {
  id: {
    kind: 'id',
    required: false,
    sent: false,
    answer: { keys: ['id'] },
    description: 'Id of an existing connector to manage (adopt it, or rename it by changing name).'
  },
  name: {
    kind: 'text',
    required: true,
    input: 'name',
    maxLength: MAX_TEXT_LENGTH,
    sent: true,
    answer: { keys: ['name'] },
    description: 'Unique name of the tenant connector; how the action finds it again.'
  },
  description: {
    kind: 'longText',
    required: false,
    input: 'description',
    maxLength: MAX_DESCRIPTION_LENGTH,
    sent: true,
    answer: { keys: ['description'] },
    description: 'Description of the tenant connector.'
  },
  tenantId: {
    kind: 'guid',
    required: true,
    input: 'tenant-id',
    sent: true,
    answer: { keys: ['tenantId'] },
    description: 'Azure tenant (directory) id, a GUID.'
  },
  tenantName: {
    kind: 'text',
    required: true,
    input: 'tenant-name',
    maxLength: MAX_TEXT_LENGTH,
    sent: true,
    // No documented answer shows it: read under its request spelling only (qualys/assumptions.ts).
    answer: { keys: [] },
    description: 'Name of the Azure tenant.'
  },
  applicationId: {
    kind: 'guid',
    required: true,
    input: 'application-id',
    sent: true,
    answer: { keys: ['applicationId'] },
    description: 'Application (client) id of the Azure app registration, a GUID.'
  },
  secretValue: {
    kind: 'secret',
    required: false,
    input: 'secret-value',
    sent: true,
    // [DOC] Qualys masks the secret in every answer.
    answer: null,
    description:
      'Client secret of the app registration. In a file only as ${ENV_NAME}; otherwise the secret-value input is used.'
  },
  connectorAppInfos: {
    kind: 'apps',
    required: true,
    input: 'apps',
    sent: true,
    answer: { keys: ['connectorAppInfos'] },
    description: 'Qualys apps to enable: AI (Asset Inventory), CI (Cloud Inventory), CSA (Cloud Security Assessment).'
  },
  orgRunFrequency: {
    kind: 'frequency',
    required: true,
    input: 'org-run-frequency',
    sent: true,
    // The create sample: `{hours, minutes}`; the list-style samples: `runFrequency`, a string of minutes.
    answer: { keys: ['orgRunFrequency', 'runFrequency'] },
    description:
      'How often the tenant connector runs: minutes, a duration (90m, 24h, 1d, 2d12h) or {hours, minutes}; 1 to 7 days, rounded up to whole days by Qualys.'
  },
  connectorRunFrequency: {
    kind: 'frequency',
    required: true,
    input: 'connector-run-frequency',
    sent: true,
    answer: { keys: ['connectorRunFrequency'] },
    description: 'How often the member (subscription) connectors run; same forms and limits as orgRunFrequency.'
  },
  connectorPrefixName: {
    kind: 'text',
    required: true,
    input: 'connector-prefix-name',
    maxLength: MAX_PREFIX_LENGTH,
    sent: true,
    answer: { keys: ['connectorPrefixName'] },
    description: "Prefix of the member connectors' names, at most 30 characters; cannot be changed later."
  },
  includedMem: {
    kind: 'names',
    required: false,
    input: 'included-management-groups',
    sent: true,
    answer: { keys: ['includedMem'] },
    description: 'Management groups to include.'
  },
  excludedMem: {
    kind: 'names',
    required: false,
    input: 'excluded-management-groups',
    sent: true,
    answer: { keys: ['excludedMem'] },
    description: 'Management groups to exclude.'
  },
  isCreateConnectorForNewSubscriptionsAutomatically: {
    kind: 'flag',
    required: false,
    input: 'create-connectors-for-new-subscriptions',
    sent: true,
    // The create sample drops the request's `is`, as it does for the next two.
    answer: { keys: ['createConnectorForNewSubscriptionsAutomatically'] },
    description: 'Create member connectors for new subscriptions automatically.'
  },
  isDisableConnectorsForDeletedManagementGroups: {
    kind: 'flag',
    required: false,
    input: 'disable-connectors-for-deleted-management-groups',
    sent: true,
    answer: { keys: ['disableConnectorsForDeletedManagementGroups'] },
    description: 'Disable member connectors when their management group is deleted.'
  },
  isRemediationEnabled: {
    kind: 'flag',
    required: false,
    input: 'remediation-enabled',
    sent: true,
    answer: { keys: ['remediationEnabled'] },
    description: 'Enable remediation.'
  },
  autoActivateVM: {
    kind: 'flag',
    required: false,
    input: 'auto-activate-vm',
    sent: true,
    answer: { keys: ['autoActivateVM'] },
    description: 'Activate Vulnerability Management for new member connectors.'
  },
  autoActivatePC: {
    kind: 'flag',
    required: false,
    input: 'auto-activate-pc',
    sent: true,
    answer: { keys: ['autoActivatePC'] },
    description: 'Activate Policy Compliance for new member connectors.'
  },
  autoActivateSCA: {
    kind: 'flag',
    required: false,
    input: 'auto-activate-sca',
    sent: true,
    answer: { keys: ['autoActivateSCA'] },
    description: 'Activate Security Configuration Assessment for new member connectors.'
  },
  autoActivateCertView: {
    kind: 'flag',
    required: false,
    input: 'auto-activate-cert-view',
    sent: true,
    answer: { keys: ['autoActivateCertView'] },
    description: 'Activate CertView for new member connectors.'
  },
  autoActivateCV: {
    kind: 'flag',
    required: false,
    input: 'auto-activate-cv',
    sent: true,
    answer: { keys: ['autoActivateCV'] },
    description: "Activate CV (in Qualys' sample body, not in its field table) for new member connectors."
  },
  defaultTagIds: {
    kind: 'tagIds',
    required: false,
    input: 'default-tag-ids',
    sent: true,
    answer: { keys: ['defaultTagIds'] },
    description: 'Ids of Qualys tags applied to the cloud resources.'
  },
  enabled: {
    kind: 'flag',
    required: false,
    input: 'enabled',
    sent: false,
    // The create sample says `disabled`, the list-style samples `isDisabled`.
    answer: { keys: ['disabled', 'isDisabled'], negated: true },
    description:
      'true: the connector runs; false: it is disabled in Qualys (reversible). Unset: left as it is. Changed through the enable/disable endpoint, not the update.'
  }
} as const satisfies Record<FieldName, FieldDef>

export const FIELD_NAMES = Object.keys(FIELDS) as FieldName[]

/**
 * A field's kind as the whole FieldKind union, not the narrower one FIELDS' rows happen to use: a switch
 * over it ends in `kind satisfies never`, so a kind added here stops the compiler at every switch that
 * does not handle it yet (inline.ts, qualys/body.ts, reconcile/diff.ts, export/spec-export.ts) instead
 * of falling through to a default that compares lists by reference or sends a value unconverted.
 */
export function kindOf(field: FieldName): FieldKind {
  return FIELDS[field].kind
}

/** The inline input names that describe a connector (all but the secret may not be mixed with spec-file). */
export const CONNECTOR_INPUTS: { input: string; field: FieldName }[] = FIELD_NAMES.flatMap(field => {
  const input = (FIELDS[field] as FieldDef).input
  return input ? [{ input, field }] : []
})
