export const id = 361;
export const ids = [361];
export const modules = {

/***/ 6361:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   checkIssueMarker: () => (/* binding */ checkIssueMarker),
/* harmony export */   syncCheckIssue: () => (/* binding */ syncCheckIssue)
/* harmony export */ });
/* unused harmony exports DEFAULT_ISSUE_AUTHOR, MAX_ISSUE_BODY, CheckIssueError, fitIssueBody */
/* harmony import */ var _http_errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(8549);
/* harmony import */ var _text_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(8992);
/* harmony import */ var _values_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(4777);
/* harmony import */ var _call_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(751);
/* harmony import */ var _event_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(5015);
/* harmony import */ var _peer_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(4635);
/* harmony import */ var _refusal_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(6047);
/**
 * The `mode: check` report as ONE GitHub issue per spec file that keeps itself current: opened
 * when a check first finds something, edited in place (and reopened) while it does, closed with a
 * comment once a check comes back clean. The issue is found again by a hidden marker in its body,
 * and only an issue the action's own token opened counts: anyone can paste the marker.
 *
 * Whose issue is ours: GitHub gives no reliable "who am I" for the token the action usually gets.
 * GITHUB_TOKEN is an installation token, and `GET /user` answers it with 403; `GET /app` needs the
 * app's private key. Every issue GITHUB_TOKEN opens is authored by `github-actions[bot]`, so that is
 * the default, and `expectedAuthor` names another identity (a GitHub App token's `<slug>[bot]`, a
 * person's login for a personal access token). When an issue we open comes back with a different
 * author, the result says so: the next run would not recognise it and would open another.
 *
 * The calls go through the action's Octokit on its one transport (request-timeout, max-attempts,
 * the retry policy, redaction), loaded only on the first call so runs that write no issue start fast. No @actions/core: the caller turns a `skipped` result or a CheckIssueError
 * into a warning.
 */







/** The author of the issues GITHUB_TOKEN opens. */
const DEFAULT_ISSUE_AUTHOR = 'github-actions[bot]';
/** GitHub refuses a longer issue body or comment with 422. */
const MAX_ISSUE_BODY = 65_536;
const MARKER_NAME = 'qualys-azure-tenant-connector-check';
const PAGE_SIZE = 100;
/** 50 pages of 100 issues, most recently updated first: an open report issue is updated by every run. */
const MAX_ISSUE_PAGES = 50;
const PERMISSION_ADVICE = 'add `issues: write` to the job’s permissions (or give the token that access)';
/** GitHub could not be brought up to date (no answer, a 5xx, a 422): the caller warns with this message. */
class CheckIssueError extends Error {
    constructor(message) {
        super(message);
        this.name = 'CheckIssueError';
    }
}
/**
 * The hidden marker for one spec file (or owner): `<!-- qualys-azure-tenant-connector-check: <who> -->`.
 * `who` is percent-encoded where it could end the comment early or blur it: `%`, `<`, `>`, `!`,
 * whitespace and control characters, and any `-` next to another `-` (HTML ends a comment at `-->`
 * and `--!>`). Distinct names give distinct markers, and none is a prefix of another's.
 */
function checkIssueMarker(who) {
    const chars = [...who];
    const encoded = chars
        .map((char, i) => (mustEncode(char, chars[i - 1], chars[i + 1]) ? percentEncode(char) : char))
        .join('');
    return `<!-- ${MARKER_NAME}: ${encoded} -->`;
}
function mustEncode(char, before, after) {
    if (char === '-')
        return before === '-' || after === '-';
    return /[%<>!\s\p{Cc}\p{Cf}]/u.test(char);
}
function percentEncode(char) {
    return [...Buffer.from(char, 'utf8')].map(byte => `%${byte.toString(16).toUpperCase().padStart(2, '0')}`).join('');
}
/**
 * Text cut to fit GitHub's limit (counted in UTF-16 units, never fewer than GitHub's characters):
 * the end goes, at a line break, with an open code fence closed and a note saying it was cut.
 */
