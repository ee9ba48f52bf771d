import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditTrailFor } from '../../db/audit/audit.repository';
import { getReferralRow } from '../../db/referrals/referrals.repository';
import { OTHER_TRUST, type ReferralWorld, createReferralWorld, get, post } from '../../tests/helpers/referral-world';
import { signIn } from '../../tests/helpers/session';

describe('the referral page and its actions', () => {
  let w: ReferralWorld;
  beforeAll(async () => {
    w = await createReferralWorld();
  });
  afterAll(() => w?.stop());

  it('shows summary, state, timeline and only the allowed actions, and audits the view', async () => {
    const r = await w.refer();
    const res = await get(w, w.sessions.gp, `/referrals/${r.ubrn}`);
    const html = await res.text();
    expect(res.status).toBe(200);
    expect(html).toContain('EXAMPLE, Alice');
    expect(html).toContain('Not booked');
    expect(html).toContain('Referral created');
    expect(html).toContain('Send for triage');
    expect(html).not.toContain('Accept, review next');
    const audit = await auditTrailFor(w.db, 'referral', r.ubrn);
    expect(audit.map((a) => a.action)).toContain('referral.viewed');
  });

  it('answers another organisation exactly as for a UBRN that does not exist, and audits the refusal', async () => {
    const r = await w.refer();
    // Change shortlist is for referring clinicians: one at another practice.
    const otherPractice = await signIn(w.db, { orgCode: 'A81002', role: 'B1101' });
    for (const path of [`/referrals/${r.ubrn}`, `/referrals/${r.ubrn}/letter`, `/referrals/${r.ubrn}/shortlist`]) {
      const session = path.endsWith('/shortlist') ? otherPractice : w.sessions.otherTrust;
      const res = await get(w, session, path);
      expect(res.status, path).toBe(404);
      expect(await res.text(), path).toBe(await (await get(w, session, path.replace(r.ubrn, '999999999999'))).text());
    }
    const refusals = (await auditTrailFor(w.db, 'referral', r.ubrn)).filter(
      (a) => a.action === 'referral.view_refused',
    );
    expect(refusals.map((a) => a.actor_org)).toEqual([OTHER_TRUST, OTHER_TRUST, 'A81002']);
  });

  it('runs triage round trip: send, return with advice, then book and accept', async () => {
    const r = await w.refer();
    const sent = await post(w, w.sessions.gp, `/referrals/${r.ubrn}/actions/SEND_FOR_TRIAGE`, {
      expectedVersion: '1',
      'SEND_FOR_TRIAGE-serviceId': w.services.ras.serviceId,
    });
    expect(sent.status).toBe(303);
    expect(sent.headers.get('location')).toBe(`/referrals/${r.ubrn}?done=SEND_FOR_TRIAGE`);

    const provider = await (await get(w, w.sessions.clinician, `/referrals/${r.ubrn}?from=review`)).text();
    expect(provider).toContain('Awaiting triage');
    expect(provider).toContain('Return to referrer with advice');

    const returned = await post(w, w.sessions.clinician, `/referrals/${r.ubrn}/actions/TRIAGE_OUTCOME`, {
      expectedVersion: '2',
      form: 'TRIAGE_OUTCOME-advice',
      'TRIAGE_OUTCOME-advice-advice': 'Try a beta blocker first; book the clinic if no better.',
    });
    expect(returned.status).toBe(303);
    expect((await getReferralRow(w.db, r.ubrn))?.state).toBe('TRIAGE_RESPONSE');

    const booked = await post(w, w.sessions.gp, `/referrals/${r.ubrn}/actions/BOOK`, {
      expectedVersion: '3',
      'BOOK-slotId': w.slots[0]!,
    });
    expect(booked.status).toBe(303);
    const accepted = await post(w, w.sessions.clinician, `/referrals/${r.ubrn}/actions/ACCEPT`, {
      expectedVersion: '4',
      next: 'review',
    });
    expect(accepted.status).toBe(303);
    const row = await getReferralRow(w.db, r.ubrn);
    expect(row?.state).toBe('BOOKED');
    expect(row?.snapshot.acceptedAt).toBeDefined();
  });

  it('keeps what was typed and marks the field when a form is wrong', async () => {
    const r = await w.refer();
    const res = await post(w, w.sessions.gp, `/referrals/${r.ubrn}/actions/CANCEL_REFERRAL`, {
      expectedVersion: '1',
      form: 'CANCEL_REFERRAL',
      // e-RS's cancellation reason that needs a comment (decision 0015's codes).
      'CANCEL_REFERRAL-reason': 'PATIENT_REQUEST_CANCELLATION_OTHER',
      'CANCEL_REFERRAL-comment': '',
    });
    const html = await res.text();
    expect(res.status).toBe(422);
    expect(html).toContain('nhsuk-error-summary');
    expect(html).toContain('href="#CANCEL_REFERRAL-comment"');
    expect(html).toContain('<option value="PATIENT_REQUEST_CANCELLATION_OTHER" selected');
    expect(html).toContain('<details class="nhsuk-details" open');
  });

  it('tells the second of two users that the referral has changed, and saves nothing', async () => {
    const r = await w.refer();
    await post(w, w.sessions.gp, `/referrals/${r.ubrn}/actions/SEND_FOR_TRIAGE`, {
      expectedVersion: '1',
      'SEND_FOR_TRIAGE-serviceId': w.services.ras.serviceId,
    });
    const stale = await post(w, w.sessions.clinician, `/referrals/${r.ubrn}/actions/TRIAGE_OUTCOME`, {
      expectedVersion: '1',
      form: 'TRIAGE_OUTCOME-later',
      'TRIAGE_OUTCOME-later-comment': 'Book the next clinic.',
    });
    const html = await stale.text();
    expect(stale.status).toBe(409);
    expect(html).toContain('This referral has changed');
    expect(html).toContain('Awaiting triage');
    expect((await getReferralRow(w.db, r.ubrn))?.state).toBe('AWAITING_TRIAGE');
  });

  it('also says it changed when the other user ended the referral', async () => {
    const r = await w.refer();
    await post(w, w.sessions.gp, `/referrals/${r.ubrn}/actions/CANCEL_REFERRAL`, {
      expectedVersion: '1',
      'CANCEL_REFERRAL-reason': 'TREATMENT_NO_LONGER_REQUIRED',
    });
    const late = await post(w, w.sessions.gp, `/referrals/${r.ubrn}/actions/SEND_FOR_TRIAGE`, {
      expectedVersion: '1',
      'SEND_FOR_TRIAGE-serviceId': w.services.ras.serviceId,
    });
    const html = await late.text();
    expect(late.status).toBe(409);
    expect(html).toContain('This referral has changed');
    expect(html).toContain('Cancelled');
  });

  it('shows a refused action in words', async () => {
    const r = await w.refer();
    await post(w, w.sessions.gp, `/referrals/${r.ubrn}/actions/SEND_FOR_TRIAGE`, {
      expectedVersion: '1',
      'SEND_FOR_TRIAGE-serviceId': w.services.ras.serviceId,
    });
    const res = await post(w, w.sessions.clinician, `/referrals/${r.ubrn}/actions/ACCEPT`, { expectedVersion: '2' });
    const html = await res.text();
    expect(res.status).toBe(409);
    expect(html).toContain('That could not be done');
    expect(html).toContain('This referral is Awaiting triage; it can&#39;t be accepted');
    expect(
      (await post(w, w.sessions.otherTrust, `/referrals/${r.ubrn}/actions/ACCEPT`, { expectedVersion: '2' })).status,
    ).toBe(404);
  });

  it('shows HTML typed into a referral as text, never as markup', async () => {
    const evil = '<script>alert(1)</script><img src=x onerror=alert(2)>';
    const r = await w.refer({
      reason: evil,
      clinicalInformation: evil,
      patient: {
        nhsNumber: '9990000026',
        givenName: evil,
        familyName: '<b>Bold</b>',
        dateOfBirth: '1970-01-01',
        sex: 'male',
        postcode: 'LS1 4AP',
        address: evil,
        registeredPracticeCode: 'A81001',
      },
    });
    for (const path of [`/referrals/${r.ubrn}`, '/worklists/awaiting-booking']) {
      const html = await (await get(w, w.sessions.gp, path)).text();
      expect(html).not.toContain('<script>alert(1)');
      expect(html).not.toContain('<img src=x');
      expect(html).not.toContain('<b>Bold</b>');
      expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    }
  });
});
