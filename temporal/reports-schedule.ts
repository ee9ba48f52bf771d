import { type Client, ScheduleOverlapPolicy, type ScheduleOptionsStartWorkflowAction } from '@temporalio/client';
import type { rebuildReports } from '../workflows/reports';
import { ensureSchedule } from './schedules';

/** One per task queue, like the other schedules: suites on their own queues never meet. */
export const reportsRebuildScheduleId = (taskQueue: string) => `reports-rebuild-${taskQueue}`;

/**
 * Creates the nightly full recount of the dashboard's daily counts at 02:00 UTC (after the
 * slot roll-forward, before reconciliation), or brings it up to date. Idempotent and safe to
 * race: every worker calls it at start. An operator's pause stays.
 */
export async function ensureReportsSchedule(client: Client, taskQueue: string): Promise<void> {
  const scheduleId = reportsRebuildScheduleId(taskQueue);
  const action: ScheduleOptionsStartWorkflowAction<typeof rebuildReports> = {
    type: 'startWorkflow',
    workflowType: 'rebuildReports',
    workflowId: scheduleId,
    taskQueue,
    args: [],
  };
  // A night missed while Temporal was down is made up within the hour, then left to the next.
  const policies = { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: '1 hour' };
  await ensureSchedule(client, scheduleId, { spec: { calendars: [{ hour: 2, minute: 0 }] }, action, policies });
}
