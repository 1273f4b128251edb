export const id = 957;
export const ids = [957];
export const modules = {

/***/ 2957:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  check: () => (/* binding */ check)
});

// EXTERNAL MODULE: ./src/reconcile/reconcile-run.ts + 10 modules
var reconcile_run = __webpack_require__(6091);
// EXTERNAL MODULE: ./src/text.ts
var src_text = __webpack_require__(8992);
// EXTERNAL MODULE: ./src/concurrency.ts
var concurrency = __webpack_require__(1532);
// EXTERNAL MODULE: ./src/qualys/assumptions.ts
var assumptions = __webpack_require__(4643);
// EXTERNAL MODULE: ./src/qualys/states.ts
var states = __webpack_require__(9885);
;// CONCATENATED MODULE: ./src/check/coverage.ts
/**
 * Coverage, for `mode: check` (best effort): the Azure subscriptions the app can read against the
 * member connectors Qualys made for one tenant connector. Pure: the caller reads Qualys
 * (members.ts) and Azure (the preflight) and passes what it got, or why it got nothing.
 *
 * Nothing here guesses for the reader: where the answer depends on something not known (Azure not
 * read, members that do not name their subscription), the result says so instead of a count.
 */


function computeCoverage(tenant, listing, azure) {
    if (!listing.available)
        return { status: 'not-available', reason: listing.reason };
    const link = linkMembers(tenant, listing.members);
    if ('reason' in link)
        return { status: 'not-available', reason: link.reason };
    const { members, linkedBy } = link;
    const enabled = members.filter(member => !member.disabled);
    return {
        status: 'available',
        linkedBy,
        members: members.length,
        ...subscriptionCoverage(members, azure),
        failingMembers: enabled.filter(states/* isFailing */.D).map(failing),
        disabledMembers: members.filter(member => member.disabled).map(ref),
        ignored: listing.ignored
    };
}
/**
 * The tenant connector's live members. By id where the listing's members carry an organization
 * connector id at all (then a member without one belongs to no tenant connector); else by name
 * prefix, the documented naming.
 */
function linkMembers(tenant, listed) {
    // The tenant connector itself, should the listing hold it, is no member of itself.
    const live = listed.filter(member => !member.deleted && member.id !== tenant.id);
    if (listed.some(member => member.organizationConnectorId !== undefined)) {
        return {
            members: live.filter(member => member.organizationConnectorId === tenant.id),
            linkedBy: 'organization connector id'
        };
    }
    const prefix = tenant.connectorPrefixName ?? '';
    if (prefix === '')
        return {
            reason: 'the member connectors carry no organization connector id, and the tenant connector has no connectorPrefixName to link them by name'
        };
    return {
        members: live.filter(member => member.name !== undefined && (0,assumptions/* memberHasPrefix */.p0)(member.name, prefix)),
        linkedBy: 'name prefix'
    };
}
function subscriptionCoverage(members, azure) {
    if (azure.ids === null)
        return {
            subscriptions: null,
            withoutMember: null,
            notReadableByApp: null,
            unknown: `the subscriptions the app can read are not known (${azure.reason})`
        };
    const readable = uniqueIds(azure.ids);
    const readableKeys = new Set(readable.map(key));
    const covered = new Set(members.flatMap(member => (member.subscriptionId ? [key(member.subscriptionId)] : [])));
    const notReadableByApp = uniqueIds(members.flatMap(member => (member.subscriptionId ? [member.subscriptionId] : []))).filter(id => !readableKeys.has(key(id)));
    const unnamed = members.filter(member => member.subscriptionId === undefined).length;
    if (unnamed > 0)
        return {
            subscriptions: readable.length,
            withoutMember: null,
            notReadableByApp,
            unknown: `${unnamed} of ${members.length} member connectors name no subscription in a known spelling, so which subscriptions they cover is not known`
        };
    return {
        subscriptions: readable.length,
        withoutMember: readable.filter(id => !covered.has(key(id))),
        notReadableByApp
    };
}
/** Subscription ids are GUIDs: compared without case, each listed once, in the order given. */
function uniqueIds(ids) {
    const seen = new Set();
    return ids.filter(id => {
        const k = key(id);
        if (seen.has(k))
            return false;
        seen.add(k);
        return true;
    });
}
function key(subscriptionId) {
    return subscriptionId.trim().toLowerCase();
}
function ref(member) {
    return {
        id: member.id,
        name: member.name ?? `connector ${member.id}`,
        ...(member.subscriptionId !== undefined ? { subscriptionId: member.subscriptionId } : {})
    };
}
function failing(member) {
    return {
        ...ref(member),
        ...(member.state !== undefined ? { state: member.state } : {}),
        ...(member.lastError !== undefined ? { lastError: member.lastError } : {})
    };
}

