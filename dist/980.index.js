export const id = 980;
export const ids = [980];
export const modules = {

/***/ 4980:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  QualysClient: () => (/* binding */ QualysClient)
});

// EXTERNAL MODULE: ./src/qualys/assumptions.ts
var assumptions = __webpack_require__(4643);
// EXTERNAL MODULE: ./src/http/errors.ts
var errors = __webpack_require__(8549);
;// CONCATENATED MODULE: ./src/qualys/status-failure.ts

/**
 * The error for a final non-2xx answer, with every known secret removed. The body is redacted
 * before the server's words are clipped, so a clip can never leave a piece of a secret behind.
 */
function gatewayFailure(transport, request, response) {
    const error = statusFailure(request, response, false, transport.redact);
    return new errors/* HttpError */.j$(transport.redact(error.message), error.kind, error.status, error.ambiguous);
}
/** Turns a final non-2xx answer into an error that says what to do. */
function statusFailure(request, response, ambiguous = false, redact) {
    const said = (0,errors/* serverMessage */.x_)(response.body, redact);
    const quoted = said ? `: ${said}` : '';
    const status = response.status;
    if (status === 401) {
        return new errors/* HttpError */.j$(`${request.what}: Qualys refused the credentials (401)${quoted}. Check the Qualys username/password, client id/secret or token, and that qualys-platform / qualys-gateway-url is your account's platform.`, 'unauthorized', status);
    }
    if (status === 403) {
        return new errors/* HttpError */.j$(`${request.what}: the Qualys user is not allowed to do this (403)${quoted}. Give the user the TotalCloud / connector management permissions (API access and "Create/Edit connector").`, 'forbidden', status);
    }
    if (status === 404 || status === 405) {
        return new errors/* HttpError */.j$(`${request.what}: not found on the gateway (${status})${quoted}. Check qualys-platform / qualys-gateway-url.`, 'not-found', status);
    }
    if (status >= 500 || status === 408) {
        return new errors/* HttpError */.j$(`${request.what}: Qualys answered ${status}${quoted}. The gateway is having trouble; run again later.`, 'server', status, ambiguous);
    }
    if (status >= 400) {
        return new errors/* HttpError */.j$(`${request.what}: Qualys rejected the request (${status})${quoted || ' without saying why'}.`, 'rejected', status);
    }
    return new errors/* HttpError */.j$(`${request.what}: unexpected answer ${status}${quoted}.`, 'protocol', status);
}

;// CONCATENATED MODULE: ./src/qualys/auth.ts



/**
 * Hands out the bearer token: the user's own, or one obtained by logging in once per run.
 * A 401 on an obtained token logs in again once (tokens live 4 hours and cannot be refreshed).
 */
class TokenSource {
    credentials;
    transport;
    onToken;
    current;
    renewed = new Set();
    constructor(credentials, transport, onToken) {
        this.credentials = credentials;
        this.transport = transport;
        this.onToken = onToken;
    }
    token() {
        this.current ??= this.obtain();
        return this.current;
    }
    /** A fresh token after `stale` was refused, or undefined when logging in again cannot help. */
    async renew(stale) {
        if (this.credentials.kind === 'token')
            return undefined;
        const current = await this.token();
        if (current !== stale)
            return current; // another call already logged in again
        if (this.renewed.has(stale))
            return undefined;
        this.renewed.add(stale);
        this.current = this.obtain();
        return this.current;
    }
    async obtain() {
        const { credentials } = this;
        if (credentials.kind === 'token')
            return credentials.token;
        // Both logins are form posts; /auth/oidc carries its credentials in headers and an empty form body, as Qualys' curl does.
        const request = credentials.kind === 'password'
            ? {
                method: 'POST',
                path: '/auth',
                form: { username: credentials.username, password: credentials.password, token: 'true' },
                idempotent: true,
                what: 'Log in to Qualys (/auth)'
            }
            : {
                method: 'POST',
                path: '/auth/oidc',
                form: {},
                headers: { clientId: credentials.clientId, clientSecret: credentials.clientSecret },
                idempotent: true,
                what: 'Log in to Qualys (/auth/oidc)'
            };
        const response = await this.transport.send(request);
        if (!assumptions/* AUTH_SUCCESS_STATUSES */.Ox.includes(response.status))
            throw gatewayFailure(this.transport, request, response);
        const token = response.body.trim();
        if (!/^[\w-]+\.[\w-]+\.[\w-]*$/.test(token)) {
            throw new errors/* HttpError */.j$(`${request.what}: the answer is not a token (HTTP ${response.status}, ${token.length} characters). Check qualys-platform / qualys-gateway-url: it must be the API gateway (gateway.qgN.apps.qualys.…).`, 'protocol', response.status);
        }
        this.onToken(token);
        return token;
    }
}

