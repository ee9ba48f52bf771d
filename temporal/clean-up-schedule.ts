import { type Client, ScheduleOverlapPolicy, type ScheduleOptionsStartWorkflowAction } from '@temporalio/client';
import type { CleanUpPolicy } from '../activities/cleanup/clean-up';
import type { cleanUp } from '../workflows/cleanup';
import { ensureSchedule } from './schedules';

/**
 * One schedule per task queue: the workers polling a queue share one database, and test
 * suites, each on a queue of its own, never clean each other's.
 */
export const cleanUpScheduleId = (taskQueue: string) => `clean-up-${taskQueue}`;

/**
 * Creates the hourly clean-up schedule, or brings it up to date with this worker's policy.
 * Idempotent and safe to race: every worker calls it at start. A pause set by an operator stays.
 */
export async function ensureCleanUpSchedule(client: Client, taskQueue: string, policy: CleanUpPolicy): Promise<void> {
  const scheduleId = cleanUpScheduleId(taskQueue);
  const spec = { intervals: [{ every: '1 hour' }] };
  const action: ScheduleOptionsStartWorkflowAction<typeof cleanUp> = {
    type: 'startWorkflow',
    workflowType: 'cleanUp',
    workflowId: scheduleId,
    taskQueue,
    args: [policy],
  };
  // A run missed while Temporal was down is not made up: the next hour's does the same work.
  const policies = { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: '1 minute' };
  await ensureSchedule(client, scheduleId, { spec, action, policies });
}
