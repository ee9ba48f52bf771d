import { describe, expect, it } from 'vitest';
import { addSlot, bookable } from '../../fixtures/directory';
import { act, get, post, referralWorldSuite } from '../../tests/helpers/referral-world';

/** Issue 10 on the referral page: booking by service, date and time; no dead ends; rejecting asks first. */
describe('acting on a referral without dead ends', () => {
  const w = referralWorldSuite();

  const page = async (session: (typeof w)['sessions'][keyof (typeof w)['sessions']], ubrn: string, query = '') =>
    (await get(w, session, `/referrals/${ubrn}${query}`)).text();

  it('books from the referral page by date, then time, and confirms in the NHS.UK panel', async () => {
    const r = await w.refer();
    const html = await page(w.sessions.gp, r.ubrn);
    expect(html).toContain(`href="/referrals/${r.ubrn}/book"`);
    // Only one of the shortlisted services has slots: the date step comes first.
    const dates = await (await get(w, w.sessions.gp, `/referrals/${r.ubrn}/book`)).text();
    expect(dates).toContain('Choose a date (earliest first)');
    const date = /value="(\d{4}-\d{2}-\d{2})"/.exec(dates)![1]!;
    const times = await (
      await get(
        w,
        w.sessions.gp,
        `/referrals/${r.ubrn}/book?step=date&service=${w.services.dbs.serviceId}&date=${date}`,
      )
    ).text();
    expect(times).toContain('<legend class="nhsuk-fieldset__legend nhsuk-fieldset__legend--m">Choose a time on');
    const slot = /name="slot" type="radio" value="(\d+)"|value="(\d+)"/.exec(
      times.slice(times.indexOf('name="slot"') - 150),
    )!;
    const slotId = slot[1] ?? slot[2]!;
    const none = await post(w, w.sessions.gp, `/referrals/${r.ubrn}/book`, {
      expectedVersion: '1',
      service: w.services.dbs.serviceId,
      date,
    });
    expect(none.status).toBe(422);
    expect(await none.text()).toContain('href="#slot"');
    const booked = await post(w, w.sessions.gp, `/referrals/${r.ubrn}/book`, {
      expectedVersion: '1',
      service: w.services.dbs.serviceId,
      date,
      slot: slotId,
    });
    expect(booked.headers.get('location')).toBe(`/referrals/${r.ubrn}?done=BOOK`);
    const done = await page(w.sessions.gp, r.ubrn, '?done=BOOK');
    expect(done).toContain(
      '<div class="nhsuk-panel" role="status"><h2 class="nhsuk-panel__heading">Appointment booked',
    );
  });

  it('leads a referrer on a triage response with nothing to book to Change shortlist', async () => {
    const r = await w.refer({ shortlist: [w.services.ras] });
    await act(w, w.sessions.gp, r.ubrn, 'SEND_FOR_TRIAGE', { 'SEND_FOR_TRIAGE-serviceId': w.services.ras.serviceId });
    await act(w, w.sessions.clinician, r.ubrn, 'TRIAGE_OUTCOME', {
      form: 'TRIAGE_OUTCOME-advice',
      'TRIAGE_OUTCOME-advice-advice': 'Book the heart failure clinic instead.',
    });
    const html = await page(w.sessions.gp, r.ubrn);
    expect(html).toContain('No appointments can be booked');
    expect(html).toContain(`<a href="/referrals/${r.ubrn}/shortlist">change the shortlist</a>`);
    expect(html).not.toContain('nothing to choose from');
    expect(html).not.toContain(`href="/referrals/${r.ubrn}/book"`);
    expect(html).not.toContain('id="form-DEFER_TO_PROVIDER"');
    expect(html).not.toContain('id="form-REQUEST_IBS"');
  });

  it('gives a provider admin on Appointment Slot Issues a way forward, then the booking once a slot is free', async () => {
    const r = await w.refer({ shortlist: [w.services.full] });
    await act(w, w.sessions.gp, r.ubrn, 'DEFER_TO_PROVIDER', {
      'DEFER_TO_PROVIDER-serviceId': w.services.full.serviceId,
      'DEFER_TO_PROVIDER-reason': 'NO_SLOTS',
    });
    const stuck = await page(w.sessions.admin, r.ubrn, '?from=slot-issues');
    expect(stuck).toContain('No appointments to book');
    expect(stuck).not.toContain('nothing to choose from');
    expect(stuck).not.toContain('Choose a service');
    expect(stuck).not.toContain(`href="/referrals/${r.ubrn}/book`);
    // A reserved slot, only the provider sees: the booking appears, straight to its date.
    const reserved = bookable(await addSlot(w.db, w.services.full.serviceId, { daysAhead: 8, released: false }));
    const ready = await page(w.sessions.admin, r.ubrn, '?from=slot-issues');
    expect(ready).toContain(`href="/referrals/${r.ubrn}/book?from=slot-issues"`);
    const dates = await (await get(w, w.sessions.admin, `/referrals/${r.ubrn}/book?from=slot-issues`)).text();
    const date = /value="(\d{4}-\d{2}-\d{2})"/.exec(dates)![1]!;
    const times = await (
      await get(w, w.sessions.admin, `/referrals/${r.ubrn}/book?service=${w.services.full.serviceId}&date=${date}`)
    ).text();
    expect(times).toContain(`value="${reserved.slotId}"`);
    const booked = await post(w, w.sessions.admin, `/referrals/${r.ubrn}/book`, {
      expectedVersion: '2',
      service: w.services.full.serviceId,
      date,
      slot: reserved.slotId,
      from: 'slot-issues',
    });
    expect(booked.headers.get('location')).toBe(`/referrals/${r.ubrn}?done=BOOK&from=slot-issues`);
  });

  it('asks before rejecting, with a secondary button, and says "Referral rejected"', async () => {
    const r = await w.refer();
    const slotId = bookable(await addSlot(w.db, w.services.dbs.serviceId, { daysAhead: 6 })).slotId;
    await act(w, w.sessions.gp, r.ubrn, 'BOOK', { 'BOOK-slotId': slotId });
    const html = await page(w.sessions.clinician, r.ubrn);
    expect(html).toMatch(
      /<button class="nhsuk-button nhsuk-button--secondary" type="submit">Continue to reject<\/button>/,
    );
    expect(html).not.toContain('Comment required');
    const asked = await post(w, w.sessions.clinician, `/referrals/${r.ubrn}/actions/REJECT`, {
      expectedVersion: '2',
      form: 'REJECT',
      'REJECT-reason': 'OTHER',
      'REJECT-comment': 'Echo first, please.',
    });
    expect(asked.status).toBe(200);
    const confirm = await asked.text();
    expect(confirm).toContain('Reject this referral?');
    expect(confirm).toContain('Echo first, please.');
    expect(confirm).toContain('name="confirmed" value="yes"');
    expect((await page(w.sessions.gp, r.ubrn)).includes('Rejected')).toBe(false);
    const noReason = await post(w, w.sessions.clinician, `/referrals/${r.ubrn}/actions/REJECT`, {
      expectedVersion: '2',
      form: 'REJECT',
    });
    expect(noReason.status).toBe(422);
    expect(await noReason.text()).toContain('href="#REJECT-reason"');
    const rejected = await post(w, w.sessions.clinician, `/referrals/${r.ubrn}/actions/REJECT`, {
      expectedVersion: '2',
      form: 'REJECT',
      'REJECT-reason': 'OTHER',
      'REJECT-comment': 'Echo first, please.',
      confirmed: 'yes',
    });
    expect(rejected.headers.get('location')).toBe(`/referrals/${r.ubrn}?done=REJECT`);
    const done = await page(w.sessions.clinician, r.ubrn, '?done=REJECT');
    expect(done).toContain('Referral rejected');
    expect(done).not.toContain('Done:');
  });
});