// EXTERNAL MODULE: ./src/qualys/body.ts
var body = __webpack_require__(6639);
// EXTERNAL MODULE: ./src/qualys/connector.ts
var qualys_connector = __webpack_require__(5764);
// EXTERNAL MODULE: ./src/http/budget.ts
var budget = __webpack_require__(8251);
// EXTERNAL MODULE: ./src/http/retry-policy.ts
var retry_policy = __webpack_require__(7593);
;// CONCATENATED MODULE: ./src/qualys/calls.ts




class GatewayCalls {
    transport;
    tokens;
    logger;
    constructor(transport, tokens, logger) {
        this.transport = transport;
        this.tokens = tokens;
        this.logger = logger;
    }
    /**
     * Calls and reads the JSON answer. An answer cut short or empty is asked for once more when
     * the call is idempotent (a read, an update); for a create it stays an ambiguous failure.
     * Accepted non-2xx answers come back without a body for the caller to read.
     */
    async callJson(request, accept) {
        for (let attempt = 1;; attempt++) {
            const response = await this.call(request, accept);
            if (response.status < 200 || response.status >= 300)
                return { response };
            try {
                return { response, body: this.json(request, response) };
            }
            catch (error) {
                if (!request.idempotent || attempt >= retry_policy/* UNREADABLE_ANSWER_ATTEMPTS */.yu)
                    throw error;
                this.transport.counts.retried++;
                this.logger.info(`${error.message.split('.')[0]}; asking again`);
            }
        }
    }
    /**
     * Sends with the current token; on a 401 for a token we obtained, logs in again once.
     * A non-2xx answer is thrown unless `accept` says the caller reads it itself.
     */
    async call(request, accept = () => false) {
        const token = await this.tokens.token();
        let response = await this.transport.send({ ...request, token });
        if (response.status === 401) {
            const fresh = await this.tokens.renew(token);
            if (fresh) {
                this.logger.info(`${request.what}: the Qualys token was refused (401); logged in again`);
                response = await this.transport.send({ ...request, token: fresh });
            }
        }
        if ((response.status < 200 || response.status >= 300) && !accept(response))
            throw gatewayFailure(this.transport, request, response);
        return response;
    }
    json(request, response) {
        try {
            if (response.body.trim() === '')
                throw new SyntaxError('empty body');
            return JSON.parse(response.body);
        }
        catch {
            throw this.unreadable(request, response.body.trim() === ''
                ? 'an empty answer'
                : 'an answer that is not JSON (a proxy error page, or cut short)');
        }
    }
    /** One connector from an answer; an unreadable one is a protocol failure (ambiguous for a write). */
    read(value, request) {
        try {
            return (0,qualys_connector/* readConnector */.c9)(value);
        }
        catch (error) {
            if (error instanceof qualys_connector/* UnreadableConnectorError */.Fu)
                throw this.unreadable(request, error.message);
            throw error;
        }
    }
    /** A write whose answer cannot be read may still have happened: mark it ambiguous. */
    unreadable(request, what) {
        return new errors/* HttpError */.j$(`${request.what}: Qualys sent ${what}. If this persists, check qualys-gateway-url points at the API gateway.`, 'protocol', undefined, !request.idempotent);
    }
}

// EXTERNAL MODULE: ./src/values.ts
var values = __webpack_require__(4777);
;// CONCATENATED MODULE: ./src/qualys/listing.ts



