import { sql } from 'kysely';
import type { SlotTemplateInput } from '../../domain/directory/service.schema';
import type { Executor } from '../executor';

/** Adds a weekly clinic to a service. Returns the template's id. */
export async function insertSlotTemplate(
  db: Executor,
  serviceId: number,
  template: SlotTemplateInput,
): Promise<number> {
  const row = await db
    .insertInto('slot_templates')
    .values({
      service_id: serviceId,
      weekday: template.weekday,
      start_time: template.startTime,
      slot_minutes: template.slotMinutes,
      slot_count: template.slotCount,
      clinician: template.clinician,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** A service's weekly clinics, Monday first, by start time. */
export async function slotTemplatesOf(db: Executor, serviceId: number): Promise<SlotTemplateInput[]> {
  const rows = await db
    .selectFrom('slot_templates')
    .select(['weekday', 'start_time', 'slot_minutes', 'slot_count', 'clinician'])
    .where('service_id', '=', serviceId)
    .orderBy('weekday')
    .orderBy('start_time')
    .execute();
  return rows.map((t) => ({
    weekday: t.weekday,
    // The column is a time: PostgreSQL gives seconds the form never asks for.
    startTime: t.start_time.slice(0, 5),
    slotMinutes: t.slot_minutes,
    slotCount: t.slot_count,
    clinician: t.clinician,
  }));
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
