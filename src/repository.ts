/**
 * This action's GitHub repository, as a workflow's `uses:` names it. A placeholder until the action
 * is published under its real name: change it here and run `npm run docs`, which rewrites every
 * `uses:` reference in README.md and the owners in CODEOWNERS (a test fails while they differ).
 */
export const REPOSITORY = 'your-org/qualys-azure-tenant-connector-action'
