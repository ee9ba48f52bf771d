import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CleanUpPolicy, cleanUpPolicy } from '../activities/cleanup/clean-up';
import { loadConfig } from '../config/env';
import { storeLetter } from '../db/documents/documents.repository';
import { signIn } from '../fixtures/identity';
import { type TestSystem, startTestSystem } from '../tests/helpers/system';
import { cleanUpScheduleId, ensureCleanUpSchedule } from './clean-up-schedule';

const ENV = { DRAFT_RETENTION_DAYS: '7' };
const PDF = new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x2d, 0x31, 0x2e, 0x34]);

describe('the clean-up schedule', () => {
  let system: TestSystem;
  const schedule = () => system.client.schedule.getHandle(cleanUpScheduleId(system.target.taskQueue));
  beforeAll(async () => {
    system = await startTestSystem({ env: ENV });
  });
  afterAll(() => system?.stop());

  it('exists once a worker has started: hourly, on its task queue, with the configured policy', async () => {
    const description = await schedule().describe();
    expect(description.spec.intervals).toMatchObject([{ every: 3_600_000 }]);
    expect(description.action).toMatchObject({
      type: 'startWorkflow',
      workflowType: 'cleanUp',
      taskQueue: system.target.taskQueue,
      args: [cleanUpPolicy(loadConfig(ENV))],
    });
    expect(description.state.paused).toBe(false);
  });

  it('runs the clean-up when triggered', async () => {
    const { db } = system;
    const { actor } = await signIn(db, { orgCode: 'A81001', role: 'B1101' });
    await db
      .updateTable('sessions')
      .set({ expires_at: new Date(Date.now() - 2 * 86_400_000) })
      .where('user_id', '=', actor.userId)
      .execute();
    const letter = await storeLetter(db, { content: PDF, orgCode: 'A81001', uploadedBy: actor.userId });
    await sql`update documents set created_at = now() - interval '40 days' where id = ${letter}`.execute(db);

    await schedule().trigger();
    const result = await ranOnce();
    expect(result).toMatchObject({ sessions: expect.any(Number), documents: expect.any(Number) });
    expect(await db.selectFrom('sessions').select('id_hash').where('user_id', '=', actor.userId).execute()).toEqual([]);
    expect(await db.selectFrom('documents').select('id').where('id', '=', letter).execute()).toEqual([]);
  });

  it('is brought up to date by the next worker start, and an operator’s pause stays', async () => {
    await schedule().pause('Paused for a database migration');
    const stricter: CleanUpPolicy = { ...cleanUpPolicy(loadConfig(ENV)), draftRetentionMs: 86_400_000 };
    await ensureCleanUpSchedule(system.client, system.target.taskQueue, stricter);
    const description = await schedule().describe();
    expect(description.action.args).toEqual([stricter]);
    expect(description.state).toMatchObject({ paused: true, note: 'Paused for a database migration' });
  });

  /** The result of the first run the schedule took. */
  async function ranOnce(): Promise<unknown> {
    // A deadline, not a count of tries: on a loaded machine each try can take seconds.
    for (const deadline = Date.now() + 60_000; Date.now() < deadline;) {
      const [taken] = (await schedule().describe()).info.recentActions;
      if (taken) {
        const { workflowId, firstExecutionRunId } = taken.action.workflow;
        return system.client.workflow.getHandle(workflowId, firstExecutionRunId).result();
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error('The schedule took no action');
  }
});
