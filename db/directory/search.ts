import { sql, type RawBuilder } from 'kysely';
import type { Priority } from '../../domain/priorities';
import { DEFAULT_BOOKING_WINDOWS } from '../../domain/directory/booking-windows';
import { visibleToReferrer } from './commissioning';
import { CarepathError } from '../../domain/errors';
import type { ServiceRequestType } from './directory.table';
import type { Executor } from '../executor';
import { searchInputSchema, type SearchInput } from '../../domain/directory/search.schema';

export type SearchResult = {
  serviceId: string;
  name: string;
  providerOrgCode: string;
  specialtyCode: string;
  clinicTypeCode: string | null;
  location: string;
  requestTypes: ServiceRequestType[];
  /** Kilometres from the patient's postcode district; null without a postcode. */
  distanceKm: number | null;
  /** The earliest slot a referrer can book at this priority (DBS only). */
  earliestSlot: Date | null;
  /** Days to the earliest slot, else the service's indicative wait. */
  waitDays: number;
  capacityAlert: boolean;
};

export type SearchContext = { referrerOrgCode: string; now: Date; limit?: number };

/** Great-circle distance in km between two postcode districts' centroids (haversine, earth radius 6371 km). */
export function distanceKmSql(a: string, b: string): RawBuilder<number> {
  return sql<number>`(6371 * 2 * asin(sqrt(
    power(sin(radians(${sql.ref(`${b}.lat`)} - ${sql.ref(`${a}.lat`)}) / 2), 2)
    + cos(radians(${sql.ref(`${a}.lat`)})) * cos(radians(${sql.ref(`${b}.lat`)}))
      * power(sin(radians(${sql.ref(`${b}.lng`)} - ${sql.ref(`${a}.lng`)}) / 2), 2))))`;
}

/** The booking window of each service at this priority: its own row, else our default. */
function windowBounds(priority: Priority, now: Date) {
  const fallback = DEFAULT_BOOKING_WINDOWS[priority];
  return {
    from: sql`${now}::timestamptz + make_interval(days => coalesce(bw.from_days, ${fallback.fromDays}))`,
    to: sql`${now}::timestamptz + make_interval(days => coalesce(bw.to_days, ${fallback.toDays}))`,
  };
}

/**
 * Directory of Services search for a referrer, from the form as sent: `parseSearch`, then
 * `findServices`. Throws VALIDATION with field messages for a refused search.
 */
export async function searchServices(db: Executor, raw: unknown, context: SearchContext): Promise<SearchResult[]> {
  return findServices(db, await parseSearch(db, raw), context);
}

/** The search as e-RS allows it (see `searchInputSchema`), with a postcode district we can place. */
export async function parseSearch(db: Executor, raw: unknown): Promise<SearchInput> {
  const parsed = searchInputSchema.safeParse(raw);
  if (!parsed.success) {
    throw CarepathError.fromIssues('Check the search', parsed.error.issues);
  }
  const input = parsed.data;
  if (input.postcode) {
    const known = await db
      .selectFrom('postcode_districts')
      .select('outcode')
      .where('outcode', '=', input.postcode)
      .executeTakeFirst();
    if (!known)
      throw new CarepathError('VALIDATION', 'Check the search', {
        postcode: `We have no location for postcode district ${input.postcode}`,
      });
  }
  return input;
}

/**
 * Published services visible to the referrer's commissioning area today, filtered and sorted
 * by the e-RS rules.
 */
