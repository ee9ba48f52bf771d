import { isProviderRole } from '../roles';
import type { AdviceEvent } from './transition';

/** Which side of a conversation hears of a transition: always the side that did not act. */
export type AdviceNotificationRecipient = 'REFERRER' | 'PROVIDER';

/** The outbox's template for an advice transition: its own namespace beside the referral's event types. */
export const adviceNotificationTemplate = (type: AdviceEvent['type']) => `ADVICE_${type}`;

/**
 * What each new message (or end) of a conversation tells the other side. Words only about what
 * happened, never what was written: the recipient signs in to read it, as with referral notices.
 * EXPIRE tells no one (the content is gone).
 */
export const ADVICE_NOTIFICATION_WORDS: Readonly<Record<Exclude<AdviceEvent['type'], 'EXPIRE'>, string>> = {
  ASK: 'a new request for advice has arrived',
  RESPOND: 'the provider has given advice',
  REQUEST_INFO: 'the provider has asked for more information',
  REPLY: 'the referrer has replied',
  CONVERT_BY_PROVIDER: 'the provider has converted it into a referral',
  CONVERT_BY_REFERRER: 'the referrer is converting it into a referral',
  CLOSE: 'the conversation was closed',
  CANCEL: 'the referrer cancelled the request',
};

/** The side to notify of this transition, or none. */
export function adviceNotificationRecipient(event: AdviceEvent): AdviceNotificationRecipient | undefined {
  if (event.type === 'EXPIRE' || !event.actor) return undefined;
  return isProviderRole(event.actor.role) ? 'REFERRER' : 'PROVIDER';
}

/** The message of an advice notification: the booking reference and what happened, nothing clinical. */
export function adviceNotificationText(template: string, displayUbrn: string): string {
  const type = template.replace(/^ADVICE_/, '') as keyof typeof ADVICE_NOTIFICATION_WORDS;
  const words = ADVICE_NOTIFICATION_WORDS[type] ?? 'the request was updated';
  return `Advice and guidance request ${displayUbrn}: ${words}. Sign in to Carepath to see it.`;
}
