import type { Client } from '@temporalio/client';
import type { Kysely } from 'kysely';
import type { Database } from '../db/database';
import { createAdviceActivities } from './advice';
import { createCleanUpActivities } from './cleanup/clean-up';
import { createOpsActivities } from './ops';
import { createReferralActivities } from './referrals';
import { createReportsActivities } from './reports';

/** What activities need from the outside world; built once per worker process. */
export type ActivityDeps = {
  db: Kysely<Database>;
  /** Reconciliation asks each referral's workflow for its state. */
  temporal: Client;
};

/** Every activity the worker runs, bound to its dependencies. */
export function createActivities(deps: ActivityDeps) {
  return {
    ...createReferralActivities(deps.db),
    ...createAdviceActivities(deps.db),
    ...createCleanUpActivities(deps.db),
    ...createOpsActivities(deps.db, deps.temporal),
    ...createReportsActivities(deps.db),
  };
}

export type Activities = ReturnType<typeof createActivities>;
