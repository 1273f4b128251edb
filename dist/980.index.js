export const id = 980;
export const ids = [980];
export const modules = {

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


/***/ }),

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
    return new errors/* HttpError */.j(transport.redact(error.message), error.kind, error.status, error.ambiguous);
}
/** Turns a final non-2xx answer into an error that says what to do. */
function statusFailure(request, response, ambiguous = false, redact) {
    const said = (0,errors/* serverMessage */.x)(response.body, redact);
    const quoted = said ? `: ${said}` : '';
    const status = response.status;
    if (status === 401) {
        return new errors/* HttpError */.j(`${request.what}: Qualys refused the credentials (401)${quoted}. Check the Qualys username/password, client id/secret or token, and that qualys-platform / qualys-gateway-url is your account's platform.`, 'unauthorized', status);
    }
    if (status === 403) {
        return new errors/* HttpError */.j(`${request.what}: the Qualys user is not allowed to do this (403)${quoted}. Give the user the TotalCloud / connector management permissions (API access and "Create/Edit connector").`, 'forbidden', status);
    }
    if (status === 404 || status === 405) {
        return new errors/* HttpError */.j(`${request.what}: not found on the gateway (${status})${quoted}. Check qualys-platform / qualys-gateway-url.`, 'not-found', status);
    }
    if (status >= 500 || status === 408) {
        return new errors/* HttpError */.j(`${request.what}: Qualys answered ${status}${quoted}. The gateway is having trouble; run again later.`, 'server', status, ambiguous);
    }
    if (status >= 400) {
        return new errors/* HttpError */.j(`${request.what}: Qualys rejected the request (${status})${quoted || ' without saying why'}.`, 'rejected', status);
    }
    return new errors/* HttpError */.j(`${request.what}: unexpected answer ${status}${quoted}.`, 'protocol', status);
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
            throw new errors/* HttpError */.j(`${request.what}: the answer is not a token (HTTP ${response.status}, ${token.length} characters). Check qualys-platform / qualys-gateway-url: it must be the API gateway (gateway.qgN.apps.qualys.…).`, 'protocol', response.status);
        }
        this.onToken(token);
        return token;
    }
}

// EXTERNAL MODULE: ./src/qualys/body.ts
var body = __webpack_require__(6639);
// EXTERNAL MODULE: ./src/qualys/connector.ts
var qualys_connector = __webpack_require__(5764);
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
        return new errors/* HttpError */.j(`${request.what}: Qualys sent ${what}. If this persists, check qualys-gateway-url points at the API gateway.`, 'protocol', undefined, !request.idempotent);
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
            throw new errors/* HttpError */.j(`${request.what}: the gateway sent the connectors of an earlier page again; it does not page as expected, so the listing cannot be trusted`, 'protocol');
        }
        connectors.push(...items);
        for (const item of items)
            seen.add(item.id);
        sent += content.length;
        if (isLastPage(envelope, page, content.length, sent))
            return connectors;
    }
    throw new errors/* HttpError */.j(`${reader.what}: the gateway kept returning pages after ${maxPages}; stopping.`, 'protocol');
}
/** A gateway that ignores pageNumber would hand back page 0 forever: stop instead of looping. */
function checkPageNumber(envelope, page, request) {
    const current = (0,values/* isRecord */.u4)(envelope) ? envelope.currentPage : undefined;
    if (typeof current === 'number' && current !== page) {
        throw new errors/* HttpError */.j(`${request.what}: asked for page ${page}, the gateway answered page ${current}; it does not page as expected, so the listing cannot be trusted`, 'protocol');
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
    throw new errors/* HttpError */.j(`${request.what}: the answer is not a page of connectors (no content list); ${ifNotAPage}. Check qualys-gateway-url points at the API gateway`, 'protocol');
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
                if (!(error instanceof errors/* HttpError */.j) || error.kind === 'unauthorized')
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
    isThrottling409: assumptions/* isThrottling409 */.P$
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
        this.transport = new transport/* Transport */.o({ ...options, baseUrl: options.gatewayUrl, peer: QUALYS_PEER });
        this.calls = new GatewayCalls(this.transport, new TokenSource(options.credentials, this.transport, options.onToken), options.logger);
        this.members = new MemberConnectors(this.calls);
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
                if (!(error instanceof errors/* HttpError */.j && error.kind === 'not-found'))
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
            throw new errors/* HttpError */.j(`Read connector ${id}: not in the listing`, 'not-found', 404);
        return listed;
    }
    async complete(listed) {
        if (this.getUnavailable)
            return listed;
        try {
            return await this.readById(listed.id);
        }
        catch (error) {
            if (!(error instanceof errors/* HttpError */.j && error.kind === 'not-found'))
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
        const nameTaken = (r) => (0,assumptions/* isDuplicateNameRejection */.e2)(r.status, (0,errors/* serverMessage */.x)(r.body));
        const shapeRefused = (r) => this.frequencyShape !== 'minutes' &&
            ((0,assumptions/* isFrequencyShapeRejection */.Fc)(r.status, (0,errors/* serverMessage */.x)(r.body)) || (0,assumptions/* isUnexplainedRefusal */.gz)(r.status, r.body));
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
            throw new errors/* HttpError */.j(this.options.redactor.redact(`${request.what}: Qualys says the name is taken (${response.status}: ${said})`), 'duplicate-name', response.status);
        }
        return this.calls.read(body, request);
    }
    shaped(request, shape) {
        return { ...request, json: (0,body/* withFrequencyShape */.Uo)(request.json, shape) };
    }
}


/***/ })

};
