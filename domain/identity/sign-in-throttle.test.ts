import { describe, expect, it } from 'vitest';
import {
  ACCOUNT_BACK_OFF,
  admit,
  delayAfter,
  failuresAt,
  locksAccount,
  refund,
  waitInWords,
  type BackOffPolicy,
  type ThrottleState,
} from './sign-in-throttle';

const policy: BackOffPolicy = { allowance: 3, firstDelayMs: 1_000, maxDelayMs: 60_000, forgetOneEveryMs: 60_000 };
const at = (seconds: number) => new Date(Date.UTC(2026, 11, 1, 9, 0, seconds));

/** Admits one attempt at `seconds`, which must be let in, and counts it failed. */
function fail(state: ThrottleState | undefined, seconds: number): ThrottleState {
  const admission = admit(state, at(seconds), policy);
  if (!admission.admitted) throw new Error(`refused at ${seconds}s`);
  return admission.state;
}

describe('sign-in back-off', () => {
  it('costs nothing within the allowance, then doubles each wait up to the ceiling', () => {
    expect([0, 1, 2, 3, 4, 5, 6, 9, 20].map((n) => delayAfter(n, policy))).toEqual([
      0, 0, 0, 0, 1_000, 2_000, 4_000, 32_000, 60_000,
    ]);
  });

  it('refuses an attempt until the last one’s wait is over, and says until when', () => {
    let state: ThrottleState | undefined;
    for (const second of [0, 0, 0, 0]) state = fail(state, second);
    expect(admit(state, at(0), policy)).toEqual({ admitted: false, retryAt: at(1) });
    state = fail(state, 1);
    expect(admit(state, at(2), policy)).toEqual({ admitted: false, retryAt: at(3) });
    expect(admit(state, at(3), policy).admitted).toBe(true);
  });

  it('forgets failures one at a time, so a slow trickle never builds up', () => {
    let state = fail(undefined, 0);
    state = fail(state, 0);
    expect(failuresAt(state, at(30), policy)).toBeCloseTo(1.5);
    expect(failuresAt(state, at(600), policy)).toBe(0);
    // One mistake a minute, for an hour: never more than one remembered.
    let trickle: ThrottleState | undefined;
    for (let minute = 0; minute < 60; minute++) trickle = fail(trickle, minute * 60);
    expect(trickle!.failures).toBeLessThanOrEqual(1 + 1e-9);
  });

  it('refunds an attempt that was right: not a failure, and nothing waits for it', () => {
    let state: ThrottleState | undefined;
    for (let i = 0; i < 4; i++) state = fail(state, 0);
    expect(admit(state, at(0), policy).admitted).toBe(false);
    const refunded = refund(state!, at(0), policy);
    expect(refunded).toEqual({ failures: 3, countedAt: at(0), retryAt: at(0) });
    expect(admit(refunded, at(0), policy).admitted).toBe(true);
    expect(refund({ failures: 0, countedAt: at(0), retryAt: at(0) }, at(0), policy).failures).toBe(0);
  });

  it('locks an account at ten failures, even with a little forgotten', () => {
    expect(locksAccount(9)).toBe(false);
    expect(locksAccount(9.4)).toBe(true);
    expect(locksAccount(10)).toBe(true);
    expect(ACCOUNT_BACK_OFF.maxDelayMs).toBeLessThanOrEqual(ACCOUNT_BACK_OFF.forgetOneEveryMs);
  });

  it('says a wait as people do, rounded up', () => {
    expect([1, 1_000, 1_001, 59_000, 60_000, 61_000, 29 * 60_000 + 1].map(waitInWords)).toEqual([
      '1 second',
      '1 second',
      '2 seconds',
      '59 seconds',
      '1 minute',
      '2 minutes',
      '30 minutes',
    ]);
  });
});
