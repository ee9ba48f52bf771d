import { describe, expect, it } from 'vitest';
import type { Actor } from '../../domain/actor';
import type { Referral } from '../../domain/referral';
import { addSlot, bookable } from '../../fixtures/directory';
import { ACTORS, GP, referralWorldSuite } from '../../tests/helpers/referral-world';
import { signIn } from '../../tests/helpers/session';
import { actOnReferral } from '../referrals/referral-workflows';

const NHS_NUMBER = '9990000018';

describe('finding referrals (real Temporal and PostgreSQL)', () => {
  const w = referralWorldSuite();
  let booked: Referral;
  let waiting: Referral;
  let otherPractice: Referral;

  async function lookUps(actor: Actor) {
    return w.db
      .selectFrom('audit_events')
      .select(['action', 'detail', 'subject_id'])
      .where('actor_user_id', '=', actor.userId)
      .where('action', 'in', ['referral.searched', 'referral.organisation_list_viewed'])
      .orderBy('id', 'desc')
      .execute();
  }

  it('sets up: a booked referral with its letter attached (on no referrer worklist), one waiting, one elsewhere', async () => {
    booked = await w.refer({ letter: { status: 'ATTACHED', documentId: 'doc-for-search' } });
    const slot = bookable(await addSlot(w.db, w.services.dbs.serviceId, { daysAhead: 6 }));
    const command = { type: 'BOOK', expectedVersion: 1, serviceId: w.services.dbs.serviceId, ...slot } as const;
    booked = (await actOnReferral(w.client, booked.ubrn, command, ACTORS.gp)).referral;
    waiting = await w.refer({ patient: { ...booked.patient, familyName: "O'Brien", nhsNumber: '9990000026' } });
    const elsewhere = (await signIn(w.db, { orgCode: 'B82002', role: 'B1101', userId: 'gp-elsewhere' })).actor;
    otherPractice = await w.refer({}, elsewhere);
    expect(booked.state).toBe('BOOKED');
  });

  it('finds a patient’s referrals by NHS number for the referring practice, and audits the search without the number', async () => {
    const outcome = await w.system.services.find.search(ACTORS.gp, { q: '999 000 0018' });
    expect(outcome.kind).toBe('nhsNumber');
    expect(outcome.results.map((r) => r.ubrn)).toEqual([booked.ubrn]);
    expect(outcome.results[0]).toMatchObject({ state: 'BOOKED', serviceName: 'Cardiology Outpatients' });
    const [audit] = await lookUps(ACTORS.gp);
    expect(audit).toMatchObject({ action: 'referral.searched', detail: { kind: 'nhsNumber', results: 1 } });
    expect(audit!.detail.ubrns).toEqual([booked.ubrn]);
    expect(JSON.stringify(audit)).not.toContain(NHS_NUMBER);
  });

  it('finds by surname and date of birth, and by booking reference', async () => {
    const { find } = w.system.services;
    const byName = await find.search(ACTORS.gpAdmin, { q: "o'brien", dateOfBirth: booked.patient.dateOfBirth });
    expect(byName.results.map((r) => r.ubrn)).toEqual([waiting.ubrn]);
    const [audit] = await lookUps(ACTORS.gpAdmin);
    expect(JSON.stringify(audit)).not.toMatch(/brien|1961/i);
    const byUbrn = await find.search(ACTORS.gp, { q: waiting.ubrn });
    expect(byUbrn).toMatchObject({ kind: 'ubrn', results: [{ ubrn: waiting.ubrn }] });
  });

  it('shows nobody a referral their organisation has no relationship with', async () => {
    const { find } = w.system.services;
    expect((await find.search(ACTORS.gp, { q: otherPractice.ubrn })).results).toEqual([]);
    // The provider sees the referral booked with its service, not the one with no service yet.
    const provider = await find.search(ACTORS.admin, { q: NHS_NUMBER });
    expect(provider.results.map((r) => r.ubrn)).toEqual([booked.ubrn]);
    expect((await find.search(ACTORS.otherTrust, { q: NHS_NUMBER })).results).toEqual([]);
    const [audit] = await lookUps(ACTORS.otherTrust);
    expect(audit).toMatchObject({ detail: { kind: 'nhsNumber', results: 0, ubrns: [] } });
  });

  it('refuses what cannot be searched, naming the field, and roles that do not find referrals', async () => {
    const { find } = w.system.services;
    await expect(find.search(ACTORS.gp, { q: 'Example' })).rejects.toMatchObject({
      code: 'VALIDATION',
      fields: { dob: expect.stringContaining('date of birth') },
    });
    const analyst: Actor = { userId: 'analyst-1', displayName: 'Ann Alyst', role: 'B1130', orgCode: GP };
    await expect(find.search(analyst, { q: NHS_NUMBER })).rejects.toMatchObject({ code: 'NOT_PERMITTED' });
    await expect(find.organisationReferrals(ACTORS.clinician, undefined)).rejects.toMatchObject({
      code: 'NOT_PERMITTED',
    });
  });

  it('lists every open referral of the practice, booked ones too, and audits the list', async () => {
    const list = await w.system.services.find.organisationReferrals(ACTORS.gp, undefined);
    const ubrns = list.results.map((r) => r.ubrn);
    expect(ubrns).toEqual(expect.arrayContaining([booked.ubrn, waiting.ubrn]));
    expect(ubrns).not.toContain(otherPractice.ubrn);
    const [audit] = await lookUps(ACTORS.gp);
    expect(audit).toMatchObject({ action: 'referral.organisation_list_viewed', detail: { results: ubrns.length } });
    // A tampered cursor starts at the first page rather than failing.
    const again = await w.system.services.find.organisationReferrals(ACTORS.gp, 'not-a-cursor');
    expect(again.results.map((r) => r.ubrn)).toEqual(ubrns);
  });
});
