// Mutation testing of the slot and projection repositories (decision record 0016):
// `npm run test:mutation -- stryker.repositories.config.mjs`. Their tests need PostgreSQL only.
import { shared } from './stryker.config.mjs';

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  ...shared,
  mutate: ['db/referrals/referrals.repository.ts', 'db/directory/slots.repository.ts', 'activities/referrals/slots.ts'],
  testFiles: ['db/referrals/*.test.ts', 'db/directory/slots.repository.test.ts', 'activities/referrals/slots.test.ts'],
  vitest: { configFile: 'stryker.vitest.config.mjs', related: false },
  htmlReporter: { fileName: 'reports/mutation/repositories.html' },
  jsonReporter: { fileName: 'reports/mutation/repositories.json' },
  incrementalFile: 'reports/mutation/repositories-incremental.json',
};
