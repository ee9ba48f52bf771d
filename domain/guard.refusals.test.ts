/**
 * What the referral guard tells a person it refuses, and the system events it lets through,
 * beyond the who-may-do-what table that `guard.test.ts` checks against `guard-expectations.ts`
 * (issue 19's mutation testing, decision record 0016). Oracles:
 * - the role names of e-RS's business functions (`/work/shared/domain.md`, "People and roles"):
 *   a refusal for the role names the role as e-RS does;
 * - a legitimate relationship: a referrer sees its organisation's referrals, a provider those
 *   with its services; each side is told which it lacks;
 * - e-RS's appointment rules: accept before the appointment, record a DNA after it, change only
 *   a booked slot (an arranged IBS date is the provider's), a letter is attached once;
 * - system events: a booking is confirmed once, for its own slot; only a deferred or triage
 *   referral has a contact target, breached once; a booked referral does not expire; nothing
 *   happens to a cancelled or expired one.
 */
import { describe, expect, it } from 'vitest';
import type { Command } from './actions';
import { FIXTURE_NOW, REFERRER_ORG, SERVICES, actorFor, createInput, sampleCommand, situations } from './fixtures';
import { availableActions, canView, check, checkCreate, checkEvent } from './guard';
import type { Referral } from './referral';

const BEFORE = FIXTURE_NOW; // the fixtures' appointments are on 20 April 2026 at 09:00 UTC
const AT_START = '2026-04-20T09:00:00.000Z';
const AFTER = '2026-04-21T09:00:00.000Z';
const s = situations();
const cmd = (type: Command['type'], referral: Referral, fields: object = {}) =>
  ({ ...sampleCommand(type, 'BOOKED_DBS', referral.version), ...fields }) as Command;

describe('a refusal says why, in the user’s terms', () => {
  it('names the role as e-RS does, and the action', () => {
    expect(check(cmd('ACCEPT', s.BOOKED_DBS), s.BOOKED_DBS, actorFor('B1120'), BEFORE)).toStrictEqual({
      ok: false,
      code: 'NOT_PERMITTED',
      message: 'Your role (Service Provider Admin) does not allow: Accept',
    });
    const refused = check(cmd('CANCEL_REFERRAL', s.BOOKED_DBS), s.BOOKED_DBS, actorFor('B1103'), BEFORE);
    expect(refused).toMatchObject({ code: 'NOT_PERMITTED' });
    expect(refused.ok ? '' : refused.message).toContain('Referring Admin');
  });

  it('tells each side which relationship it lacks', () => {
    const referrer = check(cmd('CANCEL_REFERRAL', s.BOOKED_DBS), s.BOOKED_DBS, actorFor('B1101', 'B99999'), BEFORE);
    const provider = check(cmd('ACCEPT', s.BOOKED_DBS), s.BOOKED_DBS, actorFor('B1110', 'RZZ'), BEFORE);
    expect(referrer).toMatchObject({
      ok: false,
      code: 'NO_RELATIONSHIP',
      message: 'This referral belongs to another organisation',
    });
    expect(provider).toMatchObject({
      ok: false,
      code: 'NO_RELATIONSHIP',
      message: "This referral is not with one of your organisation's services",
    });
    expect(referrer).not.toHaveProperty('field');
  });

  it('names the state a referral is in and what cannot be done in it', () => {
    const refused = check(cmd('ACCEPT', s.CANCELLED_REFERRAL), s.CANCELLED_REFERRAL, actorFor('B1110'), BEFORE);
    expect(refused).toMatchObject({ ok: false, code: 'INVALID_REQUEST_STATE' });
    const message = refused.ok ? '' : refused.message;
    expect(message).toMatch(/cancelled/i);
    expect(message).toMatch(/accepted/);
  });

  it('names the field at fault, and no field for a stale version', () => {
    expect(check({ expectedVersion: 3 } as unknown as Command, s.BOOKED_DBS, actorFor('B1110'), BEFORE)).toMatchObject({
      code: 'VALIDATION',
      field: 'type',
    });
    const stale = check(cmd('ACCEPT', s.BOOKED_DBS, { expectedVersion: 2 }), s.BOOKED_DBS, actorFor('B1110'), BEFORE);
    expect(stale).toMatchObject({ ok: false, code: 'STALE_VERSION' });
    expect(stale).not.toHaveProperty('field');
    const badReason = check(
      cmd('REJECT', s.BOOKED_DBS, { reason: 'NOT_A_REASON' }),
      s.BOOKED_DBS,
      actorFor('B1110'),
      BEFORE,
    );
    expect(badReason).toMatchObject({ ok: false, code: 'VALIDATION', field: 'reason' });
  });
});