export async function findServices(db: Executor, input: SearchInput, context: SearchContext): Promise<SearchResult[]> {
  const { now } = context;
  const today = londonDate(now);
  const { from, to } = windowBounds(input.priority, now);
  const filters: RawBuilder<unknown>[] = [
    sql`s.status = 'PUBLISHED'`,
    visibleToReferrer(context.referrerOrgCode, today),
  ];
  if (input.specialtyCode) filters.push(sql`s.specialty_code = ${input.specialtyCode}`);
  if (input.clinicTypeCode) filters.push(sql`s.clinic_type_code = ${input.clinicTypeCode}`);
  // Terms and names match whole words or their beginnings ("glauc" finds glaucoma), through
  // the GIN index on directory_words (weight A: name and conditions; B: clinicians).
  if (input.clinicalTerm) filters.push(matches(input.clinicalTerm, 'A'));
  if (input.clinician) filters.push(matches(input.clinician, 'B'));
  if (!input.includeAllAgesAndSexes) {
    filters.push(sql`${input.patientAge!} between s.age_min and s.age_max`);
    // Services for one sex only take patients recorded as that sex.
    const sex = input.patientSex === 'female' ? 'FEMALE' : input.patientSex === 'male' ? 'MALE' : null;
    filters.push(sql`(s.sex_treated = 'ANY' or s.sex_treated = ${sex})`);
  }
  const sortBy = input.sortBy ?? (input.postcode ? 'distance' : 'wait');
  const distance = input.postcode ? distanceKmSql('p', 'd') : sql<number | null>`null::float8`;
  const outer: RawBuilder<unknown>[] = [sql`true`];
  if (input.maxDistanceKm !== undefined) outer.push(sql`distance_km <= ${input.maxDistanceKm}`);
  if (input.maxWaitDays !== undefined) outer.push(sql`wait_days <= ${input.maxWaitDays}`);
  const order =
    sortBy === 'distance' ? sql`distance_km, wait_days, name` : sql`wait_days, distance_km nulls last, name`;

  const rows = await sql<SearchRow>`
    select * from (
      select s.id, s.name, s.provider_org_code, s.specialty_code, s.clinic_type_code, s.location, s.request_types,
             ${distance} as distance_km, e.earliest,
             coalesce(ceil(extract(epoch from e.earliest - ${now}::timestamptz) / 86400)::int, s.indicative_wait_days) as wait_days,
             (s.capacity_flagged_at is not null or ('DBS' = any(s.request_types) and e.earliest is null)) as capacity_alert
      from services s
      left join postcode_districts d on d.outcode = s.outcode
      left join postcode_districts p on p.outcode = ${input.postcode ?? null}
      left join booking_windows bw on bw.service_id = s.id and bw.priority = ${input.priority}
      left join lateral (
        select min(sl.start_at) as earliest from slots sl
        where sl.service_id = s.id and sl.status = 'free' and 'DBS' = any(s.request_types)
          and sl.start_at >= ${from} and sl.start_at < ${to} and sl.released_at <= ${now}::timestamptz
      ) e on true
      where ${sql.join(filters, sql` and `)}
    ) found
    where ${sql.join(outer, sql` and `)}
    order by ${order}
    limit ${context.limit ?? 50}`.execute(db);
  return rows.rows.map(toResult);
}

type SearchRow = {
  id: number;
  name: string;
  provider_org_code: string;
  specialty_code: string;
  clinic_type_code: string | null;
  location: string;
  request_types: ServiceRequestType[];
  distance_km: number | null;
  earliest: Date | null;
  wait_days: number;
  capacity_alert: boolean;
};

function toResult(r: SearchRow): SearchResult {
  return {
    serviceId: String(r.id),
    name: r.name,
    providerOrgCode: r.provider_org_code,
    specialtyCode: r.specialty_code,
    clinicTypeCode: r.clinic_type_code,
    location: r.location,
    requestTypes: r.request_types,
    distanceKm: r.distance_km === null ? null : Math.round(r.distance_km * 10) / 10,
    earliestSlot: r.earliest,
    waitDays: r.wait_days,
    capacityAlert: r.capacity_alert,
  };
}

/** Every word of the text as a prefix, restricted to one weight of `directory_words`. */
function matches(text: string, weight: 'A' | 'B'): RawBuilder<unknown> {
  const words = text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  const query = words.map((w) => `${w}:*${weight}`).join(' & ');
  if (!query) return sql`false`;
  return sql`directory_words(s.name, s.conditions_treated, s.clinicians) @@ to_tsquery('simple', ${query})`;
}

/** The calendar date in England at `now`: commissioning rules start and end on English dates. */
export function londonDate(now: Date): string {
  return now.toLocaleDateString('en-CA', { timeZone: 'Europe/London' });
}
