import { type SearchAttributeUpdatePair, SearchAttributeType, defineSearchAttributeKey } from '@temporalio/common';
import type { Conversation } from '../domain/advice/conversation';
import { REFERRAL_SEARCH_ATTRIBUTES } from './referral.search-attributes';

/**
 * What ops can filter advice workflows by in the Temporal UI: the conversation's state, and the
 * referral keys for service and organisations (a conversation's UBRN is a booking reference too,
 * and the namespace's custom keyword attributes are few). Codes only, never the patient or text.
 */
export const ADVICE_SEARCH_ATTRIBUTES = {
  state: defineSearchAttributeKey('AdviceState', SearchAttributeType.KEYWORD),
};

export function adviceSearchAttributesOf(conversation: Conversation): SearchAttributeUpdatePair[] {
  return [
    { key: ADVICE_SEARCH_ATTRIBUTES.state, value: conversation.state },
    { key: REFERRAL_SEARCH_ATTRIBUTES.serviceId, value: conversation.service.serviceId },
    { key: REFERRAL_SEARCH_ATTRIBUTES.providerOrg, value: conversation.service.providerOrgCode },
    { key: REFERRAL_SEARCH_ATTRIBUTES.referrerOrg, value: conversation.requester.orgCode },
  ];
}

/** A line for the Temporal UI: specialty, state and service, never the patient. */
export function describeConversation(conversation: Conversation): string {
  const { service } = conversation;
  return `${service.specialty} advice request, ${conversation.state} at ${service.name} (${service.serviceId}), ${conversation.messages.length} messages`;
}
