import { describe, expect, it } from 'vitest';
import { daysMs, defaultPolicy, policySchema, scaledMs } from './policy';

describe('policy', () => {
  it('default is valid and matches the documented policy', () => {
    expect(policySchema.parse(defaultPolicy)).toEqual({
      unbookedReminderDays: { TWO_WEEK_WAIT: 3, URGENT: 3, ROUTINE: 14 },
      ubrnExpiryDays: 180,
      bookingTimeoutMinutes: 30,
      timeScale: 1,
    });
  });

  it('refuses a time scale below 1', () => {
    const result = policySchema.safeParse({ ...defaultPolicy, timeScale: 0.5 });
    expect(result.error?.issues[0]?.path).toEqual(['timeScale']);
  });

  it.each([
    [1, daysMs(1), 86_400_000],
    [86_400, daysMs(1), 1_000],
    [86_400, daysMs(180), 180_000],
    [1_000_000, 10, 1], // never zero: a zero timer would fire before its transition is saved
  ])('timeScale %i: %i ms -> %i ms', (timeScale, real, scaled) => {
    expect(scaledMs({ ...defaultPolicy, timeScale }, real)).toBe(scaled);
  });
});
