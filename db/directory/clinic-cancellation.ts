import { sql } from 'kysely';
import { z } from 'zod';
import type { Actor } from '../../domain/actor';
import { appendAudit } from '../audit/audit.repository';
import { CarepathError } from '../../domain/errors';
import type { Executor } from '../executor';
import { auditOf } from './service-management';
import { timeSchema } from './service.schema';

const optionalText = z
  .string()
  .trim()
  .transform((v) => v || undefined)
  .optional();
const optionalTime = z.preprocess(
  (v) => (typeof v === 'string' && v.trim() === '' ? undefined : v),
  timeSchema.optional(),
);

export const clinicCancellationSchema = z
  .object({
    serviceId: z.coerce.number({ error: 'Choose the service' }).int().positive('Choose the service'),
    date: z.iso.date({ error: 'Enter the date of the clinic' }),
    fromTime: optionalTime,
    toTime: optionalTime,
    clinician: optionalText,
  })
  // Times are zero-padded 24-hour strings, so text order is time order.
  .refine((v) => !v.fromTime || !v.toTime || v.toTime > v.fromTime, {
    path: ['toTime'],
    message: 'The end time must be after the start time',
  });
export type ClinicCancellation = z.infer<typeof clinicCancellationSchema>;

/** A referral whose appointment was in the cancelled clinic. */
export type CancelledBooking = { ubrn: string; slotId: string; startAt: Date };

/**
 * Cancels a clinic of a service: its slots on one day, optionally only between two UK times
 * and only one clinician's. By a service definer or provider admin of the owning provider;
 * with bookings in it, by a provider admin only. Every matching slot becomes cancelled;
 * returns the bookings that lost their appointment, for the caller to move to
 * provider-cancelled through their referral workflows once the transaction has committed.
 */
export async function cancelClinic(db: Executor, actor: Actor, raw: unknown): Promise<CancelledBooking[]> {
  const parsed = clinicCancellationSchema.safeParse(raw);
  if (!parsed.success) throw CarepathError.fromIssues('Check the clinic details', parsed.error.issues);
  const input = parsed.data;
  const service = await db
    .selectFrom('services')
    .select('provider_org_code')
    .where('id', '=', input.serviceId)
    .executeTakeFirst();
  if (!service) throw new CarepathError('NOT_FOUND', 'There is no such service');
  if (!['B1107', 'B1120'].includes(actor.role) || service.provider_org_code !== actor.orgCode) {
    throw new CarepathError('NOT_PERMITTED', 'Only the provider of the service can cancel its clinics');
  }
  const from = input.fromTime ?? null;
  const to = input.toTime ?? null;
  const clinician = input.clinician ?? null;
  // Lock the clinic's slots first, so no booking slips in between the check and the update.
  const hit = await sql<{ id: number; ubrn: string | null; start_at: Date }>`
    select id, ubrn, start_at from slots
    where service_id = ${input.serviceId}
      and status <> 'cancelled'
      and (start_at at time zone 'Europe/London')::date = ${input.date}::date
      and (${from}::time is null or (start_at at time zone 'Europe/London')::time >= ${from}::time)
      and (${to}::time is null or (start_at at time zone 'Europe/London')::time < ${to}::time)
      and (${clinician}::text is null or clinician = ${clinician}::text)
    for update`.execute(db);
  const booked = hit.rows.filter((r) => r.ubrn !== null);
  // Only a provider admin may cancel appointments (the referral guard's rule), so only they
  // may cancel a clinic that has any: each booking must move to provider-cancelled.
  if (booked.length > 0 && actor.role !== 'B1120') {
    throw new CarepathError(
      'NOT_PERMITTED',
      `${booked.length} appointments are booked in this clinic. A Service Provider Admin must cancel it, so that each referral is moved to cancelled by the provider.`,
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
  await appendAudit(db, {
    ...auditOf(actor, 'clinic.cancelled', input.serviceId),
    detail: { ...input, slots: hit.rows.length, ubrns: booked.map((r) => r.ubrn) },
  });
  return booked.map((r) => ({ ubrn: r.ubrn!, slotId: String(r.id), startAt: r.start_at }));
}

/**
 * Records the bookings whose slot was cancelled but whose referral the workflow would not
 * move to provider-cancelled: the audit trail must say who still needs action, not only
 * the page the admin may close.
 */
export async function recordUnfinishedCancellation(
  db: Executor,
  actor: Actor,
  serviceId: number,
  ubrns: string[],
): Promise<void> {
  await appendAudit(db, { ...auditOf(actor, 'clinic.cancellation_incomplete', serviceId), detail: { ubrns } });
}
