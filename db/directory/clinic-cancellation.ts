import { sql } from 'kysely';
import type { ClinicCancellation } from '../../domain/directory/clinic-cancellation.schema';
import type { Executor } from '../executor';

/** A slot of a clinic about to be cancelled; `ubrn` is the referral booked into it, if any. */
export type ClinicSlot = { id: number; ubrn: string | null; startAt: Date };

/**
 * The clinic's slots that are not cancelled yet: the service's slots on one UK day, between
 * the UK times and of the clinician given. Locked until the transaction ends, so no booking
 * slips in between reading them and cancelling them.
 */
export async function lockClinicSlots(db: Executor, clinic: ClinicCancellation): Promise<ClinicSlot[]> {
  const from = clinic.fromTime ?? null;
  const to = clinic.toTime ?? null;
  const clinician = clinic.clinician ?? null;
  const hit = await sql<{ id: number; ubrn: string | null; start_at: Date }>`
    select id, ubrn, start_at from slots
    where service_id = ${clinic.serviceId}
      and status <> 'cancelled'
      and (start_at at time zone 'Europe/London')::date = ${clinic.date}::date
      and (${from}::time is null or (start_at at time zone 'Europe/London')::time >= ${from}::time)
      and (${to}::time is null or (start_at at time zone 'Europe/London')::time < ${to}::time)
      and (${clinician}::text is null or clinician = ${clinician}::text)
    for update`.execute(db);
  return hit.rows.map((r) => ({ id: r.id, ubrn: r.ubrn, startAt: r.start_at }));
}

/** Cancels the slots, freeing them of their bookings: the referrals are moved separately. */
export async function cancelSlots(db: Executor, slotIds: number[]): Promise<void> {
  if (slotIds.length === 0) return;
  await db
    .updateTable('slots')
    .set({ status: 'cancelled', ubrn: null, booked_at: null })
    .where('id', 'in', slotIds)
    .execute();
}
