import type { Client } from '@temporalio/client';
import type { Actor } from '../../domain/actor';
import { clinicCancellationSchema } from '../../domain/directory/clinic-cancellation.schema';
import { DIRECTORY_PERMISSIONS } from '../../domain/directory/permissions';
import { CarepathError } from '../../domain/errors';
import { isPermitted, requirePermission } from '../../domain/permissions';
import type { Executor } from '../../db/executor';
import { cancelSlots, lockClinicSlots } from '../../db/directory/clinic-cancellation';
import { recordServiceAudit } from '../../db/directory/service-management';
import { listServices } from '../../db/directory/services.repository';
import { actOnReferral, getReferral } from '../referrals/referral-workflows';
import type { ServiceDeps } from '../deps';
import { lockOwnService } from './own-service';
import type { ServiceListing } from './service-definitions';

/** A referral whose appointment was in the cancelled clinic. */
export type CancelledBooking = { ubrn: string; slotId: string; startAt: Date };

/** What cancelling a clinic did: the bookings it cancelled, and those whose referral still needs someone to act. */
export type ClinicCancelled = { cancelled: CancelledBooking[]; unfinished: string[] };

/**
 * Cancels every matching slot of a service of the actor's provider, in one transaction.
 * Returns the service and the bookings that lost their appointment.
 */
async function cancelClinicSlots(
  db: Executor,
  actor: Actor,
  raw: unknown,
): Promise<{ serviceId: number; cancelled: CancelledBooking[] }> {
  const parsed = clinicCancellationSchema.safeParse(raw);
  if (!parsed.success) throw CarepathError.fromIssues('Check the clinic details', parsed.error.issues);
  const clinic = parsed.data;
  await lockOwnService(db, actor, clinic.serviceId);
  const slots = await lockClinicSlots(db, clinic);
  const booked = slots.filter((slot) => slot.ubrn !== null);
  if (booked.length > 0 && !isPermitted(DIRECTORY_PERMISSIONS, 'cancelBookedClinic', actor.role)) {
    throw new CarepathError(
      'NOT_PERMITTED',
      `${booked.length} appointments are booked in this clinic. A Service Provider Admin must cancel it, so that each referral is moved to cancelled by the provider.`,
    );
  }
  if (slots.length === 0) return { serviceId: clinic.serviceId, cancelled: [] };
  await cancelSlots(
    db,
    slots.map((slot) => slot.id),
  );
  await recordServiceAudit(db, actor, 'clinic.cancelled', clinic.serviceId, {
    ...clinic,
    slots: slots.length,
    ubrns: booked.map((slot) => slot.ubrn),
  });
  const cancelled = booked.map((slot) => ({ ubrn: slot.ubrn!, slotId: String(slot.id), startAt: slot.startAt }));
  return { serviceId: clinic.serviceId, cancelled };
}

/**
 * Moves each booking to APPT_CANCELLED_BY_PROVIDER through its referral workflow, which puts
 * it back on the provider's Appointments for Booking list. Only a CarepathError is a refusal
 * (the referral changed meanwhile, or its workflow has gone). Anything else is an outage: it
 * stops the moves and comes back with the bookings not yet tried, for the caller to audit and
 * rethrow, so the admin reads "cannot reach", never "refused".
 */
async function moveToCancelledByProvider(
  temporal: Client,
  bookings: CancelledBooking[],
  actor: Actor,
): Promise<{ refused: string[]; untried: string[]; outage?: unknown }> {
  const refused: string[] = [];
  for (const [index, { ubrn }] of bookings.entries()) {
    try {
      const { referral } = await getReferral(temporal, ubrn, actor);
      await actOnReferral(
        temporal,
        ubrn,
        { type: 'PROVIDER_CANCEL_APPOINTMENT', expectedVersion: referral.version, reason: 'CLINIC_CANCELLED' },
        actor,
        { requestId: `clinic-cancelled-${ubrn}-${referral.version}` },
      );
    } catch (error) {
      if (!(error instanceof CarepathError)) {
        return { refused, untried: bookings.slice(index).map((b) => b.ubrn), outage: error };
      }
      refused.push(ubrn);
    }
  }
  return { refused, untried: [] };
}

/** Provider staff cancel a day's clinic; its bookings move to cancelled-by-provider through their workflows. */
export function clinicCancellationService({ db, temporal }: Pick<ServiceDeps, 'db' | 'temporal'>) {
  return {
    /** The actor's directly bookable services that are not retired: only they have clinics. */
    async servicesWithClinics(actor: Actor): Promise<ServiceListing[]> {
      requirePermission(DIRECTORY_PERMISSIONS, 'cancelClinic', actor);
      return listServices(db, {
        providerOrgCode: actor.orgCode,
        statuses: ['DRAFT', 'PUBLISHED'],
        requestType: 'DBS',
      });
    },

    /**
     * Cancels a clinic: its slots in one transaction, then each booking through its referral
     * workflow once that has committed. A provider admin cancels any clinic; a definer only one
     * with no bookings.
     */
    async cancelClinic(actor: Actor, raw: unknown): Promise<ClinicCancelled> {
      requirePermission(DIRECTORY_PERMISSIONS, 'cancelClinic', actor);
      const { serviceId, cancelled } = await db.transaction().execute((trx) => cancelClinicSlots(trx, actor, raw));
      const moved = await moveToCancelledByProvider(temporal, cancelled, actor);
      const unfinished = [...moved.refused, ...moved.untried];
      // The audit trail must say who still needs action, not only the page the admin may close.
      if (unfinished.length > 0) {
        await recordServiceAudit(db, actor, 'clinic.cancellation_incomplete', serviceId, { ubrns: unfinished });
      }
      if (moved.outage !== undefined) throw moved.outage;
      return { cancelled, unfinished };
    },
  };
}
