import { Hono } from 'hono';
import { cancelClinic } from '../../db/directory/clinic-cancellation';
import type { AppDeps } from '../app';
import { requireRole } from '../auth/middleware';
import { StaffLayout } from '../auth/staff-layout';
import { WebError } from '../errors';
import { attempt, one, readForm } from './form-values';
import { cancelBookingsOfClinic } from './provider-cancellation';

/**
 * Cancels a day's clinic: its slots in one transaction, then each booking through its
 * referral workflow. A definer may cancel an empty clinic; with bookings, a provider admin.
 */
export function clinicCancellationRoutes(deps: AppDeps) {
  return new Hono().post('/directory/clinics/cancel', requireRole('B1107', 'B1120'), async (c) => {
    const values = await readForm(c);
    const input = {
      serviceId: one(values, 'serviceId'),
      date: one(values, 'date'),
      clinician: one(values, 'clinician'),
    };
    if (!/^\d{4}-\d{2}-\d{2}$/.test(input.date))
      throw new WebError('VALIDATION', 'Enter the date of the clinic, like 2026-12-01.');
    const actor = c.get('actor');
    const outcome = await attempt(() => deps.db.transaction().execute((trx) => cancelClinic(trx, actor, input)));
    if (!outcome.ok) throw new WebError('VALIDATION', Object.values(outcome.errors).join('. '));
    const lost = outcome.value;
    const refused = await cancelBookingsOfClinic(deps.temporal, lost, actor);
    return c.html(
      <StaffLayout c={c} title="Clinic cancelled">
        <h1 class="nhsuk-heading-l">Clinic cancelled</h1>
        <p>
          {lost.length === 0
            ? 'No appointments were booked in it.'
            : `${lost.length - refused.length} of ${lost.length} booked referrals are now cancelled by the provider and back on your Appointments for Booking list.`}
        </p>
        {refused.length > 0 && (
          <div class="nhsuk-warning-callout">
            <h2 class="nhsuk-warning-callout__label">Check these referrals</h2>
            <p>Their appointment slot is cancelled but the referral could not be updated: {refused.join(', ')}.</p>
          </div>
        )}
      </StaffLayout>,
    );
  });
}
