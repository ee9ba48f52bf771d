// Mutation testing of web/auth/ (decision record 0016): `npm run test:mutation -- stryker.web-auth.config.mjs`.
// Its tests start the app over Temporal, so Vitest runs with the suite's own configuration.
import { shared } from './stryker.config.mjs';

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  ...shared,
  mutate: ['web/auth/**/*.ts', 'web/auth/**/*.tsx', '!web/auth/**/*.test.ts'],
  vitest: { configFile: 'vitest.config.ts', dir: 'web/auth' },
  timeoutMS: 60_000,
  htmlReporter: { fileName: 'reports/mutation/web-auth.html' },
  jsonReporter: { fileName: 'reports/mutation/web-auth.json' },
  incrementalFile: 'reports/mutation/web-auth-incremental.json',
};
