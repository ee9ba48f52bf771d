import { describe, expect, it } from 'vitest';
import { getReferralRow } from '../../db/referrals/referrals.repository';
import { addUser } from '../../fixtures/identity';
import { addService, addSlot, bookable, shortlisted } from '../../fixtures/directory';
import { addPatient } from '../../fixtures/patients';
import { DATES_PER_PAGE } from './booking-options';
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
    patientSource: 'manual',
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

  it('keeps drafts to their author, and offers only what can be done with the shortlist', async () => {
    const draftId = await draftWith([w.services.dbs, w.services.ibs, w.services.ras, w.services.full]);
    await expect(w.referrals.draft(ACTORS.gpAdmin, draftId)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const choices = await w.referrals.draftChoices(gp, draftId);
    expect(choices.bookable.map((b) => b.service)).toEqual([w.services.dbs]);
    expect(choices.triage).toEqual([w.services.ras]);
    expect(choices.ibs).toEqual([w.services.ibs]);
    // A service with free slots cannot be deferred to; the one with none can.
    expect(choices.deferrable).toEqual([w.services.full]);
  });

  it('books by service, then date (earliest first, a page at a time), then time', async () => {
    const service = await addService(w.db, {
      provider_org_code: 'RXX',
      name: 'Paged Clinic',
      request_types: ['DBS'],
      location: 'Leeds',
      indicative_wait_days: 10,
    });
    const paged = shortlisted(service);
    // Two slots on each of 7 days: two pages of dates (5, then 2).
    const today = new Date();
    for (const daysAhead of [3, 4, 5, 6, 7, 8, 9]) {
      for (const hour of [9, 11]) {
        const start_at = new Date(
          Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate() + daysAhead, hour),
        );
        await addSlot(w.db, paged.serviceId, { start_at, end_at: new Date(start_at.getTime() + 1_200_000) });
      }
    }
    const draftId = await draftWith([paged]);
    const first = await w.referrals.draftDates(gp, draftId, paged.serviceId, 1);
    expect(first.dates.dates).toHaveLength(DATES_PER_PAGE);
    expect(first.dates.more).toBe(true);
    expect(first.dates.dates.every((d) => d.count === 2)).toBe(true);
    const days = first.dates.dates.map((d) => d.date);
    expect([...days].sort()).toEqual(days);
    const second = await w.referrals.draftDates(gp, draftId, paged.serviceId, 2);
    expect(second.dates.dates).toHaveLength(2);
    expect(second.dates.more).toBe(false);
    expect(second.dates.dates[0]!.date > days.at(-1)!).toBe(true);
    const times = await w.referrals.draftTimes(gp, draftId, paged.serviceId, days[0]!);
    expect(times.slots).toHaveLength(2);
    expect(times.slots[0]!.start < times.slots[1]!.start).toBe(true);
    // Only the draft's own directly bookable services.
    await expect(w.referrals.draftDates(gp, draftId, w.services.dbs.serviceId, 1)).rejects.toMatchObject({
      code: 'VALIDATION',
      fields: { service: 'Choose a service from the list' },
    });
  });

  it('takes a patient confirmed from the demographics service from the service, not from the form', async () => {
    await addPatient(w.db, { nhsNumber: '9434765919', givenName: 'Priya', familyName: 'Raman' });
    const typed = detailsInput({
      patient: { nhsNumber: '943 476 5919', givenName: 'Forged', familyName: 'Name', registeredPracticeCode: GP },
    });
    const started = await w.referrals.startDraft(gp, { ...typed, patientSource: 'directory' });
    if (!started.ok) throw started.refused;
    const { patient } = (await w.referrals.draft(gp, started.draftId)).details;
    expect(patient).toMatchObject({
      givenName: 'Priya',
      familyName: 'Raman',
      address: '2 Wellington Street, Leeds',
      postcode: 'LS1 4DL',
      verified: true,
    });
    const manual = await w.referrals.startDraft(gp, detailsInput());
    if (!manual.ok) throw manual.refused;
    expect((await w.referrals.draft(gp, manual.draftId)).details.patient.verified).toBe(false);
  });

  it('refuses a patient never looked up, and one the demographics service does not know', async () => {
    const never = await w.referrals.startDraft(gp, { ...detailsInput(), patientSource: undefined });
    expect(never.ok ? {} : never.refused.fields['patient-nhsNumber']).toMatch(/Find the patient/);
    const unknown = await w.referrals.startDraft(gp, {
      ...detailsInput({ patient: { nhsNumber: '9990000018' } }),
      patientSource: 'directory',
    });
    expect(unknown.ok ? {} : unknown.refused.fields['patient-nhsNumber']).toMatch(/No patient with this NHS number/);
  });

  it("changes a draft's details, checked as step 1 checks them", async () => {
    const draftId = await draftWith();
    const refused = await w.referrals.changeDraftDetails(gp, draftId, detailsInput({ reason: '' }));
    expect(refused.ok ? {} : refused.refused.fields).toHaveProperty('reason');
    const changed = await w.referrals.changeDraftDetails(gp, draftId, detailsInput({ reason: 'Syncope' }));
    expect(changed.ok).toBe(true);
    const draft = await w.referrals.draft(gp, draftId);
    expect(draft.details.reason).toBe('Syncope');
    expect(draft.shortlist).toEqual([w.services.dbs, w.services.ras]);
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
