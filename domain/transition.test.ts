import { describe, expect, it } from 'vitest';
import type { Command, SystemEvent } from './actions';
import type { Actor } from './actor';
import { FIXTURE_NOW, SERVICES, actorFor, createInput, newReferral } from './fixtures';
import { availableActions, check, checkEvent } from './guard';
import { type Policy, defaultPolicy } from './policy';
import { type Referral, referralSchema } from './referral';
import { timelineEventSchema } from './timeline';
import { type TimelineEvent, apply, createReferral, createReferralInputSchema } from './transition';

const rc = actorFor('B1101');
const rcAdmin = actorFor('B1103');
const spClinician = actorFor('B1110');
const spAdmin = actorFor('B1120');
const slot = { slotId: 'slot-1', start: '2026-04-20T09:00:00.000Z', end: '2026-04-20T09:20:00.000Z' };
const slot2 = { slotId: 'slot-2', start: '2026-04-27T09:00:00.000Z', end: '2026-04-27T09:20:00.000Z' };
/** After `slot`'s appointment: a missed appointment can be recorded. */
const AFTER_APPOINTMENT = '2026-04-21T09:00:00.000Z';

type CommandWithoutVersion = Command extends infer C ? (C extends Command ? Omit<C, 'expectedVersion'> : never) : never;

/** Guard, apply, then check the result is a valid referral one version on, as the workflow would. */
function act(referral: Referral, actor: Actor, command: CommandWithoutVersion, now = FIXTURE_NOW) {
  const full = { ...command, expectedVersion: referral.version } as Command;
  expect(check(full, referral, actor, now)).toEqual({ ok: true });
  const result = apply(referral, full, { actor, now, policy: defaultPolicy });
  expect(referralSchema.parse(result.referral)).toEqual(result.referral);
  expect(timelineEventSchema.parse(result.event)).toEqual(result.event);
  expect(result.referral.version).toBe(referral.version + 1);
  expect(result.event).toMatchObject({
    version: result.referral.version,
    type: command.type,
    at: now,
    fromState: referral.state,
  });
  expect(result.event.actor).toEqual(actor);
  expect(result.referral.updatedAt).toBe(now);
  return result;
}

function happen(referral: Referral, event: SystemEvent, now = FIXTURE_NOW) {
  expect(checkEvent(event, referral)).toEqual({ ok: true });
  const result = apply(referral, event, { now, policy: defaultPolicy });
  expect(referralSchema.parse(result.referral)).toEqual(result.referral);
  expect(result.event.actor).toBeUndefined();
  return result;
}

describe('createReferral', () => {
  it('starts NOT_BOOKED at version 1 with an expiry 180 days on', () => {
    const input = createReferralInputSchema.parse({
      ...createInput(),
      patient: { ...createInput().patient, nhsNumber: '999 000 0018' },
    });
    const { referral, event } = createReferral(input, { actor: rc, now: FIXTURE_NOW, policy: defaultPolicy });
    expect(referralSchema.parse(referral)).toEqual(referral);
    expect(referral).toMatchObject({
      ubrn: '000000000042',
      version: 1,
      state: 'NOT_BOOKED',
      createdAt: FIXTURE_NOW,
      updatedAt: FIXTURE_NOW,
      breached: false,
      remindersSent: 0,
      letter: { status: 'TO_FOLLOW' },
      expiresAt: '2026-09-28T09:00:00.000Z',
    });
    expect(referral.patient.nhsNumber).toBe('9990000018');
    expect(referral.service).toBeUndefined();
    expect(event).toEqual({
      version: 1,
      type: 'CREATE',
      at: FIXTURE_NOW,
      actor: rc,
      fromState: null,
      toState: 'NOT_BOOKED',
      summary: 'Referral created: Routine, CARDIOLOGY, 3 services shortlisted',
    });
  });

  it('compresses the expiry with the time scale, and stamps an attached letter', () => {
    const policy: Policy = { ...defaultPolicy, timeScale: 86_400 };
    const { referral } = createReferral(createInput({ letter: { status: 'ATTACHED', documentId: 'doc-7' } }), {
      actor: rc,
      now: FIXTURE_NOW,
      policy,
    });
    expect(referral.expiresAt).toBe('2026-04-01T09:03:00.000Z'); // 180 "days" of a second each
    expect(referral.letter).toEqual({ status: 'ATTACHED', documentId: 'doc-7', attachedAt: FIXTURE_NOW });
  });

  it('never puts patient identifiers in the summary', () => {
    const { event } = createReferral(createInput(), { actor: rc, now: FIXTURE_NOW, policy: defaultPolicy });
    expect(event.summary).not.toMatch(/999|Patient|LS1/);
  });
});

