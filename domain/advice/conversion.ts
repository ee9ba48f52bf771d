import type { Actor } from '../actor';
import type { Priority } from '../priorities';
import { MAX_COMMENT } from '../reasons';
import type { Referral, Service } from '../referral';
import { type TimelineEvent, timelineActor } from '../timeline';
import type { Conversation } from './conversation';

/** The reason a converted referral gives; the question itself becomes its clinical information. */
export const CONVERTED_REASON = 'Converted from an advice and guidance request (same booking reference)';

/** The advice service as a referral's shortlist holds it; undefined for an advice-only service. */
export function referralServiceOf(conversation: Conversation): Service | undefined {
  const { serviceId, name, providerOrgCode, referralType } = conversation.service;
  return referralType ? { serviceId, name, providerOrgCode, requestType: referralType } : undefined;
}

/**
 * The referral a provider's conversion starts (e-RS A027): the same UBRN, patient, requester
 * and service, the question as clinical information, accepted for the provider to book, so it
 * lands on the provider's Appointments for Booking. The referral expires when the UBRN would
 * have (it was issued when the question was asked). Assumes the guard allowed CONVERT_BY_PROVIDER.
 */
export function referralFromConversation(
  conversation: Conversation,
  input: { priority: Priority; actor: Actor; now: string },
): { referral: Referral; event: TimelineEvent } {
  const service = referralServiceOf(conversation);
  if (!service) throw new Error('The advice service takes no referrals: run checkAdvice before converting');
  const question = conversation.messages.find((m) => m.kind === 'QUESTION');
  const referral: Referral = {
    ubrn: conversation.ubrn,
    version: 1,
    state: 'TRIAGED_PROVIDER_TO_ACTION',
    priority: input.priority,
    createdAt: input.now,
    updatedAt: input.now,
    patient: conversation.patient,
    referrer: conversation.requester,
    specialty: conversation.service.specialty,
    reason: CONVERTED_REASON.slice(0, MAX_COMMENT),
    clinicalInformation: question?.text ?? '',
    letter: { status: 'TO_FOLLOW' },
    shortlist: [service],
    service,
    breached: false,
    remindersSent: 0,
    expiresAt: conversation.expiresAt,
  };
  const event: TimelineEvent = {
    version: 1,
    type: 'CREATE',
    at: input.now,
    actor: timelineActor(input.actor),
    fromState: null,
    toState: 'TRIAGED_PROVIDER_TO_ACTION',
    summary: `Referral created from advice and guidance by ${service.name}: provider to book`,
  };
  return { referral, event };
}
