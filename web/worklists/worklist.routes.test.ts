import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeCursor } from '../../db/worklists/worklist.schema';
import { worklistCounts, worklistPage } from '../../db/worklists/worklists.repository';
import { type ReferralWorld, TRUST, createReferralWorld, get, post } from '../../tests/helpers/referral-world';

describe('worklists', () => {
  let w: ReferralWorld;
  let triaged: string;
  let deferred: string;
  let waiting: string;
  beforeAll(async () => {
    w = await createReferralWorld();
    const act = (ubrn: string, type: string, form: Record<string, string>) =>
      post(w, w.sessions.gp, `/referrals/${ubrn}/actions/${type}`, { expectedVersion: '1', ...form });
    triaged = (await w.refer({ priority: 'ROUTINE' })).ubrn;
    await act(triaged, 'SEND_FOR_TRIAGE', { 'SEND_FOR_TRIAGE-serviceId': w.services.ras.serviceId });
    deferred = (await w.refer({ priority: 'TWO_WEEK_WAIT' })).ubrn;
    await act(deferred, 'DEFER_TO_PROVIDER', {
      'DEFER_TO_PROVIDER-serviceId': w.services.full.serviceId,
      'DEFER_TO_PROVIDER-reason': 'NO_SLOTS',
    });
    waiting = (await w.refer({ priority: 'URGENT' })).ubrn;
  });
  afterAll(() => w?.stop());

  it('puts each referral on the right provider worklist, with contact-by dates', async () => {
    const review = await (await get(w, w.sessions.clinician, '/worklists/review')).text();
    expect(review).toContain(`/referrals/${triaged}?from=review`);
    expect(review).not.toContain(deferred);
    // The list on screen is the current tile, titled in text (a link there was blue on blue).
    expect(review).toMatch(/carepath-card--current[^]*?aria-current="page">\s*Referrals for Review\s*</);
    const issues = await (await get(w, w.sessions.admin, '/worklists/slot-issues')).text();
    expect(issues).toContain(`/referrals/${deferred}?from=slot-issues`);
    expect(issues).toContain('Contact patient by');
    expect(issues).toContain('hx-trigger="every 15s"');
    // The poll is not the user doing anything: it must not keep the session alive.
    expect(issues).toContain('data-background-refresh');
  });

  it('serves the list region alone for htmx polling, with the same filters', async () => {
    const res = await get(w, w.sessions.clinician, '/worklists/review/rows?priority=URGENT');
    const html = await res.text();
    expect(html.startsWith('<div id="worklist"')).toBe(true);
    expect(html).toContain('hx-get="/worklists/review/rows?priority=URGENT"');
    expect(html).not.toContain(triaged);
    // The same region at the routine referral's priority lists it: the filter, not an empty list.
    const routine = await (await get(w, w.sessions.clinician, '/worklists/review/rows?priority=ROUTINE')).text();
    expect(routine).toContain(`/referrals/${triaged}?from=review`);
  });

  it('shows the referrer Awaiting Booking and Letters Outstanding, for me or my organisation', async () => {
    const awaiting = await (await get(w, w.sessions.gp, '/worklists/awaiting-booking?mine=me')).text();
    expect(awaiting).toContain(waiting);
    // e-RS A008: Awaiting Booking also lists a referral awaiting triage (decision record 0015).
    expect(awaiting).toContain(triaged);
    const mineOnly = await (await get(w, w.sessions.gpAdmin, '/worklists/awaiting-booking?mine=me')).text();
    expect(mineOnly).not.toContain(waiting);
    // The admin's organisation-wide list has it: "mine" left it out, not an empty page.
    const organisation = await (await get(w, w.sessions.gpAdmin, '/worklists/awaiting-booking')).text();
    expect(organisation).toContain(waiting);
    const letters = await (await get(w, w.sessions.gp, '/worklists/letters')).text();
    expect(letters).toContain(triaged);
  });

  it('sorts by clinical priority then age, and pages by keyset', async () => {
    const owner = { orgCode: w.sessions.gp.actor.orgCode, userId: 'x' };
    const first = await worklistPage(w.db, 'letters', owner, {}, 2);
    expect(first.rows.map((r) => r.ubrn)).toEqual([deferred, waiting]);
    const second = await worklistPage(w.db, 'letters', owner, { after: decodeCursor(first.next!) }, 2);
    expect(second.rows.map((r) => r.ubrn)).toEqual([triaged]);
    expect(second.next).toBeUndefined();
    const counts = await worklistCounts(w.db, 'provider', { orgCode: TRUST, userId: 'x' });
    expect(counts).toMatchObject({ review: 1, 'slot-issues': 1 });
  });

  it('counts each worklist for the home page tiles', async () => {
    // Rendered with the page itself, so the counts show without JavaScript.
    const home = await (await get(w, w.sessions.admin, '/provider')).text();
    expect(home).toMatch(/data-count="slot-issues">1</);
  });

  it('keeps each side to its own worklists', async () => {
    expect((await get(w, w.sessions.gp, '/worklists/review')).status).toBe(403);
    expect((await get(w, w.sessions.clinician, '/worklists/awaiting-booking')).status).toBe(403);
    expect((await get(w, w.sessions.gp, '/worklists/nope')).status).toBe(404);
  });

  it('lists notifications for the organisation', async () => {
    const html = await (await get(w, w.sessions.clinician, '/notifications')).text();
    expect(html).toContain('New referral for triage');
    expect(html).toContain('New appointment slot issue');
  });
});
