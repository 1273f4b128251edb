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
    return redactor.redact((0,errors/* serverMessage */.x)(redactor.redact(response.body)));
}
/** Transport failures (network, 5xx and throttling after the retries) and Unreachable, as text. */
function microsoftFailure(error) {
    if (error instanceof errors/* HttpError */.j && error.kind === 'server')
        return `Microsoft answered ${error.status} after every attempt`;
    if (error instanceof errors/* HttpError */.j && error.kind === 'throttled')
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
            warn(`not checked: Microsoft Entra ID could not be reached earlier in this run (${this.unreachable})`);
            return { warnings, subscriptions: null };
        }
        let token;
        try {
            token = await this.token(app, secret, this.options.resourceManagerAudience);
        }
        catch (error) {
            if (error instanceof errors/* HttpError */.j &&
                (error.kind === 'network' || error.kind === 'timeout' || error.kind === 'unreachable'))
                this.unreachable ??= microsoftFailure(error);
            warn(`the app's credentials were not checked, Microsoft Entra ID could not be reached (${microsoftFailure(error)}); the connector is written without the check`);
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


/***/ }),

/***/ 4555:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  o: () => (/* binding */ Transport)
});

// EXTERNAL MODULE: ./node_modules/@actions/http-client/lib/index.js + 1 modules
var lib = __webpack_require__(4942);
// EXTERNAL MODULE: ./src/http/errors.ts
var errors = __webpack_require__(8549);
;// CONCATENATED MODULE: ./src/http/answer.ts

/**
 * Largest listing page read (a request with pageNumber or listingPage): 1000 connectors of a few KiB,
 * or 100 GitHub comments of up to 65,536 characters each, fit with room to spare.
 */
