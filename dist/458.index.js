export const id = 458;
export const ids = [458];
export const modules = {

/***/ 1458:
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
            ? { method: 'POST', path: '/auth', form: { username: credentials.username, password: credentials.password, token: 'true' }, idempotent: true, what: 'Log in to Qualys (/auth)' }
            : { method: 'POST', path: '/auth/oidc', form: {}, headers: { clientId: credentials.clientId, clientSecret: credentials.clientSecret }, idempotent: true, what: 'Log in to Qualys (/auth/oidc)' };
        const response = await this.transport.send(request);
        if (!assumptions/* AUTH_SUCCESS_STATUSES */.Ox.includes(response.status))
            throw this.transport.failure(request, response);
        const token = response.body.trim();
        if (!/^[\w-]+\.[\w-]+\.[\w-]*$/.test(token)) {
            throw new errors/* QualysError */.E(`${request.what}: the answer is not a token (HTTP ${response.status}, ${token.length} characters). Check qualys-platform / qualys-gateway-url: it must be the API gateway (gateway.qgN.apps.qualys.…).`, 'protocol', response.status);
        }
        this.onToken(token);
        return token;
    }
}

// EXTERNAL MODULE: ./src/qualys/body.ts
var body = __webpack_require__(6639);
// EXTERNAL MODULE: ./src/qualys/connector.ts
var connector = __webpack_require__(5764);
// EXTERNAL MODULE: ./src/qualys/transport.ts + 1 modules
var transport = __webpack_require__(5515);
;// CONCATENATED MODULE: ./src/qualys/client.ts






