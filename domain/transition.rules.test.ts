/**
 * What `apply` records, beyond the states `transition.test.ts` follows: the timeline row a
 * person reads (which service, which reason, what happened), the contact target that restarts
 * with a new request, acceptance that belongs to one provider, and a referral that stays the
 * same after the JSON round trip the workflow's history gives it.
 *
 * Oracles, not the code's output:
 * - contact targets in working days from the deferral or triage request (`/work/shared/domain.md`,
 *   "Priorities"): two-week-wait 5 (deferred) and 2 (triage), urgent 10/5, routine 40/40, counted
 *   here by hand over England's Easter 2026 (Good Friday 3 April, Easter Monday 6 April);
 * - e-RS: a triage outcome "refer/book now" may choose another service (a redirect, with a
 *   reason) and books it, sends it to be arranged (IBS), to triage (RAS), or back to the referrer
 *   to book; "accept and book later" may reset the priority;
 * - a timeline row names the service and the reason a person chose (labels from `reasons.ts`,
 *   whose own tests compare them with e-RS's published codes), and no two kinds of row read alike.
 * Part of issue 19's mutation testing (decision record 0016).
 */
import { describe, expect, it } from 'vitest';
import type { Command, SystemEvent } from './actions';
import { FIXTURE_NOW, SERVICES, actorFor, newReferral, sampleCommand, situations } from './fixtures';
import { defaultPolicy } from './policy';
import { reasonLabel } from './reasons';
import type { Referral, Service } from './referral';
import { apply } from './transition';

/** A command as a page sends it, before the version is added (distributive over the union). */
type WithoutVersion = Command extends infer C ? (C extends Command ? Omit<C, 'expectedVersion'> : never) : never;

const spClinician = actorFor('B1110');
const rc = actorFor('B1101');
const ctx = (actor = spClinician, now = FIXTURE_NOW) => ({ actor, now, policy: defaultPolicy });
const run = (referral: Referral, command: WithoutVersion | SystemEvent, actor = spClinician) =>
  apply(referral, { expectedVersion: referral.version, ...command } as Command, ctx(actor));
/** What the workflow keeps: JSON. A referral that changes on the way is not the one replay compares. */
const roundTrip = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

const otherTriage: Service = {
  serviceId: 'svc-chest-ras',
  name: 'Chest Pain Assessment',
  providerOrgCode: 'RYY',
  requestType: 'TRIAGE',
};
const slot = { slotId: 'slot-7', start: '2026-04-22T10:00:00.000Z', end: '2026-04-22T10:20:00.000Z' };