describe('the appointment rules', () => {
  const provider = actorFor('B1110');
  const providerAdmin = actorFor('B1120');

  it('accepts a referral only before its appointment, and only once', () => {
    expect(check(cmd('ACCEPT', s.BOOKED_DBS), s.BOOKED_DBS, provider, BEFORE)).toEqual({ ok: true });
    expect(check(cmd('ACCEPT', s.BOOKED_DBS), s.BOOKED_DBS, provider, AT_START)).toMatchObject({
      ok: false,
      message: 'The appointment has already passed: record whether the patient attended instead',
    });
    expect(check(cmd('ACCEPT', s.BOOKED_DBS_ACCEPTED), s.BOOKED_DBS_ACCEPTED, provider, BEFORE)).toMatchObject({
      ok: false,
      message: 'This referral has already been accepted',
    });
    // An IBS referral awaiting its date has no appointment to have passed.
    expect(check(cmd('ACCEPT', s.BOOKED_IBS_AWAITING), s.BOOKED_IBS_AWAITING, provider, AFTER)).toEqual({ ok: true });
  });

  it('records a missed appointment from its start, not before, and not without one', () => {
    const dna = (r: Referral) => cmd('RECORD_DNA', r);
    expect(check(dna(s.BOOKED_DBS), s.BOOKED_DBS, providerAdmin, AT_START)).toEqual({ ok: true });
    expect(check(dna(s.BOOKED_DBS), s.BOOKED_DBS, providerAdmin, '2026-04-20T08:59:59.999Z')).toMatchObject({
      ok: false,
      message: 'The appointment has not happened yet: record a missed appointment after it',
    });
    expect(check(dna(s.BOOKED_IBS_AWAITING), s.BOOKED_IBS_AWAITING, providerAdmin, AFTER)).toMatchObject({
      ok: false,
      message: 'This referral has no appointment yet',
    });
  });

  it('changes only a booked slot; an arranged date is the provider’s', () => {
    expect(
      check(cmd('CHANGE_APPOINTMENT', s.BOOKED_IBS_ARRANGED), s.BOOKED_IBS_ARRANGED, actorFor('B1101'), BEFORE),
    ).toMatchObject({
      ok: false,
      message: 'Only a booked slot can be changed; contact the provider to change an arranged appointment',
    });
  });

  it('books into the kind of service the referral is with', () => {
    const ibsCancelled: Referral = { ...s.APPT_CANCELLED_BY_PROVIDER, service: SERVICES.ibs };
    expect(check(cmd('BOOK', ibsCancelled), ibsCancelled, providerAdmin, BEFORE)).toMatchObject({
      ok: false,
      message: 'This service is indirectly bookable: record the appointment you arranged instead',
    });
    expect(
      check(
        cmd('RECORD_IBS_ARRANGED', s.APPT_CANCELLED_BY_PROVIDER, { start: '2026-04-22T10:00:00.000Z' }),
        s.APPT_CANCELLED_BY_PROVIDER,
        providerAdmin,
        BEFORE,
      ),
    ).toMatchObject({ ok: false, message: 'This service is directly bookable: book a slot instead' });
  });

  it('after a missed appointment, lets the side whose list it is on rebook it', () => {
    expect(availableActions(s.DNA_REBOOK, providerAdmin, AFTER)).toContain('BOOK');
    expect(availableActions(s.DNA_REBOOK, actorFor('B1101'), AFTER)).not.toContain('BOOK');
    expect(check(cmd('BOOK', s.DNA_REBOOK), s.DNA_REBOOK, actorFor('B1101'), AFTER)).toMatchObject({
      message: 'The provider is rebooking this referral after the missed appointment',
    });
    expect(check(cmd('BOOK', s.DNA_RETURNED), s.DNA_RETURNED, providerAdmin, AFTER)).toMatchObject({
      message: 'This referral was returned to the referrer after the missed appointment',
    });
  });

  it('attaches the referral letter once', () => {
    const attached: Referral = {
      ...s.NOT_BOOKED,
      letter: { status: 'ATTACHED', attachedAt: FIXTURE_NOW, documentId: 'd' },
    };
    expect(check(cmd('ADD_LETTER', attached), attached, actorFor('B1101'), BEFORE)).toMatchObject({
      ok: false,
      message: 'The referral letter is already attached',
    });
    expect(check(cmd('ADD_LETTER', s.NOT_BOOKED), s.NOT_BOOKED, actorFor('B1101'), BEFORE)).toEqual({ ok: true });
  });
});

describe('who sees a referral', () => {
  it('is its referrer’s organisation and its service’s provider, nobody else', () => {
    expect(canView(s.BOOKED_DBS, actorFor('B1103'))).toBe(true);
    expect(canView(s.BOOKED_DBS, actorFor('B1120'))).toBe(true);
    expect(canView(s.NOT_BOOKED, actorFor('B1120'))).toBe(false);
    for (const role of ['B1107', 'B1106', 'B1130', 'CP0001', 'CP0002', 'CP0003'] as const) {
      expect(canView(s.BOOKED_DBS, actorFor(role, REFERRER_ORG)), role).toBe(false);
      expect(canView(s.BOOKED_DBS, actorFor(role, SERVICES.dbs.providerOrgCode)), role).toBe(false);
    }
  });
});

