import type { UpdateDefinition } from '@temporalio/common';
import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { Actor } from '../domain/actor';
import { ADVICE_COMMAND_TYPES, type AdviceCommandInput, type AdviceCommandType } from '../domain/advice/commands';
import type { AskInput, Conversation } from '../domain/advice/conversation';
import type { AdviceGuardResult } from '../domain/advice/guard';
import type { AdviceState } from '../domain/advice/states';
import type { Policy } from '../domain/policy';

/**
 * The advice workflow's messages, shared by the workflow and its clients (defined once, so both
 * sides always agree on names and types).
 */

export const adviceWorkflowId = (ubrn: string) => `advice-${ubrn}`;

/** What a caller sees after an update or query: the conversation and what this actor may do next. */
export type AdviceView = { conversation: Conversation; actions: AdviceCommandType[] };

export type AdviceCommandMessage = { command: AdviceCommandInput; actor: Actor };

// "REQUEST_INFO" -> "AdviceRequestInfo": how the update reads in the Temporal UI's history.
const updateName = (type: AdviceCommandType) =>
  `Advice${type
    .toLowerCase()
    .split('_')
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join('')}`;

/** One Workflow Update per staff command, generated from the domain's list of commands. */
export const adviceCommandUpdates = Object.fromEntries(
  ADVICE_COMMAND_TYPES.map((type) => [type, defineUpdate<AdviceView, [AdviceCommandMessage]>(updateName(type))]),
) as Record<AdviceCommandType, UpdateDefinition<AdviceView, [AdviceCommandMessage]>>;

/** Sent with the start (update-with-start): completes once the question is projected. */
export const askedUpdate = defineUpdate<AdviceView, [Actor]>('AdviceAsked');

/** The conversation as this actor may see it; a refusal comes back as a value (queries cannot fail typed). */
export type AdviceQueryResult =
  { ok: true; view: AdviceView } | { ok: false; code: 'NO_RELATIONSHIP'; message: string };
export const adviceQuery = defineQuery<AdviceQueryResult, [Actor]>('advice');
/** What the guard says to this command now; answers even after the conversation has ended. */
export const adviceCheckQuery = defineQuery<AdviceGuardResult, [AdviceCommandMessage]>('adviceCheck');

/**
 * `ask`: a new conversation (its UBRN already allocated). `resume`: a conversation in a given
 * situation (tests start conversations this way).
 */
export type AdviceWorkflowInput =
  | { kind: 'ask'; policy: Policy; ask: AskInput; actor: Actor }
  | { kind: 'resume'; policy: Policy; conversation: Conversation };

/** What the workflow returns when the conversation ends: no personal data. */
export type AdviceOutcome = { ubrn: string; state: AdviceState; version: number };