function fitIssueBody(text, limit = MAX_ISSUE_BODY) {
    if (text.length <= limit)
        return text;
    const note = `\n\n---\n_Clipped here: GitHub allows at most ${limit.toLocaleString('en-US')} characters, and the rest of the report did not fit._`;
    let kept = text.slice(0, Math.max(0, limit - note.length - '\n```'.length));
    if (/[\uD800-\uDBFF]$/.test(kept))
        kept = kept.slice(0, -1); // never half a character
    const lineBreak = kept.lastIndexOf('\n');
    // Never half a line, however long: half a table row breaks the table, and a code span cut before its
    // closing fence would show what it holds as live Markdown (links, mentions, HTML).
    if (lineBreak > 0)
        kept = kept.slice(0, lineBreak);
    // Clipped inside a code block, the note would show as code: close the block the way it opened.
    const fences = [...kept.matchAll(/^ {0,3}(`{3}|~{3})/gm)].map(match => match[1]);
    const closer = fences.length % 2 === 1 ? `\n${fences[fences.length - 1]}` : '';
    return `${kept}${closer}${note}`.slice(0, limit);
}
/**
 * Brings the spec file's check issue in line with the report: findings open it (or edit and, if a
 * person or an earlier run closed it, reopen it — never a second issue); a clean check closes an
 * open one with the closing comment and leaves everything else alone.
 * A refusal (401/403/404/410) is a `skipped` result with what to do; anything else that leaves
 * the issue out of date is a CheckIssueError.
 */
async function syncCheckIssue(token, report, where) {
    assertMarker(report.marker);
    const found = (0,_event_js__WEBPACK_IMPORTED_MODULE_1__/* .repositoryOf */ ._M)(where.env);
    if ('reason' in found)
        return { status: 'skipped', reason: `${found.reason}, so there is no repository to write the check issue in` };
    const api = (0,_peer_js__WEBPACK_IMPORTED_MODULE_2__/* .githubApiUrl */ .BN)(where.env);
    if ('problem' in api)
        throw new CheckIssueError(`${api.problem}; ${MAY_BE_OUT_OF_DATE}`);
    const { gitHubClient } = await Promise.all(/* import() */[__webpack_require__.e(555), __webpack_require__.e(702)]).then(__webpack_require__.bind(__webpack_require__, 6702));
    let github;
    try {
        github = await gitHubClient(token, { ...where.connection, baseUrl: api.url });
    }
    catch (error) {
        throw new CheckIssueError(`${(0,_values_js__WEBPACK_IMPORTED_MODULE_4__/* .errorMessage */ .gJ)(error)}; ${MAY_BE_OUT_OF_DATE}`);
    }
    const session = {
        github: github.octokit,
        repository: found.repository,
        author: where.expectedAuthor ?? DEFAULT_ISSUE_AUTHOR
    };
    try {
        return await guarded(() => bringUpToDate(session, report));
    }
    finally {
        github.dispose();
    }
}
const MAY_BE_OUT_OF_DATE = 'the check issue may be out of date';
async function bringUpToDate(session, report) {
    const issue = await findOurIssue(session, report.marker);
    if (!report.findings)
        return issue?.state === 'open' ? closeIssue(session, issue, report) : { status: 'clean' };
    return issue ? refreshIssue(session, issue, report) : openIssue(session, report);
}
function assertMarker(marker) {
    const inner = marker.slice(4, -3);
    if (!marker.startsWith('<!--') || !marker.endsWith('-->') || /--!?>/.test(inner) || inner.trim() === '')
        throw new CheckIssueError('the check issue marker must be one whole HTML comment: build it with checkIssueMarker()');
}
/** Refusals become a `skipped` result that says what to do; every other failure a CheckIssueError. */
async function guarded(work) {
    try {
        return await work();
    }
    catch (error) {
        if (error instanceof CheckIssueError)
            throw error;
        const status = (0,_refusal_js__WEBPACK_IMPORTED_MODULE_3__/* .refusedStatus */ .P)(error);
        // The client's messages name the call and GitHub's words, never the token (it redacts it).
        if (status !== undefined)
            return { status: 'skipped', reason: `${(0,_values_js__WEBPACK_IMPORTED_MODULE_4__/* .errorMessage */ .gJ)(error)}; ${adviceFor(status)}` };
        throw new CheckIssueError(`${(0,_values_js__WEBPACK_IMPORTED_MODULE_4__/* .errorMessage */ .gJ)(error)}; ${MAY_BE_OUT_OF_DATE}`);
    }
}
function adviceFor(status) {
    if (status === 401)
        return 'the token is not valid; check the github-token input';
    if (status === 410)
        return 'issues are turned off in this repository (Settings → General → Features → Issues)';
    if (status === 404)
        return `the token cannot see this repository's issues; ${PERMISSION_ADVICE}`;
    return PERMISSION_ADVICE;
}
/**
 * The issue the action's token opened with this marker: open ones first, then the most recently
 * updated. Issues are read most recently updated first and the search stops at the first page
 * that has one, since every run with findings edits it. Pull requests (listed among issues by
 * GitHub) and issues someone else opened are never ours, whatever their body says.
 */
async function findOurIssue(session, marker) {
    const what = 'list the issues';
    const pages = session.github.paginate.iterator(session.github.rest.issues.listForRepo, {
        ...session.repository,
        state: 'all',
        sort: 'updated',
        direction: 'desc',
        per_page: PAGE_SIZE,
        ...(0,_call_js__WEBPACK_IMPORTED_MODULE_5__/* .call */ .T)(what)
    });
    let read = 0;
    for await (const { data } of pages) {
        if (!Array.isArray(data))
            throw new _http_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .HttpError */ .j$(`${what}: GitHub's answer is not a list of issues`, 'protocol');
        const ours = data.filter(isIssue).filter(issue => isOurs(issue, marker, session.author));
        if (ours.length > 0)
            return ours.find(issue => issue.state === 'open') ?? ours[0];
        if (++read >= MAX_ISSUE_PAGES)
            break;
    }
    return undefined;
}
function isIssue(value) {
    const issue = value;
    return typeof issue?.number === 'number' && typeof issue.html_url === 'string' && typeof issue.state === 'string';
}
function isOurs(issue, marker, author) {
    return (issue.pull_request === undefined &&
        (issue.body ?? '').includes(marker) &&
        (issue.user?.login ?? '').toLowerCase() === author.toLowerCase());
}
function issueBody(report) {
    return fitIssueBody(`${report.marker}\n${report.body}`);
}
/** Opens the issue: sent once, never again (a second try after a lost answer could open two). */
async function openIssue(session, report) {
    const what = 'open the check issue';
    const { data } = await session.github.rest.issues.create({
        ...session.repository,
        title: report.title,
        body: issueBody(report),
        labels: report.labels,
        ...(0,_call_js__WEBPACK_IMPORTED_MODULE_5__/* .call */ .T)(what)
    });
    if (!isIssue(data))
        throw new _http_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .HttpError */ .j$(`${what}: GitHub's answer is not an issue`, 'protocol');
    const login = data.user?.login ?? '';
    const result = { status: 'opened', number: data.number, url: data.html_url };
    if (login.toLowerCase() === session.author.toLowerCase())
        return result;
    const shown = (0,_text_js__WEBPACK_IMPORTED_MODULE_6__/* .clip */ .$Q)((0,_text_js__WEBPACK_IMPORTED_MODULE_6__/* .visibleText */ .Q6)(login), 100);
    return {
        ...result,
        warning: `GitHub shows ${shown || 'nobody'} as the author of issue #${data.number}, not ${session.author}: the next check will not recognise it and opens another; set the expected issue author to ${shown}`
    };
}
/** Edits the issue in place with the new report, reopening it when it was closed. */
async function refreshIssue(session, issue, report) {
    const reopen = issue.state !== 'open';
    const labels = withLabels(issue, report.labels);
    const answer = await editIssue(session, issue, reopen ? 'reopen the check issue' : 'update the check issue', {
        title: report.title,
        body: issueBody(report),
        ...(labels ? { labels } : {}),
        ...(reopen ? { state: 'open', state_reason: 'reopened' } : {})
    });
    return { status: reopen ? 'reopened' : 'updated', ...numberAndUrl(answer, issue) };
}
/** The issue's labels plus the missing ones, or undefined when none is missing (PATCH replaces labels). */
function withLabels(issue, wanted) {
    const present = (issue.labels ?? [])
        .map(label => (typeof label === 'string' ? label : (label.name ?? '')))
        .filter(Boolean);
    const known = new Set(present.map(name => name.toLowerCase()));
    const missing = [...new Set(wanted)].filter(name => !known.has(name.toLowerCase()));
    return missing.length > 0 ? [...present, ...missing] : undefined;
}
/**
 * Says why on the issue, then closes it as completed. A comment that cannot be posted (a locked
 * issue, no answer) does not keep a resolved report open: the issue is closed and the result warns.
 */
async function closeIssue(session, issue, report) {
    let warning;
    if (report.closingComment.trim() !== '') {
        try {
            // Sent once, like the issue itself: a second try after a lost answer could post it twice.
            await session.github.rest.issues.createComment({
                ...session.repository,
                issue_number: issue.number,
                body: fitIssueBody(report.closingComment),
                ...(0,_call_js__WEBPACK_IMPORTED_MODULE_5__/* .call */ .T)('comment on the check issue')
            });
        }
        catch (error) {
            warning = `the closing comment was not posted (${(0,_values_js__WEBPACK_IMPORTED_MODULE_4__/* .errorMessage */ .gJ)(error)})`;
        }
    }
    const answer = await editIssue(session, issue, 'close the check issue', {
        state: 'closed',
        state_reason: 'completed'
    });
    return { status: 'closed', ...numberAndUrl(answer, issue), ...(warning ? { warning } : {}) };
}
/** An edit of the issue: the same edit twice leaves the same issue, so the client may send it again. */
async function editIssue(session, issue, what, fields) {
    const { data } = await session.github.rest.issues.update({
        ...session.repository,
        issue_number: issue.number,
        ...fields,
        ...(0,_call_js__WEBPACK_IMPORTED_MODULE_5__/* .call */ .T)(what)
    });
    return data;
}
/** The issue's number and page from GitHub's answer; one without them keeps what the listing said. */
function numberAndUrl(answer, issue) {
    const edited = isIssue(answer) ? answer : issue;
    return { number: edited.number, url: edited.html_url };
}


/***/ })

};
