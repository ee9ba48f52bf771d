import type { Client } from '@temporalio/client';
import type { Actor } from '../../domain/actor';
import type { CancelledBooking } from '../../db/directory/clinic-cancellation';
import { actOnReferral, getReferral } from '../../services/referrals/referral-workflows';

/**
 * Moves each booking of a cancelled clinic to APPT_CANCELLED_BY_PROVIDER through its
 * referral workflow (which puts it back on the provider's Appointments for Booking list).
 * Returns the UBRNs the workflow refused (e.g. the referral changed meanwhile), so the
 * page can list them for the admin to deal with one by one.
 */
export async function cancelBookingsOfClinic(
  client: Client,
  bookings: CancelledBooking[],
  actor: Actor,
): Promise<string[]> {
  const refused: string[] = [];
  for (const { ubrn } of bookings) {
    try {
      const { referral } = await getReferral(client, ubrn, actor);
      await actOnReferral(
        client,
        ubrn,
        { type: 'PROVIDER_CANCEL_APPOINTMENT', expectedVersion: referral.version, reason: 'CLINIC_CANCELLED' },
        actor,
        { requestId: `clinic-cancelled-${ubrn}-${referral.version}` },
      );
    } catch {
      refused.push(ubrn);
    }
  }
  return refused;
}
