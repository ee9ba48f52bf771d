import type { ScheduleHandle } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertSlotTemplate } from '../db/directory/slot-generation';
import { lastReconciliation } from '../db/ops/ops.repository';
import { addDbsService } from '../fixtures/referrals';
import { runReconciliation } from '../services/ops/reconcile';
import { type TestSystem, startTestSystem } from '../tests/helpers/system';
import { ensureNightlySchedules, reconcileScheduleId, slotRollForwardScheduleId } from './nightly-schedule';

describe('the nightly schedules', () => {
  let system: TestSystem;
  const rollForward = () => system.client.schedule.getHandle(slotRollForwardScheduleId(system.target.taskQueue));
  const reconciliation = () => system.client.schedule.getHandle(reconcileScheduleId(system.target.taskQueue));
  beforeAll(async () => {
    system = await startTestSystem();
  });
  afterAll(() => system?.stop());

  it('exist once a worker has started: roll-forward at 01:00, reconciliation (report only) at 03:00', async () => {
    const taskQueue = system.target.taskQueue;
    const slots = await rollForward().describe();
    expect(slots.spec.calendars).toMatchObject([{ hour: [{ start: 1 }], minute: [{ start: 0 }] }]);
    expect(slots.action).toMatchObject({ type: 'startWorkflow', workflowType: 'slotRollForward', taskQueue });
    const reconcile = await reconciliation().describe();
    expect(reconcile.spec.calendars).toMatchObject([{ hour: [{ start: 3 }], minute: [{ start: 0 }] }]);
    expect(reconcile.action).toMatchObject({ workflowType: 'reconcile', args: [{ taskQueue, repair: false }] });
    expect([slots.state.paused, reconcile.state.paused]).toEqual([false, false]);
  });

  it('rolls slots forward when triggered, once: a second run creates none', async () => {
    const service = await addDbsService(system.db, 'Roll-forward clinic');
    const serviceId = Number(service.serviceId);
    await system.db.updateTable('services').set({ polling_range_days: 14 }).where('id', '=', serviceId).execute();
    const clinic = { weekday: 3, startTime: '09:00', slotMinutes: 15, slotCount: 4, clinician: 'Dr Roll' };
    await insertSlotTemplate(system.db, serviceId, clinic);
    const slotsOf = async () =>
      (await system.db.selectFrom('slots').select('id').where('service_id', '=', serviceId).execute()).length;

    const first = await triggeredRun(rollForward(), 1);
    const created = await slotsOf();
    // Two Wednesdays in any fortnight, four slots each; today's may have started already.
    expect(created).toBeGreaterThanOrEqual(4);
    expect(first).toEqual({ created });

    expect(await triggeredRun(rollForward(), 2)).toEqual({ created: 0 });
    expect(await slotsOf()).toBe(created);
  });

  it('reconciles when triggered and keeps the result for the ops page; by hand it can repair', async () => {
    const result = await triggeredRun(reconciliation(), 1);
    expect(result).toMatchObject({ repair: false, checked: 0, drifted: [] });
    expect(await lastReconciliation(system.db)).toEqual(result);

    const byHand = await runReconciliation(system.client, { taskQueue: system.target.taskQueue, repair: true });
    expect(byHand).toMatchObject({ repair: true, drifted: [], repaired: 0 });
    expect(await lastReconciliation(system.db)).toEqual(byHand);
  });

  it('are brought up to date by the next worker start, and an operator’s pause stays', async () => {
    await reconciliation().pause('Paused while a migration runs');
    await ensureNightlySchedules(system.client, system.target.taskQueue);
    expect((await reconciliation().describe()).state).toMatchObject({
      paused: true,
      note: 'Paused while a migration runs',
    });
  });

  /** Triggers the schedule and returns the result of its `nth` action. */
  async function triggeredRun(schedule: ScheduleHandle, nth: number): Promise<unknown> {
    await schedule.trigger();
    // A deadline, not a count of tries: on a loaded machine each try can take seconds.
    for (const deadline = Date.now() + 60_000; Date.now() < deadline;) {
      const taken = (await schedule.describe()).info.recentActions;
      if (taken.length >= nth) {
        const { workflowId, firstExecutionRunId } = taken[nth - 1]!.action.workflow;
        return system.client.workflow.getHandle(workflowId, firstExecutionRunId).result();
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error('The schedule took no action');
  }
});
