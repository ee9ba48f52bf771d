import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addOrganisation, addService, addSlot } from '../../fixtures/directory';
import { slotHolder } from '../../tests/helpers/referrals';
import { createTestDatabase, type TestDatabase } from '../../tests/helpers/database';
import { reserveReferralSlot } from './slots';

const NOW = '2026-03-02T09:00:00.000Z';

/**
 * The slot activity is retried whenever Temporal does not hear that it finished: a worker killed
 * after the database committed the reservation runs it again. The retry must find the slot held
 * by its own UBRN and carry on; any other referral must still be refused it.
 */
describe('reserving a referral slot', () => {
  let database: TestDatabase;
  let serviceId: string;

  beforeAll(async () => {
    database = await createTestDatabase();
    await addOrganisation(database.db, { ods_code: 'RXX', name: 'Slot activity trust' });
    serviceId = String((await addService(database.db, { provider_org_code: 'RXX' })).id);
  });
  afterAll(() => database?.destroy());

  const freeSlot = async () => {
    const slot = await addSlot(database.db, serviceId, { now: new Date(NOW), daysAhead: 3 });
    return { slotId: String(slot.id), start: slot.start_at.toISOString(), end: slot.end_at.toISOString() };
  };

  it('gives a retry by the same UBRN the slot it already holds, with its times', async () => {
    const slot = await freeSlot();
    const input = { slotId: slot.slotId, serviceId, ubrn: '000000000101', now: NOW };
    const first = await reserveReferralSlot(database.db, input);
    const retry = await reserveReferralSlot(database.db, input);
    expect(first).toEqual(slot);
    expect(retry).toEqual(slot);
    expect(await slotHolder(database.db, slot.slotId)).toEqual({ status: 'booked', ubrn: '000000000101' });
  });

  it('refuses the slot to another referral, and leaves it with its holder', async () => {
    const slot = await freeSlot();
    await reserveReferralSlot(database.db, { slotId: slot.slotId, serviceId, ubrn: '000000000102', now: NOW });
    const other = { slotId: slot.slotId, serviceId, ubrn: '000000000103', now: NOW };
    expect(await reserveReferralSlot(database.db, other)).toBeUndefined();
    expect(await slotHolder(database.db, slot.slotId)).toEqual({ status: 'booked', ubrn: '000000000102' });
  });

  it('does not count a slot held by this UBRN at another service as held', async () => {
    const slot = await freeSlot();
    const ubrn = '000000000104';
    await reserveReferralSlot(database.db, { slotId: slot.slotId, serviceId, ubrn, now: NOW });
    const elsewhere = String((await addService(database.db, { provider_org_code: 'RXX' })).id);
    expect(
      await reserveReferralSlot(database.db, { slotId: slot.slotId, serviceId: elsewhere, ubrn, now: NOW }),
    ).toBeUndefined();
  });

  it('names no slot for ids that are not slot ids', async () => {
    for (const slotId of ['0', '-1', 'slot-1', '1e3', '']) {
      expect(await reserveReferralSlot(database.db, { slotId, serviceId, ubrn: '000000000105', now: NOW })).toBe(
        undefined,
      );
    }
  });
});
