import type { Kysely } from 'kysely';
import type { Database } from '../database';
import type { NewService } from './directory.table';

/** Test data: a small world of districts and organisations around Leeds and Manchester. */
export async function seedTestWorld(db: Kysely<Database>): Promise<void> {
  await db
    .insertInto('postcode_districts')
    .values([
      { outcode: 'LS1', lat: 53.7965, lng: -1.5479 },
      { outcode: 'LS6', lat: 53.8195, lng: -1.5785 },
      { outcode: 'BD1', lat: 53.7935, lng: -1.7521 },
      { outcode: 'M1', lat: 53.4794, lng: -2.2353 },
    ])
    .execute();
  await db
    .insertInto('organisations')
    .values([
      { ods_code: 'QWO', name: 'West Yorkshire ICB', type: 'COMMISSIONER', postcode: null, commissioning_area: null },
      {
        ods_code: 'QOP',
        name: 'Greater Manchester ICB',
        type: 'COMMISSIONER',
        postcode: null,
        commissioning_area: null,
      },
      { ods_code: 'B86001', name: 'Leeds GP', type: 'GP_PRACTICE', postcode: 'LS6 1AA', commissioning_area: 'QWO' },
      { ods_code: 'P84001', name: 'Manchester GP', type: 'GP_PRACTICE', postcode: 'M1 1AA', commissioning_area: 'QOP' },
      {
        ods_code: 'RR8',
        name: 'Leeds Teaching Hospitals',
        type: 'PROVIDER',
        postcode: 'LS1 3EX',
        commissioning_area: null,
      },
      {
        ods_code: 'RW3',
        name: 'Manchester University',
        type: 'PROVIDER',
        postcode: 'M13 9WL',
        commissioning_area: null,
      },
    ])
    .execute();
}

/** Inserts a published national cardiology service unless told otherwise; returns its id. */
export async function addService(
  db: Kysely<Database>,
  overrides: Partial<NewService> & { name: string },
): Promise<number> {
  const row = await db
    .insertInto('services')
    .values({
      provider_org_code: 'RR8',
      status: 'PUBLISHED',
      request_types: ['DBS'],
      specialty_code: 'CARDIOLOGY',
      location: 'Leeds General Infirmary',
      outcode: 'LS1',
      indicative_wait_days: 30,
      national: true,
      ...overrides,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** A free slot `daysAhead` days after `now`, already released to referrers. */
export async function addFreeSlot(
  db: Kysely<Database>,
  serviceId: number,
  now: Date,
  daysAhead: number,
): Promise<number> {
  const start = new Date(now.getTime() + daysAhead * 86_400_000);
  const row = await db
    .insertInto('slots')
    .values({
      service_id: serviceId,
      start_at: start,
      end_at: new Date(start.getTime() + 20 * 60_000),
      clinician: 'Dr Jones',
      released_at: new Date(now.getTime() - 86_400_000),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}
