import { describe, expect, it } from 'vitest';
import { getReferralRow } from '../../db/referrals/referrals.repository';
import { addSlot, bookable } from '../../fixtures/directory';
import { act as actOnForm, get, post, referralWorldSuite } from '../../tests/helpers/referral-world';
import type { TestSession } from '../../tests/helpers/session';

/** Issue 6: the referrer acts on a triage response by re-shortlisting, then books from the new shortlist. */
describe('change shortlist', () => {
  const w = referralWorldSuite();

  const act = (session: TestSession, ubrn: string, type: string, form: Record<string, string>) =>
    actOnForm(w, session, ubrn, type, form);

  /** A referral the triage service has returned to the referrer with advice. */
  async function triageResponse() {
    const r = await w.refer({ shortlist: [w.services.ras, w.services.ibs] });
    await act(w.sessions.gp, r.ubrn, 'SEND_FOR_TRIAGE', { 'SEND_FOR_TRIAGE-serviceId': w.services.ras.serviceId });
    const advised = await act(w.sessions.clinician, r.ubrn, 'TRIAGE_OUTCOME', {
      form: 'TRIAGE_OUTCOME-advice',
      'TRIAGE_OUTCOME-advice-advice': 'Please refer to cardiology outpatients instead.',
    });
    expect(advised.state).toBe('TRIAGE_RESPONSE');
    return advised;
  }

  it('a triage response is re-shortlisted to a different bookable service and booked there', async () => {
    const r = await triageResponse();
    const page = await (await get(w, w.sessions.gp, `/referrals/${r.ubrn}`)).text();
    expect(page).toContain(`href="/referrals/${r.ubrn}/shortlist"`);
    expect(page).toContain('Change shortlist');

    // The create journey's shortlist and DOS search (the referral's specialty at first), starting
    // from the referral's shortlist.
    const start = await get(w, w.sessions.gp, `/referrals/${r.ubrn}/shortlist`);
    expect(start.status).toBe(200);
    const startHtml = await start.text();
    expect(startHtml).toContain('Shortlist (2 of 20)');
    expect(startHtml).toContain('Please refer to cardiology outpatients instead.');
    expect(startHtml).toContain('Cardiology Outpatients');
    expect(startHtml).toContain(`name="services" value="${w.services.ras.serviceId},${w.services.ibs.serviceId}"`);

    // Search, Remove and Add post the search and answer with the page: nothing goes in a URL.
    const searched = await post(w, w.sessions.gp, `/referrals/${r.ubrn}/shortlist`, {
      services: `${w.services.ras.serviceId},${w.services.ibs.serviceId}`,
      specialtyCode: 'CARDIOLOGY',
      clinicalTerm: 'palpitations',
    });
    expect(searched.status).toBe(200);
    expect(await searched.text()).toContain('value="palpitations"');
    const removed = await post(w, w.sessions.gp, `/referrals/${r.ubrn}/shortlist`, {
      op: 'remove',
      serviceId: w.services.ras.serviceId,
      services: `${w.services.ras.serviceId},${w.services.ibs.serviceId}`,
      specialtyCode: 'CARDIOLOGY',
    });
    expect(removed.status).toBe(200);
    const afterRemove = await removed.text();
    expect(afterRemove).toContain('Shortlist (1 of 20)');
    expect(afterRemove).toContain(`name="services" value="${w.services.ibs.serviceId}"`);
    const added = await post(w, w.sessions.gp, `/referrals/${r.ubrn}/shortlist`, {
      op: 'add',
      serviceId: w.services.dbs.serviceId,
      services: w.services.ibs.serviceId,
      specialtyCode: 'CARDIOLOGY',
    });
    const services = `${w.services.ibs.serviceId},${w.services.dbs.serviceId}`;
    const review = await added.text();
    expect(review).toContain('Shortlist (2 of 20)');
    expect(review).toContain(`name="services" value="${services}"`);
    expect(review).toContain('Save this shortlist');
    // The search shown is carried in the page's forms, never in a link.
    expect(review).toContain('<input type="hidden" name="specialtyCode" value="CARDIOLOGY"');
    expect(review).not.toMatch(/(href|action)="[^"]*\?[^"]*(specialtyCode|clinicalTerm)/);

    const saved = await post(w, w.sessions.gp, `/referrals/${r.ubrn}/shortlist/confirm`, {
      services,
      expectedVersion: String(r.version),
    });
    expect(saved.status).toBe(303);
    expect(saved.headers.get('location')).toBe(`/referrals/${r.ubrn}?done=CHANGE_SHORTLIST`);
    const changed = (await getReferralRow(w.db, r.ubrn))!;
    expect(changed.state).toBe('NOT_BOOKED');
    expect(changed.snapshot.shortlist.map((s) => s.serviceId)).toEqual([
      w.services.ibs.serviceId,
      w.services.dbs.serviceId,
    ]);

    // Now the referrer (here the referring admin) books from the new shortlist.
    const slot = bookable(await addSlot(w.db, w.services.dbs.serviceId, { daysAhead: 6 })).slotId;
    const bookingPage = await (await get(w, w.sessions.gpAdmin, `/referrals/${r.ubrn}`)).text();
    expect(bookingPage).toContain(`value="${slot}"`);
    const booked = await act(w.sessions.gpAdmin, r.ubrn, 'BOOK', { 'BOOK-slotId': slot });
    expect(booked.state).toBe('BOOKED');
    expect(booked.snapshot.service?.serviceId).toBe(w.services.dbs.serviceId);
  });

  it('is for referring clinicians only, with a real change, on a version the user saw', async () => {
    const r = await triageResponse();
    expect((await get(w, w.sessions.gpAdmin, `/referrals/${r.ubrn}/shortlist`)).status).toBe(403);
    expect(await (await get(w, w.sessions.gpAdmin, `/referrals/${r.ubrn}`)).text()).not.toContain('Change shortlist');

    const empty = await post(w, w.sessions.gp, `/referrals/${r.ubrn}/shortlist/confirm`, {
      services: '',
      expectedVersion: String(r.version),
    });
    expect(empty.status).toBe(422);
    expect(await empty.text()).toContain('Choose at least one service');

    const same = await post(w, w.sessions.gp, `/referrals/${r.ubrn}/shortlist/confirm`, {
      services: `${w.services.ras.serviceId},${w.services.ibs.serviceId}`,
      expectedVersion: String(r.version),
    });
    expect(same.status).toBe(422);
    expect(await same.text()).toContain('The shortlist is unchanged');

    const stale = await post(w, w.sessions.gp, `/referrals/${r.ubrn}/shortlist/confirm`, {
      services: w.services.dbs.serviceId,
      expectedVersion: String(r.version - 1),
    });
    expect(stale.headers.get('location')).toBe(`/referrals/${r.ubrn}`);
    expect((await getReferralRow(w.db, r.ubrn))!.state).toBe('TRIAGE_RESPONSE');

    // A booked referral sits with the provider: its shortlist is not the referrer's to change.
    const booked = await w.refer();
    await act(w.sessions.gp, booked.ubrn, 'BOOK', {
      'BOOK-slotId': bookable(await addSlot(w.db, w.services.dbs.serviceId, { daysAhead: 7 })).slotId,
    });
    expect((await get(w, w.sessions.gp, `/referrals/${booked.ubrn}/shortlist`)).status).toBe(409);
  });
});
