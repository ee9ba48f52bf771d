import { describe, expect, it } from 'vitest';
import {
  DEFER_REASONS,
  DNA_OUTCOMES,
  MAX_ADVICE,
  MAX_COMMENT,
  PATIENT_APPOINTMENT_REASONS,
  PROVIDER_APPOINTMENT_CANCEL_REASONS,
  REDIRECT_REASONS,
  REFERRAL_CANCEL_REASONS,
  REJECT_REASONS,
  adviceSchema,
  commentSchema,
  reasonLabel,
  redirectReasonSchema,
  rejectReasonSchema,
} from './reasons';

describe('reason tables', () => {
  it('have the e-RS codes', () => {
    expect(Object.keys(REJECT_REASONS)).toEqual([
      'FURTHER_INFORMATION_REQUIRED',
      'OUTPATIENT_APPOINTMENT_NOT_REQUIRED',
      'INAPPROPRIATE_SERVICE',
      'PREREQUISITES_NOT_COMPLETE',
      'OTHER',
    ]);
    expect(Object.keys(REDIRECT_REASONS)).toEqual([
      'AGE',
      'SEX',
      'PRIORITY',
      'APPROPRIATE_CLINIC',
      'APPROPRIATE_SPECIALTY',
      'CONFIDENTIALITY',
      'STAFF_LEAVE',
      'OTHER',
    ]);
    expect(Object.keys(PATIENT_APPOINTMENT_REASONS)).toEqual(['HOLIDAY', 'ILL', 'OTHER_ENGAGEMENT', 'OTHER']);
    expect(Object.keys(DNA_OUTCOMES)).toEqual(['REBOOK', 'RETURN_TO_REFERRER']);
  });

  it.each([
    REDIRECT_REASONS,
    REFERRAL_CANCEL_REASONS,
    PATIENT_APPOINTMENT_REASONS,
    PROVIDER_APPOINTMENT_CANCEL_REASONS,
  ])('OTHER needs a comment, and only OTHER', (table) => {
    for (const [code, info] of Object.entries(table)) expect(info.needsComment).toBe(code === 'OTHER');
  });

  it('every reject reason needs a comment', () => {
    expect(Object.values(REJECT_REASONS).every((r) => r.needsComment)).toBe(true);
    expect(Object.values(DEFER_REASONS).some((r) => r.needsComment)).toBe(false);
  });

  it('schemas refuse unknown codes with a message', () => {
    expect(rejectReasonSchema.safeParse('BORED').error?.issues[0]?.message).toBe('Choose a reason for rejecting');
    expect(redirectReasonSchema.parse('STAFF_LEAVE')).toBe('STAFF_LEAVE');
  });

  it('labels any code', () => {
    expect(reasonLabel('INAPPROPRIATE_SERVICE')).toBe('Inappropriate service');
    expect(reasonLabel('NO_SLOTS')).toBe('No slots available');
    expect(reasonLabel('UNKNOWN')).toBe('UNKNOWN');
  });
});

describe('comment and advice limits', () => {
  it.each([
    ['', undefined],
    ['   ', undefined],
    [' why ', 'why'],
    ['x'.repeat(MAX_COMMENT), 'x'.repeat(MAX_COMMENT)],
  ])('comment %j -> %j', (input, output) => expect(commentSchema.parse(input)).toBe(output));

  it('refuses a comment over 2,000 characters', () => {
    const result = commentSchema.safeParse('x'.repeat(MAX_COMMENT + 1));
    expect(result.error?.issues[0]?.message).toBe('Comment must be 2,000 characters or fewer');
  });

  it('advice is required and at most 8,000 characters', () => {
    expect(adviceSchema.safeParse('  ').error?.issues[0]?.message).toBe('Enter your advice to the referrer');
    expect(adviceSchema.parse('x'.repeat(MAX_ADVICE))).toHaveLength(MAX_ADVICE);
    expect(adviceSchema.safeParse('x'.repeat(MAX_ADVICE + 1)).error?.issues[0]?.message).toBe(
      'Advice must be 8,000 characters or fewer',
    );
  });
});
