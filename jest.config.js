// ESM + TypeScript: ts-jest transpiles each file on its own (isolatedModules);
// `npm run typecheck` (tsc --noEmit) is the type check.
export default {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: { '^.+\\.ts$': ['ts-jest', { useESM: true }] },
  testMatch: ['<rootDir>/__tests__/**/*.test.ts'],
  // The end-to-end suites run dist/index.js: rebuild it first when src/ is newer.
  globalSetup: '<rootDir>/test-support/build-dist.js',
  testTimeout: 30000
}