describe('creating a referral', () => {
  it('is for the referrer’s own organisation, however its code is typed', () => {
    const input = createInput();
    expect(checkCreate({ ...input, referrer: { ...input.referrer, orgCode: ' a81001 ' } }, actorFor('B1101'))).toEqual({
      ok: true,
    });
    expect(
      checkCreate({ ...input, referrer: { ...input.referrer, orgCode: 'B99999' } }, actorFor('B1101')),
    ).toStrictEqual({
      ok: false,
      code: 'NO_RELATIONSHIP',
      message: 'You can only refer on behalf of your own organisation',
    });
  });

  it('is refused to roles that do not refer, naming them', () => {
    expect(checkCreate(createInput(), actorFor('B1103'))).toStrictEqual({
      ok: false,
      code: 'NOT_PERMITTED',
      message: expect.stringContaining('Referring Admin'),
    });
  });

  it('is in a referring clinician’s own name, unless a clinician admin refers for one', () => {
    const forSomeoneElse = { ...createInput(), referrer: { ...createInput().referrer, clinicianUserId: 'user-other' } };
    expect(checkCreate(forSomeoneElse, actorFor('B1101'))).toStrictEqual({
      ok: false,
      code: 'VALIDATION',
      message: 'A referring clinician refers in their own name',
      field: 'referrer.clinicianUserId',
    });
    expect(checkCreate(forSomeoneElse, actorFor('B1102'))).toEqual({ ok: true });
  });

  it('names the field at fault', () => {
    const result = checkCreate({ ...createInput(), priority: 'SOON' as never }, actorFor('B1101'));
    expect(result).toMatchObject({ ok: false, code: 'VALIDATION', field: 'priority' });
  });
});

describe('system events', () => {
  it('confirm a booking once, for its own slot', () => {
    expect(checkEvent({ type: 'BOOKING_CONFIRMED' }, s.BOOKED_DBS)).toEqual({ ok: true });
    expect(checkEvent({ type: 'BOOKING_CONFIRMED', slotId: 'slot-1' }, s.BOOKED_DBS)).toEqual({ ok: true });
    expect(checkEvent({ type: 'BOOKING_CONFIRMED', slotId: 'slot-2' }, s.BOOKED_DBS)).toMatchObject({
      ok: false,
      code: 'INVALID_REQUEST_STATE',
      message: 'This referral is Booked; the confirmation is for a different slot',
    });
    expect(checkEvent({ type: 'BOOKING_CONFIRMED' }, s.BOOKED_IBS_ARRANGED)).toMatchObject({
      message: 'This referral is Booked; its appointment is already confirmed',
    });
    expect(checkEvent({ type: 'BOOKING_CONFIRMED' }, s.BOOKED_IBS_AWAITING)).toMatchObject({
      message: 'This referral is Booked; there is no appointment to confirm',
    });
    const cancelledWithAppointment: Referral = {
      ...s.APPT_CANCELLED_BY_PATIENT,
      appointment: s.BOOKED_DBS.appointment,
    };
    expect(checkEvent({ type: 'BOOKING_CONFIRMED' }, cancelledWithAppointment)).toMatchObject({ ok: false });
  });

  it('breach the contact target of a deferred or triage referral, once', () => {
    expect(checkEvent({ type: 'CONTACT_TARGET_BREACHED' }, s.DEFERRED_TO_PROVIDER)).toEqual({ ok: true });
    expect(checkEvent({ type: 'CONTACT_TARGET_BREACHED' }, s.AWAITING_TRIAGE)).toEqual({ ok: true });
    expect(checkEvent({ type: 'CONTACT_TARGET_BREACHED' }, { ...s.AWAITING_TRIAGE, breached: true })).toMatchObject({
      ok: false,
      message: 'This referral is Awaiting triage; its contact target has already passed',
    });
    expect(checkEvent({ type: 'CONTACT_TARGET_BREACHED' }, s.NOT_BOOKED)).toMatchObject({
      ok: false,
      message: 'This referral is Not booked; it has no contact target',
    });
  });

  it('expire what is not booked; remind while it is live; do nothing to an ended referral', () => {
    expect(checkEvent({ type: 'EXPIRE' }, s.NOT_BOOKED)).toEqual({ ok: true });
    expect(checkEvent({ type: 'EXPIRE' }, s.DEFERRED_TO_PROVIDER)).toEqual({ ok: true });
    expect(checkEvent({ type: 'EXPIRE' }, s.BOOKED_DBS)).toMatchObject({
      ok: false,
      message: 'This referral is Booked; a booked referral does not expire',
    });
    expect(checkEvent({ type: 'REMINDER_SENT' }, s.NOT_BOOKED)).toEqual({ ok: true });
    for (const ended of [s.CANCELLED_REFERRAL, s.EXPIRED]) {
      for (const type of ['REMINDER_SENT', 'EXPIRE', 'BOOKING_CONFIRMED', 'CONTACT_TARGET_BREACHED'] as const) {
        expect(checkEvent({ type }, ended)).toMatchObject({
          ok: false,
          code: 'INVALID_REQUEST_STATE',
          message: expect.stringContaining('nothing more can happen to it'),
        });
      }
    }
  });
});
