import { Hono, type Context } from 'hono';
import { DIRECTORY_PERMISSIONS } from '../../domain/directory/permissions';
import { rolesFor } from '../../domain/permissions';
import type { AppDeps } from '../deps';
import { requireRole } from '../auth/middleware';
import { readDate } from '../components/date-input';
import { statusOf } from '../errors';
import { ClinicCancellationForm, ClinicCancelledPage, type ClinicForm } from './clinic-cancellation.page';
import { attempt, one, readForm } from './form-values';

/**
 * Cancels a clinic: its slots, then each booking through its referral workflow. A provider
 * admin cancels any clinic; a definer only one with no bookings.
 */
export function clinicCancellationRoutes(deps: AppDeps) {
  const directory = deps.services.directory;
  // On each route, not app.use: the route-access test reads each route's roles.
  const cancellers = requireRole(...rolesFor(DIRECTORY_PERMISSIONS, 'cancelClinic'));
  const app = new Hono();

  const page = async (c: Context, form: ClinicForm) =>
    c.html(
      <ClinicCancellationForm c={c} services={await directory.servicesWithClinics(c.get('actor'))} form={form} />,
      Object.keys(form.errors).length > 0 ? statusOf('VALIDATION') : 200,
    );

  app.get('/directory/clinics/cancel', cancellers, (c) =>
    page(c, {
      values: { serviceId: c.req.query('serviceId') ?? '' },
      date: { day: '', month: '', year: '' },
      errors: {},
    }),
  );

  app.post('/directory/clinics/cancel', cancellers, async (c) => {
    const values = await readForm(c);
    const date = readDate(values, 'date', 'Date of the clinic');
    const outcome = await attempt(() =>
      directory.cancelClinic(c.get('actor'), {
        serviceId: one(values, 'serviceId'),
        date: date.iso ?? '',
        fromTime: one(values, 'fromTime'),
        toTime: one(values, 'toTime'),
        clinician: one(values, 'clinician'),
      }),
    );
    if (!outcome.ok) {
      // The date's own message (which box is wrong) is clearer than the schema's.
      const errors = { ...outcome.errors, ...(date.error !== undefined ? { date: date.error } : {}) };
      return page(c, { values, date: date.parts, invalidDateParts: date.invalid, errors });
    }
    const { cancelled, unfinished } = outcome.value;
    return c.html(<ClinicCancelledPage c={c} booked={cancelled.length} unfinished={unfinished} />);
  });
  return app;
}
