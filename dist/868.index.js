export const id = 868;
export const ids = [868];
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


/***/ })

};
