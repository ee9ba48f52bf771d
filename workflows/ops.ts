import { proxyActivities } from '@temporalio/workflow';
import type { OpsActivities } from '../activities/ops';
import type { ReconcileOptions, Reconciliation } from '../activities/ops/reconcile';

// A few retries, then the run fails and the ops page shows it: the next night's run starts afresh.
const { rollSlotsForward } = proxyActivities<OpsActivities>({
  startToCloseTimeout: '10 minutes',
  retry: { maximumAttempts: 3 },
});
// One query per open referral: allowed an hour, heartbeating after each batch of referrals.
const { reconcileReferrals } = proxyActivities<OpsActivities>({
  startToCloseTimeout: '1 hour',
  heartbeatTimeout: '1 minute',
  retry: { maximumAttempts: 2 },
});

/** Creates every service's slots up to the end of its polling range (temporal/nightly-schedules.ts). */
export async function slotRollForward(): Promise<{ created: number }> {
  return rollSlotsForward();
}

/** Compares, and with `repair` mends, the referrals' read tables (activities/ops/reconcile.ts). */
export async function reconcile(options: ReconcileOptions): Promise<Reconciliation> {
  return reconcileReferrals(options);
}
