import type { RoleCode } from '../roles';
import type { AdviceCommandType } from './commands';
import { type Conversation, MAX_MESSAGES } from './conversation';
import { type AdviceState, LIVE_ADVICE_STATES } from './states';

/**
 * Who may do what to a conversation, in which states: the single table behind the workflow's
 * Update validators and the buttons the conversation page draws. Advice is clinical, so only
 * the clinical roles of each side take part (roles.ts: `clinical`); the admin roles that are
 * clinical (B1102, B1115) act like the clinicians.
 */
const REFERRING_CLINICAL: readonly RoleCode[] = ['B1101', 'B1102'];
const PROVIDER_CLINICAL: readonly RoleCode[] = ['B1110', 'B1115'];

/** A refusal in words for the user when the conversation's details, not its state, forbid the command. */
type Precondition = (conversation: Conversation) => string | undefined;

export interface AdviceRule {
  readonly roles: readonly RoleCode[];
  readonly states: readonly AdviceState[];
  readonly precondition?: Precondition;
}

const roomForAMessage: Precondition = (c) =>
  c.messages.length < MAX_MESSAGES
    ? undefined
    : `This conversation has reached ${MAX_MESSAGES} messages: close it, or convert it to a referral`;

// e-RS's tick box on the request: without it the provider may advise but not convert.
const providerMayConvert: Precondition = (c) => {
  if (!c.conversionAllowed) return 'The referrer did not allow this request to be converted into a referral';
  return c.service.referralType
    ? undefined
    : 'This advice service takes no referrals: the referrer can refer the patient to another service';
};

export const ADVICE_RULES: Readonly<Record<AdviceCommandType, readonly AdviceRule[]>> = {
  RESPOND: [{ roles: PROVIDER_CLINICAL, states: ['AWAITING_RESPONSE'], precondition: roomForAMessage }],
  REQUEST_INFO: [{ roles: PROVIDER_CLINICAL, states: ['AWAITING_RESPONSE'], precondition: roomForAMessage }],
  // A reply answers a request for more information, or follows up advice already given.
  REPLY: [{ roles: REFERRING_CLINICAL, states: ['AWAITING_MORE_INFO', 'RESPONDED'], precondition: roomForAMessage }],
  CONVERT_BY_PROVIDER: [{ roles: PROVIDER_CLINICAL, states: LIVE_ADVICE_STATES, precondition: providerMayConvert }],
  // The tick box is the requester's permission to the provider: the requester needs none of its own.
  CONVERT_BY_REFERRER: [{ roles: REFERRING_CLINICAL, states: LIVE_ADVICE_STATES }],
  CLOSE: [
    { roles: REFERRING_CLINICAL, states: LIVE_ADVICE_STATES },
    { roles: PROVIDER_CLINICAL, states: LIVE_ADVICE_STATES },
  ],
  CANCEL: [{ roles: REFERRING_CLINICAL, states: LIVE_ADVICE_STATES }],
};

/** How a refused state reads after "This request is <state>; ". */
export const ADVICE_STATE_REFUSALS: Readonly<Record<AdviceCommandType, string>> = {
  RESPOND: 'advice cannot be given now',
  REQUEST_INFO: 'more information cannot be asked for now',
  REPLY: 'there is nothing to reply to',
  CONVERT_BY_PROVIDER: 'it cannot be converted to a referral',
  CONVERT_BY_REFERRER: 'it cannot be converted to a referral',
  CLOSE: 'it cannot be closed',
  CANCEL: 'it cannot be cancelled',
};
