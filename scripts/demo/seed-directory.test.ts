import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../tests/helpers/database';
import { searchServices } from '../../db/directory/search';
import { addOrganisation } from '../../fixtures/directory';
import { seedDirectory } from './seed-directory';

const NOW = new Date('2026-11-23T10:00:00Z');

describe('demo Directory of Services', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
    await seedDirectory(database.db, NOW);
  });
  afterAll(() => database?.destroy());

  it('has the services, providers, specialties, slots and commissioning the demo needs', async () => {
    const { rows } = await sql<Record<string, number>>`select
      (select count(*)::int from services where status = 'PUBLISHED') as services,
      (select count(distinct specialty_code)::int from services) as specialties,
      (select count(distinct provider_org_code)::int from services) as providers,
      (select count(distinct commissioning_area)::int from commissioning_rules) as areas,
      (select count(*)::int from slots) as slots,
      (select ceil(extract(epoch from max(start_at) - min(start_at)) / 604800)::int from slots) as weeks`.execute(
      database.db,
    );
    expect(rows[0]).toMatchObject({ services: 300, specialties: 20, areas: 5 });
    expect(rows[0]!.providers).toBeGreaterThanOrEqual(30);
    expect(rows[0]!.slots).toBeGreaterThan(30_000);
    expect(rows[0]!.weeks).toBe(12);
  });

  it('is found by search, nearest first', async () => {
    await addOrganisation(database.db, {
      ods_code: 'B86001',
      name: 'Leeds GP',
      type: 'GP_PRACTICE',
      commissioning_area: 'QWO',
    });
    const results = await searchServices(
      database.db,
      { priority: 'ROUTINE', specialtyCode: 'CARDIOLOGY', postcode: 'LS6 1AA', patientAge: 60, patientSex: 'male' },
      { referrerOrgCode: 'B86001', now: NOW },
    );
    expect(results.length).toBeGreaterThan(5);
    const distances = results.map((r) => r.distanceKm!);
    expect(distances).toEqual([...distances].sort((a, b) => a - b));
    expect(results.some((r) => r.earliestSlot !== null)).toBe(true);
  });

  it('can run twice without duplicating anything', async () => {
    await seedDirectory(database.db, NOW);
    const { rows } = await sql<{ n: number }>`select count(*)::int as n from services`.execute(database.db);
    expect(rows[0]!.n).toBe(300);
  });
});
