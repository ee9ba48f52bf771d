/**
 * Replaying a command accepted before decision record 0015: a missed appointment recorded
 * without a reason reads as e-RS's "not specified"; everything else is replayed as it was.
 */
import { describe, expect, it } from 'vitest';
import { commandBefore0015 } from './actions-before-0015';

describe('a command from before decision 0015', () => {
  it('gives a did-not-attend without a reason the reason "not specified"', () => {
    expect(commandBefore0015({ type: 'RECORD_DNA', next: 'REBOOK' })).toEqual({
      type: 'RECORD_DNA',
      next: 'REBOOK',
      reason: 'NOT_SPECIFIED',
    });
  });

  it('keeps a reason that was given, and any other command, as it was', () => {
    const withReason = { type: 'RECORD_DNA', next: 'REBOOK', reason: 'PATIENT_UNWELL' };
    expect(commandBefore0015(withReason)).toBe(withReason);
    const cancel = { type: 'CANCEL_REFERRAL', reason: undefined };
    expect(commandBefore0015(cancel)).toBe(cancel);
  });
});
