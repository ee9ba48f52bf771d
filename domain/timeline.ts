import { z } from 'zod';
import { type Actor, actorSchema } from './actor';
import { reasonRecordSchema } from './referral';
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