describe('the timeline row', () => {
  it('names the service for every move to one', () => {
    const s = situations();
    expect(run(s.NOT_BOOKED, { type: 'REQUEST_IBS', serviceId: SERVICES.ibs.serviceId }, rc).event.summary).toContain(
      SERVICES.ibs.name,
    );
    expect(
      run(s.NOT_BOOKED, { type: 'SEND_FOR_TRIAGE', serviceId: SERVICES.ras.serviceId }, rc).event.summary,
    ).toContain(SERVICES.ras.name);
    expect(run(s.BOOKED_IBS_AWAITING, { type: 'RECORD_IBS_ARRANGED', start: slot.start }).event.summary).toContain(
      SERVICES.ibs.name,
    );
    expect(run(s.BOOKED_DBS, { type: 'ACCEPT' }).event.summary).toContain(SERVICES.dbs.name);
  });

  it('says "the provider" when a referral accepted has no service recorded', () => {
    const { service: _none, ...withoutService } = situations().BOOKED_DBS;
    expect(run(withoutService as Referral, { type: 'ACCEPT' }).event.summary).toContain('the provider');
  });

  it('gives the reason a person chose, in words', () => {
    const s = situations();
    const cases: [Referral, WithoutVersion, string][] = [
      [
        s.BOOKED_DBS,
        { type: 'PROVIDER_CANCEL_APPOINTMENT', reason: 'CLINIC_CANCELLED', comment: 'Rebook' },
        'CLINIC_CANCELLED',
      ],
      [s.BOOKED_DBS, { type: 'PATIENT_CANCEL_APPOINTMENT', reason: 'PATIENT_HOLIDAY' }, 'PATIENT_HOLIDAY'],
      [s.BOOKED_DBS, { type: 'CHANGE_APPOINTMENT', ...slot, reason: 'PATIENT_ILL' }, 'PATIENT_ILL'],
      [
        s.BOOKED_DBS,
        { type: 'CANCEL_REFERRAL', reason: 'TREATMENT_NO_LONGER_REQUIRED' },
        'TREATMENT_NO_LONGER_REQUIRED',
      ],
    ];
    for (const [referral, command, code] of cases) {
      const { event } = run(referral, command, command.type === 'PATIENT_CANCEL_APPOINTMENT' ? rc : spClinician);
      expect(event.summary, command.type).toContain(reasonLabel(code));
      expect(event.reason?.code).toBe(code);
    }
  });

  it('says whether the provider tried to contact a patient who did not attend, and only when it was recorded', () => {
    const booked = situations().BOOKED_DBS;
    const dna = (contactAttempted?: boolean) =>
      run(booked, {
        type: 'RECORD_DNA',
        reason: 'PATIENT_FORGOT',
        outcome: 'REBOOK',
        ...(contactAttempted === undefined ? {} : { contactAttempted }),
      });
    expect(dna(true).event.summary).toContain('contact attempted');
    expect(dna(false).event.summary).toContain('not contacted');
    const unrecorded = dna();
    expect(unrecorded.event.summary).not.toMatch(/contact/);
    // Nothing between the reason and its closing bracket when contact was not recorded.
    expect(unrecorded.event.summary).toContain(`(${reasonLabel('PATIENT_FORGOT')})`);
    expect(unrecorded.referral.nonAttendance).toStrictEqual({ reason: 'PATIENT_FORGOT' });
    expect(dna(false).referral.nonAttendance).toStrictEqual({ reason: 'PATIENT_FORGOT', contactAttempted: false });
  });

  it('counts the services of a new shortlist, in the singular for one, and names them', () => {
    const returned = situations().TRIAGE_RESPONSE;
    const one = run(returned, { type: 'CHANGE_SHORTLIST', shortlist: [SERVICES.elsewhere] }, rc).event.summary;
    expect(one).toContain('1 service ');
    expect(one).toContain(SERVICES.elsewhere.name);
    const two = run(returned, { type: 'CHANGE_SHORTLIST', shortlist: [SERVICES.elsewhere, SERVICES.dbs] }, rc).event
      .summary;
    expect(two).toContain('2 services');
    expect(two).toContain(`${SERVICES.elsewhere.name}, ${SERVICES.dbs.name}`);
  });

  it('numbers reminders, and dates a passed contact target when there is one', () => {
    const notBooked = { ...newReferral(), remindersSent: 2 };
    const reminded = run(notBooked, { type: 'REMINDER_SENT' });
    expect(reminded.referral.remindersSent).toBe(3);
    expect(reminded.event.summary).toContain('Reminder 3 ');
    const deferred = situations().DEFERRED_TO_PROVIDER;
    expect(run(deferred, { type: 'CONTACT_TARGET_BREACHED' }).event.summary).toContain(deferred.contactBy!);
    const { contactBy: _none, ...undated } = deferred;
    const passed = run(undated as Referral, { type: 'CONTACT_TARGET_BREACHED' }).event.summary;
    expect(passed).toMatch(/contact target/i);
    expect(passed).not.toContain('undefined');
  });

  it('reads differently for each kind of action and event, and never empty', () => {
    const s = situations();
    const summaries = new Map<string, string>();
    const note = (key: string, summary: string) => {
      expect(summary.trim(), key).not.toBe('');
      for (const [other, seen] of summaries) expect(summary, `${key} reads like ${other}`).not.toBe(seen);
      summaries.set(key, summary);
    };
    const commands: [keyof typeof s, Command['type']][] = [
      ['NOT_BOOKED', 'BOOK'],
      ['NOT_BOOKED', 'REQUEST_IBS'],
      ['NOT_BOOKED', 'DEFER_TO_PROVIDER'],
      ['NOT_BOOKED', 'SEND_FOR_TRIAGE'],
      ['BOOKED_IBS_AWAITING', 'RECORD_IBS_ARRANGED'],
      ['BOOKED_DBS', 'ACCEPT'],
      ['BOOKED_DBS', 'REJECT'],
      ['BOOKED_DBS', 'PROVIDER_CANCEL_APPOINTMENT'],
      ['BOOKED_DBS', 'PATIENT_CANCEL_APPOINTMENT'],
      ['BOOKED_DBS', 'CHANGE_APPOINTMENT'],
      ['BOOKED_DBS', 'RECORD_DNA'],
      ['BOOKED_DBS', 'CANCEL_REFERRAL'],
      ['NOT_BOOKED', 'ADD_LETTER'],
      ['NOT_BOOKED', 'CHANGE_PRIORITY'],
      ['TRIAGE_RESPONSE', 'CHANGE_SHORTLIST'],
    ];
    for (const [situation, type] of commands) {
      note(type, apply(s[situation], sampleCommand(type, situation), ctx()).event.summary);
    }
    const triage = s.AWAITING_TRIAGE;
    note(
      'RETURN_WITH_ADVICE',
      run(triage, { type: 'TRIAGE_OUTCOME', outcome: 'RETURN_WITH_ADVICE', advice: 'Rest' }).event.summary,
    );
    note(
      'ACCEPT_BOOK_LATER',
      run(triage, { type: 'TRIAGE_OUTCOME', outcome: 'ACCEPT_BOOK_LATER', comment: 'Book in 6 weeks' }).event.summary,
    );
    const events: [keyof typeof s, SystemEvent][] = [
      ['BOOKED_DBS', { type: 'BOOKING_CONFIRMED' }],
      ['NOT_BOOKED', { type: 'REMINDER_SENT' }],
      ['DEFERRED_TO_PROVIDER', { type: 'CONTACT_TARGET_BREACHED' }],
      ['NOT_BOOKED', { type: 'EXPIRE' }],
    ];
    for (const [situation, event] of events) {
      note(event.type, apply(s[situation], event, { now: FIXTURE_NOW, policy: defaultPolicy }).event.summary);
    }
  });
});

