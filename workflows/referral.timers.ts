import type { SystemEvent } from '../domain/actions';
import { type Policy, daysMs, scaledMs } from '../domain/policy';
import { endOfLondonDay } from '../domain/working-days';
import type { Referral } from '../domain/referral';
import { type ReferralState, isEndState } from '../domain/states';

/**
 * The referral's pending timers, as workflow-clock instants (ms). Kept in workflow state (and
 * carried over by continue-as-new) so later transitions can move or cancel them.
 */
export type Timers = {
  /** Next unbooked reminder to the patient. */
  reminderAt?: number;
  /** When the contact target counts as passed. */
  contactAt?: number;
  /** Off once the referral has been booked: a UBRN that reached an appointment never expires. */
  expiryArmed: boolean;
};

type TimerEvent = Extract<SystemEvent['type'], 'REMINDER_SENT' | 'CONTACT_TARGET_BREACHED' | 'EXPIRE'>;

/** Each timer's label in the Temporal UI, readable without the payload codec. */
export const TIMER_SUMMARIES: Record<TimerEvent, string> = {
  EXPIRE: 'UBRN expiry',
  CONTACT_TARGET_BREACHED: 'contact-target breach',
  REMINDER_SENT: 'unbooked reminder',
};

// Carepath policy: the patient holds the booking reference and is expected to book in these states.
const PATIENT_TO_BOOK: readonly ReferralState[] = ['NOT_BOOKED', 'APPT_CANCELLED_BY_PATIENT'];

const reminderDelay = (referral: Referral, policy: Policy) =>
  scaledMs(policy, daysMs(policy.unbookedReminderDays[referral.priority]));

/**
 * The end of the contact-by day in England, reached under the policy's time scale from `now`.
 * (Before decision 0015 it was the end of the UTC day; a timer's length is not part of what a
 * replay compares, so histories from before still replay.)
 */
function contactDeadline(contactBy: string, now: number, policy: Policy): number {
  const realDeadline = endOfLondonDay(contactBy);
  return now + scaledMs(policy, Math.max(0, realDeadline - now));
}

export function initialTimers(referral: Referral, policy: Policy, now: number): Timers {
  return retime({ expiryArmed: true }, undefined, referral, policy, now);
}

/**
 * Moves or cancels timers after a transition from `before` (undefined on creation) to `after`.
 * A reminder restarts when the referral newly needs booking or was just reminded; the contact
 * deadline follows contactBy; expiry is disarmed by the first booking.
 */
export function retime(
  timers: Timers,
  before: Referral | undefined,
  after: Referral,
  policy: Policy,
  now: number,
): Timers {
  const next: Timers = { expiryArmed: timers.expiryArmed && after.state !== 'BOOKED' };
  if (PATIENT_TO_BOOK.includes(after.state)) {
    const restart =
      before === undefined ||
      before.state !== after.state ||
      before.priority !== after.priority ||
      after.remindersSent !== before.remindersSent;
    const reminderAt = restart ? now + reminderDelay(after, policy) : timers.reminderAt;
    if (reminderAt !== undefined) next.reminderAt = reminderAt;
  }
  if (after.contactBy !== undefined && !after.breached) {
    const contactAt =
      before?.contactBy === after.contactBy && timers.contactAt !== undefined
        ? timers.contactAt
        : contactDeadline(after.contactBy, now, policy);
    next.contactAt = contactAt;
  }
  return next;
}

/** The earliest timer that applies to the referral now, if any. */
export function nextTimer(referral: Referral, timers: Timers): { type: TimerEvent; at: number } | undefined {
  if (isEndState(referral.state)) return undefined;
  const candidates: { type: TimerEvent; at: number }[] = [];
  if (timers.expiryArmed && referral.state !== 'BOOKED') {
    candidates.push({ type: 'EXPIRE', at: Date.parse(referral.expiresAt) });
  }
  if (timers.contactAt !== undefined) candidates.push({ type: 'CONTACT_TARGET_BREACHED', at: timers.contactAt });
  if (timers.reminderAt !== undefined) candidates.push({ type: 'REMINDER_SENT', at: timers.reminderAt });
  return candidates.sort((a, b) => a.at - b.at)[0];
}
