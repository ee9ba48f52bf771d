import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../domain/actor';
import { createTestDatabase, type TestDatabase } from '../../tests/helpers/database';
import { cancelClinic } from './clinic-cancellation';
import { seedTestWorld } from './directory.fixtures';
import { reserveSlot } from './slots.repository';
import { createService, publishService, retireService, updateService } from './service-management';
import { addSlotTemplate, generateSlots } from './slot-generation';
import { providerHotspots, setCapacityFlag } from './capacity';

const definer: Actor = { userId: 'u-def', displayName: 'Dee Finer', role: 'B1107', orgCode: 'RR8' };
const otherDefiner: Actor = { ...definer, userId: 'u-other', orgCode: 'RW3' };
const providerAdmin: Actor = { ...definer, userId: 'u-admin', role: 'B1120' };

const validService = {
  name: 'Leeds Arrhythmia Clinic',
  requestTypes: ['DBS'],
  specialtyCode: 'CARDIOLOGY',
  clinicTypeCode: 'ARRHYTHMIA',
  location: 'Leeds General Infirmary, Great George Street',
  outcode: 'ls1',
  ageMin: 16,
  ageMax: 120,
  sexTreated: 'ANY',
  conditionsTreated: 'Palpitations, atrial fibrillation',
  exclusions: 'Chest pain: use the rapid access chest pain clinic',
  letterRequired: true,
  indicativeWaitDays: 42,
  clinicians: ['Dr Amara Okafor'],
  instructions: 'Attach a recent ECG.',
  national: true,
  pollingRangeDays: 84,
  reservationHours: 0,
};

