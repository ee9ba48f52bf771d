import { Hono, type Context } from 'hono';
import { cancelClinic, recordUnfinishedCancellation } from '../../db/directory/clinic-cancellation';
import type { AppDeps } from '../app';
import { requireRole } from '../auth/middleware';
import { ClinicCancellationForm, ClinicCancelledPage, type ClinicForm } from './clinic-cancellation.page';
import { readDate } from '../components/date-input';
import { attempt, one, readForm } from './form-values';
import { cancelBookingsOfClinic } from './provider-cancellation';

/**
 * Cancels a clinic: its slots in one transaction, then each booking through its referral
 * workflow. A provider admin cancels any clinic; a definer only one with no bookings.
 */
export function clinicCancellationRoutes(deps: AppDeps) {
  const { db } = deps;
  // On each route, not app.use: the route-access test reads each route's roles.
  const definersAndAdmins = requireRole('B1107', 'B1120');
  const app = new Hono();

  const page = async (c: Context, form: ClinicForm, status: 200 | 422 = 200) => {
    // Only directly bookable services have slots, hence clinics.
    const services = await db
      .selectFrom('services')
      .select(['id', 'name'])
      .where('provider_org_code', '=', c.get('actor').orgCode)
      .where('status', '<>', 'RETIRED')
      .where((eb) => eb(eb.val('DBS'), '=', eb.fn.any('request_types')))
      .orderBy('name')
      .execute();
    return c.html(<ClinicCancellationForm c={c} services={services} form={form} />, status);
  };

  app.get('/directory/clinics/cancel', definersAndAdmins, (c) =>
    page(c, {
      values: { serviceId: c.req.query('serviceId') ?? '' },
      date: { day: '', month: '', year: '' },
      errors: {},
    }),
  );

  app.post('/directory/clinics/cancel', definersAndAdmins, async (c) => {
    const values = await readForm(c);
    const date = readDate(values, 'date', 'Date of the clinic');
    const actor = c.get('actor');
    const input = {
      serviceId: one(values, 'serviceId'),
      date: date.iso ?? '',
      fromTime: one(values, 'fromTime'),
      toTime: one(values, 'toTime'),
      clinician: one(values, 'clinician'),
    };
    const outcome = await attempt(() => db.transaction().execute((trx) => cancelClinic(trx, actor, input)));
    if (!outcome.ok) {
      // The date's own message (which box is wrong) is clearer than the schema's.
      const errors = { ...outcome.errors, ...(date.error !== undefined ? { date: date.error } : {}) };
      return page(c, { values, date: date.parts, invalidDateParts: date.invalid, errors }, 422);
    }
    const lost = outcome.value;
    const unfinished = await cancelBookingsOfClinic(deps.temporal, lost, actor);
    if (unfinished.length > 0) await recordUnfinishedCancellation(db, actor, Number(input.serviceId), unfinished);
    return c.html(<ClinicCancelledPage c={c} booked={lost.length} unfinished={unfinished} />);
  });
  return app;
}
