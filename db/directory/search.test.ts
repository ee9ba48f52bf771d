import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../tests/helpers/database';
import { addFreeSlot, addService, seedTestWorld } from './directory.fixtures';
import { searchServices, type SearchResult } from './search';

const NOW = new Date('2026-06-01T09:00:00Z');
const context = { referrerOrgCode: 'B86001', now: NOW };
const patient = { patientAge: 50, patientSex: 'female' };
const base = { priority: 'ROUTINE', specialtyCode: 'CARDIOLOGY', ...patient };

describe('Directory of Services search', () => {
  let database: TestDatabase;
  const ids: Record<string, string> = {};
  const search = (input: Record<string, unknown>) => searchServices(database.db, input, context);
  const names = (results: SearchResult[]) => results.map((r) => r.name);
  const refusal = (input: Record<string, unknown>) =>
    search(input).then(
      () => ({}),
      (e: { code: string; fields: Record<string, string> }) => (expect(e.code).toBe('VALIDATION'), e.fields),
    );

  beforeAll(async () => {
    database = await createTestDatabase();
    const db = database.db;
    await seedTestWorld(db);
    const leeds = await addService(db, {
      name: 'Leeds Heart Failure',
      clinic_type_code: 'HEART_FAILURE',
      clinicians: ['Dr Amara Okafor'],
    });
    const bradford = await addService(db, { name: 'Bradford Cardiology', outcode: 'BD1', indicative_wait_days: 10 });
    await addService(db, {
      name: 'Manchester Cardiology',
      outcode: 'M1',
      request_types: ['IBS'],
      indicative_wait_days: 5,
    });
    await addService(db, {
      name: 'Leeds Palpitations',
      outcode: 'LS6',
      conditions_treated: 'Palpitations; syncope',
      request_types: ['TRIAGE', 'ADVICE'],
    });
    await addService(db, { name: 'Paediatric Cardiology', age_min: 0, age_max: 17 });
    await addService(db, { name: 'Women’s Heart Clinic', sex_treated: 'FEMALE', outcode: 'LS6' });
    await addService(db, { name: 'Men’s Heart Clinic', sex_treated: 'MALE', outcode: 'LS6' });
    await addService(db, { name: 'Draft Cardiology', status: 'DRAFT' });
    const local = await addService(db, { name: 'Leeds Community Cardiology', national: false, outcode: 'LS6' });
    await db
      .insertInto('commissioning_rules')
      .values({
        service_id: local,
        commissioning_area: 'QWO',
        starts_on: '2026-05-01',
        ends_on: '2026-06-30',
        created_by: 'test',
      })
      .execute();
    await addFreeSlot(db, leeds, NOW, 20);
    await addFreeSlot(db, bradford, NOW, 3);
    Object.assign(ids, { leeds: String(leeds), bradford: String(bradford), local: String(local) });
  });
  afterAll(() => database?.destroy());

  it('finds published, appropriate, visible services of a specialty, by wait without a postcode', async () => {
    const results = await search(base);
    expect(names(results)).toEqual([
      'Bradford Cardiology',
      'Manchester Cardiology',
      'Leeds Heart Failure',
      'Leeds Community Cardiology',
      'Leeds Palpitations',
      'Women’s Heart Clinic',
    ]);
    const bradford = results[0]!;
    expect(bradford.earliestSlot).toEqual(new Date(NOW.getTime() + 3 * 86_400_000));
    expect(bradford.waitDays).toBe(3);
    expect(bradford.capacityAlert).toBe(false);
    expect(results.find((r) => r.name === 'Leeds Community Cardiology')!.capacityAlert).toBe(true);
    expect(results.find((r) => r.name === 'Manchester Cardiology')).toMatchObject({
      requestTypes: ['IBS'],
      capacityAlert: false,
      waitDays: 5,
    });
  });

  it('narrows by clinic type, clinical term and named clinician', async () => {
    expect(names(await search({ ...base, clinicTypeCode: 'HEART_FAILURE' }))).toEqual(['Leeds Heart Failure']);
    expect(names(await search({ priority: 'ROUTINE', clinicalTerm: 'syncope', ...patient }))).toEqual([
      'Leeds Palpitations',
    ]);
    expect(names(await search({ priority: 'ROUTINE', clinician: 'okafor', ...patient }))).toEqual([
      'Leeds Heart Failure',
    ]);
  });

  it('keeps to the patient’s age and sex unless asked for all', async () => {
    expect(names(await search({ ...base, patientAge: 8, clinicalTerm: 'cardiology' }))).toContain(
      'Paediatric Cardiology',
    );
    expect(names(await search({ ...base, patientSex: 'male' }))).toContain('Men’s Heart Clinic');
    expect(names(await search({ ...base, patientSex: 'male' }))).not.toContain('Women’s Heart Clinic');
    expect(names(await search({ ...base, patientSex: 'unknown' })).filter((n) => /Men|Women/.test(n))).toEqual([]);
    const all = await search({ priority: 'ROUTINE', specialtyCode: 'CARDIOLOGY', includeAllAgesAndSexes: 'on' });
    expect(names(all)).toEqual(
      expect.arrayContaining(['Paediatric Cardiology', 'Men’s Heart Clinic', 'Women’s Heart Clinic']),
    );
  });

  it('orders by distance from the patient’s postcode and limits it', async () => {
    const results = await search({ ...base, postcode: 'LS6 2QT' });
    expect(results[0]!.distanceKm).toBe(0);
    const distances = results.map((r) => r.distanceKm!);
    expect(distances).toEqual([...distances].sort((a, b) => a - b));
    expect(names(results).at(-1)).toBe('Manchester Cardiology');
    const near = await search({ ...base, postcode: 'LS6', maxDistanceKm: 20 });
    expect(near.every((r) => r.distanceKm! <= 20)).toBe(true);
    expect(names(near)).toContain('Bradford Cardiology');
    expect(names(near)).not.toContain('Manchester Cardiology');
  });

  it('limits the wait, except at two-week-wait', async () => {
    expect(names(await search({ ...base, maxWaitDays: 7 }))).toEqual(['Bradford Cardiology', 'Manchester Cardiology']);
    expect(await refusal({ ...base, priority: 'TWO_WEEK_WAIT', maxWaitDays: 7 })).toEqual({
      maxWaitDays: 'Wait-time limits cannot be used for two week wait referrals',
    });
  });

  it('uses the priority’s booking window for the earliest slot', async () => {
    const urgent = await search({ ...base, priority: 'URGENT', clinicTypeCode: 'HEART_FAILURE' });
    expect(urgent[0]).toMatchObject({ earliestSlot: new Date(NOW.getTime() + 20 * 86_400_000), capacityAlert: false });
    await database.db
      .insertInto('booking_windows')
      .values({ service_id: Number(ids.leeds), priority: 'URGENT', from_days: 0, to_days: 14 })
      .execute();
    const narrowed = await search({ ...base, priority: 'URGENT', clinicTypeCode: 'HEART_FAILURE' });
    expect(narrowed[0]).toMatchObject({ earliestSlot: null, waitDays: 30, capacityAlert: true });
  });

  it('shows a local service only while its area’s rule is active', async () => {
    const visibleOn = async (date: string, referrerOrgCode = 'B86001') =>
      names(await searchServices(database.db, base, { referrerOrgCode, now: new Date(`${date}T12:00:00Z`) })).includes(
        'Leeds Community Cardiology',
      );
    expect(await visibleOn('2026-04-30')).toBe(false);
    expect(await visibleOn('2026-05-01')).toBe(true);
    expect(await visibleOn('2026-06-30')).toBe(true);
    expect(await visibleOn('2026-07-01')).toBe(false);
    expect(await visibleOn('2026-06-01', 'P84001')).toBe(false);
  });

  it('refuses searches e-RS refuses, saying why', async () => {
    expect(await refusal({ ...patient })).toMatchObject({ priority: 'Choose a priority' });
    expect(await refusal({ priority: 'ROUTINE', ...patient })).toEqual({
      specialtyCode: 'Choose a specialty, or enter a clinical term or a clinician’s name',
    });
    expect(await refusal({ priority: 'ROUTINE', clinicTypeCode: 'HEART_FAILURE', clinician: 'x', ...patient })).toEqual(
      {
        clinicTypeCode: 'Choose a specialty before a clinic type',
      },
    );
    expect(await refusal({ ...base, maxDistanceKm: 10 })).toEqual({
      postcode: 'Enter the patient’s postcode to limit the distance',
    });
    expect(await refusal({ ...base, sortBy: 'distance' })).toEqual({
      postcode: 'Enter the patient’s postcode to sort by distance',
    });
    expect(await refusal({ priority: 'ROUTINE', specialtyCode: 'CARDIOLOGY' })).toEqual({
      patientAge: 'Enter the patient’s age and sex, or choose to show services for all ages and sexes',
    });
    expect(await refusal({ ...base, postcode: 'ZZ99 9ZZ' })).toEqual({
      postcode: 'We have no location for postcode district ZZ99',
    });
    expect(await refusal({ ...base, postcode: 'not a postcode' })).toEqual({
      postcode: 'Enter a real postcode, like LS1 4AP',
    });
  });
});
