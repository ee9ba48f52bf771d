import { type SearchAttributeUpdatePair, SearchAttributeType, defineSearchAttributeKey } from '@temporalio/common';
import type { Referral } from '../domain/referral';

/**
 * What ops can filter referral workflows by in the Temporal UI. Codes only: no patient,
 * clinician or free text ever goes here (search attributes are not encrypted).
 */
export const REFERRAL_SEARCH_ATTRIBUTES = {
  state: defineSearchAttributeKey('ReferralState', SearchAttributeType.KEYWORD),
  priority: defineSearchAttributeKey('ReferralPriority', SearchAttributeType.KEYWORD),
  serviceId: defineSearchAttributeKey('ReferralServiceId', SearchAttributeType.KEYWORD),
  providerOrg: defineSearchAttributeKey('ReferralProviderOrg', SearchAttributeType.KEYWORD),
  referrerOrg: defineSearchAttributeKey('ReferralReferrerOrg', SearchAttributeType.KEYWORD),
};

/** The attributes for a referral as it is now; null clears one (no service yet). */
export function searchAttributesOf(referral: Referral): SearchAttributeUpdatePair[] {
  const keys = REFERRAL_SEARCH_ATTRIBUTES;
  return [
    { key: keys.state, value: referral.state },
    { key: keys.priority, value: referral.priority },
    { key: keys.serviceId, value: referral.service?.serviceId ?? null },
    { key: keys.providerOrg, value: referral.service?.providerOrgCode ?? null },
    { key: keys.referrerOrg, value: referral.referrer.orgCode },
  ];
}

/** A line for the Temporal UI: priority, specialty, state and service, never the patient. */
export function describeReferral(referral: Referral): string {
  const where = referral.service ? ` at ${referral.service.name} (${referral.service.serviceId})` : '';
  return `${referral.priority} ${referral.specialty} referral, ${referral.state}${where}`;
}
