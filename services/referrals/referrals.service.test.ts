import { describe, expect, it } from 'vitest';
import { auditTrailFor } from '../../db/audit/audit.repository';
import { getReferralRow } from '../../db/referrals/referrals.repository';
import { addSlot, bookable } from '../../fixtures/directory';
import { ACTORS, referralWorldSuite } from '../../tests/helpers/referral-world';

const PDF = new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x2d, 0x31, 0x2e, 0x34, 0x0a]);

const { gp, clinician } = ACTORS;

describe('the referral service: reading and acting on a referral', () => {
  const w = referralWorldSuite();

  it('loads a referral for its referrer; to anyone without a relationship it does not exist (audited)', async () => {
    const r = await w.refer();
    expect((await w.referrals.load(gp, r.ubrn)).ubrn).toBe(r.ubrn);
    await expect(w.referrals.load(gp, '999999999999')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(w.referrals.load(gp, 'not-a-ubrn')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(w.referrals.load(ACTORS.otherTrust, r.ubrn)).rejects.toMatchObject({
      code: 'NOT_FOUND',
      message: 'There is no referral with this booking reference.',
    });
    expect((await auditTrailFor(w.db, 'referral', r.ubrn)).map((a) => a.action)).toContain('referral.view_refused');
  });

  it("draws the page's data: actions, timeline, the DOS label and the shortlist's bookable slots", async () => {
    const r = await w.refer({ clinicType: 'HEART_FAILURE' });
    const page = await w.referrals.page(gp, r.ubrn);
    expect(page.referral.ubrn).toBe(r.ubrn);
    expect(page.actions).toContain('BOOK');
    expect(page.timeline.map((e) => e.type)).toEqual(['CREATE']);
    expect(page.specialtyLabel).toBe('Cardiology / Heart Failure');
    expect(page.slots.map((s) => s.slotId)).toEqual(expect.arrayContaining(w.slots));
    expect(page.slots.every((s) => s.serviceId === w.services.dbs.serviceId)).toBe(true);
    expect(page.targets).toEqual([]);
    expect((await auditTrailFor(w.db, 'referral', r.ubrn)).map((a) => a.action)).toContain('referral.viewed');
  });

  it('offers a provider its own services as targets, and slots only it can see yet', async () => {
    const r = await w.refer();
    await w.referrals.act(gp, r.ubrn, {
      type: 'DEFER_TO_PROVIDER',
      expectedVersion: 1,
      serviceId: w.services.full.serviceId,
      reason: 'NO_SLOTS',
    });
    const reserved = bookable(await addSlot(w.db, w.services.full.serviceId, { daysAhead: 2, released: false })).slotId;
    const page = await w.referrals.page(ACTORS.admin, r.ubrn);
    expect(page.targets.map((s) => s.serviceId)).toEqual(expect.arrayContaining([w.services.full.serviceId]));
    expect(page.slots.map((s) => s.slotId)).toContain(reserved);
  });

  it('completes a booking from the slot chosen: its service and times come from the server', async () => {
    const r = await w.refer();
    const slotId = bookable(await addSlot(w.db, w.services.dbs.serviceId, { daysAhead: 6 })).slotId;
    const booked = await w.referrals.act(gp, r.ubrn, { type: 'BOOK', expectedVersion: 1, slotId });
    expect(booked.state).toBe('BOOKED');
    expect(booked.service?.serviceId).toBe(w.services.dbs.serviceId);
    expect(booked.appointment?.slotId).toBe(slotId);
  });

  it('names the inputs at fault when a form cannot make a command', async () => {
    const r = await w.refer();
    const noSlot = { type: 'BOOK', expectedVersion: 1, slotId: '999999' } as const;
    await expect(w.referrals.act(gp, r.ubrn, noSlot)).rejects.toMatchObject({
      code: 'VALIDATION',
      fields: { slotId: 'Choose an appointment from the list' },
    });
    const cancel = {
      type: 'CANCEL_REFERRAL',
      expectedVersion: 1,
      reason: 'PATIENT_REQUEST_CANCELLATION_OTHER',
      comment: '',
    } as const;
    await expect(w.referrals.act(gp, r.ubrn, cancel)).rejects.toMatchObject({
      code: 'VALIDATION',
      fields: { comment: expect.any(String) },
    });
    const letter = { type: 'ADD_LETTER', expectedVersion: 1, letter: new TextEncoder().encode('MZ') } as const;
    await expect(w.referrals.act(gp, r.ubrn, letter)).rejects.toMatchObject({
      fields: { letter: 'The selected file must be a PDF, PNG or JPEG' },
    });
    expect((await getReferralRow(w.db, r.ubrn))?.version).toBe(1);
  });

  it("checks whether slots exist before deferring, and lets the workflow's guard refuse", async () => {
    const r = await w.refer();
    const defer = { type: 'DEFER_TO_PROVIDER', expectedVersion: 1, reason: 'NO_SLOTS' } as const;
    await expect(w.referrals.act(gp, r.ubrn, { ...defer, serviceId: w.services.dbs.serviceId })).rejects.toMatchObject({
      code: 'INVALID_REQUEST_STATE',
    });
    const stale = { type: 'CHANGE_PRIORITY', expectedVersion: 9, priority: 'ROUTINE' } as const;
    await expect(w.referrals.act(gp, r.ubrn, stale)).rejects.toMatchObject({ code: 'STALE_VERSION' });
  });

  it('serves the letter to clinical roles only, and audits who read it', async () => {
    const r = await w.refer();
    await expect(w.referrals.letter(gp, r.ubrn)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await w.referrals.act(gp, r.ubrn, { type: 'ADD_LETTER', expectedVersion: 1, letter: PDF });
    const letter = await w.referrals.letter(gp, r.ubrn);
    expect(letter.mediaType).toBe('application/pdf');
    expect([...letter.content]).toEqual([...PDF]);
    await expect(w.referrals.letter(ACTORS.gpAdmin, r.ubrn)).rejects.toMatchObject({ code: 'NOT_PERMITTED' });
    expect((await auditTrailFor(w.db, 'referral', r.ubrn)).map((a) => a.action)).toContain('referral.letter_viewed');
  });

  it('finds the next referral to review after the one just accepted', async () => {
    const sendForTriage = async () => {
      const r = await w.refer();
      await w.referrals.act(gp, r.ubrn, {
        type: 'SEND_FOR_TRIAGE',
        expectedVersion: 1,
        serviceId: w.services.ras.serviceId,
      });
      return r.ubrn;
    };
    const first = await sendForTriage();
    const second = await sendForTriage();
    // Same priority: the older first. After the last one, the list starts again from its top.
    expect(await w.referrals.nextToReview(clinician, first)).toBe(second);
    const wrapped = await w.referrals.nextToReview(clinician, second);
    expect(wrapped).toBeDefined();
    expect(wrapped).not.toBe(second);
  });

  it('changes a shortlist only when it is back with the referrer, and says why not', async () => {
    const r = await w.refer();
    const changeable = await w.referrals.changeableReferral(gp, r.ubrn);
    await expect(w.referrals.changeShortlist(gp, r.ubrn, { shortlist: [], expectedVersion: 1 })).rejects.toMatchObject({
      code: 'VALIDATION',
      fields: { shortlist: 'Choose at least one service' },
    });
    await w.referrals.changeShortlist(gp, r.ubrn, { shortlist: [w.services.dbs], expectedVersion: changeable.version });
    expect((await getReferralRow(w.db, r.ubrn))?.snapshot.shortlist).toEqual([w.services.dbs]);
    await w.referrals.act(gp, r.ubrn, {
      type: 'BOOK',
      expectedVersion: 2,
      slotId: bookable(await addSlot(w.db, w.services.dbs.serviceId, { daysAhead: 7 })).slotId,
    });
    await expect(w.referrals.changeableReferral(gp, r.ubrn)).rejects.toMatchObject({ code: 'INVALID_REQUEST_STATE' });
  });
});
