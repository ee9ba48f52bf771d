import { sql } from 'kysely';
import type { Actor } from '../../domain/actor';
import { CarepathError } from '../../domain/errors';
import type { Executor } from '../executor';
import { slotTemplateInputSchema } from './service.schema';

/** Adds a weekly clinic template to a service the definer's organisation owns. */
export async function addSlotTemplate(db: Executor, actor: Actor, serviceId: number, raw: unknown): Promise<number> {
  const service = await db
    .selectFrom('services')
    .select(['provider_org_code', 'request_types'])
    .where('id', '=', serviceId)
    .executeTakeFirst();
  if (!service) throw new CarepathError('NOT_FOUND', 'There is no such service');
  if (actor.role !== 'B1107' || service.provider_org_code !== actor.orgCode) {
    throw new CarepathError('NOT_PERMITTED', 'Only a service definer of the provider can manage its slots');
  }
  if (!service.request_types.includes('DBS')) {
    throw new CarepathError('INVALID_REQUEST_STATE', 'Only a directly bookable service has slots');
  }
  const parsed = slotTemplateInputSchema.safeParse(raw);
  if (!parsed.success) {
    throw CarepathError.fromIssues('Check the clinic details', parsed.error.issues);
  }
  const t = parsed.data;
  const row = await db
    .insertInto('slot_templates')
    .values({
      service_id: serviceId,
      weekday: t.weekday,
      start_time: t.startTime,
      slot_minutes: t.slotMinutes,
      slot_count: t.slotCount,
      clinician: t.clinician,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/**
 * Turns weekly templates into slots from today to the end of each service's polling range.
 * Template times are Europe/London wall-clock times: PostgreSQL's `at time zone` maps each
 * local date and time to the right UTC instant, so a 09:00 clinic stays at 09:00 across the
 * March and October clock changes. Idempotent: an existing slot (same service, start and
 * clinician) is left alone, so this can run every night to roll the range forward.
 * New slots are hidden from referrers for the service's reservation period.
 * Returns the number of slots created. Without `serviceId` it covers every published service.
 */
export async function generateSlots(db: Executor, input: { serviceId?: number; now: Date }): Promise<number> {
  const result = await sql`
    insert into slots (service_id, start_at, end_at, clinician, released_at)
    select g.service_id, g.start_at, g.start_at + make_interval(mins => g.slot_minutes), g.clinician,
           ${input.now}::timestamptz + make_interval(hours => g.reservation_hours)
    from (
      select t.service_id, t.slot_minutes, t.clinician, s.reservation_hours,
             ((day + t.start_time + make_interval(mins => n * t.slot_minutes))::timestamp
               at time zone 'Europe/London') as start_at
      from slot_templates t
      join services s on s.id = t.service_id and s.status <> 'RETIRED'
      cross join lateral generate_series(
        (${input.now}::timestamptz at time zone 'Europe/London')::date,
        (${input.now}::timestamptz at time zone 'Europe/London')::date + s.polling_range_days - 1,
        interval '1 day') as day
      cross join lateral generate_series(0, t.slot_count - 1) as n
      where extract(isodow from day) = t.weekday
        and (${input.serviceId ?? null}::bigint is null or t.service_id = ${input.serviceId ?? null}::bigint)
    ) g
    where g.start_at > ${input.now}::timestamptz
    on conflict (service_id, start_at, clinician) do nothing`.execute(db);
  return Number(result.numAffectedRows ?? 0);
}