/** A safety stop for a server whose paging never ends. */
const MAX_PAGES = 10_000;
class QualysClient {
    options;
    transport;
    tokens;
    /** What this gateway turned out to support, learnt once per run. */
    listPath;
    listUnavailable = false;
    getUnavailable = false;
    frequencyShape = assumptions/* FREQUENCY_SHAPES */.M1[0];
    constructor(options) {
        this.options = options;
        this.transport = new transport/* Transport */.oK({ ...options, baseUrl: options.gatewayUrl });
        this.tokens = new TokenSource(options.credentials, this.transport, options.onToken);
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
            return (await this.listFrom(this.listPath, false));
        if (this.listUnavailable)
            return undefined;
        for (const path of assumptions/* LIST_PATH_CANDIDATES */.es) {
            const listing = await this.listFrom(path, true);
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
    async listFrom(path, probing) {
        const connectors = [];
        let pageSize = assumptions/* PREFERRED_PAGE_SIZE */.K4;
        for (let page = assumptions/* FIRST_PAGE */.XB; page < assumptions/* FIRST_PAGE */.XB + MAX_PAGES; page++) {
            const request = { method: 'GET', path, query: { pageNumber: page, pageSize }, idempotent: true, what: `List tenant connectors (page ${page - assumptions/* FIRST_PAGE */.XB + 1})` };
            // Only the first page of a candidate may say "not here" or "page size too big"; later, or
            // after the fallback, such an answer is a failure (returning what we have would hide connectors).
            const firstPage = page === assumptions/* FIRST_PAGE */.XB;
            const notHere = (r) => probing && firstPage && (r.status === 404 || r.status === 405);
            const { response, body: envelope } = await this.callJson(request, r => notHere(r) || (firstPage && r.status === 400 && pageSize !== assumptions/* FALLBACK_PAGE_SIZE */.p6));
            if (notHere(response))
                return undefined;
            if (firstPage && response.status === 400) {
                this.options.logger.debug(`The gateway refused pageSize=${pageSize}; listing with pageSize=${assumptions/* FALLBACK_PAGE_SIZE */.p6}`);
                pageSize = assumptions/* FALLBACK_PAGE_SIZE */.p6;
                page--;
                continue;
            }
            checkPageNumber(envelope, page, request);
            const content = pageContent(envelope, request);
            connectors.push(...content.map(item => this.read(item, request)));
            if (isLastPage(envelope, page, content.length, pageSize))
                return connectors;
        }
        throw new errors/* QualysError */.E(`List tenant connectors: the gateway kept returning pages after ${MAX_PAGES}; stopping.`, 'protocol');
    }
    /**
     * Reading one connector is not documented. A 404/405 for a connector the listing has means
     * the gateway has no such endpoint: from then on connectors are read from the listing.
     */
    async get(id) {
        if (!this.getUnavailable) {
            try {
                const request = { method: 'GET', path: (0,assumptions/* connectorPath */.f)(id), idempotent: true, what: `Read connector ${id}` };
                return this.read((await this.callJson(request)).body, request);
            }
            catch (error) {
                if (!(error instanceof errors/* QualysError */.E && error.kind === 'not-found'))
                    throw error;
                const listed = (await this.list())?.find(connector => connector.id === id);
                if (!listed)
                    throw error;
                this.getUnavailable = true;
                this.options.logger.info(`GET ${(0,assumptions/* connectorPath */.f)(id)} answered ${error.status} for a listed connector: reading connectors from the listing for the rest of the run`);
                return listed;
            }
        }
        const listed = (await this.list())?.find(connector => connector.id === id);
        if (!listed)
            throw new errors/* QualysError */.E(`Read connector ${id}: not in the listing`, 'not-found', 404);
        return listed;
    }
    async create(name, body, options = {}) {
        const request = { method: 'POST', path: assumptions/* CREATE_PATH */.FC, json: body, idempotent: false, what: `Create connector '${name}'` };
        // The reconciler resends only after checking the first attempt did not happen; it is still a retry.
        if (options.resend)
            this.transport.counts.retried++;
        return this.write(request);
    }
    async update(id, name, body) {
        // A full replacement: sending it twice leaves the same result, so it may be retried.
        const request = { method: 'POST', path: (0,assumptions/* updatePath */.vo)(id), json: body, idempotent: true, what: `Update connector '${name}' (id ${id})` };
        return this.write(request);
    }
    /**
     * Sends a create or update in the frequency shape this gateway takes. A 400 about a frequency
     * field is a definite refusal (nothing was written): it is sent once more with minutes, and
     * when that is taken, minutes are used for the rest of the run.
     */
    async write(request) {
        const nameTaken = (r) => (0,assumptions/* isDuplicateNameRejection */.e2)(r.status, (0,errors/* serverMessage */.x)(r.body));
        const shapeRefused = (r) => this.frequencyShape !== 'minutes' && (0,assumptions/* isFrequencyShapeRejection */.Fc)(r.status, (0,errors/* serverMessage */.x)(r.body));
        let { response, body } = await this.callJson(this.shaped(request, this.frequencyShape), r => nameTaken(r) || shapeRefused(r));
        if (shapeRefused(response)) {
            const refusal = response;
            this.options.logger.info(`${request.what}: Qualys refused {hours, minutes} run frequencies (${refusal.status}: ${this.transport.said(refusal)}); sending minutes`);
            this.transport.counts.retried++;
            ({ response, body } = await this.callJson(this.shaped(request, 'minutes'), r => nameTaken(r) || r.status === 400));
            // Minutes refused too: the first refusal is the one to report, and the shape stays as it was.
            if (response.status === 400)
                throw this.transport.failure(request, refusal);
            this.frequencyShape = 'minutes';
            this.options.logger.info('Run frequencies are sent as minutes for the rest of the run');
        }
        if (nameTaken(response)) {
            const said = this.transport.said(response);
            throw new errors/* QualysError */.E(this.options.redactor.redact(`${request.what}: Qualys says the name is taken (${response.status}: ${said})`), 'duplicate-name', response.status);
        }
        return this.read(body, request);
    }
    shaped(request, shape) {
        return { ...request, json: (0,body/* withFrequencyShape */.Uo)(request.json, shape) };
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
                this.options.logger.info(`${error.message.split('.')[0]}; asking again`);
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
                this.options.logger.info(`${request.what}: the Qualys token was refused (401); logged in again`);
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
            throw this.unreadable(request, response.body.trim() === '' ? 'an empty answer' : 'an answer that is not JSON (a proxy error page, or cut short)');
        }
    }
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
        return new errors/* QualysError */.E(`${request.what}: Qualys sent ${what}. If this persists, check qualys-gateway-url points at the API gateway.`, 'protocol', undefined, !request.idempotent);
    }
}
/** A gateway that ignores pageNumber would hand back page 0 forever: stop instead of looping. */
function checkPageNumber(envelope, page, request) {
    const current = envelope !== null && typeof envelope === 'object' ? envelope.currentPage : undefined;
    if (typeof current === 'number' && current !== page) {
        throw new errors/* QualysError */.E(`${request.what}: asked for page ${page}, the gateway answered page ${current}; it does not page as expected, so the listing cannot be trusted`, 'protocol');
    }
}
function pageContent(envelope, request) {
    if (Array.isArray(envelope))
        return envelope; // a bare list is read too
    const content = envelope !== null && typeof envelope === 'object' ? envelope.content : undefined;
    if (content === null || content === undefined)
        return [];
    if (!Array.isArray(content))
        throw new errors/* QualysError */.E(`${request.what}: the page has no content list`, 'protocol');
    return content;
}
function isLastPage(envelope, page, count, pageSize) {
    if (Array.isArray(envelope) || count === 0)
        return true;
    const { totalPages, currentPage } = envelope;
    // Follow the server's own count: it may cap pageSize silently, so a short page proves nothing.
    if (typeof totalPages === 'number')
        return (typeof currentPage === 'number' ? currentPage : page) >= totalPages - 1 + assumptions/* FIRST_PAGE */.XB;
    return count < pageSize;
}


