import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['**/*.test.{ts,tsx}'],
    exclude: ['node_modules/**', 'data/**', 'test-output/**', '.stryker-tmp/**'],
    globalSetup: ['tests/global-setup.ts'],
    reporters: ['default', './tests/summary-reporter.ts'],
    // Suites that start workers and browsers against one Temporal server: generous, not flaky.
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Two cores: one suite per core keeps Temporal and PostgreSQL responsive.
    maxWorkers: 2,
  },
});