describe('a triage outcome', () => {
  const triage = () => ({ ...situations().AWAITING_TRIAGE, priority: 'TWO_WEEK_WAIT' as const });
  const referNow = (referral: Referral, fields: Record<string, unknown>) =>
    run(referral, { type: 'TRIAGE_OUTCOME', outcome: 'REFER_BOOK_NOW', ...fields } as WithoutVersion);

  it('"refer/book now" books the slot chosen', () => {
    const { referral, event } = referNow(triage(), { serviceId: SERVICES.dbs.serviceId, ...slot });
    expect(referral.state).toBe('BOOKED');
    expect(referral.appointment).toMatchObject({ slotId: slot.slotId, start: slot.start, end: slot.end });
    expect(event.summary).toContain(SERVICES.dbs.name);
  });

  it('"refer/book now" without a slot: an IBS service arranges it, a triage service triages it, else the referrer books', () => {
    const ibs = referNow(triage(), { serviceId: SERVICES.ibs.serviceId });
    expect(ibs.referral).toMatchObject({ state: 'BOOKED', service: SERVICES.ibs });
    expect(ibs.referral.appointment).toBeUndefined();
    expect(ibs.event.summary).toContain(SERVICES.ibs.name);

    const onward = referNow(triage(), {
      serviceId: otherTriage.serviceId,
      service: otherTriage,
      redirectReason: 'REDIRECTED_OTHER',
      comment: 'Chest pain clinic',
    });
    expect(onward.referral).toMatchObject({ state: 'AWAITING_TRIAGE', service: otherTriage });
    expect(onward.event.summary).toContain(otherTriage.name);

    const toBook = referNow(triage(), { serviceId: SERVICES.dbs.serviceId });
    expect(toBook.referral).toMatchObject({ state: 'NOT_BOOKED', service: SERVICES.dbs, shortlist: [SERVICES.dbs] });
    expect(toBook.event.summary).toContain(SERVICES.dbs.name);
    // Three different outcomes, three different rows.
    expect(new Set([ibs, onward, toBook].map((r) => r.event.summary)).size).toBe(3);
  });

  it('a slot without its times is not a booking', () => {
    const partial = referNow(triage(), { serviceId: SERVICES.dbs.serviceId, slotId: slot.slotId, start: slot.start });
    expect(partial.referral.state).toBe('NOT_BOOKED');
    expect(partial.referral.appointment).toBeUndefined();
    const noStart = referNow(triage(), { serviceId: SERVICES.dbs.serviceId, slotId: slot.slotId, end: slot.end });
    expect(noStart.referral.state).toBe('NOT_BOOKED');
    const noSlot = referNow(triage(), { serviceId: SERVICES.dbs.serviceId, start: slot.start, end: slot.end });
    expect(noSlot.referral.state).toBe('NOT_BOOKED');
  });

  it('records a redirect reason only for another service, and restarts its contact target from today', () => {
    const breached = { ...triage(), breached: true };
    const redirected = referNow(breached, {
      serviceId: otherTriage.serviceId,
      service: otherTriage,
      redirectReason: 'REDIRECTED_AGE',
      comment: 'Over 65s clinic',
    });
    expect(redirected.referral.lastReason).toStrictEqual({ code: 'REDIRECTED_AGE', comment: 'Over 65s clinic' });
    expect(redirected.event.summary).toContain(reasonLabel('REDIRECTED_AGE'));
    // Still awaiting triage, at another service: a new request, two working days on (2WW
    // triage): Thursday 2 April, then Tuesday 7 April after the Easter bank holidays.
    expect(redirected.referral).toMatchObject({ state: 'AWAITING_TRIAGE', contactBy: '2026-04-07', breached: false });

    // Referred back to the service it was deferred to, with a slot: not a redirect, so a reason
    // sent along is not recorded as one.
    const deferred = { ...situations().DEFERRED_TO_PROVIDER, breached: true };
    const same = referNow(deferred, {
      serviceId: SERVICES.dbs.serviceId,
      ...slot,
      redirectReason: 'REDIRECTED_AGE',
      comment: 'x',
    });
    expect(same.referral.lastReason).toStrictEqual(deferred.lastReason);
    expect(same.event.reason).toBeUndefined();
    expect(same.event.summary).not.toContain(reasonLabel('REDIRECTED_AGE'));
    // Booked: no contact target any more.
    expect(same.referral).toMatchObject({ state: 'BOOKED', breached: false });
    expect(same.referral.contactBy).toBeUndefined();
  });

  it('"accept and book later" resets the priority only when the clinician chose another', () => {
    const later = (priority?: string) =>
      run(triage(), {
        type: 'TRIAGE_OUTCOME',
        outcome: 'ACCEPT_BOOK_LATER',
        comment: 'Book in 6 weeks',
        ...(priority ? { priority } : {}),
      } as WithoutVersion);
    const kept = later();
    expect(kept.referral.priority).toBe('TWO_WEEK_WAIT');
    const unchanged = later('TWO_WEEK_WAIT');
    expect(unchanged.referral.priority).toBe('TWO_WEEK_WAIT');
    expect(unchanged.event.summary).toBe(kept.event.summary);
    const urgent = later('URGENT');
    expect(urgent.referral.priority).toBe('URGENT');
    expect(urgent.event.summary).not.toBe(kept.event.summary);
    expect(urgent.event.summary).toContain('Urgent');
    expect(kept.event.reason).toStrictEqual({ code: 'ACCEPT_BOOK_LATER', comment: 'Book in 6 weeks' });
  });
});

