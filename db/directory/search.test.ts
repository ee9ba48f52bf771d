import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../tests/helpers/database';
import { addBookingWindow, addLeedsAndManchester, addService, addSlot } from '../../fixtures/directory';
import { insertCommissioningRule } from './commissioning';
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
    await addLeedsAndManchester(db);
    /** A service of the Leeds trust; its id. */
    const addLeedsService = async (overrides: Parameters<typeof addService>[1]) =>
      (await addService(db, { provider_org_code: 'RR8', location: 'Leeds General Infirmary', ...overrides })).id;
    /** A free slot released to referrers, exactly `daysAhead` days after NOW. */
    const addFreeSlot = (serviceId: number, daysAhead: number) =>
      addSlot(db, serviceId, {
        now: NOW,
        start_at: new Date(NOW.getTime() + daysAhead * 86_400_000),
        clinician: 'Dr Jones',
      });
    const leeds = await addLeedsService({
      name: 'Leeds Heart Failure',
      clinic_type_code: 'HEART_FAILURE',
      clinicians: ['Dr Amara Okafor'],
    });
    const bradford = await addLeedsService({ name: 'Bradford Cardiology', outcode: 'BD1', indicative_wait_days: 10 });
    await addLeedsService({
      name: 'Manchester Cardiology',
      outcode: 'M1',
      request_types: ['IBS'],
      indicative_wait_days: 5,
    });
    await addLeedsService({
      name: 'Leeds Palpitations',
      outcode: 'LS6',
      conditions_treated: 'Palpitations; syncope',
      request_types: ['TRIAGE', 'ADVICE'],
    });
    await addLeedsService({ name: 'Paediatric Cardiology', age_min: 0, age_max: 17 });
    await addLeedsService({ name: 'Women’s Heart Clinic', sex_treated: 'FEMALE', outcode: 'LS6' });
    await addLeedsService({ name: 'Men’s Heart Clinic', sex_treated: 'MALE', outcode: 'LS6' });
    await addLeedsService({ name: 'Draft Cardiology', status: 'DRAFT' });
    const local = await addLeedsService({ name: 'Leeds Community Cardiology', national: false, outcode: 'LS6' });
    await insertCommissioningRule(db, {
      serviceId: local,
      area: 'QWO',
      startsOn: '2026-05-01',
      endsOn: '2026-06-30',
      createdBy: 'test',
    });
    await addFreeSlot(leeds, 20);
    await addFreeSlot(bradford, 3);
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
    await addBookingWindow(database.db, ids.leeds!, { priority: 'URGENT', from_days: 0, to_days: 14 });
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
