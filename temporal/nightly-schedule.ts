import {
  type Client,
  ScheduleOverlapPolicy,
  type ScheduleOptionsStartWorkflowAction,
  type Workflow,
} from '@temporalio/client';
import type { ReconcileOptions } from '../activities/ops/reconcile';
import type { reconcile, slotRollForward } from '../workflows/ops';
import { ensureSchedule } from './schedules';

/** One of each per task queue, like the clean-up schedule: suites on their own queues never meet. */
export const slotRollForwardScheduleId = (taskQueue: string) => `slot-roll-forward-${taskQueue}`;
export const reconcileScheduleId = (taskQueue: string) => `reconcile-${taskQueue}`;

/**
 * Creates the nightly schedules, or brings them up to date: slot roll-forward at 01:00 UTC
 * (a service's polling range then always ends a full day ahead), reconciliation at 03:00 UTC,
 * reporting only: repairing is an operator's decision (`npm run reconcile -- --repair`), since
 * drift means a fault worth finding first. Idempotent and safe to race; an operator's pause stays.
 */
export async function ensureNightlySchedules(client: Client, taskQueue: string): Promise<void> {
  await ensureDaily<typeof slotRollForward>(client, slotRollForwardScheduleId(taskQueue), 1, {
    type: 'startWorkflow',
    workflowType: 'slotRollForward',
    workflowId: slotRollForwardScheduleId(taskQueue),
    taskQueue,
    args: [],
  });
  const options: ReconcileOptions = { taskQueue, repair: false };
  await ensureDaily<typeof reconcile>(client, reconcileScheduleId(taskQueue), 3, {
    type: 'startWorkflow',
    workflowType: 'reconcile',
    workflowId: reconcileScheduleId(taskQueue),
    taskQueue,
    args: [options],
  });
}

async function ensureDaily<W extends Workflow>(
  client: Client,
  scheduleId: string,
  hour: number,
  action: ScheduleOptionsStartWorkflowAction<W>,
): Promise<void> {
  const spec = { calendars: [{ hour, minute: 0 }] };
  // A night missed while Temporal was down is made up within the hour, then left to the next.
  const policies = { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: '1 hour' };
  await ensureSchedule(client, scheduleId, { spec, action, policies });
}
