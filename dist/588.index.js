export const id = 588;
export const ids = [588];
export const modules = {

/***/ 5588:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  QualysClient: () => (/* binding */ QualysClient)
});

// EXTERNAL MODULE: ./src/qualys/assumptions.ts
var assumptions = __webpack_require__(4643);
// EXTERNAL MODULE: ./src/qualys/errors.ts
var errors = __webpack_require__(6332);
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
            throw this.transport.failure(request, response);
        const token = response.body.trim();
        if (!/^[\w-]+\.[\w-]+\.[\w-]*$/.test(token)) {
            throw new errors/* QualysError */.Er(`${request.what}: the answer is not a token (HTTP ${response.status}, ${token.length} characters). Check qualys-platform / qualys-gateway-url: it must be the API gateway (gateway.qgN.apps.qualys.…).`, 'protocol', response.status);
        }
        this.onToken(token);
        return token;
    }
}

// EXTERNAL MODULE: ./src/qualys/body.ts
var body = __webpack_require__(6639);
// EXTERNAL MODULE: ./src/qualys/connector.ts
var connector = __webpack_require__(5764);
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
                if (!request.idempotent || attempt >= 2)
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
            throw this.transport.failure(request, response);
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
            return (0,connector/* readConnector */.c9)(value);
        }
        catch (error) {
            if (error instanceof connector/* UnreadableConnectorError */.Fu)
                throw this.unreadable(request, error.message);
            throw error;
        }
    }
    /** A write whose answer cannot be read may still have happened: mark it ambiguous. */
    unreadable(request, what) {
        return new errors/* QualysError */.Er(`${request.what}: Qualys sent ${what}. If this persists, check qualys-gateway-url points at the API gateway.`, 'protocol', undefined, !request.idempotent);
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
    const connectors = [];
    let pageSize = assumptions/* PREFERRED_PAGE_SIZE */.K4;
    for (let page = assumptions/* FIRST_PAGE */.XB; page < assumptions/* FIRST_PAGE */.XB + MAX_PAGES; page++) {
        const request = {
            method: 'GET',
            path,
            query: { pageNumber: page, pageSize },
            idempotent: true,
            what: `List tenant connectors (page ${page - assumptions/* FIRST_PAGE */.XB + 1})`
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
        const content = pageContent(envelope, request);
        const items = content.map(item => pages.read(item, request));
        // A gateway that ignores pageNumber without saying which page it sent repeats itself.
        if (items.length > 0 && items.every(item => connectors.some(known => known.id === item.id))) {
            throw new errors/* QualysError */.Er(`${request.what}: the gateway sent the connectors of an earlier page again; it does not page as expected, so the listing cannot be trusted`, 'protocol');
        }
        connectors.push(...items);
        if (isLastPage(envelope, page, items.length, connectors.length))
            return connectors;
    }
    throw new errors/* QualysError */.Er(`List tenant connectors: the gateway kept returning pages after ${MAX_PAGES}; stopping.`, 'protocol');
}
/** A gateway that ignores pageNumber would hand back page 0 forever: stop instead of looping. */
function checkPageNumber(envelope, page, request) {
    const current = (0,values/* isRecord */.u4)(envelope) ? envelope.currentPage : undefined;
    if (typeof current === 'number' && current !== page) {
        throw new errors/* QualysError */.Er(`${request.what}: asked for page ${page}, the gateway answered page ${current}; it does not page as expected, so the listing cannot be trusted`, 'protocol');
    }
}
/**
 * The connectors of one page. Only a page envelope (or a bare list) is a listing: any other
 * answer — a summary object, an error in a 200 — is refused, since reading it as "no connectors"
 * would create every connector again.
 */
function pageContent(envelope, request) {
    if (Array.isArray(envelope))
        return envelope;
    const page = (0,values/* isRecord */.u4)(envelope) ? envelope : {};
    if (Array.isArray(page.content))
        return page.content;
    const saysEmpty = page.totalPages === 0 || page.totalElements === 0 || page.numberOfElements === 0;
    if ((page.content === null || page.content === undefined) && saysEmpty)
        return [];
    throw new errors/* QualysError */.Er(`${request.what}: the answer is not a page of connectors (no content list); the listing cannot be trusted, so nothing is created. Check qualys-gateway-url points at the API gateway`, 'protocol');
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

// EXTERNAL MODULE: ./src/qualys/transport.ts + 3 modules
var transport = __webpack_require__(5086);
;// CONCATENATED MODULE: ./src/qualys/client.ts







class QualysClient {
    options;
    transport;
    calls;
    /** What this gateway turned out to support, learnt once per run. */
    listPath;
    listUnavailable = false;
    getUnavailable = false;
    frequencyShape = assumptions/* FREQUENCY_SHAPES */.M1[0];
    statusMethod = assumptions/* STATUS_METHODS */.oU[0];
    constructor(options) {
        this.options = options;
        this.transport = new transport/* Transport */.oK({ ...options, baseUrl: options.gatewayUrl });
        this.calls = new GatewayCalls(this.transport, new TokenSource(options.credentials, this.transport, options.onToken), options.logger);
    }
    get counts() {
        return this.transport.counts;
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
            this.options.logger.info(`Tenant connectors are listed through GET ${path} (${listing.length} found)`);
            return listing;
        }
        this.listUnavailable = true;
        this.options.logger.warning(`The Qualys gateway has no tenant connector listing: ${assumptions/* LIST_PATH_CANDIDATES */.es.join(', ')} all answered 404/405`);
        return undefined;
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
                if (!(error instanceof errors/* QualysError */.Er && error.kind === 'not-found'))
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
            throw new errors/* QualysError */.Er(`Read connector ${id}: not in the listing`, 'not-found', 404);
        return listed;
    }
    async complete(listed) {
        if (this.getUnavailable)
            return listed;
        try {
            return await this.readById(listed.id);
        }
        catch (error) {
            if (!(error instanceof errors/* QualysError */.Er && error.kind === 'not-found'))
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
        return this.calls.read((await this.calls.callJson(request)).body, request);
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
                throw this.transport.failure(request, refusal);
            this.frequencyShape = 'minutes';
            this.options.logger.info('Run frequencies are sent as minutes for the rest of the run');
        }
        if (nameTaken(response)) {
            const said = this.transport.said(response);
            throw new errors/* QualysError */.Er(this.options.redactor.redact(`${request.what}: Qualys says the name is taken (${response.status}: ${said})`), 'duplicate-name', response.status);
        }
        return this.calls.read(body, request);
    }
    shaped(request, shape) {
        return { ...request, json: (0,body/* withFrequencyShape */.Uo)(request.json, shape) };
    }
}


/***/ })

};
