import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/database';
import type { NewService, ServiceRequestType } from '../../db/directory/directory.table';
import { distanceKmSql } from '../../db/directory/search';
import { generateSlots } from '../../db/directory/slot-generation';
import { addOrganisations, addPostcodeDistricts } from '../../fixtures/directory';
import { DEMO_AREAS, DEMO_CLINICIANS, DEMO_DISTRICTS, DEMO_PROVIDERS } from './places';

const SERVICE_COUNT = 300;
const SPECIALTY_COUNT = 20;

// One in ten of each: triage with advice, IBS; the rest directly bookable, some with advice.
function requestTypesOf(i: number): ServiceRequestType[] {
  if (i % 10 === 8) return ['TRIAGE', 'ADVICE'];
  if (i % 10 === 7) return ['IBS'];
  return i % 10 === 9 ? ['DBS', 'ADVICE'] : ['DBS'];
}

/**
 * Demo Directory of Services: the demo provider trusts (ours when identity seeded fewer than
 * 30) and commissioning areas, 300 published
 * services across 20 specialties, 12 weeks of slots from weekly clinics, and local services
 * commissioned in their provider's area. Leaves organisations that already exist as they are.
 * Bulk statements only: it runs on embedded PGlite at the first `npm start`.
 */
export async function seedDirectory(db: Kysely<Database>, now = new Date()): Promise<string[]> {
  await addPostcodeDistricts(
    db,
    DEMO_DISTRICTS.map(([outcode, lat, lng]) => ({ outcode, lat, lng })),
  );
  await ensureOrganisations(db);
  const providers = await sql<{ ods_code: string; name: string; outcode: string; postcode: string }>`
    select o.ods_code, o.name, d.outcode, upper(o.postcode) as postcode from organisations o
    join postcode_districts d on d.outcode = split_part(upper(o.postcode), ' ', 1)
    where o.type = 'PROVIDER' order by o.ods_code`.execute(db);

  const specialties = await db
    .selectFrom('specialties as s')
    .innerJoin('clinic_types as c', 'c.specialty_code', 's.code')
    .select([
      's.code',
      's.name',
      sql<string[]>`array_agg(c.code order by c.code)`.as('clinic_codes'),
      sql<string[]>`array_agg(c.name order by c.code)`.as('clinic_names'),
    ])
    .where('s.code', '!=', '2WW')
    .groupBy(['s.code', 's.name'])
    .orderBy('s.code')
    .limit(SPECIALTY_COUNT)
    .execute();

  const services: NewService[] = [];
  for (let i = 0; i < SERVICE_COUNT; i++) {
    const { ods_code: code, name: providerName, outcode, postcode } = providers.rows[i % providers.rows.length]!;
    const specialty = specialties[i % specialties.length]!;
    const clinic = Math.floor(i / specialties.length) % specialty.clinic_codes.length;
    const site = providerName.replace(/ (Teaching )?(Hospitals? )?NHS( Foundation)? Trust$/, '').replace(/^The /, '');
    const clinicName = specialty.clinic_names[clinic]!;
    services.push({
      provider_org_code: code,
      name: `${site} ${specialty.name}${clinicName === 'Not Otherwise Specified' ? '' : ` - ${clinicName}`} (${i + 1})`,
      status: 'PUBLISHED',
      version: 1,
      request_types: requestTypesOf(i),
      specialty_code: specialty.code,
      clinic_type_code: specialty.clinic_codes[clinic]!,
      location: `${site} outpatients`,
      // For the patient's letter; 01632 960xxx is Ofcom's range for drama, never a real line.
      address: `${providerName}, ${postcode}`,
      telephone: `01632 960${String(i % 1000).padStart(3, '0')}`,
      outcode,
      age_min: specialty.code === 'CHILDRENS_AND_ADOLESCENT_SERVICES' ? 0 : 16,
      age_max: specialty.code === 'CHILDRENS_AND_ADOLESCENT_SERVICES' ? 17 : 120,
      sex_treated: specialty.code === 'GYNAECOLOGY' ? 'FEMALE' : 'ANY',
      conditions_treated: `${clinicName} conditions in ${specialty.name.toLowerCase()}`,
      indicative_wait_days: 14 + ((i * 7) % 90),
      clinicians: [DEMO_CLINICIANS[i % DEMO_CLINICIANS.length]!, DEMO_CLINICIANS[(i + 5) % DEMO_CLINICIANS.length]!],
      instructions: 'Include recent blood results where relevant.',
      // A quarter are local ("primary care menu") services, visible through commissioning.
      national: i % 4 !== 0,
    });
  }
  await db
    .insertInto('services')
    .values(services)
    .onConflict((oc) => oc.column('name').doNothing())
    .execute();
  await sql`insert into service_versions (service_id, version, definition, published_by)
    select id, 1, to_jsonb(s) - 'capacity_flagged_at' - 'capacity_note', 'demo-seed' from services s
    on conflict do nothing`.execute(db);

  // Two weekly clinics per directly bookable service; every seventeenth has none (a capacity hotspot).
  await sql`insert into slot_templates (service_id, weekday, start_time, slot_minutes, slot_count, clinician)
    select s.id, 1 + (s.id + k) % 5, (case k when 0 then time '09:00' else time '13:30' end), 20, 8, s.clinicians[1 + k]
    from services s cross join generate_series(0, 1) k
    where 'DBS' = any(s.request_types) and s.id % 17 <> 0
      and not exists (select 1 from slot_templates t where t.service_id = s.id)`.execute(db);
  const slots = await generateSlots(db, { now });

  // Each local service is commissioned by the area nearest its provider.
  await sql`insert into commissioning_rules (service_id, commissioning_area, starts_on, created_by)
    select s.id, (
      select c.ods_code from organisations c join postcode_districts cd on cd.outcode = split_part(upper(c.postcode), ' ', 1)
      where c.type = 'COMMISSIONER' order by ${distanceKmSql('cd', 'sd')} limit 1
    ), date '2026-01-01', 'demo-seed'
    from services s join postcode_districts sd on sd.outcode = s.outcode
    where not s.national and not exists (select 1 from commissioning_rules r where r.service_id = s.id)`.execute(db);
  await sql`update services set capacity_flagged_at = now(), capacity_note = 'Consultant vacancy: long waits'
    where id % 23 = 0 and capacity_flagged_at is null`.execute(db);

  return [
    `Directory of Services: ${services.length} services from ${providers.rows.length} providers, ${slots} new slots`,
  ];
}

/** Adds our demo commissioners and providers only when the identity demo data has too few. */
async function ensureOrganisations(db: Kysely<Database>): Promise<void> {
  const counts = await db
    .selectFrom('organisations')
    .select(['type', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy('type')
    .execute();
  const count = (type: string) => Number(counts.find((c) => c.type === type)?.n ?? 0);
  if (count('COMMISSIONER') < 5) {
    await addOrganisations(
      db,
      DEMO_AREAS.map(([ods_code, name, postcode]) => ({ ods_code, name, type: 'COMMISSIONER', postcode })),
    );
  }
  if (count('PROVIDER') < 30) {
    // Illustrative postcodes: the inward part is made up, the district is the trust's.
    await addOrganisations(
      db,
      DEMO_PROVIDERS.map(([ods_code, name, outcode]) => ({
        ods_code,
        name,
        type: 'PROVIDER',
        postcode: `${outcode} 1AA`,
      })),
    );
  }
}
