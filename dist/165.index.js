export const id = 165;
export const ids = [165,868];
export const modules = {

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

/***/ 8868:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   anyFinding: () => (/* binding */ anyFinding),
/* harmony export */   checkFailure: () => (/* binding */ checkFailure),
/* harmony export */   drifted: () => (/* binding */ drifted),
/* harmony export */   expiring: () => (/* binding */ expiring),
/* harmony export */   failingKinds: () => (/* binding */ failingKinds),
/* harmony export */   findingsOf: () => (/* binding */ findingsOf),
/* harmony export */   issueFindings: () => (/* binding */ issueFindings)
/* harmony export */ });
/* harmony import */ var _azure_secrets_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(230);
/** What a check found, by the kinds `check-fail-on` names, and whether the step fails for it. */

function findingsOf(report, expiryWarningDays) {
    const named = (test) => report.connectors.filter(test).map(c => c.name);
    return {
        drift: [...named(drifted), ...report.retired.filter(o => o.action === 'disable').map(o => o.name)],
        unhealthy: named(c => !c.health.healthy && c.health.findings.length > 0),
        expiring: named(c => expiring(c, expiryWarningDays))
    };
}
/** A plan that would write, or that cannot be made for this connector (it cannot be applied as it is). */
function drifted(check) {
    return check.drift.action !== 'none' || check.drift.result === 'failed';
}
function expiring(check, expiryWarningDays) {
    const { azure } = check;
    if (azure.status !== 'checked')
        return false;
    return ((azure.secretExpiresInDays !== undefined && azure.secretExpiresInDays < expiryWarningDays) ||
        (azure.secretAgeDays !== undefined && azure.secretAgeDays > _azure_secrets_js__WEBPACK_IMPORTED_MODULE_0__/* .RECOMMENDED_SECRET_ROTATION_DAYS */ .Y));
}
/** The kinds in check-fail-on that this check found. */
function failingKinds(findings, failOn) {
    return failOn.filter(kind => findings[kind].length > 0);
}
function anyFinding(findings) {
    return Object.values(findings).some(names => names.length > 0);
}
/** The step's failure message for the kinds check-fail-on names; undefined when none of them was found. */
function checkFailure(findings, failOn) {
    const kinds = failingKinds(findings, failOn);
    if (kinds.length === 0)
        return undefined;
    const shown = (names) => `${names.slice(0, 10).join(', ')}${names.length > 10 ? ` and ${names.length - 10} more` : ''}`;
    const words = {
        drift: 'drifted from the spec (apply brings them back)',
        unhealthy: 'unhealthy in Qualys',
        expiring: 'with an Azure secret to rotate'
    };
    const parts = kinds.map(kind => `${findings[kind].length} ${words[kind]}: ${shown(findings[kind])}`);
    return `The check found connectors ${parts.join('; ')} (check-fail-on: ${failOn.join(',')}; the job summary has the details)`;
}
/** What the check's issue tracks: the kinds check-fail-on names, or every kind when the step fails on none. */
function issueFindings(findings, failOn) {
    return failOn.length === 0 ? anyFinding(findings) : failingKinds(findings, failOn).length > 0;
}


/***/ }),

/***/ 5165:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   checkClosingComment: () => (/* binding */ checkClosingComment),
/* harmony export */   checkJson: () => (/* binding */ checkJson),
/* harmony export */   checkMarkdown: () => (/* binding */ checkMarkdown),
/* harmony export */   checkText: () => (/* binding */ checkText),
/* harmony export */   checkTitle: () => (/* binding */ checkTitle),
/* harmony export */   coverageWords: () => (/* binding */ coverageWords),
/* harmony export */   gatewayLines: () => (/* binding */ gatewayLines)
/* harmony export */ });
/* harmony import */ var _check_findings_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(8868);
/* harmony import */ var _reconcile_diff_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6865);
/* harmony import */ var _text_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(8992);
/* harmony import */ var _job_summary_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(5236);
/* harmony import */ var _markdown_cell_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(822);
/* harmony import */ var _provenance_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(8267);






