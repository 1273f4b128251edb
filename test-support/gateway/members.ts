/**
 * The gateway's member (subscription) connectors: what a tenant connector made for each
 * subscription, and the undocumented listing of them. The spelling of the fields that link a
 * member to its tenant connector and name its subscription is switchable (GatewayOptions), since
 * which one Qualys uses is a guess.
 */
import { randomUUID } from 'node:crypto'
import type { Context, FakeConnector, FakeMember, GatewayOptions, Reply } from './model.js'
import { DEFAULT_PAGE_SIZE } from './model.js'
import { intParam, json } from './replies.js'

/** Member ids start here, apart from the tenant connectors' (100001…), so a mix-up shows. */
const FIRST_MEMBER_ID = 500001

export type MemberSeed = Partial<Omit<FakeMember, 'organizationConnectorId'>> & { subscriptionId: string }

export class MemberStore {
  /** In listing order: members, and any raw objects a test wants listed among them. */
  private entries: ({ member: FakeMember } | { raw: unknown })[] = []
  private nextId = FIRST_MEMBER_ID

  constructor(private readonly options: GatewayOptions) {}

  all(): FakeMember[] {
    return this.entries.flatMap(entry => ('member' in entry ? [structuredClone(entry.member)] : []))
  }

  reset(): void {
    this.entries = []
    this.nextId = FIRST_MEMBER_ID
  }

  /** Members of `tenant`, one per seed; named `{connectorPrefixName}-{subscriptionId}` unless the seed names it. */
  seed(tenant: FakeConnector, seeds: MemberSeed[]): FakeMember[] {
    return seeds.map(seed => {
      const member: FakeMember = {
        id: seed.id ?? this.nextId,
        uuid: randomUUID(),
        name: `${tenant.connectorPrefixName}-${seed.subscriptionId}`,
        description: null,
        state: 'FINISHED_SUCCESS',
        lastError: null,
        disabled: false,
        deleted: false,
        activatedModules: ['AI', 'CI'],
        ...withoutUndefined(seed),
        subscriptionId: seed.subscriptionId,
        organizationConnectorId: tenant.id
      }
      this.nextId = Math.max(this.nextId, member.id + 1)
      this.entries.push({ member })
      return structuredClone(member)
    })
  }

  /** Lists `value` as it is among the members (an unreadable object, another cloud's connector). */
  seedRaw(value: unknown): void {
    this.entries.push({ raw: structuredClone(value) })
  }

  list(ctx: Context): Reply {
    const pageNumber = intParam(ctx.query, 'pageNumber', 0, 0)
    const pageSize = Math.min(intParam(ctx.query, 'pageSize', DEFAULT_PAGE_SIZE, 1), this.options.maxPageSize ?? 100)
    const page = this.entries.slice(pageNumber * pageSize, (pageNumber + 1) * pageSize)
    const content = page.map(entry => ('member' in entry ? this.shape(entry.member) : entry.raw))
    return json(200, {
      currentPage: pageNumber,
      currentPageSize: content.length,
      totalPages: Math.max(1, Math.ceil(this.entries.length / pageSize)),
      numberOfElements: content.length,
      totalElements: this.entries.length,
      content
    })
  }

  /** The documented attach answer's fields, plus the link and subscription in the configured spelling. */
  private shape(member: FakeMember): Record<string, unknown> {
    const subscriptionField = this.options.memberSubscriptionField ?? 'subscriptionId'
    const linkField = this.options.memberLinkField ?? 'organizationConnectorId'
    return {
      id: member.id,
      uuid: member.uuid,
      name: member.name,
      description: member.description,
      state: member.state,
      lastError: member.lastError,
      cloudType: 'AZURE',
      isRemediationEnabled: false,
      isDisabled: member.disabled,
      isDeleted: member.deleted,
      activatedModules: [...member.activatedModules],
      // Only the `appInfos` spelling puts the subscription here, so each spelling is tested alone.
      connectorAppInfos: member.activatedModules.map(name => ({
        name,
        ...(subscriptionField === 'appInfos' ? { identifier: member.subscriptionId } : {}),
        tagId: null
      })),
      ...(linkField === 'none' ? {} : { [linkField]: member.organizationConnectorId }),
      ...(subscriptionField === 'subscriptionId' ? { subscriptionId: member.subscriptionId } : {}),
      ...(subscriptionField === 'authRecord' ? { authRecord: { subscriptionId: member.subscriptionId } } : {})
    }
  }
}

function withoutUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>
}
