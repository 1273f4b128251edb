export const id = 174;
export const ids = [174];
export const modules = {

/***/ 6174:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   exportSpec: () => (/* binding */ exportSpec),
/* harmony export */   readExisting: () => (/* binding */ readExisting)
/* harmony export */ });
/* harmony import */ var yaml__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(8815);
/* harmony import */ var _qualys_connector_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(5764);
/* harmony import */ var _concurrency_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(1532);
/* harmony import */ var _connector_spec_model_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(7600);
/* harmony import */ var _reconcile_prune_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(4096);
/* harmony import */ var _text_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(8992);






/**
 * The schema line the README's spec example carries, so editors check an exported file too. A path
 * beside the file, since the action's repository has no published address yet; the line after it
 * says where the file comes from.
 */
const SCHEMA_LINE = 'yaml-language-server: $schema=./connector-spec.schema.json';
const SCHEMA_NOTE = " For editor checks, copy connector-spec.schema.json from the action's repository (the version you pin) next to this file; or delete the line above.";
/** Fields that are each connector's own: never moved into defaults:. */
const OWN_FIELDS = ['id', 'name', 'secretValue'];
/**
 * Every connector Qualys has that is not deleted, each read in full where the listing is thin
 * (a spec written from a thin answer would leave required fields out).
 */
async function readExisting(api, concurrency) {
    const listing = await api.list();
    if (!listing)
        throw new Error('the Qualys gateway has no tenant connector listing (every known listing path answered 404/405), so there is nothing to export from');
    const live = listing.filter(connector => !connector.deleted);
    return (0,_concurrency_js__WEBPACK_IMPORTED_MODULE_4__/* .mapWithLimit */ .c)(live, concurrency, async (listed) => (0,_qualys_connector_js__WEBPACK_IMPORTED_MODULE_1__/* .missingFields */ .SD)(listed).length === 0 ? listed : { ...listed, ...(await api.get(listed.id)) });
}
/**
 * The spec file that describes these connectors as they are: `id:` on each (the first apply
 * adopts exactly them), values in the spec's normalised forms, what all share in defaults:,
 * a `${…_AZURE_SECRET}` placeholder per connector (no secret is ever exported) and
 * `enabled: false` for disabled ones. A plan of it against the same Qualys changes nothing.
 */
