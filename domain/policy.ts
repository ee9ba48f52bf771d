import { z } from 'zod';

/**
 * Timing policy (Carepath's own, configurable). Workflows receive it in their start input and
 * take every duration from it, never from Date.now(): replays stay deterministic, and training
 * and tests can compress time with `timeScale`.
 */
export const policySchema = z.object({
  /** Remind the patient when a referral stays unbooked this many days. */
  unbookedReminderDays: z.object({
    TWO_WEEK_WAIT: z.number().int().positive(),
    URGENT: z.number().int().positive(),
    ROUTINE: z.number().int().positive(),
  }),
  /** A UBRN that reaches no booked appointment or end state in this many days expires. */
  ubrnExpiryDays: z.number().int().positive(),
  /** How long a slot stays held while the referrer completes a booking. */
  bookingTimeoutMinutes: z.number().int().positive(),
  /** 1 = real time; 86400 makes a day pass in a second. */
  timeScale: z.number().min(1, 'timeScale must be at least 1'),
});
export type Policy = z.infer<typeof policySchema>;

export const defaultPolicy: Policy = {
  unbookedReminderDays: { TWO_WEEK_WAIT: 3, URGENT: 3, ROUTINE: 14 },
  ubrnExpiryDays: 180,
  bookingTimeoutMinutes: 30,
  timeScale: 1,
};

export const DAY_MS = 86_400_000;

export function daysMs(days: number): number {
  return days * DAY_MS;
}

/** A real-world duration as the timer should wait under the policy's time scale (at least 1 ms). */
export function scaledMs(policy: Policy, realMs: number): number {
  return Math.max(1, Math.round(realMs / policy.timeScale));
}