// EXTERNAL MODULE: ./src/connector-spec/frequency.ts
var connector_spec_frequency = __webpack_require__(9027);
// EXTERNAL MODULE: ./src/connector-spec/model.ts
var model = __webpack_require__(7600);
;// CONCATENATED MODULE: ./src/check/health.ts
/**
 * How one tenant connector is doing between merges, from what Qualys says about it: failing,
 * stale, disabled against the spec, deleted, or missing. Pure: the clock is passed in.
 */




const DAY_MS = 86_400_000;
/** A sync counts as late after twice the run frequency: one missed run can be the server's queue. */
const STALE_AFTER_RUNS = 2;
function assessHealth(connector, context) {
    if (!connector) {
        const finding = context.deletedId === undefined
            ? { kind: 'missing', detail: 'no tenant connector of this name in Qualys' }
            : { kind: 'deleted', detail: `tenant connector ${context.deletedId} of this name is deleted in Qualys` };
        return { healthy: false, findings: [finding] };
    }
    const failures = health_failing(connector);
    // A failing connector has not synced for the same reason: one finding, the cause.
    const late = connector.disabled || failures.length > 0 ? [] : stale(connector, context);
    const findings = [...failures, ...disabled(connector, context), ...late];
    return {
        healthy: findings.length === 0,
        ...(connector.state ? { state: connector.state } : {}),
        ...(connector.lastSynced ? { lastSynced: connector.lastSynced } : {}),
        findings
    };
}
function health_failing(connector) {
    if (!(0,states/* isFailing */.D)(connector))
        return [];
    const lastError = connector.lastError?.trim();
    if ((0,states/* classifyState */.a)(connector.state) === 'failed')
        return [
            {
                kind: 'failing',
                detail: `state ${connector.state}${lastError ? `: ${lastError}` : ' (Qualys gave no message)'}`
            }
        ];
    return [{ kind: 'failing', detail: `last error: ${lastError}` }];
}
function disabled(connector, context) {
    if (!connector.disabled || !context.wantEnabled)
        return [];
    return [{ kind: 'disabled', detail: 'disabled in Qualys, while the spec wants it enabled' }];
}
/** Late beyond twice its run frequency, in the whole days Qualys runs connectors in. */
function stale(connector, context) {
    if ((0,states/* classifyState */.a)(connector.state) === 'in-progress')
        return [];
    const frequency = connector.orgRunFrequency ?? context.wantedFrequency ?? model/* MAX_FREQUENCY_MINUTES */.g0;
    const days = Math.min(Math.max((0,connector_spec_frequency/* effectiveDays */.h_)(frequency), 1), model/* MAX_FREQUENCY_MINUTES */.g0 / model/* MINUTES_PER_DAY */.hJ);
    const allowedMs = STALE_AFTER_RUNS * days * DAY_MS;
    // An answer without the field (a thin listing) says nothing; null says it never synced.
    if (connector.lastSynced === undefined)
        return [];
    if (connector.lastSynced === null)
        return [{ kind: 'stale', detail: `has never synced (it runs every ${(0,src_text/* plural */.LS)(days, 'day')})` }];
    const synced = syncTime(connector.lastSynced);
    // An unreadable timestamp is not evidence of anything: the report shows it as given.
    if (synced === undefined)
        return [];
    const lateMs = context.now - synced;
    if (lateMs <= allowedMs)
        return [];
    return [
        {
            kind: 'stale',
            detail: `no sync for ${(0,src_text/* plural */.LS)(Math.floor(lateMs / DAY_MS), 'day')} (it runs every ${(0,src_text/* plural */.LS)(days, 'day')})`
        }
    ];
}
/** Qualys' timestamps: ISO 8601 text, or epoch seconds or milliseconds as digits. */
function syncTime(value) {
    const text = value.trim();
    if (/^\d{10}$/.test(text))
        return Number(text) * 1000;
    if (/^\d{13}$/.test(text))
        return Number(text);
    const parsed = Date.parse(text);
    return Number.isNaN(parsed) ? undefined : parsed;
}

;// CONCATENATED MODULE: ./src/check/check-run.ts





