import { z } from 'zod';
import type { TagColour } from '../states';

/**
 * Where an advice and guidance conversation stands. The e-RS states map as: AWAITING_RESPONSE
 * (with the provider), AWAITING_MORE_INFO (the provider asked the referrer for more), RESPONDED
 * (advice given, with the referrer), then one of the ends. EXPIRED: the UBRN timed out and the
 * content was deleted.
 */
export const ADVICE_STATES = [
  'AWAITING_RESPONSE',
  'AWAITING_MORE_INFO',
  'RESPONDED',
  'CLOSED',
  'CANCELLED',
  'CONVERTED',
  'EXPIRED',
] as const;

export const adviceStateSchema = z.enum(ADVICE_STATES);
export type AdviceState = z.infer<typeof adviceStateSchema>;

/** The states in which the conversation goes on: a message, a close, a cancel or a conversion can follow. */
export const LIVE_ADVICE_STATES = [
  'AWAITING_RESPONSE',
  'AWAITING_MORE_INFO',
  'RESPONDED',
] as const satisfies readonly AdviceState[];

export function isLiveAdviceState(state: AdviceState): boolean {
  return (LIVE_ADVICE_STATES as readonly AdviceState[]).includes(state);
}

export const ADVICE_STATE_LABELS: Readonly<Record<AdviceState, string>> = {
  AWAITING_RESPONSE: 'Awaiting provider response',
  AWAITING_MORE_INFO: 'Awaiting more information',
  RESPONDED: 'Advice given',
  CLOSED: 'Closed',
  CANCELLED: 'Cancelled',
  CONVERTED: 'Converted to referral',
  EXPIRED: 'Expired',
};

export const ADVICE_STATE_TAG_COLOURS: Readonly<Record<AdviceState, TagColour>> = {
  AWAITING_RESPONSE: 'blue',
  AWAITING_MORE_INFO: 'orange',
  RESPONDED: 'green',
  CLOSED: 'grey',
  CANCELLED: 'grey',
  CONVERTED: 'purple',
  EXPIRED: 'white',
};
