import { describe, expect, it } from 'vitest';
import type { Command } from './actions';
import { FIXTURE_NOW, SERVICES, type Situation, actorFor, sampleCommand, situations } from './fixtures';
import { check } from './guard';
import type { RoleCode } from './roles';

const S = situations();
const slot = { slotId: 'slot-9', start: '2026-04-21T10:00:00.000Z', end: '2026-04-21T10:20:00.000Z' };
const referBookNow = { type: 'TRIAGE_OUTCOME', expectedVersion: 3, outcome: 'REFER_BOOK_NOW' } as const;

describe('check: command fields', () => {
  const rc = actorFor('B1101');
  const cases: [string, object, Situation, RoleCode, object][] = [
    [
      'service not on the shortlist',
      { ...sampleCommand('BOOK', 'NOT_BOOKED'), serviceId: SERVICES.elsewhere.serviceId },
      'NOT_BOOKED',
      'B1101',
      { code: 'VALIDATION', field: 'serviceId', message: 'Choose a service from the shortlist' },
    ],
    [
      'supplied service off the shortlist',
      { ...sampleCommand('BOOK', 'NOT_BOOKED'), serviceId: SERVICES.elsewhere.serviceId, service: SERVICES.elsewhere },
      'NOT_BOOKED',
      'B1101',
      { code: 'VALIDATION', field: 'serviceId' },
    ],
    [
      'booking an IBS service',
      { ...sampleCommand('BOOK', 'NOT_BOOKED'), serviceId: SERVICES.ibs.serviceId },
      'NOT_BOOKED',
      'B1103',
      {
        code: 'VALIDATION',
        field: 'serviceId',
        message: 'Heart Failure Clinic is indirectly bookable: request the appointment from the provider instead',
      },
    ],
    [
      'IBS request to a DBS service',
      { ...sampleCommand('REQUEST_IBS', 'NOT_BOOKED'), serviceId: SERVICES.dbs.serviceId },
      'NOT_BOOKED',
      'B1101',
      {
        code: 'VALIDATION',
        field: 'serviceId',
        message: 'Cardiology Outpatients is directly bookable: book a slot instead',
      },
    ],
    [
      'triage to a booking service',
      { ...sampleCommand('SEND_FOR_TRIAGE', 'NOT_BOOKED'), serviceId: SERVICES.dbs.serviceId },
      'NOT_BOOKED',
      'B1101',
      { code: 'VALIDATION', field: 'serviceId' },
    ],
    [
      'deferring to a triage service',
      { ...sampleCommand('DEFER_TO_PROVIDER', 'NOT_BOOKED'), serviceId: SERVICES.ras.serviceId },
      'NOT_BOOKED',
      'B1101',
      { code: 'VALIDATION', field: 'serviceId' },
    ],
    [
      'deferring while slots exist',
      { ...sampleCommand('DEFER_TO_PROVIDER', 'NOT_BOOKED'), slotsAvailable: true } as Command,
      'NOT_BOOKED',
      'B1101',
      { code: 'INVALID_REQUEST_STATE', message: 'This service has slots available: book one instead of deferring' },
    ],
    [
      'provider booking another organisation’s service',
      {
        ...sampleCommand('BOOK', 'TRIAGED_PROVIDER_TO_ACTION'),
        serviceId: SERVICES.elsewhere.serviceId,
        service: SERVICES.elsewhere,
      },
      'TRIAGED_PROVIDER_TO_ACTION',
      'B1120',
      { code: 'VALIDATION', field: 'serviceId', message: "Choose one of your organisation's services" },
    ],
    [
      'IBS date for a DBS service after triage',
      { ...sampleCommand('RECORD_IBS_ARRANGED', 'TRIAGED_PROVIDER_TO_ACTION'), serviceId: SERVICES.dbs.serviceId },
      'TRIAGED_PROVIDER_TO_ACTION',
      'B1120',
      { code: 'VALIDATION', field: 'serviceId' },
    ],
    [
      'redirect without a reason',
      {
        type: 'TRIAGE_OUTCOME',
        expectedVersion: 3,
        outcome: 'REFER_BOOK_NOW',
        serviceId: SERVICES.elsewhere.serviceId,
        service: SERVICES.elsewhere,
      },
      'AWAITING_TRIAGE',
      'B1110',
      { code: 'VALIDATION', field: 'redirectReason' },
    ],
    [
      'redirect to an unknown service',
      {
        type: 'TRIAGE_OUTCOME',
        expectedVersion: 3,
        outcome: 'REFER_BOOK_NOW',
        serviceId: 'nope',
        redirectReason: 'REDIRECTED_AGE',
        comment: 'Paediatric service',
      },
      'AWAITING_TRIAGE',
      'B1110',
      { code: 'VALIDATION', field: 'serviceId' },
    ],
    [
      'a redirect without a comment (e-RS makes every redirect explain itself)',
      {
        type: 'TRIAGE_OUTCOME',
        expectedVersion: 3,
        outcome: 'REFER_BOOK_NOW',
        serviceId: SERVICES.dbs.serviceId,
        redirectReason: 'REDIRECTED_AGE',
      },
      'AWAITING_TRIAGE',
      'B1110',
      { code: 'VALIDATION', field: 'comment', message: `Enter a comment explaining "The patient's age"` },
    ],
    [
      'slot at an IBS service',
      {
        type: 'TRIAGE_OUTCOME',
        expectedVersion: 3,
        outcome: 'REFER_BOOK_NOW',
        serviceId: SERVICES.ibs.serviceId,
        redirectReason: 'REDIRECTED_APPROPRIATE_CLINIC',
        comment: 'Heart failure clinic',
        ...slot,
      },
      'AWAITING_TRIAGE',
      'B1110',
      { code: 'VALIDATION', field: 'slotId' },
    ],
    [
      'deferred service without a slot',
      { ...referBookNow, serviceId: SERVICES.dbs.serviceId },
      'DEFERRED_TO_PROVIDER',
      'B1110',
      { code: 'VALIDATION', field: 'slotId' },
    ],
    [
      'the same slot again',
      { ...sampleCommand('CHANGE_APPOINTMENT', 'BOOKED_DBS'), slotId: 'slot-1' },
      'BOOKED_DBS',
      'B1101',
      { code: 'VALIDATION', field: 'slotId' },
    ],
    [
      'the same priority',
      { ...sampleCommand('CHANGE_PRIORITY', 'NOT_BOOKED'), priority: 'ROUTINE' },
      'NOT_BOOKED',
      'B1101',
      { code: 'VALIDATION', field: 'priority', message: 'The referral is already Routine' },
    ],
    [
      'accept, book later without a review comment',
      { type: 'TRIAGE_OUTCOME', expectedVersion: 3, outcome: 'ACCEPT_BOOK_LATER' },
      'AWAITING_TRIAGE',
      'B1115',
      { code: 'VALIDATION', field: 'comment', message: 'Enter a review comment telling your admin team what to book' },
    ],
  ];
  it.each(cases)('%s', (_name, command, situation, role, refusal) => {
    expect(check(command as Command, S[situation], actorFor(role), FIXTURE_NOW)).toMatchObject({
      ok: false,
      ...refusal,
    });
  });

  it('a reject needs no comment, as in e-RS', () => {
    const reject = { type: 'REJECT', expectedVersion: 3, reason: 'FURTHER_INFORMATION_REQUIRED' } as Command;
    expect(check(reject, S.BOOKED_DBS, actorFor('B1115'), FIXTURE_NOW)).toEqual({ ok: true });
  });

  it('accepts good REFER_BOOK_NOW variants', () => {
    const sp = actorFor('B1110');
    expect(
      check(
        {
          ...referBookNow,
          serviceId: SERVICES.dbs.serviceId,
          redirectReason: 'REDIRECTED_APPROPRIATE_CLINIC',
          comment: 'Sooner there',
          ...slot,
        },
        S.AWAITING_TRIAGE,
        sp,
        FIXTURE_NOW,
      ),
    ).toEqual({ ok: true });
    expect(
      check(
        {
          ...referBookNow,
          serviceId: SERVICES.elsewhere.serviceId,
          service: SERVICES.elsewhere,
          redirectReason: 'REDIRECTED_STAFF_VACATION',
          comment: 'Consultant on leave until June',
        },
        S.AWAITING_TRIAGE,
        sp,
        FIXTURE_NOW,
      ),
    ).toEqual({ ok: true });
    expect(
      check({ ...referBookNow, serviceId: SERVICES.dbs.serviceId, ...slot }, S.DEFERRED_TO_PROVIDER, sp, FIXTURE_NOW),
    ).toEqual({
      ok: true,
    });
    expect(check(sampleCommand('BOOK', 'NOT_BOOKED'), S.NOT_BOOKED, rc, FIXTURE_NOW)).toEqual({ ok: true });
  });
});
