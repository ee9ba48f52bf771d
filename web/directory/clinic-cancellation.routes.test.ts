import { describe, expect, it } from 'vitest';
import { auditTrailFor } from '../../db/audit/audit.repository';
import { type SlotRow, addSlot, bookable } from '../../fixtures/directory';
import { referralWorkflowId } from '../../workflows/referral.messages';
import { actOnReferral, getReferral } from '../../services/referrals/referral-workflows';
import { get, post, type ReferralWorld, referralWorldSuite } from '../../tests/helpers/referral-world';

/** A clinic of two slots, 20 minutes apart, on its own day `daysAhead` days from now. */
async function addClinic(w: ReferralWorld, daysAhead: number) {
  const day = new Date(Date.now() + daysAhead * 86_400_000).toLocaleDateString('en-CA', { timeZone: 'Europe/London' });
  const rows: SlotRow[] = [];
  for (const time of ['10:00', '10:20']) {
    rows.push(await addSlot(w.db, w.services.dbs.serviceId, { start_at: new Date(`${day}T${time}:00Z`) }));
  }
  const [year, month, dayOfMonth] = day.split('-') as [string, string, string];
  return { rows, form: { 'date-day': dayOfMonth, 'date-month': month, 'date-year': year } };
}

/** A GP refers and books into the slot through the referral workflow, as the booking page does. */
async function bookInto(w: ReferralWorld, slot: SlotRow) {
  const referral = await w.refer();
  const command = {
    type: 'BOOK',
    expectedVersion: referral.version,
    serviceId: w.services.dbs.serviceId,
    ...bookable(slot),
  } as const;
  const view = await actOnReferral(w.client, referral.ubrn, command, w.sessions.gp.actor);
  expect(view.referral.state).toBe('BOOKED');
  return referral.ubrn;
}

const readRow = (w: ReferralWorld, ubrn: string) =>
  w.db.selectFrom('referrals').select(['state', 'version']).where('ubrn', '=', ubrn).executeTakeFirstOrThrow();

describe('cancelling a clinic with bookings in it', () => {
  const w = referralWorldSuite();

  it('is offered to provider admins from their home and capacity pages', async () => {
    expect(await (await get(w, w.sessions.admin, '/provider')).text()).toContain('href="/directory/clinics/cancel"');
    expect(await (await get(w, w.sessions.admin, '/directory/capacity')).text()).toContain(
      'href="/directory/clinics/cancel"',
    );
    const form = await (await get(w, w.sessions.admin, '/directory/clinics/cancel')).text();
    expect(form).toContain('Cardiology Outpatients');
    expect((await get(w, w.sessions.clinician, '/directory/clinics/cancel')).status).toBe(403);
  });

  it('refuses an impossible date, naming the box, and keeps what was typed', async () => {
    const response = await post(w, w.sessions.admin, '/directory/clinics/cancel', {
      serviceId: w.services.dbs.serviceId,
      'date-day': '31',
      'date-month': '2',
      'date-year': '2027',
      fromTime: '9am',
    });
    expect(response.status).toBe(422);
    const html = await response.text();
    expect(html).toContain('Date of the clinic must be a real date');
    expect(html).toContain('Enter a time in 24-hour format, like 09:30');
    expect(html).toMatch(/nhsuk-input--error"[^>]*id="date"/);
    expect(html).not.toMatch(/nhsuk-input--error"[^>]*id="date-month"/);
    expect(html).toContain('value="9am"');
    expect(html.indexOf('nhsuk-error-summary')).toBeLessThan(html.indexOf('<h1'));
  });

  it('moves a booked referral to cancelled by the provider through its workflow', async () => {
    const clinic = await addClinic(w, 10);
    const ubrn = await bookInto(w, clinic.rows[0]!);
    expect(
      (await w.db.selectFrom('slots').select('ubrn').where('id', '=', clinic.rows[0]!.id).executeTakeFirstOrThrow())
        .ubrn,
    ).toBe(ubrn);

    const response = await post(w, w.sessions.admin, '/directory/clinics/cancel', {
      serviceId: w.services.dbs.serviceId,
      ...clinic.form,
    });
    const html = await response.text();
    expect(response.status).toBe(200);
    expect(html).toContain('1 of 1 booked referrals are now cancelled by the provider');

    const { referral } = await getReferral(w.client, ubrn, w.sessions.admin.actor);
    expect(referral.state).toBe('APPT_CANCELLED_BY_PROVIDER');
    expect(referral.lastReason?.code).toBe('CLINIC_CANCELLED');
    const slots = await w.db
      .selectFrom('slots')
      .select(['status', 'ubrn'])
      .where(
        'id',
        'in',
        clinic.rows.map((r) => r.id),
      )
      .execute();
    expect(slots).toEqual([
      { status: 'cancelled', ubrn: null },
      { status: 'cancelled', ubrn: null },
    ]);
    expect(await readRow(w, ubrn)).toEqual({ state: 'APPT_CANCELLED_BY_PROVIDER', version: referral.version });
    const audit = await auditTrailFor(w.db, 'service', w.services.dbs.serviceId);
    expect(audit.find((e) => e.action === 'clinic.cancelled')?.detail).toMatchObject({ slots: 2, ubrns: [ubrn] });
  });

  it('cancels only the hours asked for', async () => {
    const clinic = await addClinic(w, 11);
    const ukTime = (d: Date) =>
      d.toLocaleTimeString('en-GB', { timeZone: 'Europe/London', hour: '2-digit', minute: '2-digit' });
    await post(w, w.sessions.admin, '/directory/clinics/cancel', {
      serviceId: w.services.dbs.serviceId,
      ...clinic.form,
      fromTime: ukTime(clinic.rows[1]!.start_at),
      toTime: '23:59',
    });
    const statuses = await w.db
      .selectFrom('slots')
      .select('status')
      .where(
        'id',
        'in',
        clinic.rows.map((r) => r.id),
      )
      .orderBy('start_at')
      .execute();
    expect(statuses.map((s) => s.status)).toEqual(['free', 'cancelled']);
  });

  it('lists and audits the referrals whose workflow could not be updated', async () => {
    const clinic = await addClinic(w, 12);
    const moved = await bookInto(w, clinic.rows[0]!);
    const stuck = await bookInto(w, clinic.rows[1]!);
    // A referral whose workflow has gone (terminated by an operator) cannot take the update.
    await w.client.workflow.getHandle(referralWorkflowId(stuck)).terminate('test: workflow gone');

    const response = await post(w, w.sessions.admin, '/directory/clinics/cancel', {
      serviceId: w.services.dbs.serviceId,
      ...clinic.form,
    });
    const html = await response.text();
    expect(html).toContain('1 of 2 booked referrals are now cancelled by the provider');
    expect(html).toContain('These referrals still need action');
    expect(html).toContain(`href="/referrals/${stuck}"`);
    expect(html).not.toContain(`href="/referrals/${moved}"`);
    expect((await readRow(w, moved)).state).toBe('APPT_CANCELLED_BY_PROVIDER');

    const audit = await auditTrailFor(w.db, 'service', w.services.dbs.serviceId);
    const incomplete = audit.filter((e) => e.action === 'clinic.cancellation_incomplete');
    expect(incomplete.at(-1)?.detail).toEqual({ ubrns: [stuck] });
    expect(incomplete.at(-1)?.actor_user_id).toBe(w.sessions.admin.actor.userId);
  });
});
