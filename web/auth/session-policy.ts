import type { Config } from '../../config/env';

export type SessionPolicy = {
  idleMs: number;
  absoluteMs: number;
  /** How long before the idle sign-out the warning appears (5 of 15 minutes by default). */
  idleWarningMs: number;
  /** How long before the absolute limit the warning appears (10 minutes by default). */
  absoluteWarningMs: number;
  /** Between the password and the second factor, or before signing in at all. */
  pendingMs: number;
};

const minute = 60_000;

/** e-RS: warn after 10 minutes idle and sign out at 15; sign out after 8 hours, warning 10 minutes before. */
export function sessionPolicy(config: Pick<Config, 'SESSION_IDLE_MINUTES' | 'SESSION_ABSOLUTE_HOURS'>): SessionPolicy {
  const idleMs = config.SESSION_IDLE_MINUTES * minute;
  const absoluteMs = config.SESSION_ABSOLUTE_HOURS * 60 * minute;
  return {
    idleMs,
    absoluteMs,
    idleWarningMs: idleMs / 3,
    absoluteWarningMs: Math.min(10 * minute, absoluteMs / 2),
    pendingMs: 10 * minute,
  };
}
