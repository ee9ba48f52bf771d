import { Context } from '@temporalio/activity';
import type { Client } from '@temporalio/client';
import type { Kysely } from 'kysely';
import { generateSlots } from '../../db/directory/slot-generation';
import type { Database } from '../../db/database';
import { type ReconcileOptions, reconcileReferrals } from './reconcile';

/** The nightly schedules' activities: slot roll-forward and reconciliation. */
export function createOpsActivities(db: Kysely<Database>, client: Client) {
  return {
    // Idempotent: slots already there are left alone, so a retried or repeated run adds none twice.
    rollSlotsForward: async () => ({ created: await generateSlots(db, { now: new Date() }) }),
    reconcileReferrals: (options: ReconcileOptions) =>
      reconcileReferrals(db, client, options, () => Context.current().heartbeat()),
  };
}

export type OpsActivities = ReturnType<typeof createOpsActivities>;