/** A safety stop for a server whose paging never ends. */
const MAX_PAGES = 10_000;
/**
 * Every connector under one listing path, or undefined when `probing` and the first page says
 * this path is no listing (404/405, or a 400 even at the small page size).
 */
async function listPages(path, probing, pages) {
    return listItems(path, probing, pages, { what: 'List tenant connectors', read: (value, r) => pages.read(value, r) });
}
/** listPages for any kind of listed object with an id (tenant connectors, member connectors). */
async function listItems(path, probing, pages, reader) {
    const connectors = [];
    const seen = new Set();
    // Objects the gateway sent, read or not: its counts (totalElements, a short page) are of these.
    let sent = 0;
    const maxPages = reader.maxPages ?? MAX_PAGES;
    let pageSize = assumptions/* PREFERRED_PAGE_SIZE */.K4;
    for (let page = assumptions/* FIRST_PAGE */.XB; page < assumptions/* FIRST_PAGE */.XB + maxPages; page++) {
        const request = {
            method: 'GET',
            path,
            query: { pageNumber: page, pageSize },
            idempotent: true,
            what: `${reader.what} (page ${page - assumptions/* FIRST_PAGE */.XB + 1})`
        };
        // Only the first page of a candidate may say "not here" or "page size too big"; later, or
        // after the fallback, such an answer is a failure (returning what we have would hide connectors).
        const firstPage = page === assumptions/* FIRST_PAGE */.XB;
        // A 400 even at the small page size, while probing, is a path that is no listing: a gateway
        // whose GET /{id} takes a number answers `/list` that way.
        const notHere = (r) => probing &&
            firstPage &&
            (r.status === 404 || r.status === 405 || (r.status === 400 && pageSize === assumptions/* FALLBACK_PAGE_SIZE */.p6));
        const { response, body: envelope } = await pages.callJson(request, r => notHere(r) || (firstPage && r.status === 400 && pageSize !== assumptions/* FALLBACK_PAGE_SIZE */.p6));
        if (notHere(response))
            return undefined;
        if (firstPage && response.status === 400) {
            pages.logger.debug(`The gateway refused pageSize=${pageSize}; listing with pageSize=${assumptions/* FALLBACK_PAGE_SIZE */.p6}`);
            pageSize = assumptions/* FALLBACK_PAGE_SIZE */.p6;
            page--;
            continue;
        }
        checkPageNumber(envelope, page, request);
        const content = pageContent(envelope, request, reader.ifNotAPage);
        const items = content.flatMap(item => {
            const read = reader.read(item, request);
            return read === undefined ? [] : [read];
        });
        // A gateway that ignores pageNumber without saying which page it sent repeats itself.
        if (items.length > 0 && items.every(item => seen.has(item.id))) {
            throw new errors/* HttpError */.j$(`${request.what}: the gateway sent the connectors of an earlier page again; it does not page as expected, so the listing cannot be trusted`, 'protocol');
        }
        connectors.push(...items);
        for (const item of items)
            seen.add(item.id);
        sent += content.length;
        if (isLastPage(envelope, page, content.length, sent))
            return connectors;
    }
    throw new errors/* HttpError */.j$(`${reader.what}: the gateway kept returning pages after ${maxPages}; stopping.`, 'protocol');
}
/** A gateway that ignores pageNumber would hand back page 0 forever: stop instead of looping. */
function checkPageNumber(envelope, page, request) {
    const current = (0,values/* isRecord */.u4)(envelope) ? envelope.currentPage : undefined;
    if (typeof current === 'number' && current !== page) {
        throw new errors/* HttpError */.j$(`${request.what}: asked for page ${page}, the gateway answered page ${current}; it does not page as expected, so the listing cannot be trusted`, 'protocol');
    }
}
/**
 * The connectors of one page. Only a page envelope (or a bare list) is a listing: any other
 * answer — a summary object, an error in a 200 — is refused, since reading it as "no connectors"
 * would create every connector again.
 */
