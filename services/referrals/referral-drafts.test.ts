import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getReferralRow } from '../../db/referrals/referrals.repository';
import type { Actor } from '../../domain/actor';
import { addUser } from '../../fixtures/identity';
import { GP, type ReferralWorld, addSlot, createReferralWorld } from '../../tests/helpers/referral-world';
import type { DetailsInput, ReferralService } from './referrals.service';

const PDF = new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x2d, 0x31, 0x2e, 0x34, 0x0a]);

function detailsInput(
  overrides: Partial<DetailsInput['details']> = {},
  letter: DetailsInput['letter'] = { status: 'TO_FOLLOW' },
): DetailsInput {
  return {
    details: {
      priority: 'URGENT',
      patient: {
        nhsNumber: '9434765919',
        givenName: 'Bob',
        familyName: 'Sample',
        dateOfBirth: '1958-05-04',
        sex: 'male',
        postcode: 'LS1 5AB',
        registeredPracticeCode: GP,
      },
      specialty: 'CARDIOLOGY',
      clinicType: undefined,
      reason: 'Palpitations',
      clinicalInformation: '',
      ...overrides,
    },
    letter,
  };
}

describe('the referral service: the create journey', () => {
  let w: ReferralWorld;
  let referrals: ReferralService;
  let gp: Actor;
  beforeAll(async () => {
    w = await createReferralWorld();
    referrals = w.system.services.referrals;
    gp = w.sessions.gp.actor;
  });
  afterAll(() => w?.stop());

  /** A draft of the GP's with `shortlist` on it. */
  async function draftWith(shortlist = [w.services.dbs, w.services.ras]) {
    const started = await referrals.startDraft(gp, detailsInput());
    if (!started.ok) throw started.refused;
    await referrals.saveDraftShortlist(gp, started.draftId, shortlist);
    return started.draftId;
  }

  it('offers the code lists, and a clinician admin the clinicians they may refer for', async () => {
    const options = await referrals.detailsOptions(gp);
    expect(options.specialties).toContainEqual({ code: 'CARDIOLOGY', name: 'Cardiology' });
    expect(options.clinicTypes).toContainEqual({
      specialtyCode: 'CARDIOLOGY',
      code: 'HEART_FAILURE',
      name: 'Heart Failure',
    });
    expect(options.clinicians).toEqual([]);
    const clinicianAdmin = await addUser(w.db, { orgCode: GP, role: 'B1102', displayName: 'Carol Admin' });
    expect((await referrals.detailsOptions(clinicianAdmin)).clinicians).toContainEqual({
      id: gp.userId,
      name: gp.displayName,
    });
    await expect(referrals.detailsOptions(w.sessions.gpAdmin.actor)).rejects.toMatchObject({ code: 'NOT_PERMITTED' });
  });

  it('refuses every problem at once, and keeps a valid letter for the next try', async () => {
    const bad = detailsInput(
      {
        specialty: 'NOT_A_SPECIALTY',
        clinicType: 'HEART_FAILURE',
        reason: '',
        patient: { ...detailsInput().details.patient, nhsNumber: '1234567890' },
      },
      { status: 'ATTACHED', file: PDF },
    );
    const refused = await referrals.startDraft(gp, bad);
    if (refused.ok) throw new Error('expected a refusal');
    expect(refused.refused.code).toBe('VALIDATION');
    expect(Object.keys(refused.refused.fields).sort()).toEqual([
      'clinicType',
      'patient-nhsNumber',
      'reason',
      'specialty',
    ]);
    expect(refused.letterId).toBeDefined();

    const carried = detailsInput({}, { status: 'ATTACHED', documentId: refused.letterId });
    const started = await referrals.startDraft(gp, carried);
    if (!started.ok) throw started.refused;
    const draft = await referrals.draft(gp, started.draftId);
    expect(draft.details.letter).toEqual({ status: 'ATTACHED', documentId: refused.letterId });
    expect(draft.details.clinicianUserId).toBe(gp.userId);
  });

  it("never carries over another organisation's letter, nor names a clinician it may not", async () => {
    const elsewhere = await referrals.startDraft(
      { ...gp, orgCode: 'B82002' },
      detailsInput({}, { status: 'ATTACHED', file: PDF }),
    );
    const letterId = elsewhere.ok ? undefined : elsewhere.letterId;
    const started = await referrals.startDraft(gp, detailsInput({}, { status: 'ATTACHED', documentId: letterId }));
    expect(started.ok ? {} : started.refused.fields).toEqual({
      'letter-file': 'Select the referral letter, or choose that it will follow later',
    });
    const clinicianAdmin = await addUser(w.db, { orgCode: GP, role: 'B1102' });
    const forWhom = await referrals.startDraft(clinicianAdmin, { ...detailsInput(), clinicianUserId: 'someone-else' });
    expect(forWhom.ok ? {} : forWhom.refused.fields).toEqual({
      'referrer-clinicianUserId': 'Choose the clinician you are referring for',
    });
  });

  it("keeps drafts to their author, and offers the shortlist's bookable slots", async () => {
    const draftId = await draftWith();
    await expect(referrals.draft(w.sessions.gpAdmin.actor, draftId)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const { draft, slots } = await referrals.bookingStep(gp, draftId);
    expect(draft.shortlist).toEqual([w.services.dbs, w.services.ras]);
    expect(slots.map((s) => s.slotId)).toEqual(expect.arrayContaining(w.slots));
  });

  it('creates the referral once, takes the first action, and shows the author its access code', async () => {
    const draftId = await draftWith();
    const slotId = await addSlot(w.db, w.services.dbs, 8);
    const first = await referrals.submitDraft(gp, draftId, { kind: 'book', id: slotId });
    const again = await referrals.submitDraft(gp, draftId, { kind: 'book', id: slotId });
    expect(first).toEqual({ ubrn: again.ubrn, notBooked: undefined });
    expect((await getReferralRow(w.db, first.ubrn))?.state).toBe('BOOKED');
    const created = await referrals.created(gp, first.ubrn);
    expect(created.accessCode).toMatch(/^[A-Z2-9]{8}$/);
    await expect(referrals.created(w.sessions.gpAdmin.actor, first.ubrn)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('says why the first action was not done, and the referral exists anyway', async () => {
    const submitted = await referrals.submitDraft(gp, await draftWith(), { kind: 'book', id: '999999999' });
    expect(submitted.notBooked).toBe('SLOT_UNAVAILABLE');
    expect((await getReferralRow(w.db, submitted.ubrn))?.state).toBe('NOT_BOOKED');
  });

  it('keeps a refusal what it is: a role that may not refer is NOT_PERMITTED, a bad draft VALIDATION', async () => {
    const draftId = await draftWith();
    await expect(referrals.submitDraft({ ...gp, role: 'B1103' }, draftId, { kind: 'later' })).rejects.toMatchObject({
      code: 'NOT_PERMITTED',
    });
    await expect(referrals.submitDraft(gp, await draftWith([]), { kind: 'later' })).rejects.toMatchObject({
      code: 'VALIDATION',
      fields: { shortlist: 'Choose at least one service' },
    });
  });
});
