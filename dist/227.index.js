export const id = 227;
export const ids = [227];
export const modules = {

/***/ 2227:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  MicrosoftPreflight: () => (/* binding */ MicrosoftPreflight)
});

// EXTERNAL MODULE: ./src/http/errors.ts
var errors = __webpack_require__(8549);
// EXTERNAL MODULE: ./src/http/retry-policy.ts
var retry_policy = __webpack_require__(7593);
// EXTERNAL MODULE: ./src/http/transport.ts + 2 modules
var http_transport = __webpack_require__(4555);
// EXTERNAL MODULE: ./src/text.ts
var src_text = __webpack_require__(8992);
;// CONCATENATED MODULE: ./src/azure/entra.ts
/**
 * The app's client-credentials token from Microsoft Entra ID, and what Entra's refusals mean for
 * the person running the action. Entra's error body is documented: `error`, `error_description`
 * ("AADSTS7000215: Invalid client secret provided. …", then trace lines) and `error_codes`.
 */
/**
 * Entra error code → what went wrong and what to do, one line each. Codes not listed here are
 * reported with Entra's own description.
 */
const ENTRA_ERRORS = {
    7000215: app => `Microsoft Entra ID refused the client secret of app ${app.applicationId} (AADSTS7000215, invalid secret). Use the secret's Value, not its Secret ID (a GUID), copied when the secret was created, from the app's Certificates & secrets page; then update secret-value / secretValue`,
    7000222: app => `the client secret of app ${app.applicationId} has expired (AADSTS7000222). Create a new client secret in the app registration (Certificates & secrets), put it in secret-value / secretValue, and run the apply`,
    700016: app => `app ${app.applicationId} was not found in tenant ${app.tenantId} (AADSTS700016). Check applicationId / application-id, and that the app is registered in this tenant or consented to by its administrator`,
    90002: app => `tenant ${app.tenantId} was not found (AADSTS90002). Check tenantId / tenant-id, and azure-environment: a US Government or China tenant is not in AzureCloud`,
    50034: app => `Microsoft Entra ID does not know tenant ${app.tenantId} (AADSTS50034). Check tenantId / tenant-id and azure-environment`,
    900023: app => `'${app.tenantId}' is not a valid tenant (AADSTS900023). Check tenantId / tenant-id: the directory (tenant) id, a GUID`
};
/** Errors Entra uses for "not now": the check is skipped with a warning, never failed on. */
const TRANSIENT_ERRORS = new Set(['temporarily_unavailable']);
/**
 * Reads Entra's JSON error body; undefined when the answer is not one (a proxy's page, a
 * firewall's 403): that is not Entra saying no, so the check is skipped, not failed.
 */
function readEntraError(body, app) {
    let parsed;
    try {
        parsed = JSON.parse(body);
    }
    catch {
        return undefined;
    }
    if (parsed === null || typeof parsed !== 'object')
        return undefined;
    const { error, error_description: description, error_codes: codes } = parsed;
    if (typeof error !== 'string')
        return undefined;
    const numbers = Array.isArray(codes) ? codes.filter((code) => typeof code === 'number') : [];
    const known = numbers.find(code => ENTRA_ERRORS[code] !== undefined);
    if (known !== undefined)
        return { definite: true, message: ENTRA_ERRORS[known](app) };
    const said = typeof description === 'string' ? firstLine(description).replace(/^AADSTS\d+:\s*/, '') : '';
    const code = numbers.length > 0 ? `AADSTS${numbers[0]}` : error;
    const message = `Microsoft Entra ID refused the credentials of app ${app.applicationId} in tenant ${app.tenantId} (${code}${said ? `: ${said}` : ''})`;
    return { definite: !TRANSIENT_ERRORS.has(error), message };
}
/** Entra's description is one sentence followed by Trace ID / Correlation ID / Timestamp lines. */
function firstLine(description) {
    const line = description.split(/\r?\n/)[0].replace(/\s+/g, ' ').trim();
    return line.length > 300 ? `${line.slice(0, 297)}…` : line;
}

// EXTERNAL MODULE: ./src/values.ts
var values = __webpack_require__(4777);
;// CONCATENATED MODULE: ./src/azure/answers.ts