function pageContent(envelope, request, ifNotAPage = 'the listing cannot be trusted, so nothing is created') {
    if (Array.isArray(envelope))
        return envelope;
    const page = (0,values/* isRecord */.u4)(envelope) ? envelope : {};
    if (Array.isArray(page.content))
        return page.content;
    const saysEmpty = page.totalPages === 0 || page.totalElements === 0 || page.numberOfElements === 0;
    if ((page.content === null || page.content === undefined) && saysEmpty)
        return [];
    throw new errors/* HttpError */.j$(`${request.what}: the answer is not a page of connectors (no content list); ${ifNotAPage}. Check qualys-gateway-url points at the API gateway`, 'protocol');
}
/**
 * Follows the server's own count: it may cap pageSize silently, so a short page proves nothing.
 * Without a count (a bare list, or no totalPages/totalElements) the pages are read until one is empty.
 */
function isLastPage(envelope, page, count, collected) {
    if (count === 0)
        return true;
    if (!(0,values/* isRecord */.u4)(envelope))
        return false;
    const { totalPages, currentPage, totalElements } = envelope;
    if (typeof totalPages === 'number')
        return (typeof currentPage === 'number' ? currentPage : page) >= totalPages - 1 + assumptions/* FIRST_PAGE */.XB;
    if (typeof totalElements === 'number')
        return collected >= totalElements;
    return false;
}

;// CONCATENATED MODULE: ./src/qualys/members.ts
/**
 * Member (subscription) connectors, read for the coverage part of `mode: check`. Qualys documents
 * no listing of them: the guessed paths and field spellings are in assumptions.ts, and a gateway
 * that answers none of them gives "not available" with the reason, never a failure of the check.
 *
 * Errors: a 401 that logging in again did not cure is thrown (the Qualys credentials do not work,
 * which the check must report as such, not as "coverage not available"). Every other failure —
 * 403, throttling after the retries, 5xx, network, timeouts, an answer that is no page — is a
 * "not available" result: coverage is best effort.
 */




/**
 * Pages read at most: the listing holds every Azure member connector of the Qualys subscription
 * and costs a call per page out of a budget of the order of 300 calls an hour [DOC].
 */
const MAX_MEMBER_PAGES = 20;
/** Text from the gateway is clipped: it goes into logs and a report. */
const MAX_TEXT = 500;
/**
 * The member listing of one run: the first listing is kept (one check reads it for every tenant
 * connector), and so is the path that answered.
 */
class MemberConnectors {
    calls;
    listing;
    constructor(calls) {
        this.calls = calls;
    }
    list() {
        this.listing ??= this.firstListing();
        // A 401 is not kept: it is the caller's to handle, and a later call may be asked again.
        this.listing.catch(() => (this.listing = undefined));
        return this.listing;
    }
    async firstListing() {
        const tried = [];
        for (const path of assumptions/* MEMBER_LIST_PATH_CANDIDATES */.$v) {
            let ignored = 0;
            let members;
            try {
                members = await listItems(path, true, this.calls, {
                    what: 'List member connectors',
                    maxPages: MAX_MEMBER_PAGES,
                    ifNotAPage: 'coverage cannot be read from it',
                    read: value => {
                        const member = readMember(value);
                        if (member === undefined)
                            ignored++;
                        return member;
                    }
                });
            }
            catch (error) {
                if (!(error instanceof errors/* HttpError */.j$) || error.kind === 'unauthorized')
                    throw error;
                return { available: false, reason: `GET ${path} failed: ${error.message}` };
            }
            if (members === undefined) {
                this.calls.logger.debug(`GET ${path}: 404/405, not the member connector listing on this gateway`);
                tried.push(path);
                continue;
            }
            this.calls.logger.info(`Member connectors are listed through GET ${path} (${members.length} found${ignored > 0 ? `, ${ignored} unreadable objects ignored` : ''})`);
            return { available: true, path, members, ignored };
        }
        return {
            available: false,
            reason: `Qualys documents no listing of member connectors, and the gateway has none where one was guessed (${tried.join(', ')} answered 404/405)`
        };
    }
}
/**
 * One listed object as a member connector, or undefined when it is none that can be read: not an
 * object, no integer id, or an object naming another cloud.
 */