const MAX_VALUE = 600;
/** "Qualys: 2 connectors drifted, 1 unhealthy — qualys/connectors.yaml". */
function checkTitle(findings, total, context) {
    const parts = [
        findings.drift.length > 0 ? `${(0,_text_js__WEBPACK_IMPORTED_MODULE_2__/* .plural */ .LS)(findings.drift.length, 'connector')} drifted` : '',
        findings.unhealthy.length > 0 ? `${findings.unhealthy.length} unhealthy` : '',
        findings.expiring.length > 0 ? `${findings.expiring.length} with an expiring secret` : ''
    ].filter(Boolean);
    const what = parts.length > 0 ? parts.join(', ') : `all ${(0,_text_js__WEBPACK_IMPORTED_MODULE_2__/* .plural */ .LS)(total, 'connector')} as the spec says`;
    return (0,_text_js__WEBPACK_IMPORTED_MODULE_2__/* .safeLine */ .om)(`Qualys: ${what} — ${context.specFile ?? 'inline inputs'}`, 240);
}
function checkText(report, context) {
    const lines = report.runProblem ? [`✗ ${(0,_text_js__WEBPACK_IMPORTED_MODULE_2__/* .safeLine */ .om)(report.runProblem, MAX_VALUE)}`] : [];
    for (const check of report.connectors) {
        const bad = (0,_check_findings_js__WEBPACK_IMPORTED_MODULE_3__.drifted)(check) || !check.health.healthy || (0,_check_findings_js__WEBPACK_IMPORTED_MODULE_3__.expiring)(check, context.expiryWarningDays);
        lines.push(`${bad ? '✗' : '✓'} ${line(check.name)}${check.id === undefined ? '' : ` (id ${check.id})`}`);
        lines.push(`    drift: ${line(driftWords(check))}`);
        lines.push(`    health: ${line(healthWords(check))}`);
        lines.push(`    azure: ${line(azureWords(check.azure))}`);
        lines.push(`    coverage: ${line(coverageWords(check.coverage))}`);
    }
    for (const retired of report.retired)
        lines.push(`- ${line(retired.name)}: would be disabled (prune)`);
    if (report.notInSpec.length > 0)
        lines.push(`Not in this spec: ${(0,_text_js__WEBPACK_IMPORTED_MODULE_2__/* .plural */ .LS)(report.notInSpec.length, 'connector')} in Qualys (${report.notInSpec.map(line).join(', ')})`);
    return lines.join('\n');
}
/** The job summary, and the body of the check's issue: connectors with findings first. */
function checkMarkdown(report, findings, context) {
    const { drift, unhealthy, expiring: expiringNames } = findings;
    const lines = [
        '### Qualys Azure tenant connectors: check',
        '',
        `**Check:** ${(0,_text_js__WEBPACK_IMPORTED_MODULE_2__/* .plural */ .LS)(report.connectors.length, 'connector')}: ${drift.length} drifted, ${unhealthy.length} unhealthy, ${expiringNames.length} with an expiring secret.`,
        '',
        provenance(context),
        ''
    ];
    if (report.runProblem)
        lines.push('> [!CAUTION]', `> ${(0,_markdown_cell_js__WEBPACK_IMPORTED_MODULE_4__/* .inline */ .m)(report.runProblem)}`, '');
    lines.push('| | Connector | Id | Drift | Health | Azure | Coverage |', '|---|---|---|---|---|---|---|');
    const ordered = [...report.connectors].sort((a, b) => weight(a, context.expiryWarningDays) - weight(b, context.expiryWarningDays));
    for (const check of ordered)
        lines.push(row(check, context.expiryWarningDays));
    for (const retired of report.retired)
        lines.push(`| ⏹️ | ${(0,_markdown_cell_js__WEBPACK_IMPORTED_MODULE_4__/* .cell */ .H)(retired.name)} | ${retired.connector?.id ?? ''} | would be disabled (prune) | | | |`);
    if (report.notInSpec.length > 0)
        lines.push('', `**Not in this spec:** ${(0,_text_js__WEBPACK_IMPORTED_MODULE_2__/* .plural */ .LS)(report.notInSpec.length, 'connector')} in Qualys: ${report.notInSpec.map(name => (0,_markdown_cell_js__WEBPACK_IMPORTED_MODULE_4__/* .inline */ .m)(name)).join(', ')}.`);
    if (report.claimedByOthers.length > 0)
        lines.push('', `**Managed elsewhere:** ${report.claimedByOthers.map(c => `${(0,_markdown_cell_js__WEBPACK_IMPORTED_MODULE_4__/* .inline */ .m)(c.name)} (id ${c.id}, by ${(0,_markdown_cell_js__WEBPACK_IMPORTED_MODULE_4__/* .inline */ .m)(c.owner)})`).join(', ')}.`);
    lines.push('', '<details><summary>What the gateway showed</summary>', '', ...gatewayLines(report).map(l => `- ${(0,_markdown_cell_js__WEBPACK_IMPORTED_MODULE_4__/* .inline */ .m)(l, Infinity)}`), '', '</details>');
    return `${lines.join('\n')}\n`;
}
/**
 * What the gateway showed this run, in plain lines: the first thing to run after setting up
 * credentials, and what to paste into a bug report (no secret, no token, only sanitised text).
 */
