// ESM + TypeScript: ts-jest transpiles each file on its own (isolatedModules);
// `npm run typecheck` (tsc --noEmit) is the type check.
export default {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: { '^.+\\.ts$': ['ts-jest', { useESM: true }] },
  testMatch: ['<rootDir>/__tests__/**/*.test.ts'],
  // The end-to-end suites run a bundle of src/: a fresh one in a temporary folder, or in CI the
  // committed dist/ (test-support/build-dist.js says why). A test run never writes dist/.
  globalSetup: '<rootDir>/test-support/build-dist.js',
  testTimeout: 30000,
  // Only with --coverage (.ci/run): what the tests run in-process. The end-to-end suites run the
  // bundle in a child process, which is not counted.
  coverageProvider: 'v8',
  collectCoverageFrom: ['src/**/*.ts'],
  coverageReporters: ['text-summary', 'json-summary']
}