function readMember(value) {
    if (!(0,values/* isRecord */.u4)(value))
        return undefined;
    const id = integer(value.id);
    if (id === undefined)
        return undefined;
    const cloud = members_text(first(value, assumptions/* MEMBER_CLOUD_TYPE_FIELDS */.qH));
    if (cloud !== undefined && cloud.toUpperCase() !== assumptions/* AZURE_CLOUD_TYPE */.nc)
        return undefined;
    const member = {
        id,
        disabled: first(value, assumptions/* MEMBER_DISABLED_FIELDS */.cL) === true,
        deleted: first(value, assumptions/* MEMBER_DELETED_FIELDS */.b_) === true
    };
    const name = members_text(value.name);
    const state = members_text(value.state);
    const lastError = members_text(value.lastError);
    const subscriptionId = (0,assumptions/* memberSubscriptionId */.Vd)(value);
    const organizationConnectorId = integer(first(value, assumptions/* MEMBER_ORG_CONNECTOR_ID_FIELDS */.y3));
    if (name !== undefined)
        member.name = name;
    if (state !== undefined)
        member.state = state;
    if (lastError !== undefined)
        member.lastError = lastError;
    if (subscriptionId !== undefined)
        member.subscriptionId = clip(subscriptionId);
    if (organizationConnectorId !== undefined)
        member.organizationConnectorId = organizationConnectorId;
    return member;
}
/** The first of these fields the object has a value for (null counts as none). */
function first(record, fields) {
    for (const field of fields)
        if (record[field] !== undefined && record[field] !== null)
            return record[field];
    return undefined;
}
/** An id: an integer, or a string of digits (ids in JSON from Java are sometimes quoted). */
function integer(value) {
    if (typeof value === 'number' && Number.isSafeInteger(value))
        return value;
    if (typeof value === 'string' && /^\d{1,15}$/.test(value.trim()))
        return Number(value.trim());
    return undefined;
}
function members_text(value) {
    return typeof value === 'string' && value.trim() !== '' ? clip(value.trim()) : undefined;
}
function clip(value) {
    return value.length > MAX_TEXT ? `${value.slice(0, MAX_TEXT - 1)}…` : value;
}

// EXTERNAL MODULE: ./src/http/transport.ts + 2 modules
var transport = __webpack_require__(4555);
;// CONCATENATED MODULE: ./src/qualys/peer.ts

/** Qualys' gateway as the HTTP layer names it in its messages, and how it says "slow down". */
const QUALYS_PEER = {
    name: 'Qualys',
    networkAdvice: "check the gateway URL / platform and the runner's network or proxy",
    timeoutAdvice: 'raise request-timeout if Qualys is slow, or try again later',
    dnsAdvice: "Check qualys-platform (your account's platform, shown in Qualys under Help > About) or qualys-gateway-url, and for a private cloud the runner's DNS",
    throttleAdvice: "the subscription's API limit is used up. Run again later, lower max-concurrency, or ask Qualys to raise the limit",
    isThrottling409: assumptions/* isThrottling409 */.P$,
    isWindowSpent: assumptions/* isWindowSpent */.ri
};

;// CONCATENATED MODULE: ./src/qualys/client.ts













