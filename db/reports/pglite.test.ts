import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, londonDateOf } from '../../domain/reports/date-range';
import { dashboardPeriod } from '../../domain/reports/dashboard';
import { WORLD, addReportWorld, expectedActions, expectedEventCounts, type ReportWorld } from '../../fixtures/reports';
import { type DatabaseHandle, openDatabase } from '../connection';
import { migrateToLatest } from '../migrator';
import { refreshActivity, weeklyActivity } from './activity.repository';
import { actionRows } from './extracts.repository';

// The embedded database has no cursors through Kysely: the extracts' keyset batches and the
// dashboard's refresh (advisory lock included) must work on it exactly as on PostgreSQL.
describe('reports on embedded PGlite', () => {
  let handle: DatabaseHandle;
  let world: ReportWorld;
  const today = londonDateOf(new Date());

  beforeAll(async () => {
    handle = await openDatabase({ dataDir: mkdtempSync(join(tmpdir(), 'carepath-reports-pglite-')) });
    await migrateToLatest(handle.db);
    world = await addReportWorld(handle.db, today, 30);
    // Migrating an embedded database from nothing is slow on a busy machine.
  }, 300_000);
  afterAll(() => handle?.close());

  it('streams the action extract in keyset batches', async () => {
    const keys: string[] = [];
    const scope = { orgCode: WORLD.practiceA, side: 'referrer' as const };
    for await (const rows of actionRows(handle.db, scope, { from: '2000-01-01', to: today }, 5)) {
      keys.push(...rows.map((r) => `${r.ubrn}:${r.version}`));
    }
    expect(keys).toEqual(expectedActions(world, WORLD.practiceA, 'referrer', '2000-01-01', today));
  });

  it('counts the daily activity the dashboard reads', async () => {
    expect(await refreshActivity(handle.db)).toBe(true);
    const period = dashboardPeriod(addDays(today, -1), 4);
    const rows = await weeklyActivity(handle.db, { orgCode: WORLD.providerX }, period);
    const created = rows.filter((r) => r.event === 'CREATE' && r.week < 4).reduce((sum, r) => sum + r.events, 0);
    expect(created).toBe(expectedEventCounts(world, WORLD.providerX, period.from, period.to).CREATE ?? 0);
    expect(created).toBeGreaterThan(0);
  });
});
