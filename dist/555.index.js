export const id = 555;
export const ids = [555];
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
            reject(new errors/* HttpError */.j$(`${request.what}: ${peer.name} answered with more than ${formatBytes(limit)}, more than any real answer; it was not read (${peer.networkAdvice}).`, 'protocol', message.statusCode, !request.idempotent));
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
        throw new errors/* HttpError */.j$(`${request.what}: ${peer.name} answered with JSON nested more than ${MAX_JSON_DEPTH} levels deep, which no real answer is; it was not read.`, 'protocol', undefined, !request.idempotent);
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

// EXTERNAL MODULE: ./src/http/budget.ts
var budget = __webpack_require__(8251);
;// CONCATENATED MODULE: ./src/http/rate-gate.ts
/** A timer that a closing gate can clear: a run stopped by the budget does not sit out the window before exiting. */
const cancellableSleep = (ms, cancel) => new Promise(resolve => {
    const timer = setTimeout(resolve, ms);
    cancel?.addEventListener('abort', () => {
        clearTimeout(timer);
        resolve();
    }, { once: true });
});
/**
 * Keeps the action inside the gateway's limits: at most `capacity` calls in flight (Qualys
 * allows 2 per subscription by default, and says so in X-Concurrency-Limit-Limit), and no
 * call at all while the server has told us to wait. Callers are let in first come, first
 * served: the run hands its writes to the gate in the spec's order, and when the budget runs
 * out the ones refused are then the spec's last (a later caller never overtakes a waiting one).
 */
