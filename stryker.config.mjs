// Mutation testing (decision record 0016): `npm run test:mutation` mutates domain/, the pure
// rules, and runs the tests in domain/ against each mutant. Other scopes have their own files:
// `npm run test:mutation -- stryker.web-auth.config.mjs`, `... stryker.repositories.config.mjs`.
// Too slow for every CI run; the score is in the README.

/** What every scope shares: Vitest, one mutant at a time (two cores, shared), reports under reports/mutation/. */
export const shared = {
  testRunner: 'vitest',
  coverageAnalysis: 'perTest',
  concurrency: 1,
  timeoutMS: 20_000,
  reporters: ['clear-text', 'progress', 'html', 'json'],
  clearTextReporter: { allowColor: false, logTests: false, maxTestsToLog: 0, reportScoreTable: true },
  tempDirName: '.stryker-tmp',
  // Copied into Stryker's sandbox: the source, never the embedded database or test output.
  ignorePatterns: ['data', 'test-output', 'bench'],
  cleanTempDir: true,
  incremental: true,
  // A static mutant (a top-level table, say) can only be tried by re-running every test, a
  // minute each on these two cores: skipped, and counted apart (decision record 0016).
  ignoreStatic: true,
  // Stryker rewrites tsconfig.json's "extends" and "references" with TypeScript's JavaScript API,
  // which TypeScript 7 (native) does not have; ours has neither, so there is nothing to rewrite.
  tsconfigFile: 'no-tsconfig-to-rewrite.json',
};

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  ...shared,
  // The test fixtures and the record of e-RS's reasons are data, not rules.
  mutate: [
    'domain/**/*.ts',
    '!domain/**/*.test.ts',
    '!domain/fixtures.ts',
    '!domain/**/fixtures.ts',
    '!domain/**/*.e-rs-reference.ts',
    '!domain/guard-expectations.ts',
  ],
  vitest: { configFile: 'stryker.vitest.config.mjs', dir: 'domain' },
  htmlReporter: { fileName: 'reports/mutation/domain.html' },
  jsonReporter: { fileName: 'reports/mutation/domain.json' },
  incrementalFile: 'reports/mutation/domain-incremental.json',
};
