import { describe, expect, it } from 'vitest';
import { FIXTURE_NOW, situations } from './fixtures';
import { referralForRole, timelineForRole } from './referral-clinical-text';
import type { TimelineEvent } from './timeline';

const S = situations();
const event = (type: string, code: string, comment: string): TimelineEvent => ({
  version: 4,
  type,
  at: FIXTURE_NOW,
  fromState: 'BOOKED',
  toState: 'REJECTED',
  reason: { code, comment },
  summary: 'x',
});

describe('clinical reason comments are hidden from non-clinical roles', () => {
  it.each(['B1103', 'B1120'] as const)('a rejection comment is hidden from %s, its reason is not', (role) => {
    expect(referralForRole(S.REJECTED, role).lastReason).toEqual({ code: 'SERVICE_INAPPROPRIATE' });
  });

  it.each(['B1101', 'B1102', 'B1110', 'B1115'] as const)('%s reads it whole', (role) => {
    expect(referralForRole(S.REJECTED, role)).toBe(S.REJECTED);
  });

  it('leaves admin comments to admins: a patient cancellation or a DNA', () => {
    const cancelled = {
      ...S.APPT_CANCELLED_BY_PATIENT,
      lastReason: { code: 'PATIENT_HOLIDAY', comment: 'Back in May' },
    };
    expect(referralForRole(cancelled, 'B1103').lastReason?.comment).toBe('Back in May');
  });

  it.each([
    ['REJECT', 'SERVICE_INAPPROPRIATE', true],
    ['TRIAGE_OUTCOME', 'REDIRECTED_AGE', true],
    ['TRIAGE_OUTCOME', 'ACCEPT_BOOK_LATER', true],
    ['CANCEL_REFERRAL', 'PATIENT_DIED', true],
    ['PROVIDER_CANCEL_APPOINTMENT', 'CLINIC_CANCELLED', false], // the clinician's task for the admin team
    ['RECORD_DNA', 'REBOOK', false],
    ['PATIENT_CANCEL_APPOINTMENT', 'PATIENT_ILL', false],
  ])('the timeline hides the %s comment (%s) from admins: %s', (type, code, hidden) => {
    const [shown] = timelineForRole([event(type, code, 'Some words')], 'B1120');
    expect(shown?.reason).toEqual(hidden ? { code } : { code, comment: 'Some words' });
    expect(timelineForRole([event(type, code, 'Some words')], 'B1110')[0]?.reason?.comment).toBe('Some words');
  });
});
