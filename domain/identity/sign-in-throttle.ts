/**
 * How a sign-in throttle slows guessing without shutting the owner out. Failures within the
 * allowance cost nothing (typing mistakes); each one beyond it makes the next attempt wait twice
 * as long as the one before, up to a ceiling. Failures are forgotten one at a time, so a trickle
 * of mistakes (a whole trust behind one address) never adds up, while a guesser settles at one
 * attempt per `forgetOneEveryMs`.
 */
export type BackOffPolicy = {
  allowance: number;
  firstDelayMs: number;
  maxDelayMs: number;
  forgetOneEveryMs: number;
};

/** A throttle's state: `failures` as they stood at `countedAt`, and when the next attempt may come. */
export type ThrottleState = { failures: number; countedAt: Date; retryAt: Date };

export type Admission = { admitted: true; state: ThrottleState } | { admitted: false; retryAt: Date };

const minute = 60_000;

/**
 * Per account (every address together, so a botnet gains nothing): three free, then 1 s, 2 s,
 * 4 s... up to 15 minutes; one forgotten every 15 minutes. NIST SP 800-63B asks for no more than
 * 100 consecutive failures; a guesser gets about four an hour.
 */
export const ACCOUNT_BACK_OFF: BackOffPolicy = {
  allowance: 3,
  firstDelayMs: 1_000,
  maxDelayMs: 15 * minute,
  forgetOneEveryMs: 15 * minute,
};

/** Per address (password spraying across accounts): thirty free, up to 5 minutes; one forgotten a minute. */
export const ADDRESS_BACK_OFF: BackOffPolicy = {
  allowance: 30,
  firstDelayMs: 1_000,
  maxDelayMs: 5 * minute,
  forgetOneEveryMs: minute,
};

/** Failures of one account that lock it (NCSC: about ten before locking out). */
export const LOCK_AFTER_FAILURES = 10;

// Counts are fractional; a whole number must not round up past itself through float error.
const whole = (failures: number) => Math.ceil(failures - 1e-9);

/** Failures still remembered at `now`. */
export function failuresAt(state: ThrottleState | undefined, now: Date, policy: BackOffPolicy): number {
  if (!state) return 0;
  const forgotten = Math.max(0, now.getTime() - state.countedAt.getTime()) / policy.forgetOneEveryMs;
  return Math.max(0, state.failures - forgotten);
}

/** How long the next attempt waits after `failures`. */
export function delayAfter(failures: number, policy: BackOffPolicy): number {
  const beyond = whole(failures) - policy.allowance;
  if (beyond <= 0) return 0;
  return Math.min(policy.firstDelayMs * 2 ** (beyond - 1), policy.maxDelayMs);
}

/**
 * One attempt: refused while the last one's wait runs, otherwise counted as failed straight away
 * (and `refund`ed if it turns out right), so attempts sent together cannot all slip in at once.
 */
export function admit(state: ThrottleState | undefined, now: Date, policy: BackOffPolicy): Admission {
  if (state && state.retryAt.getTime() > now.getTime()) return { admitted: false, retryAt: state.retryAt };
  const failures = failuresAt(state, now, policy) + 1;
  return {
    admitted: true,
    state: { failures, countedAt: now, retryAt: new Date(now.getTime() + delayAfter(failures, policy)) },
  };
}

/** An admitted attempt was right after all: it is not a failure, and nothing need wait for it. */
export function refund(state: ThrottleState, now: Date, policy: BackOffPolicy): ThrottleState {
  return { failures: Math.max(0, failuresAt(state, now, policy) - 1), countedAt: now, retryAt: now };
}

/** Whether this many failures lock the account. */
export function locksAccount(failures: number): boolean {
  return whole(failures) >= LOCK_AFTER_FAILURES;
}

/** A wait as people say it: "8 seconds", "3 minutes" (rounded up, never "0"). */
export function waitInWords(ms: number): string {
  const seconds = Math.max(1, Math.ceil(ms / 1000));
  if (seconds < 60) return seconds === 1 ? '1 second' : `${seconds} seconds`;
  const minutes = Math.ceil(seconds / 60);
  return minutes === 1 ? '1 minute' : `${minutes} minutes`;
}
