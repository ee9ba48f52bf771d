import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../tests/helpers/database';
import { addLeedsAndManchester, addService } from '../../fixtures/directory';
import { generateSlots, insertSlotTemplate } from './slot-generation';

describe('slot generation', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
    await addLeedsAndManchester(database.db);
  });
  afterAll(() => database?.destroy());

  it('generates slots at UK local time across the March and October clock changes', async () => {
    const { id } = await addService(database.db, {
      provider_org_code: 'RR8',
      name: 'DST clinic',
      polling_range_days: 21,
    });
    // Thursdays 09:00 and 09:20 local time.
    await insertSlotTemplate(database.db, id, {
      weekday: 4,
      startTime: '09:00',
      slotMinutes: 20,
      slotCount: 2,
      clinician: 'Dr Lee',
    });
    const startsFrom = async (now: string) => {
      await sql`delete from slots where service_id = ${id}`.execute(database.db);
      await generateSlots(database.db, { serviceId: id, now: new Date(now) });
      const rows = await database.db
        .selectFrom('slots')
        .select('start_at')
        .where('service_id', '=', id)
        .orderBy('start_at')
        .execute();
      return rows.map((r) => r.start_at.toISOString());
    };
    // Clocks go forward on Sunday 29 March 2026: GMT 09:00 is 09:00Z, BST 09:00 is 08:00Z.
    expect(await startsFrom('2026-03-20T12:00:00Z')).toEqual([
      '2026-03-26T09:00:00.000Z',
      '2026-03-26T09:20:00.000Z',
      '2026-04-02T08:00:00.000Z',
      '2026-04-02T08:20:00.000Z',
      '2026-04-09T08:00:00.000Z',
      '2026-04-09T08:20:00.000Z',
    ]);
    // Clocks go back on Sunday 25 October 2026.
    expect((await startsFrom('2026-10-20T12:00:00Z')).filter((_, i) => i % 2 === 0)).toEqual([
      '2026-10-22T08:00:00.000Z',
      '2026-10-29T09:00:00.000Z',
      '2026-11-05T09:00:00.000Z',
    ]);
    // Running again adds nothing: the nightly roll-forward is idempotent.
    expect(await generateSlots(database.db, { serviceId: id, now: new Date('2026-10-20T12:00:00Z') })).toBe(0);
  });
});
