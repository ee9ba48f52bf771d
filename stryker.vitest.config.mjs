import { defineConfig } from 'vitest/config';

/**
 * Vitest for mutation testing: the pure tests only, with no global set-up, so no Temporal
 * server is started for each of Stryker's runs. `stryker.config.mjs` points its runner here;
 * the tests of the database repositories start their own PostgreSQL databases.
 */
export default defineConfig({
  test: {
    include: ['**/*.test.ts'],
    // Patterns are read from `dir` (domain/ for `npm run test:mutation`): a bare 'reports/**'
    // excluded domain/reports/'s own tests, leaving the report rules untested under mutation.
    exclude: ['node_modules/**', 'data/**', 'test-output/**', '.stryker-tmp/**', 'reports/mutation/**'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    maxWorkers: 1,
    // One worker kept for every run: Stryker runs the covering tests once per mutant, and
    // starting a fresh process and importing zod each time cost more than the tests.
    pool: 'threads',
    isolate: false,
  },
});