describe('contact targets and acceptance', () => {
  it('start when a referral with a service is deferred to it (two-week-wait: five working days)', () => {
    // Cancelled by the patient at the DBS service; the referrer cannot rebook and defers to it.
    const cancelled = { ...situations().APPT_CANCELLED_BY_PATIENT, priority: 'TWO_WEEK_WAIT' as const };
    const deferred = run(
      cancelled,
      { type: 'DEFER_TO_PROVIDER', serviceId: SERVICES.dbs.serviceId, reason: 'NO_SLOTS', slotsAvailable: false },
      rc,
    );
    // Thu 2, Tue 7, Wed 8, Thu 9, Fri 10 April 2026.
    expect(deferred.referral).toMatchObject({
      state: 'DEFERRED_TO_PROVIDER',
      contactBy: '2026-04-10',
      breached: false,
    });
  });

  it('belong to one provider: a referral moved to another service is no longer accepted', () => {
    const accepted = { ...situations().APPT_CANCELLED_BY_PATIENT, acceptedAt: FIXTURE_NOW };
    const elsewhere = run(accepted, { type: 'REQUEST_IBS', serviceId: SERVICES.ibs.serviceId }, rc);
    expect(elsewhere.referral.acceptedAt).toBeUndefined();
    expect(elsewhere.referral.contactBy).toBeUndefined();
  });
});

