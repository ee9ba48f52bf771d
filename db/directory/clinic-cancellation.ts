import { sql } from 'kysely';
import { z } from 'zod';
import type { Actor } from '../../domain/actor';
import { DirectoryError } from './directory-error';
import type { Executor } from './executor';

export const clinicCancellationSchema = z.object({
  serviceId: z.coerce.number().int().positive(),
  date: z.iso.date({ error: 'Enter the date of the clinic' }),
  clinician: z
    .string()
    .trim()
    .transform((v) => v || undefined)
    .optional(),
});
export type ClinicCancellation = z.infer<typeof clinicCancellationSchema>;

/** A referral whose appointment was in the cancelled clinic. */
export type CancelledBooking = { ubrn: string; slotId: string; startAt: Date };

/**
 * Called after the clinic's slots are cancelled, once per affected booking set. The
 * referral workflow's provider-cancellation update belongs here: each booking becomes
 * APPT_CANCELLED_BY_PROVIDER and returns to the provider's worklist through its workflow.
 */
export type OnClinicCancelled = (bookings: CancelledBooking[], actor: Actor) => Promise<void>;

/**
 * Cancels one day's clinic of a service (optionally one clinician's), by a service definer
 * or provider admin of the owning provider. Every slot of it becomes cancelled, booked or
 * not; returns the bookings that lost their appointment.
 */
export async function cancelClinic(db: Executor, actor: Actor, raw: unknown): Promise<CancelledBooking[]> {
  const input = clinicCancellationSchema.parse(raw);
  const service = await db
    .selectFrom('services')
    .select('provider_org_code')
    .where('id', '=', input.serviceId)
    .executeTakeFirst();
  if (!service) throw new DirectoryError('NOT_FOUND', 'There is no such service');
  if (!['B1107', 'B1120'].includes(actor.role) || service.provider_org_code !== actor.orgCode) {
    throw new DirectoryError('NOT_PERMITTED', 'Only the provider of the service can cancel its clinics');
  }
  // Lock first, then read each slot's UBRN before the update clears it.
  const rows = await sql<{ id: number; ubrn: string | null; start_at: Date }>`
    with hit as (
      select id, ubrn, start_at from slots
      where service_id = ${input.serviceId}
        and status <> 'cancelled'
        and (start_at at time zone 'Europe/London')::date = ${input.date}::date
        and (${input.clinician ?? null}::text is null or clinician = ${input.clinician ?? null}::text)
      for update
    )
    update slots set status = 'cancelled', ubrn = null, booked_at = null
    from hit where slots.id = hit.id
    returning hit.id, hit.ubrn, hit.start_at`.execute(db);
  return rows.rows
    .filter((r) => r.ubrn !== null)
    .map((r) => ({ ubrn: r.ubrn!, slotId: String(r.id), startAt: r.start_at }));
}