describe('service management', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
    await seedTestWorld(database.db);
  });
  afterAll(() => database?.destroy());

  const fieldsOf = (promise: Promise<unknown>) =>
    promise.then(
      () => ({}),
      (e: { fields: Record<string, string> }) => e.fields,
    );

  it('creates a draft, publishes version 1, and keeps every published version', async () => {
    const id = await createService(database.db, definer, validService);
    const draft = await database.db.selectFrom('services').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(draft).toMatchObject({ status: 'DRAFT', version: 0, outcode: 'LS1', provider_org_code: 'RR8' });
    await publishService(database.db, definer, id);
    await updateService(database.db, definer, id, { ...validService, indicativeWaitDays: 56 });
    const versions = await database.db
      .selectFrom('service_versions')
      .selectAll()
      .where('service_id', '=', id)
      .orderBy('version')
      .execute();
    expect(
      versions.map((v) => [v.version, (v.definition as { indicative_wait_days: number }).indicative_wait_days]),
    ).toEqual([
      [1, 42],
      [2, 56],
    ]);
    await expect(updateService(database.db, otherDefiner, id, validService)).rejects.toMatchObject({
      code: 'NOT_PERMITTED',
    });
    await retireService(database.db, definer, id);
    await expect(publishService(database.db, definer, id)).rejects.toMatchObject({ code: 'INVALID_STATE' });
  });

  it('says what is wrong with each field', async () => {
    const fields = await fieldsOf(
      createService(database.db, definer, {
        ...validService,
        name: 'X',
        outcode: 'nowhere',
        indicativeWaitDays: 'soon',
      }),
    );
    expect(fields).toEqual({
      name: 'Enter a service name of at least 3 characters',
      outcode: 'Enter the first part of a postcode, like LS1',
      indicativeWaitDays: 'Indicative wait must be a number',
    });
    // Rules across fields, once each field is valid on its own.
    expect(
      await fieldsOf(
        createService(database.db, definer, {
          ...validService,
          requestTypes: ['TRIAGE', 'DBS'],
          ageMin: 60,
          ageMax: 18,
        }),
      ),
    ).toEqual({
      requestTypes: 'A triage service cannot also offer appointments: choose triage or an appointment type',
      ageMax: 'Highest age must be the same as or more than lowest age',
    });
    expect(
      await fieldsOf(
        createService(database.db, definer, { ...validService, name: 'Other', clinicTypeCode: 'GLAUCOMA' }),
      ),
    ).toEqual({
      clinicTypeCode: 'Clinic type must be one of the Cardiology clinic types, or leave it empty',
    });
    await expect(createService(database.db, { ...definer, role: 'B1101' }, validService)).rejects.toMatchObject({
      code: 'NOT_PERMITTED',
    });
  });

  it('generates slots at UK local time across the March and October clock changes', async () => {
    const id = await createService(database.db, definer, { ...validService, name: 'DST clinic', pollingRangeDays: 21 });
    await publishService(database.db, definer, id);
    // Thursdays 09:00 and 09:20 local time.
    await addSlotTemplate(database.db, definer, id, {
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

  it('cancels a clinic and returns the bookings that lost their appointment', async () => {
    const id = await createService(database.db, definer, {
      ...validService,
      name: 'Cancelled clinic',
      pollingRangeDays: 14,
    });
    await publishService(database.db, definer, id);
    await addSlotTemplate(database.db, definer, id, {
      weekday: 2,
      startTime: '14:00',
      slotMinutes: 30,
      slotCount: 3,
      clinician: 'Dr Lee',
    });
    await generateSlots(database.db, { serviceId: id, now: new Date('2026-06-01T08:00:00Z') });
    const tuesday = await database.db
      .selectFrom('slots')
      .select('id')
      .where('service_id', '=', id)
      .orderBy('start_at')
      .limit(3)
      .execute();
    await reserveSlot(database.db, {
      slotId: tuesday[1]!.id,
      serviceId: id,
      now: new Date('2026-06-01T08:00:00Z'),
      ubrn: '000000001234',
    });
    // A definer may not cancel appointments: the bookings need a provider admin.
    await expect(cancelClinic(database.db, definer, { serviceId: id, date: '2026-06-02' })).rejects.toThrow(
      /1 appointments are booked in this clinic/,
    );
    const lost = await cancelClinic(database.db, providerAdmin, { serviceId: id, date: '2026-06-02' });
    expect(lost).toEqual([
      { ubrn: '000000001234', slotId: String(tuesday[1]!.id), startAt: new Date('2026-06-02T13:30:00Z') },
    ]);
    const statuses = await database.db
      .selectFrom('slots')
      .select('status')
      .where(
        'id',
        'in',
        tuesday.map((s) => s.id),
      )
      .execute();
    expect(statuses.map((s) => s.status)).toEqual(['cancelled', 'cancelled', 'cancelled']);
    await expect(cancelClinic(database.db, otherDefiner, { serviceId: id, date: '2026-06-09' })).rejects.toMatchObject({
      code: 'NOT_PERMITTED',
    });

    const hotspots = await providerHotspots(database.db, 'RR8', new Date('2026-06-01T08:00:00Z'));
    expect(hotspots.find((h) => h.name === 'Cancelled clinic')).toBeUndefined();
    await setCapacityFlag(database.db, definer, id, 'Consultant on leave');
    expect(
      (await providerHotspots(database.db, 'RR8', new Date('2026-06-01T08:00:00Z'))).find(
        (h) => h.name === 'Cancelled clinic',
      ),
    ).toEqual({
      serviceId: String(id),
      name: 'Cancelled clinic',
      flaggedByHand: true,
      note: 'Consultant on leave',
      prioritiesWithoutCapacity: [],
    });
    // Four weeks on the polling range has run out: no capacity at any priority.
    const later = await providerHotspots(database.db, 'RR8', new Date('2026-07-01T08:00:00Z'));
    expect(later.find((h) => h.name === 'Cancelled clinic')?.prioritiesWithoutCapacity).toEqual([
      'TWO_WEEK_WAIT',
      'URGENT',
      'ROUTINE',
    ]);
  });
});
