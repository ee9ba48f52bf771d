/**
 * Example conversations and commands for tests (domain, workflow, service and web suites),
 * built on the referral fixtures' organisations, actors and test patient.
 */
import type { Actor } from '../actor';
import { FIXTURE_NOW, PROVIDER_ORG, REFERRER_ORG, actorFor, createInput } from '../fixtures';
import { defaultPolicy } from '../policy';
import type { AdviceCommandInput, AdviceCommandType } from './commands';
import type { AskInput, Conversation } from './conversation';
import type { AdviceState } from './states';
import { applyAdvice, askAdvice } from './transition';
import { adviceCommandSchema } from './commands';

export { FIXTURE_NOW, PROVIDER_ORG, REFERRER_ORG, actorFor };

export const ADVICE_SERVICE = {
  serviceId: 'svc-cardio-advice',
  name: 'Cardiology Advice',
  providerOrgCode: PROVIDER_ORG,
  specialty: 'CARDIOLOGY',
  referralType: 'DBS',
} as const;

export function askInput(overrides: Partial<AskInput> = {}): AskInput {
  const { patient, referrer } = createInput();
  return {
    ubrn: '000000000077',
    patient,
    requester: referrer,
    service: { ...ADVICE_SERVICE },
    question: 'Is an echocardiogram needed before starting an ACE inhibitor?',
    attachments: [],
    conversionAllowed: true,
    responseWorkingDays: 2,
    ...overrides,
  };
}

/** A valid command of each type at the given version, as a page would send it. */
export function sampleAdviceCommand(type: AdviceCommandType, expectedVersion: number): AdviceCommandInput {
  const v = { expectedVersion };
  switch (type) {
    case 'RESPOND':
      return { type, ...v, text: 'No echo needed; start ramipril 1.25 mg.', outcome: 'ADVICE_ONLY' };
    case 'REQUEST_INFO':
      return { type, ...v, text: 'Please send the latest U&E and blood pressure.' };
    case 'REPLY':
      return { type, ...v, text: 'Creatinine 80, BP 150/95.' };
    case 'CONVERT_BY_PROVIDER':
      return { type, ...v, priority: 'ROUTINE' };
    case 'CONVERT_BY_REFERRER':
      return { type, ...v };
    case 'CLOSE':
    case 'CANCEL':
      return { type, ...v };
  }
}

const provider = actorFor('B1110');
const referrer = actorFor('B1101');
const ctx = (actor: Actor) => ({ actor, now: FIXTURE_NOW, policy: defaultPolicy });
const step = (c: Conversation, type: AdviceCommandType, actor: Actor) =>
  applyAdvice(c, adviceCommandSchema.parse(sampleAdviceCommand(type, c.version)), ctx(actor)).conversation;

/** A conversation in the given state, reached by the commands that lead there. */
export function conversationIn(state: AdviceState, overrides: Partial<AskInput> = {}): Conversation {
  const asked = askAdvice(askInput(overrides), ctx(referrer)).conversation;
  switch (state) {
    case 'AWAITING_RESPONSE':
      return asked;
    case 'AWAITING_MORE_INFO':
      return step(asked, 'REQUEST_INFO', provider);
    case 'RESPONDED':
      return step(asked, 'RESPOND', provider);
    case 'CLOSED':
      return step(asked, 'CLOSE', provider);
    case 'CANCELLED':
      return step(asked, 'CANCEL', referrer);
    case 'CONVERTED':
      return step(asked, 'CONVERT_BY_PROVIDER', provider);
    case 'EXPIRED':
      return { ...asked, version: 2, state: 'EXPIRED' };
  }
}
