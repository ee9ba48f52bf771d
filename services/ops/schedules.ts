import { type Client, ScheduleNotFoundError, WorkflowNotFoundError } from '@temporalio/client';
import { cleanUpScheduleId } from '../../temporal/clean-up-schedule';
import { reconcileScheduleId, slotRollForwardScheduleId } from '../../temporal/nightly-schedule';

export type ScheduleState = {
  id: string;
  label: string;
  /** Missing: no worker on this task queue has started since it was deleted. */
  exists: boolean;
  paused: boolean;
  note?: string;
  lastRun?: { at: Date; status: string };
  nextRun?: Date;
};

/** Carepath's schedules on this task queue: what each is doing, when it last ran and how that ended. */
export async function scheduleStates(client: Client, taskQueue: string): Promise<ScheduleState[]> {
  const schedules = [
    { id: cleanUpScheduleId(taskQueue), label: 'Clean-up (hourly)' },
    { id: slotRollForwardScheduleId(taskQueue), label: 'Slot roll-forward (nightly)' },
    { id: reconcileScheduleId(taskQueue), label: 'Reconciliation (nightly)' },
  ];
  return Promise.all(schedules.map(({ id, label }) => scheduleState(client, id, label)));
}

async function scheduleState(client: Client, id: string, label: string): Promise<ScheduleState> {
  let description;
  try {
    description = await client.schedule.getHandle(id).describe();
  } catch (error) {
    if (error instanceof ScheduleNotFoundError) return { id, label, exists: false, paused: false };
    throw error;
  }
  const { state, info } = description;
  const last = info.recentActions.at(-1);
  const lastRun = last && { at: last.takenAt, status: await runStatus(client, last.action.workflow) };
  return {
    id,
    label,
    exists: true,
    paused: state.paused,
    ...(state.note ? { note: state.note } : {}),
    ...(lastRun ? { lastRun } : {}),
    ...(info.nextActionTimes[0] ? { nextRun: info.nextActionTimes[0] } : {}),
  };
}

/** How a run the schedule started ended; a run past the namespace's retention is gone. */
async function runStatus(client: Client, run: { workflowId: string; firstExecutionRunId: string }): Promise<string> {
  try {
    return (await client.workflow.getHandle(run.workflowId, run.firstExecutionRunId).describe()).status.name;
  } catch (error) {
    if (error instanceof WorkflowNotFoundError) return 'UNKNOWN';
    throw error;
  }
}
