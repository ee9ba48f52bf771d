import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getReferralRow } from '../../db/referrals/referrals.repository';
import {
  type ReferralWorld,
  act as actOnForm,
  addSlot,
  createReferralWorld,
  get,
  post,
} from '../../tests/helpers/referral-world';
import type { TestSession } from '../../tests/helpers/session';

/** Issue 6: the referrer acts on a triage response by re-shortlisting, then books from the new shortlist. */
describe('change shortlist', () => {
  let w: ReferralWorld;
  beforeAll(async () => {
    w = await createReferralWorld();
  });
  afterAll(() => w?.stop());

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

    // The create journey's shortlist and DOS search, starting from the referral's shortlist.
    const start = await get(w, w.sessions.gp, `/referrals/${r.ubrn}/shortlist?specialtyCode=CARDIOLOGY`);
    expect(start.status).toBe(200);
    const startHtml = await start.text();
    expect(startHtml).toContain('Shortlist (2 of 20)');
    expect(startHtml).toContain('Please refer to cardiology outpatients instead.');
    expect(startHtml).toContain('Cardiology Outpatients');
    expect(startHtml).toContain(`name="services" value="${w.services.ras.serviceId},${w.services.ibs.serviceId}"`);

    const removed = await post(w, w.sessions.gp, `/referrals/${r.ubrn}/shortlist`, {
      op: 'remove',
      serviceId: w.services.ras.serviceId,
      services: `${w.services.ras.serviceId},${w.services.ibs.serviceId}`,
      search: '?specialtyCode=CARDIOLOGY',
    });
    expect(removed.status).toBe(303);
    expect(removed.headers.get('location')).toBe(
      `/referrals/${r.ubrn}/shortlist?specialtyCode=CARDIOLOGY&services=${w.services.ibs.serviceId}`,
    );
    const added = await post(w, w.sessions.gp, `/referrals/${r.ubrn}/shortlist`, {
      op: 'add',
      serviceId: w.services.dbs.serviceId,
      services: w.services.ibs.serviceId,
      search: '?specialtyCode=CARDIOLOGY',
    });
    const services = `${w.services.ibs.serviceId},${w.services.dbs.serviceId}`;
    expect(added.headers.get('location')).toBe(
      `/referrals/${r.ubrn}/shortlist?specialtyCode=CARDIOLOGY&services=${encodeURIComponent(services)}`,
    );
    const review = await (await get(w, w.sessions.gp, added.headers.get('location')!)).text();
    expect(review).toContain('Shortlist (2 of 20)');
    expect(review).toContain('Save this shortlist');

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
    const slot = await addSlot(w.db, w.services.dbs, 6);
    const bookable = await (await get(w, w.sessions.gpAdmin, `/referrals/${r.ubrn}`)).text();
    expect(bookable).toContain(`value="${slot}"`);
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
    await act(w.sessions.gp, booked.ubrn, 'BOOK', { 'BOOK-slotId': await addSlot(w.db, w.services.dbs, 7) });
    expect((await get(w, w.sessions.gp, `/referrals/${booked.ubrn}/shortlist`)).status).toBe(409);
  });
});
