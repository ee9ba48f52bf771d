import {
  type Client,
  ScheduleAlreadyRunning,
  type ScheduleOptionsStartWorkflowAction,
  type ScheduleOverlapPolicy,
  type ScheduleSpec,
  type Workflow,
} from '@temporalio/client';

export type ScheduleDefinition<W extends Workflow> = {
  spec: ScheduleSpec;
  action: ScheduleOptionsStartWorkflowAction<W>;
  policies: { overlap: ScheduleOverlapPolicy; catchupWindow: string };
};

/**
 * Creates a schedule, or brings an existing one up to date with this definition. Every worker
 * calls it at start, so it is idempotent and safe to race; a pause an operator set stays.
 */
export async function ensureSchedule<W extends Workflow>(
  client: Client,
  scheduleId: string,
  { spec, action, policies }: ScheduleDefinition<W>,
): Promise<void> {
  try {
    await client.schedule.create({ scheduleId, spec, action, policies });
  } catch (error) {
    if (!(error instanceof ScheduleAlreadyRunning)) throw error;
    await client.schedule
      .getHandle(scheduleId)
      .update((previous) => ({ spec, action, policies, state: previous.state }));
  }
}
