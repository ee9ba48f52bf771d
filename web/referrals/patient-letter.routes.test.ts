import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Referral } from '../../domain/referral';
import { actOnReferral } from '../../services/referrals/referral-workflows';
import { ACTORS, GP, type ReferralWorld, createReferralWorld, get, post } from '../../tests/helpers/referral-world';
import { signIn } from '../../tests/helpers/session';

describe('the referral page: reprinting the patient letter, and the timeline in words', () => {
  let w: ReferralWorld;
  let triaged: Referral;
  let unaddressed: Referral;

  beforeAll(async () => {
    w = await createReferralWorld();
    triaged = await w.refer({
      patient: {
        nhsNumber: '9990000018',
        givenName: 'Alice',
        familyName: 'Example',
        dateOfBirth: '1961-02-03',
        sex: 'female',
        postcode: 'LS1 4AP',
        address: '1 Park Row, Leeds',
        registeredPracticeCode: GP,
      },
    });
    const triage = { type: 'SEND_FOR_TRIAGE', expectedVersion: 1, serviceId: w.services.ras.serviceId } as const;
    await actOnReferral(w.client, triaged.ubrn, triage, ACTORS.gp);
    const outcome = {
      type: 'TRIAGE_OUTCOME',
      expectedVersion: 2,
      outcome: 'ACCEPT_BOOK_LATER',
      comment: 'Book within two weeks',
    } as const;
    triaged = (await actOnReferral(w.client, triaged.ubrn, outcome, ACTORS.clinician)).referral;
    await w.db
      .updateTable('services')
      .set({ address: '1 Great George Street, Leeds LS1 3EX', telephone: '0113 243 2799' })
      .where('id', '=', Number(w.services.ras.serviceId))
      .execute();
    unaddressed = await w.refer();
  });
  afterAll(() => w?.stop());

  it('words the timeline: no raw outcome code', async () => {
    const html = await (await get(w, w.sessions.gp, `/referrals/${triaged.ubrn}`)).text();
    expect(html).toContain('Accepted, provider to book: Book within two weeks');
    expect(html).not.toContain('ACCEPT_BOOK_LATER');
  });

  it('offers the referring practice a reprint, a POST; the provider none', async () => {
    const html = await (await get(w, w.sessions.gpAdmin, `/referrals/${triaged.ubrn}`)).text();
    expect(html).toMatch(new RegExp(`<form method="post" action="/referrals/${triaged.ubrn}/patient-letter"`));
    const provider = await (await get(w, w.sessions.clinician, `/referrals/${triaged.ubrn}`)).text();
    expect(provider).not.toContain('/patient-letter');
  });

  it('prints the letter again with the clinic’s and the patient’s addresses and a new access code', async () => {
    const res = await post(w, w.sessions.gp, `/referrals/${triaged.ubrn}/patient-letter`, {});
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('class="patient-letter');
    expect(html).toMatch(/Alice Example<br\/?>1 Park Row<br\/?>Leeds<br\/?>LS1 4AP/);
    expect(html).toContain('Leeds General Infirmary, 1 Great George Street, Leeds LS1 3EX');
    expect(html).toContain('0113 243 2799');
    const code = /data-testid="access-code">([A-Z2-9]{8})</.exec(html)?.[1];
    expect(code).toBeDefined();
    expect(html).toContain('the access code on an earlier letter no longer works');
    const again = await (await post(w, w.sessions.gp, `/referrals/${triaged.ubrn}/patient-letter`, {})).text();
    expect(/data-testid="access-code">([A-Z2-9]{8})</.exec(again)?.[1]).not.toBe(code);
  });

  it('says when no postal address is recorded', async () => {
    const html = await (await post(w, w.sessions.gp, `/referrals/${unaddressed.ubrn}/patient-letter`, {})).text();
    expect(html).toContain('Address not recorded');
    // No service holds it yet: no clinic lines, rather than empty ones.
    expect(html).not.toContain('Clinic address');
  });

  it('refuses providers and other practices, and a reprint by GET', async () => {
    expect((await post(w, w.sessions.clinician, `/referrals/${triaged.ubrn}/patient-letter`, {})).status).toBe(403);
    const elsewhere = await signIn(w.db, { orgCode: 'B82002', role: 'B1101', userId: 'gp-elsewhere' });
    expect((await post(w, elsewhere, `/referrals/${triaged.ubrn}/patient-letter`, {})).status).toBe(404);
    expect((await get(w, w.sessions.gp, `/referrals/${triaged.ubrn}/patient-letter`)).status).toBe(404);
    const withoutToken = await w.app.request(`/referrals/${triaged.ubrn}/patient-letter`, {
      method: 'POST',
      headers: { cookie: w.sessions.gp.cookie },
    });
    expect(withoutToken.status).toBe(403);
  });
});
