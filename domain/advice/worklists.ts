import type { WorklistSide } from '../worklists';
import type { AdviceState } from './states';

/**
 * The Advice and Guidance worklists, defined once: the provider's "Advice and Guidance
 * Requests" (awaiting response, awaiting more information) and the referrer's "Advice and
 * Guidance" (responses to read, awaiting the provider). The read model's queries follow these
 * definitions (`db/advice/`).
 */
export interface AdviceWorklist {
  readonly side: WorklistSide;
  readonly title: string;
  readonly states: readonly AdviceState[];
  /** Only while the requester's organisation has not opened the provider's latest message. */
  readonly unreadByReferrer?: true;
}

export const ADVICE_WORKLISTS = {
  'awaiting-response': { side: 'provider', title: 'Awaiting response', states: ['AWAITING_RESPONSE'] },
  'awaiting-information': { side: 'provider', title: 'Awaiting more information', states: ['AWAITING_MORE_INFO'] },
  responses: {
    side: 'referrer',
    title: 'Responses to read',
    states: ['RESPONDED', 'AWAITING_MORE_INFO', 'CONVERTED', 'CLOSED'],
    unreadByReferrer: true,
  },
  'awaiting-provider': { side: 'referrer', title: 'Awaiting provider', states: ['AWAITING_RESPONSE'] },
} as const satisfies Record<string, AdviceWorklist>;

export type AdviceWorklistKey = keyof typeof ADVICE_WORKLISTS;

export const ADVICE_WORKLIST_TITLES: Readonly<Record<WorklistSide, string>> = {
  provider: 'Advice and Guidance Requests',
  referrer: 'Advice and Guidance',
};

export function isAdviceWorklistKey(value: unknown): value is AdviceWorklistKey {
  return typeof value === 'string' && Object.hasOwn(ADVICE_WORKLISTS, value);
}

export function adviceWorklistsOf(side: WorklistSide): AdviceWorklistKey[] {
  return (Object.keys(ADVICE_WORKLISTS) as AdviceWorklistKey[]).filter((key) => ADVICE_WORKLISTS[key].side === side);
}

/** The facts of a conversation's read row that decide its worklists. */
export type AdviceWorklistFacts = { state: AdviceState; lastFrom: 'REFERRER' | 'PROVIDER'; referrerRead: boolean };

/** Whether a conversation is on this worklist (of whichever organisation owns it there). */
export function isOnAdviceWorklist(key: AdviceWorklistKey, facts: AdviceWorklistFacts): boolean {
  const list: AdviceWorklist = ADVICE_WORKLISTS[key];
  if (!list.states.includes(facts.state)) return false;
  return list.unreadByReferrer ? facts.lastFrom === 'PROVIDER' && !facts.referrerRead : true;
}

/** The response-time target has passed: the provider has not answered by the due date (a working day). */
export function isResponseOverdue(state: AdviceState, responseDueBy: string | undefined, today: string): boolean {
  return state === 'AWAITING_RESPONSE' && responseDueBy !== undefined && today > responseDueBy;
}
