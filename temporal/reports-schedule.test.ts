import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { refreshActivity } from '../db/reports/activity.repository';
import type { ReportTables } from '../db/reports/reports.table';
import { addDays, londonDateOf } from '../domain/reports/date-range';
import { WORLD, addReportWorld, type ReportWorld } from '../fixtures/reports';
import { type TestSystem, startTestSystem } from '../tests/helpers/system';
import { ensureReportsSchedule, reportsRebuildScheduleId } from './reports-schedule';

describe('the nightly reports schedule', () => {
  let system: TestSystem;
  let world: ReportWorld;
  const schedule = () => system.client.schedule.getHandle(reportsRebuildScheduleId(system.target.taskQueue));
  const today = londonDateOf(new Date());
  const createdCount = async () =>
    (
      await sql<{ n: number }>`select coalesce(sum(events), 0)::int as n from report_daily_activity
        where scope_org = ${WORLD.practiceA} and event = 'CREATE'`.execute(system.db)
    ).rows[0]!.n;

  beforeAll(async () => {
    system = await startTestSystem();
    world = await addReportWorld(system.db, today, 12);
  });
  afterAll(() => system?.stop());

  it('exists once a worker has started: the full recount at 02:00 UTC, not paused', async () => {
    const described = await schedule().describe();
    expect(described.spec.calendars).toMatchObject([{ hour: [{ start: 2 }], minute: [{ start: 0 }] }]);
    expect(described.action).toMatchObject({
      type: 'startWorkflow',
      workflowType: 'rebuildReports',
      taskQueue: system.target.taskQueue,
    });
    expect(described.state.paused).toBe(false);
  });

  it('when triggered, counts a timeline row the incremental refresh leaves out (written weeks back)', async () => {
    expect(await refreshActivity(system.db)).toBe(true);
    const before = await createdCount();
    const practiceA = world.referrals.filter((r) => r.referrer_org_code === WORLD.practiceA).length;
    expect(before).toBe(practiceA);
    // A referral created 40 days ago reaches the read tables only now (as a reconciliation repair would).
    const repaired = { ...world.referrals.find((r) => r.referrer_org_code === WORLD.practiceA)!, ubrn: '788888888888' };
    await system.db.insertInto('referrals').values(repaired).execute();
    const at = new Date(`${addDays(today, -40)}T10:00:00Z`);
    await system.db
      .insertInto('referral_timeline')
      .values({ ubrn: repaired.ubrn, version: 1, type: 'CREATE', at, to_state: 'NOT_BOOKED', summary: 'Created' })
      .execute();
    expect(await refreshActivity(system.db)).toBe(true);
    expect(await createdCount()).toBe(before);

    // And an extract built in the background: one past its retention limit, one still kept.
    const builds = system.db.withTables<ReportTables>();
    const build = (id: string, expiresAt: Date) => ({
      id,
      user_id: 'u',
      org_code: WORLD.practiceA,
      kind: 'actions',
      range_from: today,
      range_to: today,
      filename: `${id}.csv`,
      status: 'ready' as const,
      expires_at: expiresAt,
    });
    await builds
      .insertInto('report_extract_builds')
      .values([build('expired', new Date(Date.now() - 60_000)), build('kept', new Date(Date.now() + 3_600_000))])
      .execute();
    await builds
      .insertInto('report_extract_chunks')
      .values({ build_id: 'expired', seq: 0, data: Buffer.from('x') })
      .execute();

    await schedule().trigger();
    expect(await firstRunResult()).toEqual({ rebuilt: true, purged: 1 });
    expect(await createdCount()).toBe(before + 1);
    const left = await builds.selectFrom('report_extract_builds').select('id').execute();
    expect(left.map((b) => b.id)).toEqual(['kept']);
    expect(await builds.selectFrom('report_extract_chunks').select('seq').execute()).toEqual([]);
  });

  it('is brought up to date by the next worker start, and an operator’s pause stays', async () => {
    await schedule().pause('Paused during a migration');
    await ensureReportsSchedule(system.client, system.target.taskQueue);
    expect((await schedule().describe()).state).toMatchObject({ paused: true, note: 'Paused during a migration' });
  });

  async function firstRunResult(): Promise<unknown> {
    // A deadline, not a count of tries: on a loaded machine each try can take seconds.
    for (const deadline = Date.now() + 90_000; Date.now() < deadline;) {
      const taken = (await schedule().describe()).info.recentActions;
      if (taken.length > 0) {
        const { workflowId, firstExecutionRunId } = taken[0]!.action.workflow;
        return system.client.workflow.getHandle(workflowId, firstExecutionRunId).result();
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    throw new Error('The schedule took no action');
  }
});