/** Microsoft could not be asked (network, 5xx, throttling, an unexpected answer): warn and go on. */
class Unreachable extends Error {
}
/** A 2xx JSON body; anything else is "could not be asked". */
function readJson(request, response, redactor) {
    if (response.status < 200 || response.status >= 300)
        throw new Unreachable(`${request.what}: HTTP ${response.status}${said(response, redactor) ? `: ${said(response, redactor)}` : ''}`);
    try {
        return JSON.parse(response.body);
    }
    catch {
        throw new Unreachable(`${request.what}: the answer is not JSON (a proxy's page?)`);
    }
}
/** Microsoft's own words from an answer, without any known secret. */
function said(response, redactor) {
    return redactor.redact((0,errors/* serverMessage */.x_)(redactor.redact(response.body)));
}
/** Transport failures (network, 5xx and throttling after the retries) and Unreachable, as text. */
function microsoftFailure(error) {
    if (error instanceof errors/* HttpError */.j$ && error.kind === 'server')
        return `Microsoft answered ${error.status} after every attempt`;
    if (error instanceof errors/* HttpError */.j$ && error.kind === 'throttled')
        return `Microsoft kept throttling the calls (${error.status})`;
    return (0,values/* errorMessage */.gJ)(error);
}

;// CONCATENATED MODULE: ./src/azure/resource-manager.ts


/** [DOC] API versions named in the Resource Manager references the issue cites. */
const MANAGEMENT_GROUPS_PATH = '/providers/Microsoft.Management/managementGroups?api-version=2021-04-01';
const SUBSCRIPTIONS_PATH = '/subscriptions?api-version=2022-12-01';
/** A safety stop for paging that never ends. */
const MAX_PAGES = 1000;
/** Resource Manager lists, read page by page with the app's token. */
class ResourceManager {
    transport;
    baseUrl;
    redactor;
    constructor(transport, baseUrl, redactor) {
        this.transport = transport;
        this.baseUrl = baseUrl;
        this.redactor = redactor;
    }
    /** The management groups the app can read; none when it may read none (403). */
    async managementGroups(token) {
        const items = await this.pages(MANAGEMENT_GROUPS_PATH, token, 'List the management groups the app can read (Azure Resource Manager)', [403]);
        return items.flatMap(item => {
            const record = (0,values/* asRecord */.qY)(item);
            const name = record?.name;
            const displayName = (0,values/* asRecord */.qY)(record?.properties)?.displayName;
            return typeof name === 'string' ? [{ name, ...(typeof displayName === 'string' ? { displayName } : {}) }] : [];
        });
    }
    /** How many subscriptions the app can read. */
    async subscriptions(token) {
        return (await this.readableSubscriptions(token)).count;
    }
    /**
     * The subscriptions the app can read: how many Resource Manager lists, and the ids of those
     * that carry one (all of them, from Resource Manager itself), for coverage.
     */
    async readableSubscriptions(token) {
        const items = await this.pages(SUBSCRIPTIONS_PATH, token, 'List the subscriptions the app can read (Azure Resource Manager)', []);
        const ids = items.flatMap(item => {
            const id = (0,values/* asRecord */.qY)(item)?.subscriptionId;
            return typeof id === 'string' && id !== '' ? [id] : [];
        });
        return { count: items.length, ids };
    }
    /**
     * Every item of a Resource Manager list, following `nextLink`. `noneIfRefused`: statuses that
     * mean "the app may read none" (an empty list), not "could not be asked".
     */
    async pages(first, token, what, noneIfRefused) {
        const items = [];
        let path = first;
        for (let page = 1; path !== undefined && page <= MAX_PAGES; page++) {
            const request = {
                method: 'GET',
                path,
                idempotent: true,
                token,
                what: page === 1 ? what : `${what}, page ${page}`
            };
            const response = await this.transport.send(request);
            if (noneIfRefused.includes(response.status))
                return [];
            const body = (0,values/* asRecord */.qY)(readJson(request, response, this.redactor));
            if (!Array.isArray(body?.value))
                throw new Unreachable(`${request.what}: the answer has no value list`);
            items.push(...body.value);
            path = this.nextPath(body.nextLink, request);
        }
        if (path !== undefined)
            throw new Unreachable(`${what}: still more pages after ${MAX_PAGES}`);
        return items;
    }
    /** A nextLink is followed only on the Resource Manager URL itself: the token goes nowhere else. */
    nextPath(nextLink, request) {
        if (nextLink === undefined || nextLink === null || nextLink === '')
            return undefined;
        const base = this.baseUrl.replace(/\/+$/, '');
        if (typeof nextLink !== 'string' || !nextLink.startsWith(`${base}/`))
            throw new Unreachable(`${request.what}: the next page is not on ${base}; not followed`);
        return nextLink.slice(base.length);
    }
}
/** The refusal for management groups the spec names that the app cannot see. */
function missingGroups(missing, groups) {
    const list = missing.map(entry => `'${entry.name}' (${entry.field})`).join(', ');
    const readable = groups.length === 0
        ? 'the app can read no management group: give it the Reader role on the management groups to scan'
        : `the app can read ${groups.map(g => (g.displayName && g.displayName !== g.name ? `${g.name} (${g.displayName})` : g.name)).join(', ')}`;
    return `Azure preflight: ${missing.length === 1 ? 'management group' : 'management groups'} ${list} not found; ${readable}. Fix the names (a group's name or display name), or give the app access. Nothing was written to Qualys for this connector`;
}
/** Management group names are case-insensitive in Azure. */
function sameGroupName(a, b) {
    return a !== undefined && a.toLowerCase() === b.toLowerCase();
}