class QualysClient {
    options;
    transport;
    calls;
    /** What this gateway turned out to support, learnt once per run. */
    listPath;
    listUnavailable = false;
    /** Whether a listing left out fields an update sends (a thin, list-style answer). */
    listingThin;
    getUnavailable = false;
    getAnswered = false;
    frequencyShape = assumptions/* FREQUENCY_SHAPES */.M1[0];
    statusMethod = assumptions/* STATUS_METHODS */.oU[0];
    members;
    constructor(options) {
        this.options = options;
        this.transport = new transport/* Transport */.o({
            ...options,
            baseUrl: options.gatewayUrl,
            peer: QUALYS_PEER,
            waitAllowance: new budget/* WaitAllowance */.wy(options.rateLimitWaitMs ?? retry_policy/* MAX_THROTTLE_WAIT_MS */.pP)
        });
        this.calls = new GatewayCalls(this.transport, new TokenSource(options.credentials, this.transport, options.onToken), options.logger);
        this.members = new MemberConnectors(this.calls);
    }
    get counts() {
        return this.transport.counts;
    }
    /** Qualys' call budget as its last answer stated it. */
    get budget() {
        return { ...this.transport.gate.stated };
    }
    budgetSpent() {
        const closed = this.transport.gate.closedBy;
        return closed instanceof errors/* BudgetSpentError */.o_ ? closed : undefined;
    }
    dispose() {
        this.transport.dispose();
    }
    /**
     * The listing is not documented: the known candidates are tried in order, moving on only on
     * 404/405 to the first page. Once one has answered it is the listing for the rest of the run.
     */
    async list() {
        if (this.listPath)
            return await listPages(this.listPath, false, this.calls);
        if (this.listUnavailable)
            return undefined;
        for (const path of assumptions/* LIST_PATH_CANDIDATES */.es) {
            const listing = await listPages(path, true, this.calls);
            if (listing === undefined) {
                this.options.logger.debug(`GET ${path}: 404/405, not the listing on this gateway`);
                continue;
            }
            this.listPath = path;
            this.listingThin = listing.some(connector => (0,qualys_connector/* missingFields */.SD)(connector).length > 0);
            this.options.logger.info(`Tenant connectors are listed through GET ${path} (${listing.length} found)`);
            return listing;
        }
        this.listUnavailable = true;
        this.options.logger.warning(`The Qualys gateway has no tenant connector listing: ${assumptions/* LIST_PATH_CANDIDATES */.es.join(', ')} all answered 404/405`);
        return undefined;
    }
    /** What this run learned of the gateway's undocumented behaviour: for the check's report and bug reports. */
    get facts() {
        return {
            listing: this.listPath
                ? { path: this.listPath, thin: this.listingThin ?? false }
                : this.listUnavailable
                    ? 'none'
                    : 'not-asked',
            getById: this.getUnavailable ? 'absent' : this.getAnswered ? 'works' : 'not-asked',
            frequencyShape: this.frequencyShape,
            budget: { ...this.transport.gate.stated },
            counts: { ...this.transport.counts }
        };
    }
    /**
     * The Azure member (subscription) connectors, for coverage: best effort, read once per run
     * (see members.ts). Throws only for a 401 that logging in again did not cure.
     */
    listMembers() {
        return this.members.list();
    }
    /**
     * Reading one connector is not documented. A 404/405 for a connector the listing has means
     * the gateway has no such endpoint: from then on connectors are read from the listing.
     */
    async get(id) {
        if (!this.getUnavailable) {
            try {
                return await this.readById(id);
            }
            catch (error) {
                if (!(error instanceof errors/* HttpError */.j$ && error.kind === 'not-found'))
                    throw error;
                const listed = (await this.list())?.find(connector => connector.id === id);
                if (!listed)
                    throw error;
                this.noGetById(id, error);
                return listed;
            }
        }
        const listed = (await this.list())?.find(connector => connector.id === id);
        if (!listed)
            throw new errors/* HttpError */.j$(`Read connector ${id}: not in the listing`, 'not-found', 404);
        return listed;
    }
    async complete(listed) {
        if (this.getUnavailable)
            return listed;
        try {
            return await this.readById(listed.id);
        }
        catch (error) {
            if (!(error instanceof errors/* HttpError */.j$ && error.kind === 'not-found'))
                throw error;
            // Listed a moment ago: a 404/405 here says there is no GET /{id}, and listing again would tell nothing new.
            this.noGetById(listed.id, error);
            return listed;
        }
    }
    async readById(id) {
        const request = {
            method: 'GET',
            path: (0,assumptions/* connectorPath */.f)(id),
            idempotent: true,
            what: `Read connector ${id}`
        };
        const connector = this.calls.read((await this.calls.callJson(request)).body, request);
        this.getAnswered = true;
        return connector;
    }
    noGetById(id, error) {
        this.getUnavailable = true;
        this.options.logger.info(`GET ${(0,assumptions/* connectorPath */.f)(id)} answered ${error.status} for a listed connector: reading connectors from the listing for the rest of the run`);
    }
    async create(name, body, options = {}) {
        const request = {
            method: 'POST',
            path: assumptions/* CREATE_PATH */.FC,
            json: body,
            idempotent: false,
            what: `Create connector '${name}'`
        };
        // The reconciler resends only after checking the first attempt did not happen; it is still a retry.
        if (options.resend)
            this.transport.counts.retried++;
        return this.write(request);
    }
    async update(id, name, body) {
        // A full replacement: sending it twice leaves the same result, so it may be retried.
        const request = {
            method: 'POST',
            path: (0,assumptions/* updatePath */.vo)(id),
            json: body,
            idempotent: true,
            what: `Update connector '${name}' (id ${id})`
        };
        return this.write(request);
    }
    /**
     * One call for every connector that needs the same action. Setting a status twice leaves the
     * same result, so it may be retried. The method is not documented (assumptions.ts): on a 405
     * the other one is tried once, and kept for the rest of the run.
     */
    async setStatus(action, ids) {
        const request = (method) => ({
            method,
            path: assumptions/* STATUS_PATH */.ND,
            query: { action },
            json: ids,
            idempotent: true,
            what: `${action === 'ENABLE' ? 'Enable' : 'Disable'} connector${ids.length > 1 ? 's' : ''} ${ids.join(', ')}`
        });
        const other = assumptions/* STATUS_METHODS */.oU.find(method => method !== this.statusMethod);
        const first = await this.calls.callJson(request(this.statusMethod), r => r.status === 405);
        let body = first.body;
        if (first.response.status === 405) {
            this.options.logger.info(`${assumptions/* STATUS_PATH */.ND}: ${this.statusMethod} answered 405; sending ${other}, and using it for the rest of the run`);
            this.statusMethod = other;
            body = (await this.calls.callJson(request(other))).body;
        }
        return pageContent(body, request(this.statusMethod)).map(item => this.calls.read(item, request(this.statusMethod)));
    }
    /**
     * Sends a create or update in the frequency shape this gateway takes. A 400 about a frequency
     * field is a definite refusal (nothing was written): it is sent once more with minutes, and
     * when that is taken, minutes are used for the rest of the run.
     */
    async write(request) {
        const nameTaken = (r) => (0,assumptions/* isDuplicateNameRejection */.e2)(r.status, (0,errors/* serverMessage */.x_)(r.body));
        const shapeRefused = (r) => this.frequencyShape !== 'minutes' &&
            ((0,assumptions/* isFrequencyShapeRejection */.Fc)(r.status, (0,errors/* serverMessage */.x_)(r.body)) || (0,assumptions/* isUnexplainedRefusal */.gz)(r.status, r.body));
        let { response, body } = await this.calls.callJson(this.shaped(request, this.frequencyShape), r => nameTaken(r) || shapeRefused(r));
        if (shapeRefused(response)) {
            const refusal = response;
            this.options.logger.info(`${request.what}: Qualys refused the request (${refusal.status}: ${this.transport.said(refusal) || 'no reason given'}); trying run frequencies as minutes`);
            this.transport.counts.retried++;
            ({ response, body } = await this.calls.callJson(this.shaped(request, 'minutes'), r => nameTaken(r) || r.status === 400));
            // Minutes refused too: the first refusal is the one to report, and the shape stays as it was.
            if (response.status === 400)
                throw gatewayFailure(this.transport, request, refusal);
            this.frequencyShape = 'minutes';
            this.options.logger.info('Run frequencies are sent as minutes for the rest of the run');
        }
        if (nameTaken(response)) {
            const said = this.transport.said(response);
            throw new errors/* HttpError */.j$(this.options.redactor.redact(`${request.what}: Qualys says the name is taken (${response.status}: ${said})`), 'duplicate-name', response.status);
        }
        return this.calls.read(body, request);
    }
    shaped(request, shape) {
        return { ...request, json: (0,body/* withFrequencyShape */.Uo)(request.json, shape) };
    }
}


/***/ })

};
