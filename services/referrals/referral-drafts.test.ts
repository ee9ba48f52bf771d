import { describe, expect, it } from 'vitest';
import { getReferralRow } from '../../db/referrals/referrals.repository';
import { addUser } from '../../fixtures/identity';
import { addSlot, bookable } from '../../fixtures/directory';
import { ACTORS, GP, referralWorldSuite } from '../../tests/helpers/referral-world';
import type { DetailsInput } from './referrals.service';

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

const { gp } = ACTORS;

describe('the referral service: the create journey', () => {
  const w = referralWorldSuite();

  /** A draft of the GP's with `shortlist` on it. */
  async function draftWith(shortlist = [w.services.dbs, w.services.ras]) {
    const started = await w.referrals.startDraft(gp, detailsInput());
    if (!started.ok) throw started.refused;
    await w.referrals.saveDraftShortlist(gp, started.draftId, shortlist);
    return started.draftId;
  }

  it('offers the code lists, and a clinician admin the clinicians they may refer for', async () => {
    const options = await w.referrals.detailsOptions(gp);
    expect(options.specialties).toContainEqual({ code: 'CARDIOLOGY', name: 'Cardiology' });
    expect(options.clinicTypes).toContainEqual({
      specialtyCode: 'CARDIOLOGY',
      code: 'HEART_FAILURE',
      name: 'Heart Failure',
    });
    expect(options.clinicians).toEqual([]);
    const clinicianAdmin = await addUser(w.db, { orgCode: GP, role: 'B1102', displayName: 'Carol Admin' });
    expect((await w.referrals.detailsOptions(clinicianAdmin)).clinicians).toContainEqual({
      id: gp.userId,
      name: gp.displayName,
    });
    await expect(w.referrals.detailsOptions(ACTORS.gpAdmin)).rejects.toMatchObject({ code: 'NOT_PERMITTED' });
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
    const refused = await w.referrals.startDraft(gp, bad);
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
    const started = await w.referrals.startDraft(gp, carried);
    if (!started.ok) throw started.refused;
    const draft = await w.referrals.draft(gp, started.draftId);
    expect(draft.details.letter).toEqual({ status: 'ATTACHED', documentId: refused.letterId });
    expect(draft.details.clinicianUserId).toBe(gp.userId);
  });

  it("never carries over another organisation's letter, nor names a clinician it may not", async () => {
    const elsewhere = await w.referrals.startDraft(
      { ...gp, orgCode: 'B82002' },
      detailsInput({}, { status: 'ATTACHED', file: PDF }),
    );
    const letterId = elsewhere.ok ? undefined : elsewhere.letterId;
    const started = await w.referrals.startDraft(gp, detailsInput({}, { status: 'ATTACHED', documentId: letterId }));
    expect(started.ok ? {} : started.refused.fields).toEqual({
      'letter-file': 'Select the referral letter, or choose that it will follow later',
    });
    const clinicianAdmin = await addUser(w.db, { orgCode: GP, role: 'B1102' });
    const forWhom = await w.referrals.startDraft(clinicianAdmin, {
      ...detailsInput(),
      clinicianUserId: 'someone-else',
    });
    expect(forWhom.ok ? {} : forWhom.refused.fields).toEqual({
      'referrer-clinicianUserId': 'Choose the clinician you are referring for',
    });
  });

  it("keeps drafts to their author, and offers the shortlist's bookable slots", async () => {
    const draftId = await draftWith();
    await expect(w.referrals.draft(ACTORS.gpAdmin, draftId)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const { draft, slots } = await w.referrals.bookingStep(gp, draftId);
    expect(draft.shortlist).toEqual([w.services.dbs, w.services.ras]);
    expect(slots.map((s) => s.slotId)).toEqual(expect.arrayContaining(w.slots));
  });

  it('creates the referral once, takes the first action, and shows the author its access code', async () => {
    const draftId = await draftWith();
    const slotId = bookable(await addSlot(w.db, w.services.dbs.serviceId, { daysAhead: 8 })).slotId;
    const first = await w.referrals.submitDraft(gp, draftId, { kind: 'book', id: slotId });
    const again = await w.referrals.submitDraft(gp, draftId, { kind: 'book', id: slotId });
    expect(first).toEqual({ ubrn: again.ubrn, notBooked: undefined });
    expect((await getReferralRow(w.db, first.ubrn))?.state).toBe('BOOKED');
    const created = await w.referrals.created(gp, first.ubrn);
    expect(created.accessCode).toMatch(/^[A-Z2-9]{8}$/);
    await expect(w.referrals.created(ACTORS.gpAdmin, first.ubrn)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('says why the first action was not done, and the referral exists anyway', async () => {
    const submitted = await w.referrals.submitDraft(gp, await draftWith(), { kind: 'book', id: '999999999' });
    expect(submitted.notBooked).toBe('SLOT_UNAVAILABLE');
    expect((await getReferralRow(w.db, submitted.ubrn))?.state).toBe('NOT_BOOKED');
  });

  it('keeps a refusal what it is: a role that may not refer is NOT_PERMITTED, a bad draft VALIDATION', async () => {
    const draftId = await draftWith();
    await expect(w.referrals.submitDraft({ ...gp, role: 'B1103' }, draftId, { kind: 'later' })).rejects.toMatchObject({
      code: 'NOT_PERMITTED',
    });
    await expect(w.referrals.submitDraft(gp, await draftWith([]), { kind: 'later' })).rejects.toMatchObject({
      code: 'VALIDATION',
      fields: { shortlist: 'Choose at least one service' },
    });
  });
});
