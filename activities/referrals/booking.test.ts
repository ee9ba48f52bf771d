import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SERVICES, actorFor, newReferral } from '../../domain/fixtures';
import { defaultPolicy } from '../../domain/policy';
import type { Referral } from '../../domain/referral';
import { apply } from '../../domain/transition';
import { addOrganisation, addService, addSlot } from '../../fixtures/directory';
import { createTestDatabase, type TestDatabase } from '../../tests/helpers/database';
import { slotHolder } from '../../tests/helpers/referrals';
import { reserveSlotAndProject } from './booking';

const NOW = '2026-03-02T09:00:00.000Z';

/**
 * The booking activity of decision record 0022 reserves the slot and projects the transition
 * in one transaction: the projection is exactly what the workflow's own `apply` makes with the
 * slot's times; a slot held by another referral leaves nothing written; a retry (after a crash
 * before Temporal heard back) writes nothing twice.
 */
describe('reserving a slot and projecting the booking in one activity', () => {
  let database: TestDatabase;
  let serviceId: string;
  beforeAll(async () => {
    database = await createTestDatabase();
    await addOrganisation(database.db, { ods_code: 'RXX', name: 'Booking activity trust' });
    serviceId = String((await addService(database.db, { provider_org_code: 'RXX' })).id);
  });
  afterAll(() => database?.destroy());

  // On the shortlist: the service whose slots it books.
  const referralFor = (ubrn: string): Referral => ({
    ...newReferral({ ubrn, shortlist: [{ ...SERVICES.dbs, serviceId, providerOrgCode: 'RXX' }] }),
    version: 1,
  });
  const booking = async (ubrn: string) => {
    const slot = await addSlot(database.db, serviceId, { now: new Date(NOW), daysAhead: 3 });
    const referral = referralFor(ubrn);
    const command = {
      type: 'BOOK' as const,
      expectedVersion: 1,
      serviceId,
      slotId: String(slot.id),
      start: '2000-01-01T00:00:00.000Z', // what a form said: the slot's own times win
      end: '2000-01-01T00:20:00.000Z',
    };
    const input = {
      reserve: { slotId: String(slot.id), serviceId, ubrn, now: NOW },
      referral,
      command,
      context: { actor: actorFor('B1120'), now: NOW, policy: defaultPolicy },
    };
    return { slot, referral, command, input };
  };
  const rows = async (ubrn: string) => ({
    referral: await database.db
      .selectFrom('referrals')
      .select(['version', 'state', 'appointment_start'])
      .where('ubrn', '=', ubrn)
      .execute(),
    timeline: await database.db.selectFrom('referral_timeline').select('version').where('ubrn', '=', ubrn).execute(),
    audit: await database.db.selectFrom('audit_events').select('action').where('subject_id', '=', ubrn).execute(),
  });

  it('books the slot and projects the transition the workflow makes with its times, once', async () => {
    const ubrn = '000000000201';
    const { slot, referral, command, input } = await booking(ubrn);
    const held = await reserveSlotAndProject(database.db, input);
    expect(held).toEqual({
      slotId: String(slot.id),
      start: slot.start_at.toISOString(),
      end: slot.end_at.toISOString(),
    });
    const expected = apply(referral, { ...command, start: held!.start, end: held!.end }, input.context).referral;
    const first = await rows(ubrn);
    expect(first.referral).toEqual([
      { version: 2, state: expected.state, appointment_start: new Date(expected.appointment!.start!) },
    ]);
    expect(first.timeline).toEqual([{ version: 2 }]);
    expect(first.audit).toEqual([{ action: 'referral.book' }]);
    expect(await slotHolder(database.db, String(slot.id))).toEqual({ status: 'booked', ubrn });
    // The retry after a crash: the same slot, and nothing written twice.
    expect(await reserveSlotAndProject(database.db, input)).toEqual(held);
    expect(await rows(ubrn)).toEqual(first);
  });

  it('writes nothing when another referral holds the slot', async () => {
    const { slot, input } = await booking('000000000202');
    await reserveSlotAndProject(database.db, input);
    const other = {
      ...input,
      reserve: { ...input.reserve, ubrn: '000000000203' },
      referral: referralFor('000000000203'),
    };
    expect(await reserveSlotAndProject(database.db, other)).toBeUndefined();
    expect(await rows('000000000203')).toEqual({ referral: [], timeline: [], audit: [] });
    expect(await slotHolder(database.db, String(slot.id))).toEqual({ status: 'booked', ubrn: '000000000202' });
  });
});