class RateGate {
    capacity;
    sleep;
    now;
    /** What the server last said of its limits, for a report of what the gateway showed. */
    stated = {};
    inFlight = 0;
    pausedUntil = 0;
    closed;
    queue = [];
    sleeping = false;
    closing = new AbortController();
    constructor(capacity, sleep, now = Date.now) {
        this.capacity = capacity;
        this.sleep = sleep;
        this.now = now;
    }
    /**
     * Waits, behind every earlier caller, for a free slot and for any pause to end; returns the slot's
     * release. A gate closed for the rest of the run (a wait longer than the action accepts) refuses the
     * caller, and every caller still waiting.
     */
    acquire() {
        return new Promise((admit, refuse) => {
            this.queue.push({ admit, refuse });
            this.letIn();
        });
    }
    /** Lets the waiting callers in, in their order, while there are slots and no pause. */
    letIn() {
        if (this.closed) {
            for (const caller of this.queue.splice(0))
                caller.refuse(this.closed);
            return;
        }
        while (this.queue.length > 0 && this.inFlight < this.capacity) {
            const pause = this.pausedUntil - this.now();
            if (pause > 0)
                return this.sleepOut(pause);
            this.inFlight++;
            this.queue.shift().admit(this.releaseOnce());
        }
    }
    /** One sleep at a time: a pause extended meanwhile is slept out on waking. */
    sleepOut(pause) {
        if (this.sleeping)
            return;
        this.sleeping = true;
        void this.sleep(pause, this.closing.signal).then(() => {
            this.sleeping = false;
            this.letIn();
        });
    }
    releaseOnce() {
        let released = false;
        return () => {
            if (released)
                return;
            released = true;
            this.inFlight--;
            this.letIn();
        };
    }
    /** Why the gate is closed for the rest of the run, if it is. */
    get closedBy() {
        return this.closed;
    }
    /** When the current pause ends (epoch ms); in the past when there is none. */
    get pausedUntilMs() {
        return this.pausedUntil;
    }
    /** Stops every caller until `ms` from now. */
    pause(ms) {
        this.pausedUntil = Math.max(this.pausedUntil, this.now() + ms);
    }
    /** No call at all from now on: every caller gets `reason` (a wait longer than the action accepts). */
    close(reason) {
        this.closed = reason;
        this.closing.abort();
        this.letIn();
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
    now;
    /** The end of the last window wait announced: concurrent calls held by the same wait say it once. */
    announcedUntil = 0;
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
        this.sleep = options.sleep ?? cancellableSleep;
        this.random = options.random ?? Math.random;
        this.backoff = options.backoff ?? retry_policy/* DEFAULT_BACKOFF */.VU;
        this.now = options.now ?? Date.now;
        this.gate = new RateGate(options.maxConcurrency, this.sleep, this.now);
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
                if (error instanceof errors/* HttpError */.j$)
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
                if (this.isWindowWait(response)) {
                    // Not the request's fault: the window's calls are used up. Waiting for it is no failed attempt.
                    const spent = this.waitForWindow(request, wait, response);
                    // A 429 is an answer the server did not act on: the request did nothing, so it is safe to stop here.
                    if (spent)
                        throw spent;
                    if (wait >= 1000)
                        attempt--;
                    continue;
                }
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
        return this.redact((0,errors/* serverMessage */.x_)(response.body, this.redact));
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
            if (deadline.signal.aborted && !(error instanceof errors/* HttpError */.j$)) {
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
        if (this.options.waitAllowance) {
            // The gate only reports the wait: whether the run may wait it is the allowance's to say.
            // This answer stands (a create it confirms was made): only the calls after it are held or stopped.
            const announced = this.gate.observe(answer.headers, -1);
            if (announced !== undefined)
                this.waitForWindow(request, announced, answer);
            return;
        }
        const announced = this.gate.observe(answer.headers, this.maxWaitMs);
        if (announced === undefined)
            return;
        if (announced > this.maxWaitMs) {
            this.gate.close(new errors/* HttpError */.j$(`${request.what}: ${this.peer.name} says the API limit is used up and the next call must wait ${formatSeconds(announced)} (X-RateLimit-ToWait-Sec), longer than the ${formatSeconds(this.maxWaitMs)} the action waits; stopped. Run again later, or ask ${this.peer.name} to raise the limit.`, 'throttled'));
            this.options.logger.warning(`${this.peer.name} asks for a pause of ${formatSeconds(announced)} before the next call (its API limit is used up); no further calls are made in this run`);
            return;
        }
        this.options.logger.info(`${this.peer.name}: the API limit is used up for now (X-RateLimit-Remaining: 0); pausing calls for ${formatSeconds(announced)}`);
    }
    /** A throttling answer that says the window is used up, for a peer whose waits draw on the run's allowance. */
    isWindowWait(response) {
        return this.options.waitAllowance !== undefined && this.peer.isWindowSpent?.(response.headers) === true;
    }
    /**
     * Holds every call until the window rolls, when the run's allowance covers the wait (said once per
     * wait, with the run's progress); otherwise closes the gate to every further call and returns why.
     */
    waitForWindow(request, waitMs, answer) {
        const allowance = this.options.waitAllowance;
        const now = this.now();
        const until = now + waitMs;
        const extension = Math.max(0, until - Math.max(now, this.gate.pausedUntilMs));
        if (!allowance.draw(extension)) {
            const error = this.gate.closedBy instanceof errors/* BudgetSpentError */.o_
                ? this.gate.closedBy
                : this.budgetSpent(request, until, answer, allowance);
            this.gate.close(error);
            return error;
        }
        this.gate.pause(waitMs);
        if (until > this.announcedUntil + 1000) {
            this.announcedUntil = until;
            const progress = this.options.describeProgress?.();
            this.options.logger.info(`${this.possessive} API budget is used up${this.windowShape(answer)}; it is back at ${(0,budget/* utcClock */.f3)(until, now)}: waiting ${(0,budget/* humanDuration */.UU)(waitMs)}${progress ? ` (${progress})` : ''}`);
        }
        else
            this.options.logger.debug(`${request.what}: held until ${(0,budget/* utcClock */.f3)(until, now)} by the same window`);
        return undefined;
    }
    budgetSpent(request, until, answer, allowance) {
        const left = allowance.leftMs;
        const allowed = allowance.totalMs === 0
            ? 'rate-limit-wait is 0'
            : `waiting ${(0,budget/* humanDuration */.UU)(until - this.now())} is more than ${left < allowance.totalMs ? `the ${(0,budget/* humanDuration */.UU)(left)} left of ` : ''}rate-limit-wait (${(0,budget/* humanDuration */.UU)(allowance.totalMs)}) allows`;
        this.options.logger.debug(`${request.what}: not sent; the budget is used up until ${(0,budget/* utcClock */.f3)(until)}`);
        return new errors/* BudgetSpentError */.o_(`${this.possessive} API budget is used up until ${(0,budget/* utcClock */.f3)(until, this.now())}${this.windowShape(answer)}: ${allowed}`, until);
    }
    /** "Qualys'", "GitHub's". */
    get possessive() {
        return `${this.peer.name}'${this.peer.name.endsWith('s') ? '' : 's'}`;
    }
    /** " (300 calls per 3600 s)" from the answer's headers, when it says. */
    windowShape(answer) {
        const limit = Number(answer.headers['x-ratelimit-limit']);
        const window = Number(answer.headers['x-ratelimit-window-sec']);
        return limit > 0 && window > 0 ? ` (${limit} calls per ${window} s)` : '';
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
        return new errors/* HttpError */.j$(this.redact(`${request.what}: ${this.peer.name} answered ${response.status}${said ? `: ${said}` : ''}. The service is having trouble; run again later.`), 'server', response.status, true);
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
            return new errors/* HttpError */.j$(`${request.what} was not sent: ${error.message.replace(/"[^"]*"/g, '"…"')} (${code}). Check the credentials and URL inputs for stray characters such as line breaks.`, 'rejected');
        }
        const permanent = (0,retry_policy/* permanentNetworkFailure */.lm)(code, error.message);
        if (permanent) {
            return new errors/* HttpError */.j$(this.options.redactor.redact(`${request.what} failed: ${permanent}.`), 'rejected');
        }
        if (code === 'ENOTFOUND') {
            const host = this.url(request).hostname;
            return new errors/* HttpError */.j$(`${request.what} failed: the host ${host} does not exist (DNS: ENOTFOUND). ${this.peer.dnsAdvice}.`, 'unreachable');
        }
        const timedOut = code === 'ETIMEDOUT' || /timeout/i.test(error.message);
        const detail = timedOut
            ? `no answer within ${formatSeconds(this.options.timeoutMs)}`
            : `${error.message}${code && !error.message.includes(code) ? ` (${code})` : ''}`;
        const advice = timedOut ? this.peer.timeoutAdvice : this.peer.networkAdvice;
        return new errors/* HttpError */.j$(this.options.redactor.redact(`${request.what} failed: ${detail}; ${advice}`), timedOut ? 'timeout' : 'network', undefined, !(0,retry_policy/* neverSent */.vQ)(code));
    }
    throttled(request, response, waitMs) {
        return new errors/* HttpError */.j$(`${request.what}: ${this.peer.name} kept throttling the calls (HTTP ${response.status}, asked to wait ${formatSeconds(waitMs)}); ${this.peer.throttleAdvice}.`, 'throttled', response.status);
    }
}
function formatSeconds(ms) {
    return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(ms % 1000 === 0 ? 0 : 1)} s`;
}


/***/ })

};
