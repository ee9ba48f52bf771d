import { z } from 'zod';
import { ACTION_LABELS, SYSTEM_EVENT_LABELS } from './actions';
import { type Actor, actorSchema } from './actor';
import { reasonLabel } from './reasons';
import { type ReasonRecord, reasonRecordSchema } from './referral';
import { stateSchema } from './states';

/**
 * One row of a referral's timeline and audit trail, keyed by (ubrn, version). The summary
 * carries no patient identifiers, so it can go to logs, Temporal and extracts as it is.
 */
export const timelineEventSchema = z.object({
  version: z.number().int().positive(),
  /** A command type, a system event type, or CREATE. */
  type: z.string().min(1),
  at: z.iso.datetime({ offset: true }),
  actor: actorSchema.optional(),
  /** null for CREATE. */
  fromState: stateSchema.nullable(),
  toState: stateSchema,
  reason: reasonRecordSchema.optional(),
  /** Machine-readable outcome of TRIAGE_OUTCOME and RECORD_DNA, for reports. */
  outcome: z.string().optional(),
  summary: z.string(),
});
export type TimelineEvent = z.infer<typeof timelineEventSchema>;

/** Only the actor's identity goes into the timeline, never anything else a caller attached. */
export function timelineActor(actor: Actor): Actor {
  return { userId: actor.userId, displayName: actor.displayName, role: actor.role, orgCode: actor.orgCode };
}

/** Triage outcomes, which the timeline records as the reason when the clinician added a comment. */
const TRIAGE_OUTCOME_LABELS: Readonly<Record<string, string>> = {
  ACCEPT_BOOK_LATER: 'Accepted, provider to book',
  RETURN_WITH_ADVICE: 'Returned to referrer with advice',
  REFER_BOOK_NOW: 'Referred on or booked now',
};

const EVENT_LABELS: Readonly<Record<string, string>> = {
  CREATE: 'Referral created',
  ...ACTION_LABELS,
  ...SYSTEM_EVENT_LABELS,
};

// A code no table knows yet still reads as words ("SOME_CODE" -> "Some code"), never as a code.
const spelledOut = (code: string) => code.charAt(0) + code.slice(1).toLowerCase().replaceAll('_', ' ');

/** What happened, in words: "Record triage outcome", "Booking confirmed". */
export function timelineEventLabel(type: string): string {
  return Object.hasOwn(EVENT_LABELS, type) ? EVENT_LABELS[type]! : spelledOut(type);
}

/** The reason or outcome recorded with an event and its comment, in words: "Patient on holiday: back in May". */
export function timelineReasonText(reason: ReasonRecord | undefined): string {
  if (!reason) return '';
  const known = Object.hasOwn(TRIAGE_OUTCOME_LABELS, reason.code)
    ? TRIAGE_OUTCOME_LABELS[reason.code]!
    : reasonLabel(reason.code);
  const label = known === reason.code ? spelledOut(reason.code) : known;
  return [label, reason.comment].filter(Boolean).join(': ');
}
