import { proxyActivities } from '@temporalio/workflow';
import type { ReportsActivities } from '../activities/reports';

// A full recount reads the whole timeline: minutes at a million referrals on a busy machine.
// Two tries, then the run fails; the next night's starts afresh.
const { rebuildReportActivity, purgeExtractBuilds } = proxyActivities<ReportsActivities>({
  startToCloseTimeout: '1 hour',
  retry: { maximumAttempts: 2 },
});

/**
 * Counts the dashboard's daily activity again from the whole timeline (decision record 0012):
 * catches rows the reconciliation repaired more than two days back, which the incremental
 * refresh does not recount; first deletes the extracts built in the background that are past
 * their retention limit. Started nightly by temporal/reports-schedule.ts.
 */
export async function rebuildReports(): Promise<{ rebuilt: boolean; purged: number }> {
  const { purged } = await purgeExtractBuilds();
  const { rebuilt } = await rebuildReportActivity();
  return { rebuilt, purged };
}
