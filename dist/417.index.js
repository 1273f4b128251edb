export const id = 417;
export const ids = [417];
export const modules = {

/***/ 6417:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   GitHubRest: () => (/* binding */ GitHubRest),
/* harmony export */   githubApiUrl: () => (/* binding */ githubApiUrl)
/* harmony export */ });
/* unused harmony exports DEFAULT_GITHUB_API_URL, isGitHubRateLimit403, GITHUB_PEER */
/* harmony import */ var _http_errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(8549);
/* harmony import */ var _http_retry_policy_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(7593);
/* harmony import */ var _http_transport_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(4555);
/* harmony import */ var _inputs_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(8422);




/** Where GitHub.com's REST API is; the runner sets GITHUB_API_URL (GitHub Enterprise Server has its own). */
const DEFAULT_GITHUB_API_URL = 'https://api.github.com';
/** The media type and API version every call asks for [DOC: GitHub REST API, "API versions"]. */
const GITHUB_HEADERS = {
    accept: 'application/vnd.github+json',
    'x-github-api-version': '2022-11-28'
};
/**
 * [DOC: GitHub REST API, "Rate limits for the REST API"] A rate limit answers 403 (or 429) with
 * X-RateLimit-Remaining: 0 (the primary limit), or with Retry-After or a message naming a
 * secondary rate limit. Any other 403 is a refusal: a token without the permission, a fork's.
 */
function isGitHubRateLimit403(headers, message) {
    return headers['x-ratelimit-remaining'] === '0' || headers['retry-after'] !== undefined || /rate limit/i.test(message);
}
/** GitHub as the transport names it in its messages, with advice a person can act on. */
const GITHUB_PEER = {
    name: 'GitHub',
    networkAdvice: "check the runner's network or proxy (HTTPS_PROXY / NO_PROXY) or GITHUB_API_URL",
    timeoutAdvice: 'GitHub did not answer in time: raise request-timeout if it is slow, or run again later',
    dnsAdvice: "The runner cannot resolve GitHub's API host: check GITHUB_API_URL and the runner's DNS or proxy (HTTPS_PROXY)",
    throttleAdvice: "the token's GitHub API rate limit is used up: run again later",
    isThrottling403: isGitHubRateLimit403
};
/** The API's base URL from GITHUB_API_URL, checked like every other service URL; or what is wrong with it. */
function githubApiUrl(env) {
    const problems = [];
    const url = (0,_inputs_js__WEBPACK_IMPORTED_MODULE_3__/* .serviceUrl */ .Rs)(env.GITHUB_API_URL || DEFAULT_GITHUB_API_URL, 'GITHUB_API_URL', DEFAULT_GITHUB_API_URL, (_, why) => problems.push(`GITHUB_API_URL ${why}`));
    return url && problems.length === 0 ? { url } : { problem: problems.join('; ') };
}
class GitHubRest {
    token;
    transport;
    constructor(token, options) {
        this.token = token;
        // Whoever made the client may not have registered the token: no message of this client shows it.
        options.redactor.add(token);
        this.transport = new _http_transport_js__WEBPACK_IMPORTED_MODULE_2__/* .Transport */ .o({ ...options, maxThrottleWaitMs: _http_retry_policy_js__WEBPACK_IMPORTED_MODULE_1__/* .GITHUB_MAX_THROTTLE_WAIT_MS */ .hq, peer: GITHUB_PEER });
    }
    get counts() {
        return this.transport.counts;
    }
    /** One page of a listing: read under the page cap, and sent again after a 5xx or silence. */
    list(call) {
        return this.send({ method: 'GET', ...call, idempotent: true, listingPage: true });
    }
    get(call) {
        return this.send({ method: 'GET', ...call, idempotent: true });
    }
    /** A create: never sent again once the server may have acted on it (a second comment would be posted). */
    post(call, json) {
        return this.send({ method: 'POST', ...call, json, idempotent: false });
    }
    /** An edit: the same edit twice leaves the same result, so it is sent again like a read. */
    patch(call, json) {
        return this.send({ method: 'PATCH', ...call, json, idempotent: true });
    }
    /** Frees the kept-alive sockets so the process can exit. */
    dispose() {
        this.transport.dispose();
    }
    async send(request) {
        const response = await this.transport.send({
            ...request,
            headers: { ...GITHUB_HEADERS, ...request.headers },
            token: this.token
        });
        if (response.status < 200 || response.status >= 300)
            throw this.refusal(request, response);
        return { status: response.status, data: this.json(request, response) };
    }
    json(request, response) {
        if (response.body.trim() === '')
            return undefined;
        try {
            return JSON.parse(response.body);
        }
        catch {
            throw new _http_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .HttpError */ .j$(`${request.what}: GitHub's answer (${response.status}) is not JSON (a proxy's page?); ${GITHUB_PEER.networkAdvice}`, 'protocol', response.status, !request.idempotent);
        }
    }
    /** A final non-2xx answer, with GitHub's own words (redacted) and a kind the caller can act on. */
    refusal(request, response) {
        const said = this.transport.said(response);
        const text = `${request.what}: GitHub answered ${response.status}${said ? `: ${said}` : ''}`;
        return new _http_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .HttpError */ .j$(this.transport.redact(text), refusalKind(response.status), response.status);
    }
}
function refusalKind(status) {
    if (status === 401)
        return 'unauthorized';
    if (status === 403)
        return 'forbidden';
    if (status === 404)
        return 'not-found';
    if (status === 429)
        return 'throttled';
    if (status >= 500)
        return 'server';
    // A redirect (the transport follows none) or another status GitHub does not send for these calls.
    return status >= 400 ? 'rejected' : 'protocol';
}


/***/ })

};