// EXTERNAL MODULE: ./src/azure/secrets.ts
var secrets = __webpack_require__(230);
;// CONCATENATED MODULE: ./src/azure/preflight.ts
/**
 * Asks Microsoft, before a connector's secret is written to Qualys, whether Qualys will be able to
 * use it: the app's credentials (Entra ID), what it can reach (Resource Manager), and when its
 * secret expires (Graph, best effort). A definite "no" fails that connector before any Qualys
 * write; not reaching Microsoft only warns, because a self-hosted runner may not reach Azure.
 *
 * Three plain requests through the action's own transport (proxy, timeouts, retries, Retry-After)
 * instead of @azure/msal-node: see docs/decisions/azure-preflight.md for the size and start-up figures.
 */








const DAY_MS = 86_400_000;
class MicrosoftPreflight {
    options;
    login;
    arm;
    armTransport;
    graph;
    /** One token request per app, tenant, secret and audience for the whole run. */
    tokens = new Map();
    /**
     * Why Entra ID could not be reached (network, timeout, proxy), once that happened: a runner that
     * cannot reach Azure is not made to wait out the timeouts again for every connector.
     */
    unreachable;
    constructor(options) {
        this.options = options;
        const transport = (baseUrl, input) => new http_transport/* Transport */.o({
            ...options,
            baseUrl,
            maxThrottleWaitMs: retry_policy/* AZURE_MAX_THROTTLE_WAIT_MS */.Pg,
            peer: {
                name: 'Microsoft',
                networkAdvice: `check ${input} and the runner's network or proxy (HTTPS_PROXY / NO_PROXY), or turn the check off with azure-preflight: false`,
                timeoutAdvice: 'Microsoft did not answer in time (request-timeout)',
                dnsAdvice: `The runner cannot resolve Microsoft's host: check ${input} and the runner's DNS or proxy (HTTPS_PROXY), or turn the check off with azure-preflight: false`,
                throttleAdvice: 'run again in a minute, or turn the check off with azure-preflight: false'
            }
        });
        this.login = transport(options.authorityHost, 'azure-environment / azure-authority-host');
        this.armTransport = transport(options.resourceManagerUrl, 'azure-environment / azure-resource-manager-url');
        this.arm = new ResourceManager(this.armTransport, options.resourceManagerUrl, options.redactor);
        this.graph = transport(options.graphUrl, 'azure-environment / azure-graph-url');
    }
    get counts() {
        const all = [this.login, this.armTransport, this.graph].map(t => t.counts);
        return { calls: sum(all, 'calls'), retried: sum(all, 'retried'), throttled: sum(all, 'throttled') };
    }
    dispose() {
        for (const transport of [this.login, this.armTransport, this.graph])
            transport.dispose();
    }
    async check(spec, options = {}) {
        const secret = spec.secretValue;
        if (!secret)
            return { warnings: [], subscriptions: null };
        const app = { tenantId: spec.tenantId, applicationId: spec.applicationId };
        const warnings = [];
        const warn = (message) => {
            const text = this.options.redactor.redact(`Azure: ${message}`);
            this.options.logger.warning(`${spec.name}: ${text}`);
            warnings.push(text);
        };
        if (this.unreachable) {
            // One annotation per cause: the connector that met it said so for the run; each later one notes it in its own row.
            const note = this.options.redactor.redact(`Azure: not checked: Microsoft Entra ID could not be reached earlier in this run (${this.unreachable})`);
            this.options.logger.debug(`${spec.name}: ${note}`);
            return { warnings: [note], subscriptions: null };
        }
        let token;
        try {
            token = await this.token(app, secret, this.options.resourceManagerAudience);
        }
        catch (error) {
            if (error instanceof errors/* HttpError */.j$ &&
                (error.kind === 'network' || error.kind === 'timeout' || error.kind === 'unreachable'))
                this.unreachable ??= microsoftFailure(error);
            warn(`the app's credentials were not checked, Microsoft Entra ID could not be reached (${microsoftFailure(error)}); the connector is written without the check${this.unreachable ? ', and so is every later one of this run' : ''}`);
            return { warnings, subscriptions: null };
        }
        if (token.refusal)
            return {
                refusal: this.options.redactor.redact(`Azure preflight: ${token.refusal}. Nothing was written to Qualys for this connector`),
                warnings,
                subscriptions: null
            };
        this.options.logger.info(`${spec.name}: Azure: Microsoft Entra ID accepted the credentials of app ${app.applicationId}`);
        const { subscriptionIds, ...reach } = await this.reach(spec, token.value, warn);
        const inUse = await this.secretExpiry(spec, app, secret, warn);
        return {
            ...reach,
            warnings,
            ...(reach.refusal ? { refusal: this.options.redactor.redact(reach.refusal) } : {}),
            ...(options.details ? { ...(subscriptionIds ? { subscriptionIds } : {}), ...this.secretAge(inUse) } : {})
        };
    }
    /** When the secret in use was made and how many whole days ago, if Graph said. */
    secretAge(inUse) {
        const expires = inUse?.end === undefined ? {} : { secretExpiresInDays: Math.floor((inUse.end - this.now()) / DAY_MS) };
        if (inUse?.start === undefined)
            return expires;
        return {
            secretCreated: new Date(inUse.start).toISOString(),
            // A start in the future (a clock apart from Microsoft's) is a secret made just now.
            secretAgeDays: Math.max(0, Math.floor((this.now() - inUse.start) / DAY_MS)),
            ...expires
        };
    }
    /** Management groups named in the spec, and the subscriptions the app can read. */
    async reach(spec, token, warn) {
        const wanted = [
            ...(spec.includedMem ?? []).map(name => ({ name, field: 'includedMem' })),
            ...(spec.excludedMem ?? []).map(name => ({ name, field: 'excludedMem' }))
        ];
        let refusal;
        if (wanted.length > 0) {
            try {
                const groups = await this.arm.managementGroups(token);
                const known = (name) => groups.some(group => sameGroupName(group.name, name) || sameGroupName(group.displayName, name));
                const missing = wanted.filter(entry => !known(entry.name));
                if (missing.length > 0)
                    refusal = missingGroups(missing, groups);
            }
            catch (error) {
                warn(`the management groups were not checked (${microsoftFailure(error)})`);
            }
        }
        let subscriptions = null;
        let subscriptionIds;
        try {
            ;
            ({ count: subscriptions, ids: subscriptionIds } = await this.arm.readableSubscriptions(token));
            if (subscriptions === 0)
                warn(`the app can read no subscription in tenant ${spec.tenantId}, so Qualys will find nothing: give the app the Reader role on the management groups or subscriptions to scan`);
            else
                this.options.logger.info(`${spec.name}: Azure: the app can read ${(0,src_text/* plural */.LS)(subscriptions, 'subscription')}`);
        }
        catch (error) {
            warn(`the subscriptions the app can read were not counted (${microsoftFailure(error)})`);
        }
        return { refusal, subscriptions, subscriptionIds };
    }
    /**
     * Best effort: most apps may not read their own registration (Application.Read.All), which is fine.
     * Gives the secret in use, when Graph listed it.
     */
    async secretExpiry(spec, app, secret, warn) {
        const { logger, graphAudience, expiryWarningDays } = this.options;
        const skipped = (why) => {
            logger.debug(`${spec.name}: Azure: the secret's expiry was not checked: ${why}`);
            return undefined;
        };
        let credentials;
        try {
            const token = await this.token(app, secret, graphAudience);
            if (!token.value)
                return skipped(`no Microsoft Graph token (${token.refusal})`);
            const request = {
                method: 'GET',
                path: `/v1.0/applications(appId='${app.applicationId}')?$select=passwordCredentials`,
                idempotent: true,
                token: token.value,
                what: `Read the secrets of app ${app.applicationId} (Microsoft Graph)`
            };
            const response = await this.graph.send(request);
            if (response.status === 401 || response.status === 403 || response.status === 404) {
                return skipped(`Microsoft Graph answered ${response.status} (${said(response, this.options.redactor)}); the app needs the Application.Read.All permission for this check`);
            }
            credentials = (0,secrets/* passwordCredentials */.u)(readJson(request, response, this.options.redactor));
        }
        catch (error) {
            warn(`the client secret's expiry was not checked (${microsoftFailure(error)})`);
            return;
        }
        // Graph gives the first three characters of each secret as its `hint` [DOC]; several secrets
        // may share them, so the one expiring last is taken: a warning is then always deserved.
        const now = this.now();
        const inUse = credentials
            .filter(c => c.hint === secret.slice(0, 3) && c.end !== undefined && c.end > now)
            .sort((a, b) => b.end - a.end)[0];
        if (!inUse)
            return skipped('no secret of the app matches the one in use');
        const days = Math.floor((inUse.end - now) / DAY_MS);
        const which = `${inUse.displayName ? `'${inUse.displayName}', ` : ''}id ${inUse.keyId ?? 'unknown'}`;
        if (days < expiryWarningDays) {
            warn(`the client secret in use (${which}) expires on ${new Date(inUse.end).toISOString().slice(0, 10)}, in ${(0,src_text/* plural */.LS)(days, 'day')}: create a new one in the app registration, put it in the secret, and run with force-update: true`);
        }
        else {
            logger.info(`${spec.name}: Azure: the client secret in use expires in ${(0,src_text/* plural */.LS)(days, 'day')}`);
        }
        return inUse;
    }
    /** The token, a definite refusal, or Unreachable/HttpError when Entra could not be asked. */
    token(app, secret, audience) {
        const key = JSON.stringify([app.tenantId, app.applicationId, secret, audience]);
        let token = this.tokens.get(key);
        if (!token) {
            token = this.requestToken(app, secret, audience);
            // A failure to reach Entra is not remembered: the next connector asks again.
            token.catch(() => this.tokens.delete(key));
            this.tokens.set(key, token);
        }
        return token;
    }
    async requestToken(app, secret, audience) {
        const request = {
            method: 'POST',
            path: `/${encodeURIComponent(app.tenantId)}/oauth2/v2.0/token`,
            // The client secret goes to this endpoint and nowhere else.
            form: {
                grant_type: 'client_credentials',
                client_id: app.applicationId,
                client_secret: secret,
                scope: `${audience.replace(/\/+$/, '')}/.default`
            },
            idempotent: true,
            what: `Get a token for app ${app.applicationId} from Microsoft Entra ID`
        };
        const response = await this.login.send(request);
        if (response.status === 200) {
            const body = readJson(request, response, this.options.redactor);
            const value = body?.access_token;
            if (typeof value !== 'string' || value.length < 10)
                throw new Unreachable(`${request.what}: the answer holds no access token`);
            this.options.onToken(value);
            return { value };
        }
        const refusal = readEntraError(response.body, app);
        if (refusal?.definite)
            return { refusal: refusal.message };
        throw new Unreachable(`${request.what}: HTTP ${response.status}${refusal ? `, ${refusal.message}` : `: ${said(response, this.options.redactor) || 'not an answer from Microsoft Entra ID'}`}`);
    }
    now() {
        return (this.options.now ?? Date.now)();
    }
}
function sum(counts, key) {
    return counts.reduce((total, c) => total + c[key], 0);
}