function gatewayLines(report) {
    const { gateway } = report;
    const listing = typeof gateway.listing === 'object'
        ? `Tenant connectors listed through GET ${gateway.listing.path}${gateway.listing.thin ? ' (list-style objects: each connector is read in full)' : ''}`
        : gateway.listing === 'none'
            ? 'No tenant connector listing: every known path answered 404/405'
            : 'The listing was not reached';
    const getById = {
        works: 'GET /connectors/v1.0/org/azure/{id} works',
        absent: 'GET /connectors/v1.0/org/azure/{id} is not there: connectors are read from the listing',
        'not-asked': 'GET /connectors/v1.0/org/azure/{id} was not needed'
    }[gateway.getById];
    const members = !gateway.members
        ? 'Member connectors were not listed (no connector to cover)'
        : 'path' in gateway.members
            ? `Member connectors listed through GET ${gateway.members.path}`
            : `Member connectors: ${gateway.members.unavailable}`;
    const frequency = `Run frequencies are sent as ${gateway.frequencyShape === 'minutes' ? 'minutes' : '{hours, minutes}'}`;
    const { limit, remaining, windowSec, concurrencyLimit } = gateway.budget;
    const budget = limit === undefined && remaining === undefined
        ? 'No rate-limit headers in the answers'
        : `Rate limit: ${limit ?? '?'} calls per ${windowSec ?? '?'} s, ${remaining ?? '?'} left after this run${concurrencyLimit ? `, ${concurrencyLimit} at a time` : ''}`;
    const { calls, retried, throttled } = gateway.counts;
    return [
        listing,
        getById,
        members,
        frequency,
        budget,
        `Calls: ${calls} made, ${retried} retried, ${throttled} throttled`
    ];
}
/** The `report` output: one object per connector, the parts as docs/check.md documents them. */
function checkJson(report, context) {
    return JSON.stringify(report.connectors.map(check => ({
        name: check.name,
        id: check.id ?? null,
        drift: {
            drifted: (0,_check_findings_js__WEBPACK_IMPORTED_MODULE_3__.drifted)(check),
            result: check.drift.result,
            changes: check.drift.changes,
            ...(check.drift.error ? { error: check.drift.error } : {})
        },
        health: check.health,
        azure: azureJson(check, context.expiryWarningDays),
        coverage: check.coverage
    })));
}
function azureJson(check, expiryWarningDays) {
    // The subscription ids serve coverage; the report names only those without a member.
    const { subscriptionIds: _ids, ...azure } = check.azure.status === 'checked' ? check.azure : { ...check.azure, subscriptionIds: undefined };
    return { ...azure, expiring: (0,_check_findings_js__WEBPACK_IMPORTED_MODULE_3__.expiring)(check, expiryWarningDays) };
}
/** Posted on the check's issue just before a clean check closes it. */
function checkClosingComment(context) {
    return `The check of ${checkedAt(context)} UTC (${(0,_provenance_js__WEBPACK_IMPORTED_MODULE_5__/* .provenanceParts */ .e)(context).join(' · ') || 'this run'}) found nothing to report: closing.`;
}
function checkedAt(context) {
    return context.time.slice(0, 16).replace('T', ' ');
}
function provenance(context) {
    return [`Checked ${checkedAt(context)} UTC`, ...(0,_provenance_js__WEBPACK_IMPORTED_MODULE_5__/* .provenanceParts */ .e)(context)].join(' · ');
}
function row(check, expiryWarningDays) {
    const bad = (0,_check_findings_js__WEBPACK_IMPORTED_MODULE_3__.drifted)(check) || !check.health.healthy;
    const icon = bad ? '❌' : (0,_check_findings_js__WEBPACK_IMPORTED_MODULE_3__.expiring)(check, expiryWarningDays) ? '⚠️' : '✅';
    return `| ${icon} | ${(0,_markdown_cell_js__WEBPACK_IMPORTED_MODULE_4__/* .cell */ .H)(check.name)} | ${check.id ?? ''} | ${driftCell(check)} | ${(0,_markdown_cell_js__WEBPACK_IMPORTED_MODULE_4__/* .cell */ .H)(healthWords(check))} | ${(0,_markdown_cell_js__WEBPACK_IMPORTED_MODULE_4__/* .cell */ .H)(azureWords(check.azure))} | ${(0,_markdown_cell_js__WEBPACK_IMPORTED_MODULE_4__/* .cell */ .H)(coverageWords(check.coverage))} |`;
}
/** Best effort, and said so: a guess is never shown as a fact. */
function coverageWords(coverage) {
    if (coverage.status === 'not-available')
        return `not available: ${coverage.reason}`;
    const parts = [`${(0,_text_js__WEBPACK_IMPORTED_MODULE_2__/* .plural */ .LS)(coverage.members, 'member connector')} (linked by ${coverage.linkedBy})`];
    if (coverage.subscriptions !== null)
        parts.push(`${(0,_text_js__WEBPACK_IMPORTED_MODULE_2__/* .plural */ .LS)(coverage.subscriptions, 'subscription')} readable`);
    if (coverage.withoutMember?.length)
        parts.push(`no member for ${coverage.withoutMember.join(', ')}`);
    if (coverage.notReadableByApp?.length)
        parts.push(`the app cannot read ${coverage.notReadableByApp.join(', ')}`);
    if (coverage.unknown)
        parts.push(`subscriptions without a member not known: ${coverage.unknown}`);
    for (const member of coverage.failingMembers)
        parts.push(`member ${member.name}${member.subscriptionId ? ` (${member.subscriptionId})` : ''} failing: ${member.lastError || member.state || 'no message'}`);
    if (coverage.disabledMembers.length > 0)
        parts.push(`${(0,_text_js__WEBPACK_IMPORTED_MODULE_2__/* .plural */ .LS)(coverage.disabledMembers.length, 'member')} disabled`);
    return parts.join('; ');
}
function driftCell(check) {
    if (check.drift.error)
        return `**${(0,_markdown_cell_js__WEBPACK_IMPORTED_MODULE_4__/* .cell */ .H)(check.drift.error)}**`;
    if (check.drift.result === 'would-create')
        return 'missing: apply creates it';
    if (check.drift.changes.length === 0)
        return check.drift.action === 'none' ? 'none' : (0,_markdown_cell_js__WEBPACK_IMPORTED_MODULE_4__/* .cell */ .H)(driftWords(check));
    return check.drift.changes.map(change => (0,_job_summary_js__WEBPACK_IMPORTED_MODULE_1__/* .changeCell */ .fd)(change)).join('<br>');
}
function driftWords(check) {
    const { drift } = check;
    if (drift.error)
        return `cannot be planned: ${drift.error}`;
    if (drift.result === 'would-create')
        return 'not in Qualys: apply would create it';
    if (drift.result === 'not-attempted')
        return 'not checked (see the run problem)';
    if (drift.result === 'deferred')
        return "not checked: Qualys' API budget is used up (see the run problem)";
    if (drift.action === 'none')
        return 'none';
    return drift.changes
        .map(c => (0,_reconcile_diff_js__WEBPACK_IMPORTED_MODULE_0__/* .isSecretRow */ .rs)(c)
        ? `${c.field}: ${c.to}`
        : c.from === ''
            ? `${c.field} = ${c.to}`
            : `${c.field}: ${c.from} → ${c.to}`)
        .join('; ');
}
function healthWords(check) {
    const { health } = check;
    if (health.findings.length > 0)
        return health.findings.map(finding => `${finding.kind}: ${finding.detail}`).join('; ');
    if (!health.healthy)
        return 'not checked';
    const synced = health.lastSynced ? `, last synced ${health.lastSynced}` : '';
    return `healthy${health.state ? ` (${health.state}${synced})` : synced}`;
}
function azureWords(azure) {
    if (azure.status === 'skipped')
        return `skipped: ${azure.reason}`;
    const parts = [
        azure.problem ?? 'credentials accepted',
        azure.subscriptions === null ? '' : `${(0,_text_js__WEBPACK_IMPORTED_MODULE_2__/* .plural */ .LS)(azure.subscriptions, 'subscription')} readable`,
        azure.secretExpiresInDays === undefined ? '' : `secret expires in ${(0,_text_js__WEBPACK_IMPORTED_MODULE_2__/* .plural */ .LS)(azure.secretExpiresInDays, 'day')}`,
        azure.secretAgeDays === undefined ? '' : `secret is ${(0,_text_js__WEBPACK_IMPORTED_MODULE_2__/* .plural */ .LS)(azure.secretAgeDays, 'day')} old`,
        ...azure.warnings
    ];
    return parts.filter(Boolean).join('; ');
}
/** Findings first, so a long report clipped to GitHub's limit keeps what matters. */
function weight(check, expiryWarningDays) {
    if (!check.health.healthy || check.drift.result === 'failed')
        return 0;
    if ((0,_check_findings_js__WEBPACK_IMPORTED_MODULE_3__.drifted)(check))
        return 1;
    return (0,_check_findings_js__WEBPACK_IMPORTED_MODULE_3__.expiring)(check, expiryWarningDays) ? 2 : 3;
}
function line(text) {
    return (0,_text_js__WEBPACK_IMPORTED_MODULE_2__/* .safeLine */ .om)(text, MAX_VALUE);
}


/***/ })

};
