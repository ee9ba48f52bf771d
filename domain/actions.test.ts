import { describe, expect, it } from 'vitest';
import { ACTION_LABELS, COMMAND_TYPES, commandSchema, systemEventSchema } from './actions';

const svc = (serviceId: string) => ({
  serviceId,
  name: `Service ${serviceId}`,
  providerOrgCode: 'RXX',
  requestType: 'DBS',
});
const slot = { slotId: 'slot-1', start: '2026-04-20T09:00:00Z', end: '2026-04-20T09:20:00Z' };

/** The first issue's path and message, or 'ok'. */
function firstIssue(input: unknown): string {
  const result = commandSchema.safeParse(input);
  if (result.success) return 'ok';
  const issue = result.error.issues[0];
  return `${issue?.path.join('.')}: ${issue?.message}`;
}

describe('commandSchema', () => {
  it.each([
    [{ type: 'ACCEPT', expectedVersion: 1 }, 'ok'],
    [{ type: 'BOOK', expectedVersion: 1, serviceId: 's', ...slot }, 'ok'],
    [
      { type: 'BOOK', expectedVersion: 1, serviceId: 's', ...slot, end: slot.start },
      'end: The appointment must end after it starts',
    ],
    [{ type: 'BOOK', expectedVersion: 1, serviceId: '', ...slot }, 'serviceId: Choose a service'],
    [{ type: 'REJECT', expectedVersion: 1, reason: 'SERVICE_INAPPROPRIATE', comment: 'Try ENT' }, 'ok'],
    // e-RS: a reject comment is optional.
    [{ type: 'REJECT', expectedVersion: 1, reason: 'SERVICE_INAPPROPRIATE', comment: '  ' }, 'ok'],
    [{ type: 'REJECT', expectedVersion: 1, reason: 'INAPPROPRIATE_SERVICE' }, 'reason: Choose a reason for rejecting'],
    [{ type: 'REJECT', expectedVersion: 1, comment: 'x' }, 'reason: Choose a reason for rejecting'],
    [
      { type: 'REJECT', expectedVersion: 1, reason: 'OTHER', comment: 'x'.repeat(2001) },
      'comment: Comment must be 2,000 characters or fewer',
    ],
    [{ type: 'CANCEL_REFERRAL', expectedVersion: 1, reason: 'INTEND_PRIVATE' }, 'ok'],
    [
      { type: 'CANCEL_REFERRAL', expectedVersion: 1, reason: 'PATIENT_REQUEST_CANCELLATION_OTHER' },
      `comment: Enter a comment explaining "Another reason (the patient's request)"`,
    ],
    [
      { type: 'CANCEL_REFERRAL', expectedVersion: 1, reason: 'PATIENT_REQUEST' },
      'reason: Choose a reason for cancelling the referral',
    ],
    [
      { type: 'PATIENT_CANCEL_APPOINTMENT', expectedVersion: 1, reason: 'PATIENT_OTHER_ENGAGEMENT', comment: '' },
      'comment: Enter a comment explaining "The patient has something more pressing"',
    ],
    [{ type: 'PROVIDER_CANCEL_APPOINTMENT', expectedVersion: 1, reason: 'CLINIC_CANCELLED' }, 'ok'],
    [{ type: 'CHANGE_APPOINTMENT', expectedVersion: 1, ...slot, reason: 'PATIENT_ILL' }, 'ok'],
    [
      { type: 'CHANGE_APPOINTMENT', expectedVersion: 1, ...slot, reason: 'PATIENT_APPOINTMENT_CANCELLATION_OTHER' },
      'comment: Enter a comment explaining "Another reason"',
    ],
    [{ type: 'CHANGE_SHORTLIST', expectedVersion: 1, shortlist: [svc('a'), svc('b')] }, 'ok'],
    [{ type: 'CHANGE_SHORTLIST', expectedVersion: 1, shortlist: [] }, 'shortlist: Choose at least one service'],
    [
      { type: 'CHANGE_SHORTLIST', expectedVersion: 1, shortlist: Array.from({ length: 21 }, (_, i) => svc(`s${i}`)) },
      'shortlist: A shortlist holds at most 20 services',
    ],
    [
      { type: 'CHANGE_SHORTLIST', expectedVersion: 1, shortlist: [svc('a'), svc('a')] },
      'shortlist: A service is on the shortlist twice',
    ],
    [{ type: 'RECORD_DNA', expectedVersion: 1, reason: 'PATIENT_FORGOT', outcome: 'REBOOK' }, 'ok'],
    [{ type: 'RECORD_DNA', expectedVersion: 1, reason: 'UNKNOWN', contactAttempted: false, outcome: 'REBOOK' }, 'ok'],
    [{ type: 'RECORD_DNA', expectedVersion: 1, outcome: 'REBOOK' }, 'reason: Choose why the patient did not attend'],
    [
      { type: 'RECORD_DNA', expectedVersion: 1, reason: 'PATIENT_FORGOT', outcome: 'FORGET' },
      'outcome: Choose what happens next',
    ],
    [
      { type: 'DEFER_TO_PROVIDER', expectedVersion: 1, serviceId: 's', reason: 'NO_SLOTS', slotsAvailable: false },
      'ok',
    ],
    [
      { type: 'DEFER_TO_PROVIDER', expectedVersion: 1, serviceId: 's', reason: 'NO_SLOTS' },
      'slotsAvailable: Invalid input: expected boolean, received undefined',
    ],
    [{ type: 'RECORD_IBS_ARRANGED', expectedVersion: 1, start: slot.start }, 'ok'],
    [{ type: 'RECORD_IBS_ARRANGED', expectedVersion: 1, start: 'next Tuesday' }, 'start: Enter a date and time'],
    [{ type: 'TRIAGE_OUTCOME', expectedVersion: 1, outcome: 'RETURN_WITH_ADVICE', advice: 'Try this' }, 'ok'],
    [
      { type: 'TRIAGE_OUTCOME', expectedVersion: 1, outcome: 'RETURN_WITH_ADVICE', advice: ' ' },
      'advice: Enter your advice to the referrer',
    ],
    [
      { type: 'TRIAGE_OUTCOME', expectedVersion: 1, outcome: 'RETURN_WITH_ADVICE', advice: 'x'.repeat(8001) },
      'advice: Advice must be 8,000 characters or fewer',
    ],
    [{ type: 'TRIAGE_OUTCOME', expectedVersion: 1, outcome: 'ACCEPT_BOOK_LATER', comment: 'Next clinic' }, 'ok'],
    [
      { type: 'TRIAGE_OUTCOME', expectedVersion: 1, outcome: 'ACCEPT_BOOK_LATER', comment: 'x', priority: 'SOON' },
      'priority: Choose a priority',
    ],
    [
      { type: 'TRIAGE_OUTCOME', expectedVersion: 1, outcome: 'ACCEPT_BOOK_LATER', comment: ' ' },
      'comment: Enter a review comment telling your admin team what to book',
    ],
    [
      {
        type: 'TRIAGE_OUTCOME',
        expectedVersion: 1,
        outcome: 'REFER_BOOK_NOW',
        serviceId: 's',
        redirectReason: 'REDIRECTED_AGE',
        comment: 'Paediatrics',
      },
      'ok',
    ],
    [
      {
        type: 'TRIAGE_OUTCOME',
        expectedVersion: 1,
        outcome: 'REFER_BOOK_NOW',
        serviceId: 's',
        redirectReason: 'REDIRECTED_OTHER',
      },
      'comment: Enter a comment explaining "Another reason"',
    ],
    [
      { type: 'TRIAGE_OUTCOME', expectedVersion: 1, outcome: 'REFER_BOOK_NOW', serviceId: 's', slotId: 'x' },
      'start: Enter the appointment start and end for the chosen slot',
    ],
    [
      { type: 'TRIAGE_OUTCOME', expectedVersion: 1, outcome: 'REFER_BOOK_NOW', serviceId: 's', start: slot.start },
      'slotId: Choose a slot',
    ],
    [
      { type: 'TRIAGE_OUTCOME', expectedVersion: 1, outcome: 'MAYBE' },
      "outcome: Invalid discriminator value. Expected 'REFER_BOOK_NOW' | 'ACCEPT_BOOK_LATER' | 'RETURN_WITH_ADVICE'",
    ],
    [{ type: 'CHANGE_PRIORITY', expectedVersion: 1, priority: 'URGENT' }, 'ok'],
    [{ type: 'ADD_LETTER', expectedVersion: 1 }, 'documentId: Choose a letter'],
    [{ type: 'ACCEPT', expectedVersion: 0 }, 'expectedVersion: Too small: expected number to be >0'],
  ])('%j -> %s', (input, expected) => expect(firstIssue(input)).toBe(expected));

  it('outputs trimmed comments and drops blank ones', () => {
    expect(
      commandSchema.parse({ type: 'CANCEL_REFERRAL', expectedVersion: 2, reason: 'INTEND_PRIVATE', comment: '  ' }),
    ).toEqual({
      type: 'CANCEL_REFERRAL',
      expectedVersion: 2,
      reason: 'INTEND_PRIVATE',
    });
  });

  it('labels every command, and lists every command once', () => {
    expect(new Set(COMMAND_TYPES).size).toBe(COMMAND_TYPES.length);
    expect(Object.keys(ACTION_LABELS).sort()).toEqual([...COMMAND_TYPES].sort());
    expect(ACTION_LABELS.ACCEPT).toBe('Accept');
    expect(ACTION_LABELS.REJECT).toBe('Reject');
    expect(ACTION_LABELS.TRIAGE_OUTCOME).toBe('Record triage outcome');
  });
});

describe('systemEventSchema', () => {
  it.each(['BOOKING_CONFIRMED', 'REMINDER_SENT', 'CONTACT_TARGET_BREACHED', 'EXPIRE'])('parses %s', (type) => {
    expect(systemEventSchema.parse({ type })).toEqual({ type });
  });

  it('is not a staff command', () => {
    expect(commandSchema.safeParse({ type: 'EXPIRE', expectedVersion: 1 }).success).toBe(false);
  });
});