/***/ }),

/***/ 230:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Y: () => (/* binding */ RECOMMENDED_SECRET_ROTATION_DAYS),
/* harmony export */   u: () => (/* binding */ passwordCredentials)
/* harmony export */ });
/* harmony import */ var _values_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(4777);
/** The app's client secrets as Microsoft Graph lists them, for the expiry check and the secret's age. */

/**
 * [DOC] Qualys' page for tenant connectors (Azure console configuration) recommends an app secret
 * expiry of 180 days: a secret older than this is due for rotation (Microsoft allows 24 months).
 */
const RECOMMENDED_SECRET_ROTATION_DAYS = 180;
/** Graph's passwordCredentials, with startDateTime and endDateTime as times; odd entries are left out. */
function passwordCredentials(body) {
    const list = (0,_values_js__WEBPACK_IMPORTED_MODULE_0__/* .asRecord */ .qY)(body)?.passwordCredentials;
    if (!Array.isArray(list))
        return [];
    return list.flatMap(item => {
        const record = (0,_values_js__WEBPACK_IMPORTED_MODULE_0__/* .asRecord */ .qY)(item);
        if (!record)
            return [];
        return [
            {
                keyId: typeof record.keyId === 'string' ? record.keyId : undefined,
                displayName: typeof record.displayName === 'string' ? record.displayName : undefined,
                hint: typeof record.hint === 'string' ? record.hint : undefined,
                start: time(record.startDateTime),
                end: time(record.endDateTime)
            }
        ];
    });
}
function time(value) {
    const parsed = typeof value === 'string' ? Date.parse(value) : NaN;
    return Number.isNaN(parsed) ? undefined : parsed;
}


/***/ })

};
