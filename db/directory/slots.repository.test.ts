import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addBookingWindow, addOrganisation, addService, addSlot } from '../../fixtures/directory';
import { createTestDatabase, type TestDatabase } from '../../tests/helpers/database';
import { countBookableSlots, releaseSlot, reserveSlot } from './slots.repository';
import { getServiceSummary } from './services.repository';

const NOW = new Date('2026-03-02T09:00:00Z');

describe('slots repository', () => {
  let database: TestDatabase;
  let serviceId: number;

  beforeAll(async () => {
    database = await createTestDatabase();
    await addOrganisation(database.db, { ods_code: 'RXX', name: 'Test Trust' });
    const service = await addService(database.db, {
      provider_org_code: 'RXX',
      name: 'Slot test clinic',
      national: false,
    });
    serviceId = service.id;
    await addBookingWindow(database.db, serviceId, { priority: 'URGENT', from_days: 1, to_days: 10 });
  });
  afterAll(() => database?.destroy());

  /** A free slot `daysAhead` days after NOW; `released: false` keeps it in the provider-only reservation period. */
  const slotIn = async (daysAhead: number, released = true) =>
    (await addSlot(database.db, serviceId, { now: NOW, daysAhead, released })).id;

  it('lets exactly one of two concurrent reservations win', async () => {
    const slotId = await slotIn(3);
    const results = await Promise.all([
      reserveSlot(database.db, { slotId, serviceId, now: NOW, ubrn: '000000000001' }),
      reserveSlot(database.db, { slotId, serviceId, now: NOW, ubrn: '000000000002' }),
    ]);
    expect(results.filter(Boolean)).toHaveLength(1);
    const row = await database.db.selectFrom('slots').selectAll().where('id', '=', slotId).executeTakeFirstOrThrow();
    expect(row.status).toBe('booked');
    expect(row.ubrn).toBe(results.find(Boolean)!.ubrn);
  });

  it('releases only for the holding referral', async () => {
    const slotId = await slotIn(4);
    await reserveSlot(database.db, { slotId: String(slotId), serviceId, now: NOW, ubrn: '000000000003' });
    expect(await releaseSlot(database.db, { slotId, ubrn: '000000000004' })).toBe(false);
    expect(await releaseSlot(database.db, { slotId, ubrn: '000000000003' })).toBe(true);
    expect(await reserveSlot(database.db, { slotId, serviceId, now: NOW, ubrn: '000000000004' })).toMatchObject({
      ubrn: '000000000004',
    });
  });

  it('books only a future slot of the named service', async () => {
    const slotId = await slotIn(3.2);
    const past = await slotIn(-1.2);
    expect(await reserveSlot(database.db, { slotId, serviceId: serviceId + 1, now: NOW, ubrn: '000000000005' })).toBe(
      undefined,
    );
    expect(await reserveSlot(database.db, { slotId: past, serviceId, now: NOW, ubrn: '000000000005' })).toBe(undefined);
    const row = await database.db.selectFrom('slots').select('status').where('id', '=', slotId).executeTakeFirst();
    expect(row?.status).toBe('free');
  });

  it('keeps referrers inside the booking window and out of the reservation period; providers are not bound', async () => {
    const beyondUrgent = await slotIn(12.2);
    const reserved = await slotIn(5.2, false);
    const asReferrer = { serviceId, now: NOW, referrerPriority: 'URGENT' as const, ubrn: '000000000006' };
    expect(await reserveSlot(database.db, { ...asReferrer, slotId: beyondUrgent })).toBeUndefined();
    expect(await reserveSlot(database.db, { ...asReferrer, slotId: reserved })).toBeUndefined();
    expect(
      await reserveSlot(database.db, { slotId: reserved, serviceId, now: NOW, ubrn: '000000000006' }),
    ).toMatchObject({ ubrn: '000000000006' });
  });

  it('counts free slots inside the booking window, after the reservation period', async () => {
    await sql`delete from slots`.execute(database.db);
    await slotIn(0.5); // before the URGENT window opens (1 day)
    await slotIn(2);
    await slotIn(5);
    await slotIn(5.1, false); // still reserved for the provider
    await slotIn(12); // after URGENT's 10 days, inside ROUTINE's default 84
    const urgent = await countBookableSlots(database.db, { serviceId, priority: 'URGENT', now: NOW });
    const routine = await countBookableSlots(database.db, {
      serviceId: String(serviceId),
      priority: 'ROUTINE',
      now: NOW,
    });
    expect(urgent).toBe(2);
    expect(routine).toBe(4);
  });

  it('refuses a booked slot without a UBRN in the database itself', async () => {
    const slotId = await slotIn(6);
    await expect(sql`update slots set status = 'booked' where id = ${slotId}`.execute(database.db)).rejects.toThrow(
      /slots_booked_has_ubrn/,
    );
  });

  it('summarises a published service for a referral shortlist', async () => {
    expect(await getServiceSummary(database.db, serviceId)).toEqual({
      serviceId: String(serviceId),
      name: 'Slot test clinic',
      providerOrgCode: 'RXX',
      requestType: 'DBS',
    });
    expect(await getServiceSummary(database.db, 'nonsense')).toBeUndefined();
  });

  it('refuses triage with appointments in the database itself', async () => {
    await expect(
      sql`update services set request_types = array['TRIAGE', 'DBS'] where id = ${serviceId}`.execute(database.db),
    ).rejects.toThrow(/services_request_types/);
  });
});