describe('apply', () => {
  it('leaves nothing undefined to be lost in the workflow’s JSON', () => {
    const s = situations();
    const results = [
      run(s.BOOKED_DBS, { type: 'PATIENT_CANCEL_APPOINTMENT', reason: 'PATIENT_HOLIDAY' }, rc),
      run(s.BOOKED_DBS, { type: 'RECORD_DNA', reason: 'PATIENT_FORGOT', outcome: 'REBOOK' }),
      run(s.BOOKED_DBS, { type: 'CANCEL_REFERRAL', reason: 'TREATMENT_NO_LONGER_REQUIRED' }),
    ];
    for (const { referral, event } of results) {
      expect(referral).toStrictEqual(roundTrip(referral));
      expect(event).toStrictEqual(roundTrip(event));
    }
  });

  it('records an IBS appointment’s end only when the provider gave one', () => {
    const awaiting = situations().BOOKED_IBS_AWAITING;
    expect(
      run(awaiting, { type: 'RECORD_IBS_ARRANGED', start: slot.start, end: slot.end }).referral.appointment,
    ).toStrictEqual({
      start: slot.start,
      end: slot.end,
      arrangedBy: 'PROVIDER',
      confirmed: true,
    });
    expect(run(awaiting, { type: 'RECORD_IBS_ARRANGED', start: slot.start }).referral.appointment).toStrictEqual({
      start: slot.start,
      arrangedBy: 'PROVIDER',
      confirmed: true,
    });
  });

  it('refuses to apply a move to a service the referral does not know (check() would have refused it)', () => {
    const notBooked = situations().NOT_BOOKED;
    expect(() => run(notBooked, { type: 'SEND_FOR_TRIAGE', serviceId: 'svc-unknown' }, rc)).toThrow(
      'Service svc-unknown not found: run check() before apply()',
    );
    expect(() => run(notBooked, { type: 'RECORD_IBS_ARRANGED', start: slot.start })).toThrow(
      'Service (current) not found: run check() before apply()',
    );
  });
});
