import type { Config } from '../../config/env';

/** The timers of signing in and of sessions, from the configuration. */
export type SessionPolicy = {
  idleMs: number;
  absoluteMs: number;
  /** How long before the idle sign-out the warning appears (5 of 15 minutes by default). */
  idleWarningMs: number;
  /** How long before the absolute limit the warning appears (10 minutes by default). */
  absoluteWarningMs: number;
  /** Between the password and the second factor, or before signing in at all. */
  pendingMs: number;
  /** How long an account stays locked after too many failed sign-ins, unless an administrator unlocks it. */
  accountLockMs: number;
};

export type SessionEndReason = 'idle' | 'absolute';

const minute = 60_000;

/** e-RS: warn after 10 minutes idle and sign out at 15; sign out after 8 hours, warning 10 minutes before. */
export function sessionPolicy(
  config: Pick<Config, 'SESSION_IDLE_MINUTES' | 'SESSION_ABSOLUTE_HOURS' | 'SIGN_IN_LOCK_MINUTES'>,
): SessionPolicy {
  const idleMs = config.SESSION_IDLE_MINUTES * minute;
  const absoluteMs = config.SESSION_ABSOLUTE_HOURS * 60 * minute;
  return {
    idleMs,
    absoluteMs,
    idleWarningMs: idleMs / 3,
    absoluteWarningMs: Math.min(10 * minute, absoluteMs / 2),
    pendingMs: 10 * minute,
    accountLockMs: config.SIGN_IN_LOCK_MINUTES * minute,
  };
}

/** Why a session has ended by `now`, if it has: only a signed-in session times out for idleness. */
export function endReason(
  session: { expiresAt: Date; lastSeenAt: Date; stage: string },
  now: Date,
  policy: Pick<SessionPolicy, 'idleMs'>,
): SessionEndReason | undefined {
  if (session.expiresAt.getTime() <= now.getTime()) return 'absolute';
  if (session.stage === 'signed_in' && session.lastSeenAt.getTime() + policy.idleMs <= now.getTime()) return 'idle';
  return undefined;
}