async function check(specs, api, options) {
    const readOnly = new ReadOnlyApi(api);
    const plan = await (0,reconcile_run/* reconcile */.Lq)(specs, readOnly, {
        mode: 'plan',
        onExisting: 'update',
        forceUpdate: false,
        maxConcurrency: options.maxConcurrency,
        allowCreateWithoutLookup: options.allowCreateWithoutLookup,
        marker: options.marker,
        prune: options.prune,
        // What an apply would need of Qualys' call budget, against what the check's own listing says is left.
        budget: () => api.facts.budget,
        logger: options.logger
    });
    const listing = readOnly.listing ?? [];
    // One member listing for the whole run, and only when a connector exists to cover.
    let members;
    const memberListing = () => (members ??= api.listMembers());
    const connectors = await (0,concurrency/* mapWithLimit */.c)(specs, options.maxConcurrency, async (spec, index) => {
        const drift = plan.outcomes[index]; // one outcome per spec, in spec order
        const connector = drift.connector;
        const azure = await azureCheck(spec, options, plan.runProblem);
        return {
            name: spec.name,
            ...(connector ? { id: connector.id } : {}),
            drift,
            health: plan.runProblem
                ? { healthy: false, findings: [] }
                : assessHealth(connector, {
                    wantEnabled: spec.enabled !== false,
                    wantedFrequency: spec.orgRunFrequency,
                    now: options.now(),
                    deletedId: connector ? undefined : deletedNamed(listing, spec.name)
                }),
            azure,
            coverage: connector
                ? computeCoverage(connector, await memberListing(), azureSubscriptions(azure))
                : { status: 'not-available', reason: 'the connector is not in Qualys' }
        };
    });
    const memberFacts = members ? await members : undefined;
    return {
        connectors,
        retired: plan.outcomes.slice(specs.length),
        notInSpec: notInSpec(listing, specs),
        claimedByOthers: options.owner === undefined ? [] : claimedByOthers(listing, (0,reconcile_run/* markerLine */.B_)(options.owner)),
        gateway: {
            ...api.facts,
            ...(memberFacts
                ? { members: memberFacts.available ? { path: memberFacts.path } : { unavailable: memberFacts.reason } }
                : {})
        },
        ...(plan.runProblem || plan.deferral ? { runProblem: plan.runProblem ?? plan.deferral } : {})
    };
}
function claimedByOthers(listing, marker) {
    return listing.flatMap(connector => {
        const owner = connector.deleted ? undefined : (0,reconcile_run/* otherOwner */.WI)(connector, marker);
        return owner === undefined ? [] : [{ name: connector.name, id: connector.id, owner }];
    });
}
async function azureCheck(spec, options, runProblem) {
    if (runProblem)
        return { status: 'skipped', reason: 'the run stopped before the connectors were checked' };
    if (!options.preflight)
        return { status: 'skipped', reason: 'azure-preflight is false' };
    if (!spec.secretValue) {
        const variable = options.secretVariables[spec.name];
        return {
            status: 'skipped',
            reason: variable
                ? `${variable} is not in the step's env, so the app's credentials were not tried`
                : "the connector's secret is not given to this step"
        };
    }
    const result = await options.preflight.check(spec, { details: true });
    return {
        status: 'checked',
        subscriptions: result.subscriptions,
        ...(result.refusal ? { problem: result.refusal } : {}),
        ...(result.secretExpiresInDays === undefined ? {} : { secretExpiresInDays: result.secretExpiresInDays }),
        ...(result.secretAgeDays === undefined ? {} : { secretAgeDays: result.secretAgeDays }),
        warnings: result.warnings,
        ...(result.subscriptionIds ? { subscriptionIds: result.subscriptionIds } : {})
    };
}
function azureSubscriptions(azure) {
    if (azure.status === 'skipped')
        return { ids: null, reason: `the Azure side was skipped: ${azure.reason}` };
    if (azure.subscriptionIds)
        return { ids: azure.subscriptionIds };
    return { ids: null, reason: azure.problem ?? 'Microsoft did not list the subscriptions the app can read' };
}
function deletedNamed(listing, name) {
    return listing.find(connector => connector.deleted && (0,src_text/* sameName */.q)(connector.name, name))?.id;
}
function notInSpec(listing, specs) {
    const pinned = new Set(specs.flatMap(spec => (spec.id === undefined ? [] : [spec.id])));
    return listing
        .filter(c => !c.deleted && !pinned.has(c.id) && !specs.some(spec => (0,src_text/* sameName */.q)(spec.name, c.name)))
        .map(c => c.name);
}
/**
 * The Qualys API as check sees it: reads pass through (the listing is kept for the report),
 * writes are refused. Plan never writes; this makes "check never writes" a property of the
 * code rather than of today's plan.
 */
class ReadOnlyApi {
    api;
    listing;
    constructor(api) {
        this.api = api;
    }
    async list() {
        this.listing = await this.api.list();
        return this.listing;
    }
    get(id) {
        return this.api.get(id);
    }
    complete(listed) {
        return this.api.complete(listed);
    }
    create() {
        return Promise.reject(new Error('mode: check never writes to Qualys (a create was asked)'));
    }
    update() {
        return Promise.reject(new Error('mode: check never writes to Qualys (an update was asked)'));
    }
    setStatus() {
        return Promise.reject(new Error('mode: check never writes to Qualys (an enable or disable was asked)'));
    }
}


/***/ })

};
