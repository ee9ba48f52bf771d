import type { Actor } from '../actor';
import { type Policy, daysMs, scaledMs } from '../policy';
import { timelineActor } from '../timeline';
import { addWorkingDays, isoDateOf } from '../working-days';
import type { AdviceCommand, AdviceCommandType } from './commands';
import {
  ADVICE_OUTCOMES,
  type AdviceMessage,
  type AskInput,
  type Conversation,
  type MessageKind,
} from './conversation';
import type { AdviceState } from './states';

/**
 * One row of a conversation's history and audit trail, keyed by (ubrn, version). The summary
 * carries no patient data or message text, so it may go to logs and Temporal's UI as it is;
 * the message, when the transition wrote one, travels only inside encrypted payloads.
 */
export type AdviceEvent = {
  version: number;
  type: 'ASK' | AdviceCommandType | 'EXPIRE';
  at: string;
  actor?: Actor;
  fromState: AdviceState | null;
  toState: AdviceState;
  message?: AdviceMessage;
  summary: string;
};

export type AdviceContext = { actor: Actor; now: string; policy: Policy };

/** The date the provider should answer by, counted from the day the question (or reply) reached it. */
export function responseDueBy(now: string, workingDays: number): string {
  return addWorkingDays(isoDateOf(now), workingDays);
}

/** A new conversation, with the provider, at version 1. Assumes checkAsk passed and the input is parsed. */
export function askAdvice(input: AskInput, ctx: AdviceContext): { conversation: Conversation; event: AdviceEvent } {
  const question: AdviceMessage = {
    version: 1,
    kind: 'QUESTION',
    text: input.question,
    attachments: input.attachments,
    author: timelineActor(ctx.actor),
    at: ctx.now,
  };
  const conversation: Conversation = {
    ubrn: input.ubrn,
    version: 1,
    state: 'AWAITING_RESPONSE',
    createdAt: ctx.now,
    updatedAt: ctx.now,
    // The instant the expiry timer fires, so under a compressed time scale it is sooner.
    expiresAt: new Date(Date.parse(ctx.now) + scaledMs(ctx.policy, daysMs(ctx.policy.ubrnExpiryDays))).toISOString(),
    patient: input.patient,
    requester: input.requester,
    service: input.service,
    conversionAllowed: input.conversionAllowed,
    responseWorkingDays: input.responseWorkingDays,
    responseDueBy: responseDueBy(ctx.now, input.responseWorkingDays),
    messages: [question],
  };
  const event: AdviceEvent = {
    version: 1,
    type: 'ASK',
    at: ctx.now,
    actor: timelineActor(ctx.actor),
    fromState: null,
    toState: 'AWAITING_RESPONSE',
    message: question,
    summary: `Advice requested from ${input.service.name}`,
  };
  return { conversation, event };
}

type Step = { state: AdviceState; summary: string; message?: { kind: MessageKind; text: string } };

function stepOf(c: Conversation, command: AdviceCommand): Step {
  switch (command.type) {
    case 'RESPOND':
      return {
        state: 'RESPONDED',
        summary: `Advice given: ${ADVICE_OUTCOMES[command.outcome]}`,
        message: { kind: 'ADVICE', text: command.text },
      };
    case 'REQUEST_INFO':
      return {
        state: 'AWAITING_MORE_INFO',
        summary: 'More information requested',
        message: { kind: 'INFO_REQUEST', text: command.text },
      };
    case 'REPLY':
      return {
        state: 'AWAITING_RESPONSE',
        summary: 'Referrer replied',
        message: { kind: 'REPLY', text: command.text },
      };
    case 'CONVERT_BY_PROVIDER':
      return { state: 'CONVERTED', summary: `Converted to a referral by ${c.service.name}` };
    case 'CONVERT_BY_REFERRER':
      return { state: 'CONVERTED', summary: 'Converted to a referral by the referrer' };
    case 'CLOSE':
    case 'CANCEL': {
      const closing = command.type === 'CLOSE';
      const step: Step = closing
        ? { state: 'CLOSED', summary: 'Conversation closed' }
        : { state: 'CANCELLED', summary: 'Request cancelled by the referrer' };
      return command.note ? { ...step, message: { kind: 'NOTE', text: command.note } } : step;
    }
  }
}

/** The conversation after a command that `checkAdvice` accepted, and the history row it adds. */
export function applyAdvice(
  conversation: Conversation,
  command: AdviceCommand,
  ctx: AdviceContext,
): { conversation: Conversation; event: AdviceEvent } {
  const step = stepOf(conversation, command);
  const version = conversation.version + 1;
  const author = timelineActor(ctx.actor);
  const message: AdviceMessage | undefined = step.message && {
    version,
    kind: step.message.kind,
    text: step.message.text,
    ...(command.type === 'RESPOND' ? { outcome: command.outcome } : {}),
    attachments: 'attachments' in command ? command.attachments : [],
    author,
    at: ctx.now,
  };
  const { responseDueBy: _due, ...rest } = conversation;
  const next: Conversation = {
    ...rest,
    version,
    state: step.state,
    updatedAt: ctx.now,
    ...(step.state === 'AWAITING_RESPONSE'
      ? { responseDueBy: responseDueBy(ctx.now, conversation.responseWorkingDays) }
      : {}),
    ...(command.type === 'RESPOND' ? { outcome: command.outcome } : {}),
    ...(step.state === 'CONVERTED'
      ? { conversion: { by: command.type === 'CONVERT_BY_PROVIDER' ? 'PROVIDER' : 'REFERRER', at: ctx.now } as const }
      : {}),
    messages: message ? [...conversation.messages, message] : conversation.messages,
  };
  const event: AdviceEvent = {
    version,
    type: command.type,
    at: ctx.now,
    actor: author,
    fromState: conversation.state,
    toState: step.state,
    ...(message ? { message } : {}),
    summary: step.summary,
  };
  return { conversation: next, event };
}

/**
 * The UBRN has expired: the conversation ends and its content goes (messages, files, patient).
 * What stays is what the audit stub needs: the UBRN, the organisations, the dates.
 */
export function expireAdvice(conversation: Conversation, now: string): AdviceEvent {
  return {
    version: conversation.version + 1,
    type: 'EXPIRE',
    at: now,
    fromState: conversation.state,
    toState: 'EXPIRED',
    summary: 'Booking reference expired: the conversation’s content was deleted',
  };
}