/***/ }),

/***/ 5515:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  oK: () => (/* binding */ Transport)
});

// UNUSED EXPORTS: formatSeconds, statusFailure

// EXTERNAL MODULE: ./node_modules/@actions/http-client/lib/index.js + 1 modules
var lib = __webpack_require__(4942);
// EXTERNAL MODULE: ./src/qualys/assumptions.ts
var assumptions = __webpack_require__(4643);
// EXTERNAL MODULE: ./src/qualys/errors.ts
var errors = __webpack_require__(6332);
;// CONCATENATED MODULE: ./src/qualys/rate-gate.ts
/**
 * Keeps the action inside the gateway's limits: at most `capacity` calls in flight (Qualys
 * allows 2 per subscription by default, and says so in X-Concurrency-Limit-Limit), and no
 * call at all while the server has told us to wait.
 */
class RateGate {
    capacity;
    sleep;
    now;
    inFlight = 0;
    pausedUntil = 0;
    waiting = [];
    constructor(capacity, sleep, now = Date.now) {
        this.capacity = capacity;
        this.sleep = sleep;
        this.now = now;
    }
    /** Waits for a free slot and for any pause to end; returns the slot's release. */
    async acquire() {
        for (;;) {
            const pause = this.pausedUntil - this.now();
            if (pause > 0)
                await this.sleep(pause);
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
    /** Learns the server's limits from its answer headers. */
    observe(headers) {
        const limit = Number(headers['x-concurrency-limit-limit'] ?? headers['x-concurrencylimit-limit']);
        if (Number.isInteger(limit) && limit > 0 && limit < this.capacity)
            this.capacity = limit;
        const remaining = Number(headers['x-ratelimit-remaining']);
        const toWait = Number(headers['x-ratelimit-towait-sec']);
        // Slow down before being throttled: the calls still in flight (besides the one that brought
        // these headers) will use up what remains of the window, so wait for it to roll.
        const others = Math.max(0, this.inFlight - 1);
        if (headers['x-ratelimit-remaining'] !== undefined && remaining - others <= 0 && toWait > 0)
            this.pause(toWait * 1000);
    }
    get limit() {
        return this.capacity;
    }
}

;// CONCATENATED MODULE: ./src/qualys/transport.ts




const RETRYABLE_STATUS = new Set([408, 500, 502, 503, 504]);
const DEFAULT_BACKOFF = { baseMs: 1000, maxMs: 30_000 };
const MIN_THROTTLE_WAIT_MS = 100;
const QUALYS_PEER = {
    name: 'Qualys',
    networkAdvice: 'check the gateway URL / platform and the runner\'s network or proxy',
    timeoutAdvice: 'raise request-timeout if Qualys is slow, or try again later'
};
/**
 * One HTTP exchange with the gateway at a time per slot: limits, timeouts and retries live
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
    constructor(options) {
        this.options = options;
        this.http = new lib/* HttpClient */.Qq(options.userAgent, [], {
            socketTimeout: options.timeoutMs,
            keepAlive: true,
            allowRetries: false,
            allowRedirects: false
        });
        this.sleep = options.sleep ?? (ms => new Promise(resolve => setTimeout(resolve, ms)));
        this.random = options.random ?? Math.random;
        this.backoff = options.backoff ?? DEFAULT_BACKOFF;
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
                const failure = this.networkFailure(request, error);
                if (last || failure.kind === 'rejected' || failure.kind === 'unreachable' || (failure.ambiguous && !request.idempotent))
                    throw failure;
                await this.retryAfter(request, attempt, this.backoffMs(attempt), failure.message);
                continue;
            }
            const wait = this.throttleWaitMs(response, attempt);
            if (wait !== undefined) {
                this.counts.throttled++;
                if (last || wait > this.maxWaitMs)
                    throw this.throttled(request, response, wait);
                this.gate.pause(wait);
                await this.retryAfter(request, attempt, 0, `throttled by ${this.peer.name} (${response.status}); waiting ${formatSeconds(wait)}`);
                continue;
            }
            if (RETRYABLE_STATUS.has(response.status)) {
                // A 5xx may come after the server acted, and so may a proxy's 408: a create is checked first.
                const ambiguous = true;
                const failure = this.failure(request, response, ambiguous);
                // A server that asks for a longer pause than we accept from throttling is not waited for.
                const pauseMs = retryAfterMs(response) ?? this.backoffMs(attempt);
                if (last || (ambiguous && !request.idempotent) || pauseMs > this.maxWaitMs)
                    throw failure;
                await this.retryAfter(request, attempt, pauseMs, `${response.status} from ${this.peer.name}`);
                continue;
            }
            return response;
        }
    }
    /**
     * The error for a final non-2xx answer, with every known secret removed. The body is redacted
     * before the server's words are clipped, so a clip can never leave a piece of a secret behind.
     */
    failure(request, response, ambiguous = false) {
        const { redactor } = this.options;
        const error = statusFailure(request, { ...response, body: redactor.redact(response.body) }, ambiguous);
        return new errors/* QualysError */.E(redactor.redact(error.message), error.kind, error.status, error.ambiguous);
    }
    /** The server's own words from an answer, safe to show. */
    said(response) {
        return this.options.redactor.redact((0,errors/* serverMessage */.x)(this.options.redactor.redact(response.body)));
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
            const response = await this.http.request(request.method, url.toString(), data, headers);
            const body = await this.readBody(response.message);
            const answer = { status: response.message.statusCode ?? 0, headers: flatHeaders(response.message.headers), body };
            if (request.token !== undefined)
                this.gate.observe(answer.headers);
            this.options.logger.debug(`← ${answer.status} ${request.method} ${url.pathname} (${body.length} bytes)`);
            return answer;
        }
        finally {
            release();
        }
    }
    /** The client's socket timeout only covers silence before the answer; a stalled body is cut here. */
    readBody(message) {
        return new Promise((resolve, reject) => {
            const chunks = [];
            const timer = setTimeout(() => {
                message.destroy();
                reject(Object.assign(new Error('response body timed out'), { code: 'ETIMEDOUT' }));
            }, this.options.timeoutMs);
            message.on('data', (chunk) => chunks.push(chunk));
            message.on('end', () => {
                clearTimeout(timer);
                resolve(Buffer.concat(chunks).toString('utf8'));
            });
            message.on('error', error => {
                clearTimeout(timer);
                reject(error);
            });
            message.on('aborted', () => {
                clearTimeout(timer);
                reject(Object.assign(new Error('connection closed before the answer was complete'), { code: 'ECONNRESET' }));
            });
        });
    }
    url(request) {
        const url = new URL(this.options.baseUrl.replace(/\/+$/, '') + request.path);
        for (const [key, value] of Object.entries(request.query ?? {}))
            url.searchParams.set(key, String(value));
        return url;
    }
    get peer() {
        return this.options.peer ?? QUALYS_PEER;
    }
    get maxWaitMs() {
        // Qualys counts calls per hour: waiting out a window is still faster than failing the run.
        return this.options.maxThrottleWaitMs ?? 15 * 60_000;
    }
    throttleWaitMs(response, attempt) {
        const throttled = response.status === 429 || (response.status === 409 && (0,assumptions/* isThrottling409 */.P$)(response.headers, (0,errors/* serverMessage */.x)(response.body)));
        if (!throttled)
            return undefined;
        const toWait = Number(response.headers['x-ratelimit-towait-sec']);
        const told = response.headers['x-ratelimit-towait-sec'] !== undefined && Number.isFinite(toWait) && toWait >= 0 ? toWait * 1000 : retryAfterMs(response);
        // Told "wait 0" or nothing at all: back off anyway, so throttled calls do not hammer the gateway.
        return Math.max(told ?? this.backoffMs(attempt), MIN_THROTTLE_WAIT_MS);
    }
    backoffMs(attempt) {
        // Full jitter: spreads the retries of concurrent connectors apart.
        const ceiling = Math.min(this.backoff.maxMs, this.backoff.baseMs * 2 ** (attempt - 1));
        return Math.round(ceiling / 2 + (this.random() * ceiling) / 2);
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
            return new errors/* QualysError */.E(`${request.what} was not sent: ${error.message.replace(/"[^"]*"/g, '"…"')} (${code}). Check the credentials and URL inputs for stray characters such as line breaks.`, 'rejected');
        }
        if (code === 'ENOTFOUND') {
            const host = this.url(request).hostname;
            return new errors/* QualysError */.E(`${request.what} failed: the host ${host} does not exist (DNS: ENOTFOUND). Check qualys-platform (your account's platform, shown in Qualys under Help > About) or qualys-gateway-url, and for a private cloud the runner's DNS.`, 'unreachable');
        }
        const timedOut = code === 'ETIMEDOUT' || /timeout/i.test(error.message);
        // A refused or unresolvable connection never reached the server: safe to send again.
        const neverSent = ['ECONNREFUSED', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH'].includes(code);
        const detail = timedOut ? `no answer within ${formatSeconds(this.options.timeoutMs)}` : `${error.message}${code && !error.message.includes(code) ? ` (${code})` : ''}`;
        const advice = timedOut ? this.peer.timeoutAdvice : this.peer.networkAdvice;
        return new errors/* QualysError */.E(this.options.redactor.redact(`${request.what} failed: ${detail}; ${advice}`), timedOut ? 'timeout' : 'network', undefined, !neverSent);
    }
    throttled(request, response, waitMs) {
        return new errors/* QualysError */.E(`${request.what}: Qualys kept throttling the calls (HTTP ${response.status}, asked to wait ${formatSeconds(waitMs)}); the subscription's API limit is used up. Run again later, lower max-concurrency, or ask Qualys to raise the limit.`, 'throttled', response.status);
    }
}
/** Turns a final non-2xx answer into an error that says what to do. */
function statusFailure(request, response, ambiguous = false) {
    const said = (0,errors/* serverMessage */.x)(response.body);
    const quoted = said ? `: ${said}` : '';
    const status = response.status;
    if (status === 401) {
        return new errors/* QualysError */.E(`${request.what}: Qualys refused the credentials (401)${quoted}. Check the Qualys username/password, client id/secret or token, and that qualys-platform / qualys-gateway-url is your account's platform.`, 'unauthorized', status);
    }
    if (status === 403) {
        return new errors/* QualysError */.E(`${request.what}: the Qualys user is not allowed to do this (403)${quoted}. Give the user the TotalCloud / connector management permissions (API access and "Create/Edit connector").`, 'forbidden', status);
    }
    if (status === 404 || status === 405) {
        return new errors/* QualysError */.E(`${request.what}: not found on the gateway (${status})${quoted}. Check qualys-platform / qualys-gateway-url.`, 'not-found', status);
    }
    if (status >= 500 || status === 408) {
        return new errors/* QualysError */.E(`${request.what}: Qualys answered ${status}${quoted}. The gateway is having trouble; run again later.`, 'server', status, ambiguous);
    }
    if (status >= 400) {
        return new errors/* QualysError */.E(`${request.what}: Qualys rejected the request (${status})${quoted || ' without saying why'}.`, 'rejected', status);
    }
    return new errors/* QualysError */.E(`${request.what}: unexpected answer ${status}${quoted}.`, 'protocol', status);
}
function retryAfterMs(response) {
    const header = response.headers['retry-after'];
    if (header === undefined)
        return undefined;
    const seconds = Number(header);
    if (Number.isFinite(seconds) && seconds >= 0)
        return seconds * 1000;
    const date = Date.parse(header);
    return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}
function flatHeaders(headers) {
    const out = {};
    for (const [key, value] of Object.entries(headers))
        out[key.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
    return out;
}
function formatSeconds(ms) {
    return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(ms % 1000 === 0 ? 0 : 1)} s`;
}


/***/ })

};
