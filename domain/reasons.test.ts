import { describe, expect, it } from 'vitest';
import {
  DEFER_REASONS,
  DNA_OUTCOMES,
  DNA_REASONS,
  MAX_ADVICE,
  MAX_COMMENT,
  PATIENT_APPOINTMENT_REASONS,
  PROVIDER_APPOINTMENT_CANCEL_REASONS,
  REDIRECT_REASONS,
  REFERRAL_CANCEL_REASONS,
  REFERRAL_CANCEL_REASON_SIDES,
  REJECT_REASONS,
  type ReasonInfo,
  type ReferralCancelReason,
  adviceSchema,
  commentSchema,
  reasonLabel,
  redirectReasonSchema,
  referralCancelReasonsFor,
  rejectReasonSchema,
  requiredCommentSchema,
} from './reasons';
import {
  APPOINTMENT_CANCELLATION_REASON,
  APPOINTMENT_NON_ATTENDANCE_REASON,
  type ErsConcept,
  REFERRAL_CANCELLATION_REASON,
} from './reasons.e-rs-reference';

// Each list against e-RS's published code systems (reasons.e-rs-reference.ts names its source).
// `leftOut` is every e-RS code of that use that Carepath does not offer, with decision record
// 0015's reason: a new e-RS code, or a code dropped from a list, fails here until decided.
type ErsFilter = (c: ErsConcept) => boolean;
const current: ErsFilter = (c) => c.effectiveTo === undefined;
const LISTS: {
  name: string;
  table: Readonly<Record<string, ReasonInfo>>;
  source: readonly ErsConcept[];
  use: ErsFilter;
  leftOut: Record<string, string>;
}[] = [
  {
    name: 'reject (A014)',
    table: REJECT_REASONS,
    source: APPOINTMENT_CANCELLATION_REASON,
    use: (c) => c.usage?.includes('REJECT') === true,
    leftOut: {},
  },
  {
    name: 'redirect (triage outcome, A028)',
    table: REDIRECT_REASONS,
    source: APPOINTMENT_CANCELLATION_REASON,
    use: (c) => c.code.startsWith('REDIRECTED_') && current(c),
    leftOut: {},
  },
  {
    name: 'referral cancellation (A036)',
    table: REFERRAL_CANCEL_REASONS,
    source: REFERRAL_CANCELLATION_REASON,
    use: (c) => c.usage?.includes('CANCEL_REFERRAL') === true && c.canCancelAppointment === true,
    leftOut: {},
  },
  {
    name: 'patient appointment cancellation',
    table: PATIENT_APPOINTMENT_REASONS,
    source: APPOINTMENT_CANCELLATION_REASON,
    use: (c) => c.type === 'PATIENT' && current(c),
    leftOut: {},
  },
  {
    name: 'provider appointment cancellation',
    table: PROVIDER_APPOINTMENT_CANCEL_REASONS,
    source: APPOINTMENT_CANCELLATION_REASON,
    use: (c) => c.type === 'PROVIDER' && current(c),
    leftOut: {
      CLINIC_CANCELLED_ALTERNATIVE: 'the same words as CLINIC_CANCELLED: one choice is enough',
      CLINIC_OVERRUN_ALTERNATIVE: 'the same words as CLINIC_OVERRUN',
      SLOT_CANCELLED_ALTERNATIVE: 'the same words as SLOT_CANCELLED',
      NOT_SPECIFIED: 'the provider always knows why it cancels; PROVIDER_CANCELLATION takes a comment',
    },
  },
  {
    name: 'did not attend',
    table: DNA_REASONS,
    source: APPOINTMENT_NON_ATTENDANCE_REASON,
    use: current,
    leftOut: {},
  },
];

describe.each(LISTS)('the $name reasons are e-RS codes', ({ table, source, use, leftOut }) => {
  const byCode = new Map(source.map((c) => [c.code, c]));

  it.each(Object.keys(table))('%s is a current e-RS code of this use, with its comment flag', (code) => {
    const concept = byCode.get(code);
    expect(concept, `${code} is not in the e-RS code system`).toBeDefined();
    expect(use(concept!), `${code} is not for this use in e-RS`).toBe(true);
    expect(table[code]!.needsComment).toBe(concept!.commentIsMandatory ?? false);
  });

  it('offers every e-RS code of this use, or says why not', () => {
    const offered = source.filter(use).map((c) => c.code);
    expect([...Object.keys(table), ...Object.keys(leftOut)].sort()).toEqual(offered.sort());
  });

  it('words each one in plain English, not as a code', () => {
    for (const info of Object.values(table)) expect(info.label).toMatch(/^[A-Z][a-z' ]/);
  });
});

describe('who may give which referral cancellation reason (e-RS businessFunction)', () => {
  const side = (functions: readonly string[]) =>
    (['referrer', 'provider'] as const).filter((s) =>
      functions.some((f) => (s === 'referrer' ? f.startsWith('REFERRING_') : f.startsWith('SERVICE_PROVIDER_'))),
    );
  it.each(Object.keys(REFERRAL_CANCEL_REASONS) as ReferralCancelReason[])('%s', (code) => {
    const concept = REFERRAL_CANCELLATION_REASON.find((c) => c.code === code)!;
    expect([...REFERRAL_CANCEL_REASON_SIDES[code]].sort()).toEqual(side(concept.businessFunction ?? []).sort());
  });

  it('offers each side only its own reasons, in the same shape as the full list', () => {
    expect(Object.keys(referralCancelReasonsFor('provider'))).not.toContain('RAISED_IN_ERROR');
    expect(Object.keys(referralCancelReasonsFor('referrer'))).not.toContain('BOOKED_OUTSIDE_CAB');
    expect(referralCancelReasonsFor('referrer').PATIENT_DIED).toEqual(REFERRAL_CANCEL_REASONS.PATIENT_DIED);
  });
});

describe('reason tables', () => {
  it('keep the deferral reasons e-RS defers for, and the DNA outcomes', () => {
    expect(Object.keys(DEFER_REASONS)).toEqual(['NO_SLOTS', 'SLOT_UNAVAILABLE', 'BOOKING_TIMEOUT']);
    expect(Object.values(DEFER_REASONS).some((r) => r.needsComment)).toBe(false);
    expect(Object.keys(DNA_OUTCOMES)).toEqual(['REBOOK', 'RETURN_TO_REFERRER']);
  });

  it('schemas refuse unknown and retired codes with a message', () => {
    expect(rejectReasonSchema.safeParse('BORED').error?.issues[0]?.message).toBe('Choose a reason for rejecting');
    expect(redirectReasonSchema.safeParse('STAFF_LEAVE').success).toBe(false);
    expect(redirectReasonSchema.parse('REDIRECTED_STAFF_VACATION')).toBe('REDIRECTED_STAFF_VACATION');
  });

  it('labels any code, the retired ones that old referrals hold included', () => {
    expect(reasonLabel('SERVICE_INAPPROPRIATE')).toBe('Inappropriate service');
    expect(reasonLabel('NO_SLOTS')).toBe('No slots available');
    expect(reasonLabel('PATIENT_REQUEST')).toBe("The patient's request");
    expect(reasonLabel('UNHEARD_OF')).toBe('UNHEARD_OF');
  });

  it('a required comment refuses a blank one, naming what to write', () => {
    const schema = requiredCommentSchema('Enter a review comment');
    expect(schema.safeParse('  ').error?.issues[0]?.message).toBe('Enter a review comment');
    expect(schema.parse(' Book Dr Patel ')).toBe('Book Dr Patel');
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
