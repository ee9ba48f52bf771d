import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../domain/actor';
import { addLeedsAndManchester } from '../../fixtures/directory';
import { createTestDatabase, type TestDatabase } from '../../tests/helpers/database';
import { serviceDefinitionService } from './service-definitions';

const definer: Actor = { userId: 'u-def', displayName: 'Dee Finer', role: 'B1107', orgCode: 'RR8' };
const otherDefiner: Actor = { ...definer, userId: 'u-other', orgCode: 'RW3' };

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

describe('service definitions', () => {
  let database: TestDatabase;
  let definitions: ReturnType<typeof serviceDefinitionService>;
  beforeAll(async () => {
    database = await createTestDatabase();
    await addLeedsAndManchester(database.db);
    definitions = serviceDefinitionService({ db: database.db });
  });
  afterAll(() => database?.destroy());

  const fieldsOf = (promise: Promise<unknown>) =>
    promise.then(
      () => ({}),
      (e: { fields: Record<string, string> }) => e.fields,
    );

  it('creates a draft, publishes version 1, and keeps every published version', async () => {
    const id = await definitions.createService(definer, validService);
    const draft = await database.db.selectFrom('services').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(draft).toMatchObject({ status: 'DRAFT', version: 0, outcode: 'LS1', provider_org_code: 'RR8' });
    await definitions.publishService(definer, id);
    await definitions.updateService(definer, id, { ...validService, indicativeWaitDays: 56 });
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
    // The role allows it, but the service is another provider's.
    await expect(definitions.updateService(otherDefiner, id, validService)).rejects.toMatchObject({
      code: 'NO_RELATIONSHIP',
    });
    await definitions.retireService(definer, id);
    await expect(definitions.publishService(definer, id)).rejects.toMatchObject({ code: 'INVALID_REQUEST_STATE' });
  });

  it('says what is wrong with each field', async () => {
    const fields = await fieldsOf(
      definitions.createService(definer, {
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
        definitions.createService(definer, {
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
        definitions.createService(definer, { ...validService, name: 'Other', clinicTypeCode: 'GLAUCOMA' }),
      ),
    ).toEqual({
      clinicTypeCode: 'Clinic type must be one of the Cardiology clinic types, or leave it empty',
    });
    await expect(definitions.createService({ ...definer, role: 'B1101' }, validService)).rejects.toMatchObject({
      code: 'NOT_PERMITTED',
    });
  });

  it('shows a service only to its own organisation, as if no other existed', async () => {
    const id = await definitions.createService(definer, { ...validService, name: 'Private clinic' });
    expect((await definitions.serviceDetails(definer, String(id))).service).toMatchObject({
      id,
      name: 'Private clinic',
      outcode: 'LS1',
      clinicTypeCode: 'ARRHYTHMIA',
    });
    for (const asked of [String(id), 'no-such-id']) {
      await expect(definitions.serviceDetails(otherDefiner, asked)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    }
    expect((await definitions.listOwnServices(otherDefiner)).map((s) => s.name)).not.toContain('Private clinic');
  });

  it('adds clinics only to a directly bookable service', async () => {
    const id = await definitions.createService(definer, {
      ...validService,
      name: 'Letters only',
      requestTypes: ['IBS'],
    });
    const clinic = { weekday: 2, startTime: '09:00', slotMinutes: 20, slotCount: 2, clinician: 'Dr Lee' };
    await expect(definitions.addClinic(definer, id, clinic)).rejects.toMatchObject({ code: 'INVALID_REQUEST_STATE' });
    await expect(definitions.addClinic(otherDefiner, id, clinic)).rejects.toMatchObject({ code: 'NO_RELATIONSHIP' });
  });

  it('saves booking windows all together or, when one is refused, none', async () => {
    const id = await definitions.createService(definer, { ...validService, name: 'Windowed clinic' });
    await expect(definitions.setBookingWindows(definer, id, { URGENT: '20', ROUTINE: 'soon' })).rejects.toMatchObject({
      code: 'VALIDATION',
      fields: { ROUTINE: 'Booking window end must be a number' },
    });
    expect((await definitions.serviceDetails(definer, id)).bookingWindows).toEqual([]);
    await definitions.setBookingWindows(definer, id, { URGENT: '20' });
    expect((await definitions.serviceDetails(definer, id)).bookingWindows).toEqual([
      { priority: 'URGENT', fromDays: 0, toDays: 20 },
    ]);
  });
});
