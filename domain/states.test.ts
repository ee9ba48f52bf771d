import { describe, expect, it } from 'vitest';
import { STATES, STATE_LABELS, STATE_TAG_COLOURS, isEndState, stateSchema } from './states';

describe('states', () => {
  it.each(STATES)('%s has a label and a colour', (state) => {
    expect(STATE_LABELS[state]).toMatch(/^[A-Z]/);
    expect(STATE_TAG_COLOURS[state]).toBeTruthy();
  });

  it.each(STATES.map((s) => [s, s === 'CANCELLED_REFERRAL' || s === 'EXPIRED'] as const))(
    'isEndState(%s) = %s',
    (state, end) => expect(isEndState(state)).toBe(end),
  );

  it('schema accepts e-RS codes only', () => {
    expect(stateSchema.parse('TRIAGE_RESPONSE')).toBe('TRIAGE_RESPONSE');
    expect(stateSchema.safeParse('booked').success).toBe(false);
  });
});
