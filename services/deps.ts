import type { Client } from '@temporalio/client';
import type { Kysely } from 'kysely';
import type { Database } from '../db/database';
import type { Policy } from '../domain/policy';

/** What every service is built from: the infrastructure, opened once by the composition root. */
export type ServiceDeps = {
  db: Kysely<Database>;
  temporal: Client;
  /** The task queue referral workflows are started on. */
  taskQueue: string;
  /** The policy new referrals start with (timers, expiry, time scale). */
  policy: Policy;
};
