import { z } from 'zod';
import type { Actor } from './actor';
import { ubrnSchema } from './ids';
import { type Policy, daysMs, scaledMs } from './policy';
import { PRIORITY_LABELS, prioritySchema } from './priorities';
import { MAX_ADVICE, MAX_COMMENT } from './reasons';
import { type Referral, patientSchema, referrerSchema, shortlistSchema } from './referral';
import { type TimelineEvent, timelineActor } from './timeline';

/** What the referrer supplies to create a referral; state, version and timings are derived. */
export const createReferralInputSchema = z.object({
  /** Issued before the workflow starts (its id is referral-<UBRN>). */
  ubrn: ubrnSchema,
  priority: prioritySchema,
  patient: patientSchema,
  referrer: referrerSchema,
  specialty: z.string().trim().min(1, 'Choose a specialty'),
  clinicType: z.string().trim().min(1).optional(),
  reason: z
    .string({ error: 'Enter the reason for referral' })
    .trim()
    .min(1, 'Enter the reason for referral')
    .max(MAX_COMMENT, 'Reason must be 2,000 characters or fewer'),
  clinicalInformation: z
    .string()
    .trim()
    .max(MAX_ADVICE, 'Clinical information must be 8,000 characters or fewer')
    .default(''),
  letter: z.discriminatedUnion('status', [
    z.object({ status: z.literal('ATTACHED'), documentId: z.string().min(1, 'Attach the referral letter') }),
    z.object({ status: z.literal('TO_FOLLOW') }),
  ]),
  shortlist: shortlistSchema,
});
export type CreateReferralInput = z.infer<typeof createReferralInputSchema>;
export type CreateReferralInputRaw = z.input<typeof createReferralInputSchema>;

export interface TransitionContext {
  actor?: Actor;
  /** ISO date-time of the transition: Temporal's workflow clock, never the machine's. */
  now: string;
  policy: Policy;
}

/** A new referral in NOT_BOOKED at version 1. Assumes checkCreate passed and the input is parsed. */
export function createReferral(
  input: CreateReferralInput,
  ctx: TransitionContext,
): { referral: Referral; event: TimelineEvent } {
  const referral: Referral = {
    ubrn: input.ubrn,
    version: 1,
    state: 'NOT_BOOKED',
    priority: input.priority,
    createdAt: ctx.now,
    updatedAt: ctx.now,
    patient: input.patient,
    referrer: input.referrer,
    specialty: input.specialty,
    ...(input.clinicType === undefined ? {} : { clinicType: input.clinicType }),
    reason: input.reason,
    clinicalInformation: input.clinicalInformation,
    letter: input.letter.status === 'ATTACHED' ? { ...input.letter, attachedAt: ctx.now } : { status: 'TO_FOLLOW' },
    shortlist: input.shortlist,
    breached: false,
    remindersSent: 0,
    // The instant the expiry timer fires, so under a compressed time scale it is sooner.
    expiresAt: new Date(Date.parse(ctx.now) + scaledMs(ctx.policy, daysMs(ctx.policy.ubrnExpiryDays))).toISOString(),
  };
  const count = input.shortlist.length;
  const event: TimelineEvent = {
    version: 1,
    type: 'CREATE',
    at: ctx.now,
    ...(ctx.actor ? { actor: timelineActor(ctx.actor) } : {}),
    fromState: null,
    toState: 'NOT_BOOKED',
    summary: `Referral created: ${PRIORITY_LABELS[input.priority]}, ${input.specialty}, ${count} ${count === 1 ? 'service' : 'services'} shortlisted`,
  };
  return { referral, event };
}