const MAX_PAGE_BYTES = 32 * 1024 * 1024;
/** Largest other answer read (one connector, a token, an error page). */
const MAX_ANSWER_BYTES = 1024 * 1024;
/** JSON nested deeper is refused before it is parsed or read: a real answer is about five levels deep. */
const MAX_JSON_DEPTH = 64;
/** Reads the answer up to `limit` bytes; a longer (or endless) one is cut off and refused. */
function readBody(request, message, limit, peer) {
    return new Promise((resolve, reject) => {
        const chunks = [];
        let size = 0;
        const tooLarge = () => {
            // Rejected first: destroying the answer emits 'aborted' at once, which would say "reset".
            reject(new errors/* HttpError */.j(`${request.what}: ${peer.name} answered with more than ${formatBytes(limit)}, more than any real answer; it was not read (${peer.networkAdvice}).`, 'protocol', message.statusCode, !request.idempotent));
            message.destroy();
        };
        if (Number(message.headers['content-length']) > limit)
            return tooLarge();
        message.on('data', (chunk) => {
            size += chunk.length;
            if (size > limit)
                return tooLarge();
            chunks.push(chunk);
        });
        message.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
        message.on('error', error => reject(error));
        message.on('aborted', () => reject(Object.assign(new Error('connection closed before the answer was complete'), { code: 'ECONNRESET' })));
    });
}
/** JSON nested past any real answer would exhaust the stack of whatever reads it next: refused here. */
function refuseDeepJson(request, body, peer) {
    if (jsonDepthExceeds(body, MAX_JSON_DEPTH)) {
        throw new errors/* HttpError */.j(`${request.what}: ${peer.name} answered with JSON nested more than ${MAX_JSON_DEPTH} levels deep, which no real answer is; it was not read.`, 'protocol', undefined, !request.idempotent);
    }
}
/** Header names lower-cased, repeated headers joined. */
function flatHeaders(headers) {
    const out = {};
    for (const [key, value] of Object.entries(headers))
        out[key.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
    return out;
}
/**
 * True when `body` is JSON (it starts with `{` or `[`) nested deeper than `max`. A scan of the
 * brackets outside strings, with no recursion of its own.
 */
function jsonDepthExceeds(body, max) {
    const start = body.trimStart()[0];
    if (start !== '{' && start !== '[')
        return false;
    let depth = 0;
    let inString = false;
    for (let i = 0; i < body.length; i++) {
        const char = body.charCodeAt(i);
        if (inString) {
            if (char === 0x5c)
                i++; // a backslash escapes the next character
            else if (char === 0x22)
                inString = false;
        }
        else if (char === 0x22)
            inString = true;
        else if (char === 0x7b || char === 0x5b) {
            if (++depth > max)
                return true;
        }
        else if (char === 0x7d || char === 0x5d)
            depth--;
    }
    return false;
}
function formatBytes(bytes) {
    return bytes >= 1024 * 1024 ? `${bytes / 1024 / 1024} MiB` : `${bytes / 1024} KiB`;
}

;// CONCATENATED MODULE: ./src/http/rate-gate.ts
class RateGate {
    capacity;
    sleep;
    now;
    /** What the server last said of its limits, for a report of what the gateway showed. */
    stated = {};
    inFlight = 0;
    pausedUntil = 0;
    closed;
    waiting = [];
    constructor(capacity, sleep, now = Date.now) {
        this.capacity = capacity;
        this.sleep = sleep;
        this.now = now;
    }
    /** A gate closed for the rest of the run (an announced wait longer than the action accepts) refuses every call. */
    failIfClosed() {
        if (this.closed)
            throw this.closed;
    }
    /** Waits for a free slot and for any pause to end; returns the slot's release. */
    async acquire() {
        for (;;) {
            this.failIfClosed();
            const pause = this.pausedUntil - this.now();
            if (pause > 0)
                await this.sleep(pause);
            this.failIfClosed();
            if (this.inFlight < this.capacity) {
                if (this.pausedUntil > this.now())
                    continue;
                this.inFlight++;
                let released = false;
                return () => {
                    if (released)
                        return;
                    released = true;
                    this.inFlight--;
                    this.waiting.shift()?.();
                };
            }
            await new Promise(resolve => this.waiting.push(resolve));
        }
    }
    /** Stops every caller until `ms` from now. */
    pause(ms) {
        this.pausedUntil = Math.max(this.pausedUntil, this.now() + ms);
    }
    /** No call at all from now on: every caller gets `reason` (a wait longer than the action accepts). */
    close(reason) {
        this.closed = reason;
    }
    /**
     * Learns the server's limits from its answer headers. Returns the pause an answer announces
     * (its X-RateLimit-ToWait-Sec, in ms) when it does; the pause is kept only up to `maxPauseMs`,
     * a longer one is for the caller to refuse.
     */
    observe(headers, maxPauseMs = Infinity) {
        const limit = Number(headers['x-concurrency-limit-limit'] ?? headers['x-concurrencylimit-limit']);
        if (Number.isInteger(limit) && limit > 0 && limit < this.capacity)
            this.capacity = limit;
        this.remember(headers, limit);
        const remaining = Number(headers['x-ratelimit-remaining']);
        const toWait = Number(headers['x-ratelimit-towait-sec']);
        // Slow down before being throttled: the calls still in flight (besides the one that brought
        // these headers) will use up what remains of the window, so wait for it to roll.
        const others = Math.max(0, this.inFlight - 1);
        if (headers['x-ratelimit-remaining'] === undefined || remaining - others > 0 || !(toWait > 0))
            return undefined;
        if (toWait * 1000 <= maxPauseMs)
            this.pause(toWait * 1000);
        return toWait * 1000;
    }
    remember(headers, concurrencyLimit) {
        const count = (name) => {
            const value = Number(headers[name]);
            return headers[name] !== undefined && Number.isFinite(value) && value >= 0 ? value : undefined;
        };
        const said = {
            limit: count('x-ratelimit-limit'),
            remaining: count('x-ratelimit-remaining'),
            windowSec: count('x-ratelimit-window-sec'),
            concurrencyLimit: Number.isInteger(concurrencyLimit) && concurrencyLimit > 0 ? concurrencyLimit : undefined
        };
        for (const [key, value] of Object.entries(said))
            if (value !== undefined)
                this.stated[key] = value;
    }
    get limit() {
        return this.capacity;
    }
}

// EXTERNAL MODULE: ./src/http/retry-policy.ts
var retry_policy = __webpack_require__(7593);
;// CONCATENATED MODULE: ./src/http/transport.ts





/**
 * One HTTP exchange with a peer at a time per slot: limits, timeouts and retries live
 * here, so the endpoints above it read as plain calls. Only answers that say the server did
 * not act (throttling, 408, a refused connection) are retried for non-idempotent requests;
 * anything else ambiguous is thrown with `ambiguous` set, for the caller to check first.
 */
class Transport {
    options;
    counts = { calls: 0, retried: 0, throttled: 0 };
    gate;
    http;
    sleep;
    random;
    backoff;
    /**
     * Hands each request its deadline. HttpClient offers no per-request signal, but it calls its
     * handlers' prepareRequest synchronously inside request(), before its first await: the signal
     * set just before that call is the one of that request.
     */
    deadlines = {
        next: undefined,
        prepareRequest: (options) => {
            if (this.deadlines.next)
                options.signal = this.deadlines.next;
        },
        canHandleAuthentication: () => false,
        handleAuthentication: () => Promise.reject(new Error('not used'))
    };
    constructor(options) {
        this.options = options;
        this.http = new lib/* HttpClient */.Qq(options.userAgent, [this.deadlines], {
            socketTimeout: options.timeoutMs,
            keepAlive: true,
            allowRetries: false,
            allowRedirects: false
        });
        this.sleep = options.sleep ?? (ms => new Promise(resolve => setTimeout(resolve, ms)));
        this.random = options.random ?? Math.random;
        this.backoff = options.backoff ?? retry_policy/* DEFAULT_BACKOFF */.VU;
        this.gate = new RateGate(options.maxConcurrency, this.sleep);
    }
    async send(request) {
        const { maxAttempts } = this.options;
        for (let attempt = 1;; attempt++) {
            const last = attempt >= maxAttempts;
            let response;
            try {
                response = await this.exchange(request);
            }
            catch (error) {
                // An answer refused for its size or shape would be the same again; the gate's closing is final.
                if (error instanceof errors/* HttpError */.j)
                    throw error;
                const failure = this.networkFailure(request, error);
                if (last ||
                    failure.kind === 'rejected' ||
                    failure.kind === 'unreachable' ||
                    (failure.ambiguous && !request.idempotent))
                    throw failure;
                await this.retryAfter(request, attempt, this.backoffMs(attempt), failure.message);
                continue;
            }
            const wait = (0,retry_policy/* throttleWaitMs */.Uv)(response, this.peer, () => this.backoffMs(attempt));
            if (wait !== undefined) {
                this.counts.throttled++;
                if (last || wait > this.maxWaitMs)
                    throw this.throttled(request, response, wait);
                this.gate.pause(wait);
                await this.retryAfter(request, attempt, 0, `throttled by ${this.peer.name} (${response.status}); waiting ${formatSeconds(wait)}`);
                continue;
            }
            if (retry_policy/* RETRYABLE_STATUS */.Uz.has(response.status)) {
                // A 5xx may come after the server acted, and so may a proxy's 408: a create is checked first.
                const ambiguous = true;
                const failure = this.serverFailure(request, response);
                // A server that asks for a longer pause than we accept from throttling is not waited for.
                const pauseMs = (0,retry_policy/* retryAfterMs */.Vs)(response) ?? this.backoffMs(attempt);
                if (last || (ambiguous && !request.idempotent) || pauseMs > this.maxWaitMs)
                    throw failure;
                await this.retryAfter(request, attempt, pauseMs, `${response.status} from ${this.peer.name}`);
                continue;
            }
            return response;
        }
    }
    /** Text with every known secret removed. */
    redact = (text) => this.options.redactor.redact(text);
    /** The server's own words from an answer, safe to show. */
    said(response) {
        return this.redact((0,errors/* serverMessage */.x)(response.body, this.redact));
    }
    /** Frees the kept-alive sockets so the process can exit. */
    dispose() {
        this.http.dispose();
    }
    async exchange(request) {
        // Login calls are exempt from the gateway's limits [DOC], so they do not take a slot.
        const release = request.token === undefined ? () => undefined : await this.gate.acquire();
        try {
            this.counts.calls++;
            const url = this.url(request);
            this.options.logger.debug(`→ ${request.method} ${url.pathname}${url.search}`);
            const headers = { accept: 'application/json', ...request.headers };
            let data = null;
            if (request.json !== undefined) {
                headers['content-type'] = 'application/json';
                data = JSON.stringify(request.json);
            }
            else if (request.form) {
                headers['content-type'] = 'application/x-www-form-urlencoded';
                data = new URLSearchParams(request.form).toString();
            }
            if (request.token)
                headers.authorization = `Bearer ${request.token}`;
            const answer = await this.exchangeWithin(request, url, data, headers);
            refuseDeepJson(request, answer.body, this.peer);
            if (request.token !== undefined)
                this.observeLimits(request, answer);
            this.options.logger.debug(`← ${answer.status} ${request.method} ${url.pathname} (${answer.body.length} bytes)`);
            return answer;
        }
        finally {
            release();
        }
    }
    /**
     * request-timeout bounds the whole exchange (connect, headers, body), not the silence between
     * two bytes: a server that trickles its answer a byte at a time is cut off at the deadline.
     */
    async exchangeWithin(request, url, data, headers) {
        const deadline = new AbortController();
        const timer = setTimeout(() => deadline.abort(), this.options.timeoutMs);
        try {
            this.deadlines.next = deadline.signal;
            const pending = this.http.request(request.method, url.toString(), data, headers);
            this.deadlines.next = undefined;
            const response = await pending;
            const page = request.listingPage === true || request.query?.pageNumber !== undefined;
            const limit = page ? MAX_PAGE_BYTES : MAX_ANSWER_BYTES;
            const body = await readBody(request, response.message, limit, this.peer);
            return { status: response.message.statusCode ?? 0, headers: flatHeaders(response.message.headers), body };
        }
        catch (error) {
            if (deadline.signal.aborted && !(error instanceof errors/* HttpError */.j)) {
                throw Object.assign(new Error(`no complete answer within ${formatSeconds(this.options.timeoutMs)}`), {
                    code: 'ETIMEDOUT'
                });
            }
            throw error;
        }
        finally {
            this.deadlines.next = undefined;
            clearTimeout(timer);
        }
    }
    /**
     * An answer that says the window's calls are used up (X-RateLimit-Remaining: 0 with a
     * ToWait) pauses every call for that long, under the same cap as a 429; a longer pause stops
     * the run at once, naming the wait, rather than sleeping out the cap only to fail.
     */
    observeLimits(request, answer) {
        const announced = this.gate.observe(answer.headers, this.maxWaitMs);
        if (announced === undefined)
            return;
        if (announced > this.maxWaitMs) {
            this.gate.close(new errors/* HttpError */.j(`${request.what}: ${this.peer.name} says the API limit is used up and the next call must wait ${formatSeconds(announced)} (X-RateLimit-ToWait-Sec), longer than the ${formatSeconds(this.maxWaitMs)} the action waits; stopped. Run again later, or ask ${this.peer.name} to raise the limit.`, 'throttled'));
            this.options.logger.warning(`${this.peer.name} asks for a pause of ${formatSeconds(announced)} before the next call (its API limit is used up); no further calls are made in this run`);
            return;
        }
        this.options.logger.info(`${this.peer.name}: the API limit is used up for now (X-RateLimit-Remaining: 0); pausing calls for ${formatSeconds(announced)}`);
    }
    url(request) {
        const url = new URL(this.options.baseUrl.replace(/\/+$/, '') + request.path);
        for (const [key, value] of Object.entries(request.query ?? {}))
            url.searchParams.set(key, String(value));
        return url;
    }
    get peer() {
        return this.options.peer;
    }
    get maxWaitMs() {
        return this.options.maxThrottleWaitMs ?? retry_policy/* MAX_THROTTLE_WAIT_MS */.pP;
    }
    /** A 5xx or 408 after the retries: the server may have acted, so a write is checked before any resend. */
    serverFailure(request, response) {
        const said = this.said(response);
        return new errors/* HttpError */.j(this.redact(`${request.what}: ${this.peer.name} answered ${response.status}${said ? `: ${said}` : ''}. The service is having trouble; run again later.`), 'server', response.status, true);
    }
    backoffMs(attempt) {
        return (0,retry_policy/* backoffMs */.jo)(attempt, this.backoff, this.random);
    }
    async retryAfter(request, attempt, waitMs, why) {
        this.counts.retried++;
        this.options.logger.info(`${request.what}: ${why}; trying again (attempt ${attempt + 1} of ${this.options.maxAttempts})${waitMs > 0 ? ` in ${formatSeconds(waitMs)}` : ''}`);
        if (waitMs > 0)
            await this.sleep(waitMs);
    }
    networkFailure(request, error) {
        const code = error.code ?? '';
        if (code.startsWith('ERR_INVALID')) {
            // Node refused to send it (a header with a line break or a non-Latin-1 character): retrying cannot help.
            return new errors/* HttpError */.j(`${request.what} was not sent: ${error.message.replace(/"[^"]*"/g, '"…"')} (${code}). Check the credentials and URL inputs for stray characters such as line breaks.`, 'rejected');
        }
        const permanent = (0,retry_policy/* permanentNetworkFailure */.lm)(code, error.message);
        if (permanent) {
            return new errors/* HttpError */.j(this.options.redactor.redact(`${request.what} failed: ${permanent}.`), 'rejected');
        }
        if (code === 'ENOTFOUND') {
            const host = this.url(request).hostname;
            return new errors/* HttpError */.j(`${request.what} failed: the host ${host} does not exist (DNS: ENOTFOUND). ${this.peer.dnsAdvice}.`, 'unreachable');
        }
        const timedOut = code === 'ETIMEDOUT' || /timeout/i.test(error.message);
        const detail = timedOut
            ? `no answer within ${formatSeconds(this.options.timeoutMs)}`
            : `${error.message}${code && !error.message.includes(code) ? ` (${code})` : ''}`;
        const advice = timedOut ? this.peer.timeoutAdvice : this.peer.networkAdvice;
        return new errors/* HttpError */.j(this.options.redactor.redact(`${request.what} failed: ${detail}; ${advice}`), timedOut ? 'timeout' : 'network', undefined, !(0,retry_policy/* neverSent */.vQ)(code));
    }
    throttled(request, response, waitMs) {
        return new errors/* HttpError */.j(`${request.what}: ${this.peer.name} kept throttling the calls (HTTP ${response.status}, asked to wait ${formatSeconds(waitMs)}); ${this.peer.throttleAdvice}.`, 'throttled', response.status);
    }
}
function formatSeconds(ms) {
    return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(ms % 1000 === 0 ? 0 : 1)} s`;
}


/***/ })

};
