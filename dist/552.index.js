export const id = 552;
export const ids = [552];
export const modules = {

/***/ 9552:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   findReviewedPlan: () => (/* binding */ findReviewedPlan)
/* harmony export */ });
/* harmony import */ var _http_errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(8549);
/* harmony import */ var _reviewed_plan_comment_block_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(8570);
/* harmony import */ var _reviewed_plan_fingerprint_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(9507);
/* harmony import */ var _values_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(4777);
/* harmony import */ var _call_js__WEBPACK_IMPORTED_MODULE_8__ = __webpack_require__(751);
/* harmony import */ var _event_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(5015);
/* harmony import */ var _peer_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(4635);
/* harmony import */ var _pr_comment_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(1685);
/* harmony import */ var _refusal_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(6047);
/**
 * The apply's half of the reviewed plan: on a push, the pull request that brought the commit (GitHub's
 * "list pull requests associated with a commit": a merge, squash or rebase merge sets the pull request's
 * merge_commit_sha to the commit pushed) and the fingerprint in its plan comment.
 */









const SHA = /^[0-9a-f]{40}$/i;
/** The reviewed plan of the commit this push brought, or why there is none. */
async function findReviewedPlan(target) {
    const { env } = target;
    const event = env.GITHUB_EVENT_NAME;
    if (!event)
        return { status: 'none', reason: 'the run names no GitHub event (GITHUB_EVENT_NAME is not set)', notAPush: true };
    if (event !== 'push')
        return { status: 'none', reason: `the run is a ${event} event, not the push of a merge`, notAPush: true };
    const commit = env.GITHUB_SHA ?? '';
    if (!SHA.test(commit))
        return { status: 'failed', problem: 'GITHUB_SHA is not a commit SHA' };
    const repository = (0,_event_js__WEBPACK_IMPORTED_MODULE_3__/* .repositoryOf */ ._M)(env);
    if ('reason' in repository)
        return { status: 'failed', problem: repository.reason };
    if (!target.token)
        return { status: 'failed', problem: 'no github-token is given to read the pull request' };
    const api = (0,_peer_js__WEBPACK_IMPORTED_MODULE_4__/* .githubApiUrl */ .BN)(env);
    if ('problem' in api)
        return { status: 'failed', problem: api.problem };
    const { gitHubClient } = await Promise.all(/* import() */[__webpack_require__.e(555), __webpack_require__.e(702)]).then(__webpack_require__.bind(__webpack_require__, 6702));
    let github;
    try {
        github = await gitHubClient(target.token, { ...target.connection, baseUrl: api.url });
    }
    catch (error) {
        return { status: 'failed', problem: (0,_values_js__WEBPACK_IMPORTED_MODULE_7__/* .errorMessage */ .gJ)(error) };
    }
    try {
        return await lookUp(github.octokit, repository.repository, commit, target.ownerKey);
    }
    catch (error) {
        const status = (0,_refusal_js__WEBPACK_IMPORTED_MODULE_6__/* .refusedStatus */ .P)(error);
        const advice = status === undefined ? '' : `; the token needs pull-requests: read (GitHub answered ${status})`;
        return { status: 'failed', problem: `${(0,_values_js__WEBPACK_IMPORTED_MODULE_7__/* .errorMessage */ .gJ)(error)}${advice}` };
    }
    finally {
        github.dispose();
    }
}
async function lookUp(github, repository, commit, ownerKey) {
    const merged = await mergedPullRequest(github, repository, commit);
    const short = commit.slice(0, 7).toLowerCase();
    if (!merged)
        return { status: 'none', reason: `pushed directly: commit ${short} is not the merge of a pull request` };
    const pullRequest = { number: merged.number, ...(merged.html_url ? { url: merged.html_url } : {}) };
    const fork = merged.head?.repo?.full_name !== merged.base?.repo?.full_name;
    const comments = await (0,_pr_comment_js__WEBPACK_IMPORTED_MODULE_5__/* .listComments */ .fg)(github, { ...repository, number: merged.number });
    const comment = (0,_pr_comment_js__WEBPACK_IMPORTED_MODULE_5__/* .findPlanComment */ .iv)(comments, ownerKey);
    if (!comment)
        return {
            status: 'none',
            pullRequest,
            reason: fork
                ? `#${merged.number} came from a fork, where no plan is posted`
                : `comment missing: #${merged.number} has no plan comment of this spec (was its plan step run, with pr-comment on?)`
        };
    const plan = (0,_reviewed_plan_comment_block_js__WEBPACK_IMPORTED_MODULE_1__/* .readReviewedPlan */ .P0)(comment.body ?? '');
    if (!plan)
        return {
            status: 'none',
            pullRequest,
            reason: `the plan comment on #${merged.number} carries no plan fingerprint (its last plan failed, or an older version of the action posted it)`
        };
    return { status: 'found', pullRequest, salt: (0,_reviewed_plan_fingerprint_js__WEBPACK_IMPORTED_MODULE_2__/* .pullRequestSalt */ .Bb)(repository.owner, repository.repo, merged.number), plan };
}
/** The merged pull request whose merge commit is `commit`; the endpoint also lists open ones that merely contain it. */
async function mergedPullRequest(github, repository, commit) {
    const what = `list the pull requests of commit ${commit.slice(0, 7)}`;
    // One page: a merge commit is the merge of one pull request, and the ones that merely contain it come after.
    const { data } = await github.rest.repos.listPullRequestsAssociatedWithCommit({
        ...repository,
        commit_sha: commit,
        per_page: 100,
        ...(0,_call_js__WEBPACK_IMPORTED_MODULE_8__/* .call */ .T)(what)
    });
    if (!Array.isArray(data))
        throw new _http_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .HttpError */ .j$(`${what}: GitHub's answer is not a list of pull requests`, 'protocol');
    return data.find(pr => typeof pr?.number === 'number' &&
        Boolean(pr.merged_at) &&
        typeof pr.merge_commit_sha === 'string' &&
        pr.merge_commit_sha.toLowerCase() === commit.toLowerCase());
}


/***/ })

};
