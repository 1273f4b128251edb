export const id = 702;
export const ids = [702];
export const modules = {

/***/ 6702:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   gitHubClient: () => (/* binding */ gitHubClient)
/* harmony export */ });
/* harmony import */ var node_async_hooks__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6698);
/* harmony import */ var node_async_hooks__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_async_hooks__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _http_errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(8549);
/* harmony import */ var _http_retry_policy_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(7593);
/* harmony import */ var _http_transport_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(4555);
/* harmony import */ var _values_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(4777);
/* harmony import */ var _call_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(751);
/* harmony import */ var _peer_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(4635);







/** The media type and API version every call asks for [DOC: GitHub REST API, "API versions"]. */
const GITHUB_HEADERS = {
    accept: 'application/vnd.github+json',
    'x-github-api-version': '2022-11-28'
};
/** The Refusal of the request under way, from the hook that wraps it to the fetch that sends it. */
const refusals = new node_async_hooks__WEBPACK_IMPORTED_MODULE_0__.AsyncLocalStorage();
/**
 * An Octokit whose every request goes through one Transport. A non-2xx reaches the caller as Octokit's
 * RequestError with GitHub's status, the action's message (what failed, GitHub's words redacted) and the
 * transport's HttpError as `cause`; a failure with no answer (a timeout, a reset) as a RequestError whose
 * `cause` is the transport's error.
 */
async function gitHubClient(token, options) {
    // Whoever made the client may not have registered the token: no message of this client shows it.
    options.redactor.add(token);
    const { getOctokit } = await loadActionsGitHub();
    const base = new URL(options.baseUrl);
    const transport = new _http_transport_js__WEBPACK_IMPORTED_MODULE_3__/* .Transport */ .o({
        ...options,
        // Only the path of Octokit's URL is used: a Link header naming another host cannot take the token there.
        baseUrl: base.origin,
        maxThrottleWaitMs: _http_retry_policy_js__WEBPACK_IMPORTED_MODULE_2__/* .GITHUB_MAX_THROTTLE_WAIT_MS */ .hq,
        peer: _peer_js__WEBPACK_IMPORTED_MODULE_4__/* .GITHUB_PEER */ .dt
    });
    // The one fetch of the client: every request, every later page of a listing, goes through the Transport.
    const fetch = (url, init) => sendThrough(transport, token, url, init, refusals.getStore());
    const octokit = getOctokit(token, { baseUrl: options.baseUrl, userAgent: options.userAgent, request: { fetch } });
    // Octokit builds its RequestError from the Response alone; the refusal in today's words joins it here.
    octokit.hook.wrap('request', async (request, endpoint) => {
        const refusal = {};
        try {
            return await refusals.run(refusal, () => request(endpoint));
        }
        catch (error) {
            if (refusal.error && error instanceof Error) {
                error.message = refusal.error.message;
                error.cause = refusal.error;
            }
            throw error;
        }
    });
    return { octokit, dispose: () => transport.dispose() };
}
/**
 * @actions/github builds its `context` when it is first imported, parsing GITHUB_EVENT_PATH: a file that
 * is not JSON makes the import throw. Said in words rather than as a bare SyntaxError.
 */
async function loadActionsGitHub() {
    try {
        return await __webpack_require__.e(/* import() */ 413).then(__webpack_require__.bind(__webpack_require__, 2413));
    }
    catch (error) {
        throw new _http_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .HttpError */ .j$(`GitHub's client could not start: the event payload (GITHUB_EVENT_PATH) could not be read (${(0,_values_js__WEBPACK_IMPORTED_MODULE_5__/* .errorMessage */ .gJ)(error)}); is this run outside GitHub Actions?`, 'protocol');
    }
}
/** One request of Octokit's, sent through the Transport and handed back as a WHATWG Response. */
async function sendThrough(transport, token, url, init, refusal) {
    const target = new URL(url);
    const method = (init?.method ?? 'GET').toUpperCase();
    const headers = new Headers(init?.headers);
    const what = headers.get(_call_js__WEBPACK_IMPORTED_MODULE_6__/* .CALL_HEADER */ .Z) ?? `${method} ${target.pathname}`;
    const body = typeof init?.body === 'string' && init.body !== '' ? init.body : undefined;
    const request = {
        method,
        path: `${target.pathname}${target.search}`,
        // Only what GitHub needs: Octokit's accept, authorization and user-agent give way to today's and the Transport's.
        headers: { ...GITHUB_HEADERS },
        json: body === undefined ? undefined : JSON.parse(body),
        // Every GET the action makes of GitHub is a page of a listing: read under the page cap.
        listingPage: method === 'GET',
        // An edit sent twice leaves the same result; a create sent twice could post a second comment or issue.
        idempotent: method !== 'POST',
        token,
        what
    };
    const answer = await transport.send(request);
    if (answer.status >= 400 && answer.status <= 599 && refusal)
        refusal.error = refused(transport, request, answer);
    // A redirect (the Transport follows none) would pass for data with Octokit; no Response holds a 1xx or a 600.
    else if (answer.status < 200 || answer.status >= 300)
        throw refused(transport, request, answer);
    else
        checkJson(request, answer);
    const empty = answer.status === 204 || answer.status === 205 || answer.body === '';
    return new Response(empty ? null : answer.body, { status: answer.status, headers: responseHeaders(answer) });
}
/** A 2xx whose body is not JSON is a proxy's page or a broken answer, never data. */
function checkJson(request, answer) {
    if (answer.body.trim() === '')
        return;
    try {
        JSON.parse(answer.body);
    }
    catch {
        throw new _http_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .HttpError */ .j$(`${request.what}: GitHub's answer (${answer.status}) is not JSON (a proxy's page?); ${_peer_js__WEBPACK_IMPORTED_MODULE_4__/* .GITHUB_PEER */ .dt.networkAdvice}`, 'protocol', answer.status, !request.idempotent);
    }
}
/** The answer's headers as Octokit reads them (Link for the next page), always as JSON. */
function responseHeaders(answer) {
    const headers = new Headers();
    for (const [name, value] of Object.entries(answer.headers))
        if (value !== undefined && name !== 'content-length' && name !== 'transfer-encoding')
            headers.set(name, value);
    headers.set('content-type', 'application/json; charset=utf-8');
    return headers;
}
/** A final non-2xx answer, with GitHub's own words (redacted) and a kind the caller can act on. */
function refused(transport, request, answer) {
    const said = transport.said(answer);
    const text = `${request.what}: GitHub answered ${answer.status}${said ? `: ${said}` : ''}`;
    return new _http_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .HttpError */ .j$(transport.redact(text), refusalKind(answer.status), answer.status);
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
