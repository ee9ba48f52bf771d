import { sql } from 'kysely';
import { PRIORITIES, type Priority } from '../../domain/priorities';
import { DEFAULT_BOOKING_WINDOWS } from '../../domain/directory/booking-windows';
import type { Executor } from '../executor';
import { findServices, type SearchContext, type SearchResult } from './search';
import type { SearchInput } from '../../domain/directory/search.schema';

export type Hotspot = {
  serviceId: string;
  name: string;
  flaggedByHand: boolean;
  note: string | null;
  /** Priorities at which a referrer finds no free slot inside the booking window. */
  prioritiesWithoutCapacity: Priority[];
};

/**
 * The provider's services under pressure: flagged by hand, or a directly bookable service
 * with no bookable slot in some priority's booking window. Our rule for e-RS capacity alerts.
 */
export async function providerHotspots(db: Executor, providerOrgCode: string, now: Date): Promise<Hotspot[]> {
  const defaults = sql.join(
    PRIORITIES.map(
      (p) => sql`(${p}::text, ${DEFAULT_BOOKING_WINDOWS[p].fromDays}::int, ${DEFAULT_BOOKING_WINDOWS[p].toDays}::int)`,
    ),
  );
  const rows = await sql<{
    id: number;
    name: string;
    capacity_flagged_at: Date | null;
    capacity_note: string | null;
    empty: Priority[];
  }>`
    select s.id, s.name, s.capacity_flagged_at, s.capacity_note,
      array_remove(array_agg(case when 'DBS' = any(s.request_types) and not exists (
        select 1 from slots sl
        where sl.service_id = s.id and sl.status = 'free' and sl.released_at <= ${now}::timestamptz
          and sl.start_at >= ${now}::timestamptz + make_interval(days => coalesce(bw.from_days, def.from_days))
          and sl.start_at < ${now}::timestamptz + make_interval(days => coalesce(bw.to_days, def.to_days))
      ) then def.priority end), null) as empty
    from services s
    cross join (values ${defaults}) as def (priority, from_days, to_days)
    left join booking_windows bw on bw.service_id = s.id and bw.priority = def.priority
    where s.provider_org_code = ${providerOrgCode} and s.status = 'PUBLISHED'
    group by s.id
    order by s.name`.execute(db);
  return rows.rows
    .filter((r) => r.capacity_flagged_at !== null || r.empty.length > 0)
    .map((r) => ({
      serviceId: String(r.id),
      name: r.name,
      flaggedByHand: r.capacity_flagged_at !== null,
      note: r.capacity_note,
      prioritiesWithoutCapacity: PRIORITIES.filter((p) => r.empty.includes(p)),
    }));
}

/**
 * Flags (note given) or clears (note undefined) a capacity alert by hand on a service of the
 * provider. False when the provider has no such service.
 */
export async function setCapacityFlag(
  db: Executor,
  providerOrgCode: string,
  serviceId: number,
  note: string | undefined,
): Promise<boolean> {
  const result = await db
    .updateTable('services')
    .set({
      capacity_flagged_at: note === undefined ? null : sql<Date>`now()`,
      capacity_note: note?.slice(0, 500) ?? null,
    })
    .where('id', '=', serviceId)
    .where('provider_org_code', '=', providerOrgCode)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/**
 * Services with capacity nearest to the patient (or to the alerted service when there is
 * no postcode), in the same specialty and clinic type, under the same search rules.
 */
export async function nearestAlternatives(
  db: Executor,
  alerted: Pick<SearchResult, 'serviceId' | 'specialtyCode' | 'clinicTypeCode'>,
  search: SearchInput,
  context: SearchContext,
  limit = 3,
): Promise<SearchResult[]> {
  const origin =
    search.postcode ??
    (
      await db
        .selectFrom('services')
        .select('outcode')
        .where('id', '=', Number(alerted.serviceId))
        .executeTakeFirstOrThrow()
    ).outcode;
  const results = await findServices(
    db,
    {
      ...search,
      specialtyCode: alerted.specialtyCode,
      clinicTypeCode: alerted.clinicTypeCode ?? undefined,
      clinicalTerm: undefined,
      clinician: undefined,
      postcode: origin,
      maxWaitDays: undefined,
      sortBy: 'distance',
    },
    { ...context, limit: 50 },
  );
  return results.filter((r) => !r.capacityAlert && r.serviceId !== alerted.serviceId).slice(0, limit);
}