describe('lifecycle paths', () => {
  it('book -> accept', () => {
    const booked = act(newReferral(), rcAdmin, { type: 'BOOK', serviceId: SERVICES.dbs.serviceId, ...slot });
    expect(booked.referral).toMatchObject({
      state: 'BOOKED',
      service: SERVICES.dbs,
      appointment: { ...slot, arrangedBy: 'SYSTEM', confirmed: false },
    });
    expect(booked.event).toMatchObject({ toState: 'BOOKED', summary: 'Appointment booked at Cardiology Outpatients' });

    const confirmed = happen(booked.referral, { type: 'BOOKING_CONFIRMED', slotId: 'slot-1' });
    expect(confirmed.referral.appointment?.confirmed).toBe(true);

    const accepted = act(confirmed.referral, spClinician, { type: 'ACCEPT' }, '2026-04-02T10:00:00.000Z');
    expect(accepted.referral).toMatchObject({ state: 'BOOKED', version: 4, acceptedAt: '2026-04-02T10:00:00.000Z' });
    expect(availableActions(accepted.referral, spClinician, FIXTURE_NOW)).toEqual(['CANCEL_REFERRAL']);
  });

  it('book -> reject -> book another service', () => {
    const booked = act(newReferral(), rc, { type: 'BOOK', serviceId: SERVICES.dbs.serviceId, ...slot });
    const rejected = act(booked.referral, spClinician, {
      type: 'REJECT',
      reason: 'SERVICE_INAPPROPRIATE',
      comment: 'Heart failure clinic',
    });
    expect(rejected.referral).toMatchObject({
      state: 'REJECTED',
      lastReason: { code: 'SERVICE_INAPPROPRIATE', comment: 'Heart failure clinic' },
    });
    expect(rejected.referral.appointment).toBeUndefined();
    expect(rejected.event).toMatchObject({
      reason: { code: 'SERVICE_INAPPROPRIATE' },
      summary: 'Rejected: Inappropriate service',
    });

    const requested = act(rejected.referral, rc, { type: 'REQUEST_IBS', serviceId: SERVICES.ibs.serviceId });
    expect(requested.referral).toMatchObject({ state: 'BOOKED', service: SERVICES.ibs });
    expect(requested.referral.appointment).toBeUndefined();
  });

  it('IBS: request -> provider records the arranged date -> accept', () => {
    const requested = act(newReferral(), rc, { type: 'REQUEST_IBS', serviceId: SERVICES.ibs.serviceId });
    expect(availableActions(requested.referral, spAdmin, FIXTURE_NOW)).toEqual(['RECORD_IBS_ARRANGED']);
    const arranged = act(requested.referral, spAdmin, { type: 'RECORD_IBS_ARRANGED', start: slot.start });
    expect(arranged.referral).toMatchObject({
      state: 'BOOKED',
      appointment: { start: slot.start, arrangedBy: 'PROVIDER', confirmed: true },
    });
    const accepted = act(arranged.referral, spClinician, { type: 'ACCEPT' });
    expect(accepted.referral.acceptedAt).toBe(FIXTURE_NOW);
  });

  it('triage -> return with advice', () => {
    const urgent = newReferral({ priority: 'URGENT' });
    const sent = act(urgent, rc, { type: 'SEND_FOR_TRIAGE', serviceId: SERVICES.ras.serviceId });
    // Urgent triage target: 5 working days from Wed 1 April 2026, skipping Good Friday and Easter Monday.
    expect(sent.referral).toMatchObject({
      state: 'AWAITING_TRIAGE',
      service: SERVICES.ras,
      contactBy: '2026-04-10',
      breached: false,
    });

    const late = happen(sent.referral, { type: 'CONTACT_TARGET_BREACHED' }, '2026-04-11T00:00:00.000Z');
    expect(late.referral.breached).toBe(true);
    expect(late.event.summary).toBe('Contact target 2026-04-10 passed');

    const advised = act(late.referral, spClinician, {
      type: 'TRIAGE_OUTCOME',
      outcome: 'RETURN_WITH_ADVICE',
      advice: 'Start a beta blocker and review in 6 weeks.',
    });
    expect(advised.referral).toMatchObject({
      state: 'TRIAGE_RESPONSE',
      advice: 'Start a beta blocker and review in 6 weeks.',
      priority: 'URGENT',
      breached: false,
    });
    expect(advised.referral.contactBy).toBeUndefined();
    expect(advised.event).toMatchObject({ outcome: 'RETURN_WITH_ADVICE', toState: 'TRIAGE_RESPONSE' });
    expect(availableActions(advised.referral, rc, FIXTURE_NOW)).toContain('BOOK');
  });

  it('triage -> refer/book now with a redirect to another provider', () => {
    const sent = act(newReferral(), rc, { type: 'SEND_FOR_TRIAGE', serviceId: SERVICES.ras.serviceId });
    // Routine: 40 working days, skipping Easter and both May bank holidays.
    expect(sent.referral.contactBy).toBe('2026-06-02');
    const redirected = act(sent.referral, actorFor('B1115'), {
      type: 'TRIAGE_OUTCOME',
      outcome: 'REFER_BOOK_NOW',
      serviceId: SERVICES.elsewhere.serviceId,
      service: SERVICES.elsewhere,
      redirectReason: 'REDIRECTED_OTHER',
      comment: 'Rapid access is more appropriate',
      ...slot2,
    });
    expect(redirected.referral).toMatchObject({
      state: 'BOOKED',
      service: SERVICES.elsewhere,
      appointment: { ...slot2, arrangedBy: 'SYSTEM' },
      lastReason: { code: 'REDIRECTED_OTHER', comment: 'Rapid access is more appropriate' },
    });
    expect(redirected.referral.contactBy).toBeUndefined();
    expect(redirected.event).toMatchObject({
      outcome: 'REFER_BOOK_NOW',
      reason: { code: 'REDIRECTED_OTHER' },
      summary: 'Triaged: booked at Rapid Access Chest Pain (redirected: Another reason)',
    });
    // The referral now sits with the other provider: it gains the relationship, the triage provider loses it.
    expect(availableActions(redirected.referral, actorFor('B1110', 'RYY'), FIXTURE_NOW)).toEqual([
      'ACCEPT',
      'REJECT',
      'PROVIDER_CANCEL_APPOINTMENT',
      'CANCEL_REFERRAL',
    ]);
    expect(availableActions(redirected.referral, spClinician, FIXTURE_NOW)).toEqual([]);
  });

  it('triage -> refer on without a slot leaves it for the referrer to book', () => {
    const sent = act(newReferral(), rc, { type: 'SEND_FOR_TRIAGE', serviceId: SERVICES.ras.serviceId });
    const onward = act(sent.referral, spClinician, {
      type: 'TRIAGE_OUTCOME',
      outcome: 'REFER_BOOK_NOW',
      serviceId: SERVICES.elsewhere.serviceId,
      service: SERVICES.elsewhere,
      redirectReason: 'REDIRECTED_APPROPRIATE_CLINIC',
      comment: 'Chest pain clinic',
    });
    expect(onward.referral).toMatchObject({
      state: 'NOT_BOOKED',
      shortlist: [SERVICES.elsewhere],
      service: SERVICES.elsewhere,
    });
    act(onward.referral, rc, { type: 'BOOK', serviceId: SERVICES.elsewhere.serviceId, ...slot2 });
  });

  it('triage -> return with advice -> the referrer re-shortlists and books elsewhere', () => {
    const sent = act(newReferral(), rc, { type: 'SEND_FOR_TRIAGE', serviceId: SERVICES.ras.serviceId });
    const advised = act(sent.referral, spClinician, {
      type: 'TRIAGE_OUTCOME',
      outcome: 'RETURN_WITH_ADVICE',
      advice: 'Refer to rapid access chest pain instead.',
    });
    // Booking a service not on the shortlist is refused until the referrer changes the shortlist.
    const outside = {
      type: 'BOOK',
      expectedVersion: advised.referral.version,
      serviceId: SERVICES.elsewhere.serviceId,
      ...slot2,
    } as const;
    expect(check(outside, advised.referral, rc, FIXTURE_NOW)).toMatchObject({
      ok: false,
      code: 'VALIDATION',
      field: 'serviceId',
    });
    expect(availableActions(advised.referral, rcAdmin, FIXTURE_NOW)).not.toContain('CHANGE_SHORTLIST');
    expect(
      check(
        {
          type: 'CHANGE_SHORTLIST',
          expectedVersion: advised.referral.version,
          shortlist: [...advised.referral.shortlist],
        },
        advised.referral,
        rc,
        FIXTURE_NOW,
      ),
    ).toMatchObject({ ok: false, code: 'VALIDATION', field: 'shortlist' });

    const changed = act(advised.referral, rc, { type: 'CHANGE_SHORTLIST', shortlist: [SERVICES.elsewhere] });
    expect(changed.referral).toMatchObject({
      state: 'NOT_BOOKED',
      shortlist: [SERVICES.elsewhere],
      advice: 'Refer to rapid access chest pain instead.',
    });
    expect(changed.event).toMatchObject({
      fromState: 'TRIAGE_RESPONSE',
      toState: 'NOT_BOOKED',
      summary: 'Shortlist changed: 1 service (Rapid Access Chest Pain)',
    });
    const booked = act(changed.referral, rcAdmin, { type: 'BOOK', serviceId: SERVICES.elsewhere.serviceId, ...slot2 });
    expect(booked.referral).toMatchObject({ state: 'BOOKED', service: SERVICES.elsewhere });
  });

  it('triage -> accept, book later -> provider books', () => {
    const sent = act(newReferral(), rc, { type: 'SEND_FOR_TRIAGE', serviceId: SERVICES.ras.serviceId });
    const later = act(sent.referral, spClinician, {
      type: 'TRIAGE_OUTCOME',
      outcome: 'ACCEPT_BOOK_LATER',
      comment: 'Next clinic with Dr Patel',
      priority: 'URGENT',
    });
    expect(later.referral).toMatchObject({ state: 'TRIAGED_PROVIDER_TO_ACTION', priority: 'URGENT' });
    expect(later.event).toMatchObject({
      reason: { code: 'ACCEPT_BOOK_LATER', comment: 'Next clinic with Dr Patel' },
      summary: 'Triaged: accepted, provider to book (priority now Urgent)',
    });
    expect(later.referral.contactBy).toBeUndefined();
    expect(availableActions(later.referral, spAdmin, FIXTURE_NOW)).toEqual(['BOOK', 'RECORD_IBS_ARRANGED']);
    const booked = act(later.referral, spAdmin, { type: 'BOOK', serviceId: SERVICES.dbs.serviceId, ...slot });
    expect(booked.referral).toMatchObject({ state: 'BOOKED', service: SERVICES.dbs });
  });

  it('defer -> breach -> provider books', () => {
    const twoWeek = newReferral({ priority: 'TWO_WEEK_WAIT' });
    const deferred = act(twoWeek, rc, {
      type: 'DEFER_TO_PROVIDER',
      serviceId: SERVICES.dbs.serviceId,
      reason: 'NO_SLOTS',
      slotsAvailable: false,
    });
    // 2WW deferral target: 5 working days from Wed 1 April 2026, across Easter.
    expect(deferred.referral).toMatchObject({
      state: 'DEFERRED_TO_PROVIDER',
      contactBy: '2026-04-10',
      lastReason: { code: 'NO_SLOTS' },
    });
    expect(deferred.event.summary).toBe('Deferred to Cardiology Outpatients: No slots available');
    const breached = happen(deferred.referral, { type: 'CONTACT_TARGET_BREACHED' });
    const booked = act(breached.referral, spAdmin, { type: 'BOOK', serviceId: SERVICES.dbs.serviceId, ...slot });
    expect(booked.referral).toMatchObject({ state: 'BOOKED', breached: false });
    expect(booked.referral.contactBy).toBeUndefined();
  });

  it('DNA -> rebook by the provider; DNA -> returned, rebooked by the referrer', () => {
    const booked = act(newReferral(), rc, { type: 'BOOK', serviceId: SERVICES.dbs.serviceId, ...slot });
    const dna = act(
      booked.referral,
      spAdmin,
      { type: 'RECORD_DNA', reason: 'PATIENT_FORGOT', contactAttempted: true, outcome: 'REBOOK' },
      AFTER_APPOINTMENT,
    );
    expect(dna.referral).toMatchObject({
      state: 'DID_NOT_ATTEND',
      lastReason: { code: 'REBOOK' },
      nonAttendance: { reason: 'PATIENT_FORGOT', contactAttempted: true },
    });
    expect(dna.event.summary).toBe(
      'Did not attend (The patient forgot the appointment, contact attempted): Rebook (provider to book)',
    );
    expect(dna.referral.appointment).toBeUndefined();
    expect(dna.event.outcome).toBe('REBOOK');
    expect(availableActions(dna.referral, rc, FIXTURE_NOW)).not.toContain('BOOK');
    const rebooked = act(dna.referral, spAdmin, { type: 'BOOK', serviceId: SERVICES.dbs.serviceId, ...slot2 });
    expect(rebooked.referral).toMatchObject({ state: 'BOOKED', appointment: { slotId: 'slot-2' } });

    const returned = act(
      rebooked.referral,
      actorFor('B1110'),
      { type: 'RECORD_DNA', reason: 'UNKNOWN', outcome: 'RETURN_TO_REFERRER', comment: 'Second DNA' },
      '2026-04-28T09:00:00.000Z',
    );
    expect(availableActions(returned.referral, spAdmin, FIXTURE_NOW)).toEqual([]);
    act(returned.referral, rcAdmin, { type: 'BOOK', serviceId: SERVICES.dbs.serviceId, ...slot });
  });

  it('appointment changes and cancellations', () => {
    const booked = act(newReferral(), rc, { type: 'BOOK', serviceId: SERVICES.dbs.serviceId, ...slot });
    const accepted = act(booked.referral, spClinician, { type: 'ACCEPT' });
    const changed = act(accepted.referral, rcAdmin, {
      type: 'CHANGE_APPOINTMENT',
      ...slot2,
      reason: 'PATIENT_HOLIDAY',
    });
    expect(changed.referral).toMatchObject({
      state: 'BOOKED',
      appointment: { slotId: 'slot-2' },
      acceptedAt: FIXTURE_NOW,
    });

    const byPatient = act(changed.referral, rcAdmin, { type: 'PATIENT_CANCEL_APPOINTMENT', reason: 'PATIENT_ILL' });
    expect(byPatient.referral.state).toBe('APPT_CANCELLED_BY_PATIENT');
    const again = act(byPatient.referral, rcAdmin, { type: 'BOOK', serviceId: SERVICES.dbs.serviceId, ...slot });
    expect(again.referral.acceptedAt).toBe(FIXTURE_NOW); // same service: acceptance stands

    const byProvider = act(again.referral, spAdmin, {
      type: 'PROVIDER_CANCEL_APPOINTMENT',
      reason: 'PROVIDER_CANCELLATION',
      comment: 'Clinic flooded',
    });
    expect(byProvider.referral).toMatchObject({
      state: 'APPT_CANCELLED_BY_PROVIDER',
      lastReason: { code: 'PROVIDER_CANCELLATION', comment: 'Clinic flooded' },
    });
    expect(availableActions(byProvider.referral, rcAdmin, FIXTURE_NOW)).toEqual([]);
    expect(availableActions(byProvider.referral, spAdmin, FIXTURE_NOW)).toEqual(['BOOK']);
  });

  it('cancel a booked referral: the end', () => {
    const booked = act(newReferral(), rc, { type: 'BOOK', serviceId: SERVICES.dbs.serviceId, ...slot });
    const cancelled = act(booked.referral, actorFor('B1102'), {
      type: 'CANCEL_REFERRAL',
      reason: 'INTEND_PRIVATE',
    });
    expect(cancelled.referral).toMatchObject({
      state: 'CANCELLED_REFERRAL',
      lastReason: { code: 'INTEND_PRIVATE' },
      cancelledByOrgCode: actorFor('B1102').orgCode,
    });
    expect(cancelled.referral.appointment).toBeUndefined();
    for (const actor of [rc, rcAdmin, spClinician, spAdmin])
      expect(availableActions(cancelled.referral, actor, FIXTURE_NOW)).toEqual([]);
    expect(checkEvent({ type: 'EXPIRE' }, cancelled.referral).ok).toBe(false);
  });

  it('counts contact targets from the day in England, not the UTC date', () => {
    // 00:30 on Thursday 2 July 2026 in London is still Wednesday 1 July in UTC.
    const sent = act(
      newReferral({ priority: 'URGENT' }),
      rc,
      { type: 'SEND_FOR_TRIAGE', serviceId: SERVICES.ras.serviceId },
      '2026-07-01T23:30:00.000Z',
    );
    // Urgent triage: 5 working days from Thursday 2 July is Thursday 9 July (from Wednesday it would be the 8th).
    expect(sent.referral.contactBy).toBe('2026-07-09');
    const winter = act(
      newReferral({ priority: 'URGENT' }),
      rc,
      { type: 'SEND_FOR_TRIAGE', serviceId: SERVICES.ras.serviceId },
      '2026-12-01T23:30:00.000Z',
    );
    // In winter London is on UTC: 23:30 on Tuesday 1 December is still the 1st; 5 working days on is the 8th.
    expect(winter.referral.contactBy).toBe('2026-12-08');
  });

  it('letter, priority, reminders and expiry', () => {
    const lettered = act(newReferral(), rc, { type: 'ADD_LETTER', documentId: 'doc-9' });
    expect(lettered.referral.letter).toEqual({ status: 'ATTACHED', attachedAt: FIXTURE_NOW, documentId: 'doc-9' });
    const urgent = act(lettered.referral, rc, { type: 'CHANGE_PRIORITY', priority: 'URGENT' });
    expect(urgent.referral.priority).toBe('URGENT');
    expect(urgent.event.summary).toBe('Priority changed from Routine to Urgent');
    const reminded = happen(happen(urgent.referral, { type: 'REMINDER_SENT' }).referral, { type: 'REMINDER_SENT' });
    expect(reminded.referral).toMatchObject({ remindersSent: 2, version: 5 });
    const expired = happen(reminded.referral, { type: 'EXPIRE' });
    expect(expired.referral.state).toBe('EXPIRED');
    expect(expired.event).toMatchObject({ fromState: 'NOT_BOOKED', toState: 'EXPIRED', type: 'EXPIRE' });
  });
});

describe('apply is pure', () => {
  it('does not change its input and gives the same answer twice', () => {
    const referral = newReferral();
    const before = structuredClone(referral);
    const command: Command = { type: 'BOOK', expectedVersion: 1, serviceId: SERVICES.dbs.serviceId, ...slot };
    const ctx = { actor: rc, now: FIXTURE_NOW, policy: defaultPolicy };
    const first: { referral: Referral; event: TimelineEvent } = apply(referral, command, ctx);
    expect(apply(referral, command, ctx)).toEqual(first);
    expect(referral).toEqual(before);
  });
});