function exportSpec(connectors) {
    const variables = secretVariables(connectors);
    const entries = connectors.map((connector, index) => entry(connector, variables[index].variable));
    const defaults = connectors.length > 1 ? shared(entries) : {};
    for (const entry of entries)
        for (const field of Object.keys(defaults))
            delete entry[field];
    const incomplete = connectors.flatMap(connector => {
        const fields = _connector_spec_model_js__WEBPACK_IMPORTED_MODULE_2__/* .FIELD_NAMES */ .Yr.filter(field => _connector_spec_model_js__WEBPACK_IMPORTED_MODULE_2__/* .FIELDS */ .cJ[field].required && value(connector, field) === undefined);
        return fields.length > 0 ? [{ name: connector.name, fields }] : [];
    });
    const document = new yaml__WEBPACK_IMPORTED_MODULE_0__/* .Document */ .yo(Object.keys(defaults).length > 0 ? { defaults, connectors: entries } : { connectors: entries });
    document.commentBefore = header(connectors.length, variables, incomplete);
    return { text: document.toString({ lineWidth: 0 }), variables, incomplete };
}
function header(count, variables, incomplete) {
    // Names go into comments through safeLine: a line break in one would end the comment and start YAML.
    const lines = [
        SCHEMA_LINE,
        SCHEMA_NOTE,
        '',
        ` Exported from Qualys: ${(0,_text_js__WEBPACK_IMPORTED_MODULE_5__/* .plural */ .LS)(count, 'tenant connector')}. Each entry's id: pins it to the connector it came from.`,
        " No secret is exported: each secretValue reads a variable of the step's env:, to be set from a secret before an apply:"
    ];
    for (const { name, variable } of variables)
        lines.push(`   ${variable}: \${{ secrets.${variable} }}   # ${(0,_text_js__WEBPACK_IMPORTED_MODULE_5__/* .safeLine */ .om)(name, 200)}`);
    for (const { name, fields } of incomplete)
        lines.push(` Qualys did not return ${fields.join(', ')} of ${(0,_text_js__WEBPACK_IMPORTED_MODULE_5__/* .safeLine */ .om)(name, 200)}: fill ${fields.length > 1 ? 'them' : 'it'} in.`);
    return lines.map(line => (line === SCHEMA_LINE ? ` ${line}` : line)).join('\n');
}
function entry(connector, variable) {
    const out = { id: connector.id, name: connector.name };
    for (const field of _connector_spec_model_js__WEBPACK_IMPORTED_MODULE_2__/* .FIELD_NAMES */ .Yr) {
        if (field === 'id' || field === 'name')
            continue;
        const shown = field === 'secretValue' ? `\${${variable}}` : value(connector, field);
        if (shown !== undefined)
            out[field] = shown;
    }
    return out;
}
/** A field as the spec writes it; undefined when the spec would leave it out. */
function value(connector, field) {
    const current = connector[field];
    if (field === 'enabled')
        return connector.disabled === true ? false : undefined;
    if (current === undefined || current === null)
        return undefined;
    const kind = (0,_connector_spec_model_js__WEBPACK_IMPORTED_MODULE_2__/* .kindOf */ .I)(field);
    switch (kind) {
        case 'longText':
        case 'text': {
            // The secret's fingerprint is a run's bookkeeping, recomputed from the secret: never part of a spec.
            const text = typeof current === 'string' && kind === 'longText' ? (0,_reconcile_prune_js__WEBPACK_IMPORTED_MODULE_3__/* .withoutFingerprint */ .BU)(current) : current;
            return typeof text === 'string' && text.trim() !== '' ? text : undefined;
        }
        case 'frequency':
            return duration(current);
        case 'apps':
            return current.length === 0
                ? undefined
                : current.map(app => (app.tagId === null ? app.name : `${app.name}:${app.tagId}`));
        case 'names':
        case 'tagIds':
            return current.length === 0 ? undefined : current;
        case 'id':
        case 'guid':
        case 'secret':
        case 'flag':
            return current;
        default:
            return kind;
    }
}
/** `1d`, `36h` or `90m`: the shortest exact form. */
function duration(minutes) {
    if (minutes % _connector_spec_model_js__WEBPACK_IMPORTED_MODULE_2__/* .MINUTES_PER_DAY */ .hJ === 0)
        return `${minutes / _connector_spec_model_js__WEBPACK_IMPORTED_MODULE_2__/* .MINUTES_PER_DAY */ .hJ}d`;
    return minutes % 60 === 0 ? `${minutes / 60}h` : `${minutes}m`;
}
/** The fields every entry has with the same value. */
function shared(entries) {
    const out = {};
    for (const field of _connector_spec_model_js__WEBPACK_IMPORTED_MODULE_2__/* .FIELD_NAMES */ .Yr) {
        if (OWN_FIELDS.includes(field))
            continue;
        const first = JSON.stringify(entries[0][field]);
        if (entries[0][field] !== undefined && entries.every(entry => JSON.stringify(entry[field]) === first))
            out[field] = entries[0][field];
    }
    return out;
}
/** `PROD_EU_AZURE_SECRET` from `Prod (EU)`: unique, and always a valid environment variable name. */
function secretVariables(connectors) {
    const taken = new Set();
    return connectors.map(connector => {
        const base = connector.name
            .normalize('NFKD')
            .replace(/\p{M}/gu, '')
            .toUpperCase()
            .replace(/[^A-Z0-9]+/g, '_')
            .replace(/^_+|_+$/g, '');
        const stem = base === '' ? `CONNECTOR_${connector.id}` : /^\d/.test(base) ? `CONNECTOR_${base}` : base;
        let variable = `${stem}_AZURE_SECRET`;
        for (let n = 2; taken.has(variable); n++)
            variable = `${stem}_${n}_AZURE_SECRET`;
        taken.add(variable);
        return { name: connector.name, variable };
    });
}


/***/ })

};
