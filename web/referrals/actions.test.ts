import { describe, expect, it } from 'vitest';
import { addSlot, bookable } from '../../fixtures/directory';
import { act as actOnForm, get, post, referralWorldSuite } from '../../tests/helpers/referral-world';
import type { TestSession } from '../../tests/helpers/session';

/** Every action form the referral page draws, posted as a browser without JavaScript would. */
describe('each action through its form', () => {
  const w = referralWorldSuite();

  const act = (session: TestSession, ubrn: string, type: string, form: Record<string, string>) =>
    actOnForm(w, session, ubrn, type, form);
  const slot = async () => bookable(await addSlot(w.db, w.services.dbs.serviceId, { daysAhead: 6 })).slotId;

  it('IBS: the referrer requests it, the provider admin records the date it arranged', async () => {
    const r = await w.refer();
    await act(w.sessions.gp, r.ubrn, 'REQUEST_IBS', { 'REQUEST_IBS-serviceId': w.services.ibs.serviceId });
    const page = await (await get(w, w.sessions.admin, `/referrals/${r.ubrn}`)).text();
    expect(page).toContain('Record arranged appointment');
    const row = await act(w.sessions.admin, r.ubrn, 'RECORD_IBS_ARRANGED', {
      'RECORD_IBS_ARRANGED-date-day': '15',
      'RECORD_IBS_ARRANGED-date-month': '7',
      'RECORD_IBS_ARRANGED-date-year': '2027',
      'RECORD_IBS_ARRANGED-time': '14:30',
    });
    // 14:30 in London in July is 13:30 UTC (British Summer Time).
    expect(row.snapshot.appointment?.start).toBe('2027-07-15T13:30:00.000Z');
  });

  it('the referrer books, changes and cancels the appointment for the patient', async () => {
    const r = await w.refer();
    await act(w.sessions.gp, r.ubrn, 'BOOK', { 'BOOK-slotId': await slot() });
    const other = await slot();
    const changed = await act(w.sessions.gpAdmin, r.ubrn, 'CHANGE_APPOINTMENT', {
      'CHANGE_APPOINTMENT-slotId': other,
      'CHANGE_APPOINTMENT-reason': 'PATIENT_ILL',
    });
    expect(changed.snapshot.appointment?.slotId).toBe(other);
    const cancelled = await act(w.sessions.gp, r.ubrn, 'PATIENT_CANCEL_APPOINTMENT', {
      'PATIENT_CANCEL_APPOINTMENT-reason': 'PATIENT_HOLIDAY',
    });
    expect(cancelled.state).toBe('APPT_CANCELLED_BY_PATIENT');
  });

  it('the provider cancels, rebooks from Appointments for Booking, then records a DNA', async () => {
    const r = await w.refer();
    await act(w.sessions.gp, r.ubrn, 'BOOK', { 'BOOK-slotId': await slot() });
    await act(w.sessions.admin, r.ubrn, 'PROVIDER_CANCEL_APPOINTMENT', {
      'PROVIDER_CANCEL_APPOINTMENT-reason': 'CLINIC_CANCELLED',
    });
    const list = await (await get(w, w.sessions.admin, '/worklists/for-booking')).text();
    expect(list).toContain(r.ubrn);
    // A slot a moment away: a missed appointment is recorded once its time has passed (e-RS).
    // Far enough away that booking it (refused once it has started) finishes first on a loaded
    // machine, where one action can take several seconds; the wait below is what is left of it.
    const soon = await addSlot(w.db, w.services.dbs.serviceId, { start_at: new Date(Date.now() + 12_000) });
    await act(w.sessions.admin, r.ubrn, 'BOOK', { 'BOOK-slotId': String(soon.id) });
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, soon.start_at.getTime() - Date.now() + 50)));
    const dna = await act(w.sessions.admin, r.ubrn, 'RECORD_DNA', {
      'RECORD_DNA-reason': 'PATIENT_FORGOT',
      'RECORD_DNA-contactAttempted': 'yes',
      'RECORD_DNA-outcome': 'RETURN_TO_REFERRER',
    });
    expect(dna.state).toBe('DID_NOT_ATTEND');
    // e-RS records whether the provider tried to contact the patient; the timeline says so.
    expect(await (await get(w, w.sessions.admin, `/referrals/${r.ubrn}`)).text()).toContain('contact attempted');
    expect(await (await get(w, w.sessions.gp, '/worklists/returned')).text()).toContain(r.ubrn);
  });

  it('the clinician accepts for booking later with a review comment and resets the priority (e-RS)', async () => {
    const r = await w.refer();
    await act(w.sessions.gp, r.ubrn, 'SEND_FOR_TRIAGE', { 'SEND_FOR_TRIAGE-serviceId': w.services.ras.serviceId });
    const form = await (await get(w, w.sessions.clinician, `/referrals/${r.ubrn}`)).text();
    expect(form).toContain('name="TRIAGE_OUTCOME-later-priority"');
    const accepted = await act(w.sessions.clinician, r.ubrn, 'TRIAGE_OUTCOME', {
      form: 'TRIAGE_OUTCOME-later',
      'TRIAGE_OUTCOME-later-comment': 'Book the next urgent clinic.',
      'TRIAGE_OUTCOME-later-priority': 'URGENT',
    });
    expect(accepted.state).toBe('TRIAGED_PROVIDER_TO_ACTION');
    expect(accepted.priority).toBe('URGENT');
  });

  it('the provider books a deferred referral into a slot only it can see yet', async () => {
    const r = await w.refer();
    await act(w.sessions.gp, r.ubrn, 'DEFER_TO_PROVIDER', {
      'DEFER_TO_PROVIDER-serviceId': w.services.full.serviceId,
      'DEFER_TO_PROVIDER-reason': 'NO_SLOTS',
    });
    const reserved = bookable(await addSlot(w.db, w.services.full.serviceId, { daysAhead: 8, released: false })).slotId;
    const page = await (await get(w, w.sessions.admin, `/referrals/${r.ubrn}?from=slot-issues`)).text();
    // Booking is its own pages (service, date, time): the referral page links to them.
    expect(page).toContain(`href="/referrals/${r.ubrn}/book?from=slot-issues"`);
    const booked = await act(w.sessions.admin, r.ubrn, 'BOOK', { 'BOOK-slotId': reserved });
    expect(booked.state).toBe('BOOKED');
  });

  it('refuses a deferral while the service has slots, in words', async () => {
    const r = await w.refer();
    const res = await post(w, w.sessions.gp, `/referrals/${r.ubrn}/actions/DEFER_TO_PROVIDER`, {
      expectedVersion: '1',
      'DEFER_TO_PROVIDER-serviceId': w.services.dbs.serviceId,
      'DEFER_TO_PROVIDER-reason': 'NO_SLOTS',
    });
    expect(res.status).toBe(409);
    expect(await res.text()).toContain('book one instead of deferring');
  });

  it('the provider clinician rejects with a reason, or redirects at triage with a slot', async () => {
    const booked = await w.refer();
    await act(w.sessions.gp, booked.ubrn, 'BOOK', { 'BOOK-slotId': await slot() });
    const rejected = await act(w.sessions.clinician, booked.ubrn, 'REJECT', {
      'REJECT-reason': 'SERVICE_PREREQUISITES_NOT_COMPLETE',
      'REJECT-comment': 'Echo first, please.',
      // Rejecting asks "Are you sure?" first; the confirmation page posts this.
      confirmed: 'yes',
    });
    expect(rejected.state).toBe('REJECTED');

    const triaged = await w.refer();
    await act(w.sessions.gp, triaged.ubrn, 'SEND_FOR_TRIAGE', {
      'SEND_FOR_TRIAGE-serviceId': w.services.ras.serviceId,
    });
    const redirected = await act(w.sessions.clinician, triaged.ubrn, 'TRIAGE_OUTCOME', {
      form: 'TRIAGE_OUTCOME-now',
      'TRIAGE_OUTCOME-now-serviceId': w.services.dbs.serviceId,
      'TRIAGE_OUTCOME-now-slotId': await slot(),
      'TRIAGE_OUTCOME-now-reason': 'REDIRECTED_APPROPRIATE_CLINIC',
      'TRIAGE_OUTCOME-now-comment': 'The general clinic sees this sooner',
    });
    expect(redirected.state).toBe('BOOKED');
    expect(redirected.service_id).toBe(w.services.dbs.serviceId);
  });

  it('the referrer attaches the letter later and changes the priority', async () => {
    const r = await w.refer();
    const body = new FormData();
    body.set('_csrf', w.sessions.gp.csrfToken);
    body.set('expectedVersion', '1');
    body.set('form', 'ADD_LETTER');
    body.set('ADD_LETTER-letter', new File([new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 1, 2])], 'scan.jpg'));
    const res = await w.app.request(`/referrals/${r.ubrn}/actions/ADD_LETTER`, {
      method: 'POST',
      body,
      headers: { cookie: w.sessions.gp.cookie },
      redirect: 'manual',
    });
    expect(res.status).toBe(303);
    const row = await act(w.sessions.gp, r.ubrn, 'CHANGE_PRIORITY', { 'CHANGE_PRIORITY-priority': 'TWO_WEEK_WAIT' });
    expect(row.snapshot.letter.status).toBe('ATTACHED');
    expect(row.priority).toBe('TWO_WEEK_WAIT');
    const letter = await get(w, w.sessions.gp, `/referrals/${r.ubrn}/letter`);
    expect(letter.headers.get('content-type')).toBe('image/jpeg');
    expect((await get(w, w.sessions.gpAdmin, `/referrals/${r.ubrn}/letter`)).status).toBe(403);
  });
});
