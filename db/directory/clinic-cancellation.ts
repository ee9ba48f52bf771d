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
 * Cancels one day's clinic of a service (optionally one clinician's), by a service definer
 * or provider admin of the owning provider; with bookings in it, by a provider admin only.
 * Every slot of it becomes cancelled; returns the bookings that lost their appointment, for
 * the caller to move to provider-cancelled through their referral workflows once the
 * transaction has committed.
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
  // Lock the clinic's slots first, so no booking slips in between the check and the update.
  const hit = await sql<{ id: number; ubrn: string | null; start_at: Date }>`
    select id, ubrn, start_at from slots
    where service_id = ${input.serviceId}
      and status <> 'cancelled'
      and (start_at at time zone 'Europe/London')::date = ${input.date}::date
      and (${input.clinician ?? null}::text is null or clinician = ${input.clinician ?? null}::text)
    for update`.execute(db);
  const booked = hit.rows.filter((r) => r.ubrn !== null).length;
  // Only a provider admin may cancel appointments (the referral guard's rule), so only they
  // may cancel a clinic that has any: each booking must move to provider-cancelled.
  if (booked > 0 && actor.role !== 'B1120') {
    throw new DirectoryError(
      'NOT_PERMITTED',
      `${booked} appointments are booked in this clinic. A Service Provider Admin must cancel it, so that each referral is moved to cancelled by the provider.`,
    );
  }
  if (hit.rows.length === 0) return [];
  await db
    .updateTable('slots')
    .set({ status: 'cancelled', ubrn: null, booked_at: null })
    .where(
      'id',
      'in',
      hit.rows.map((r) => r.id),
    )
    .execute();
  return hit.rows
    .filter((r) => r.ubrn !== null)
    .map((r) => ({ ubrn: r.ubrn!, slotId: String(r.id), startAt: r.start_at }));
}
