import type { UpdateDefinition } from '@temporalio/common';
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import { COMMAND_TYPES, type CommandOf, type CommandType } from '../domain/actions';
import type { Actor } from '../domain/actor';
import type { CreateReferralInput } from '../domain/create-referral';
import type { ErrorCode } from '../domain/errors';
import type { GuardResult } from '../domain/guard';
import type { Policy } from '../domain/policy';
import type { Referral } from '../domain/referral';
import type { TimelineEvent } from '../domain/timeline';
import type { Timers } from './referral.timers';

/**
 * The referral workflow's messages, shared by the workflow and its clients (defined once,
 * so both sides always agree on names and types).
 */

export const referralWorkflowId = (ubrn: string) => `referral-${ubrn}`;

/** What a caller sees after an update or query: the referral and what this actor may do next. */
export type ReferralView = { referral: Referral; actions: CommandType[] };

export type CommandMessage<T extends CommandType = CommandType> = { command: CommandOf<T>; actor: Actor };

/** Refusal type when the slot went to another referral first: the caller offers another slot or deferral. */
export const SLOT_UNAVAILABLE = 'SLOT_UNAVAILABLE' satisfies ErrorCode;

// "DEFER_TO_PROVIDER" -> "DeferToProvider": how the update reads in the Temporal UI's history.
const updateName = (type: CommandType) =>
  type
    .toLowerCase()
    .split('_')
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join('');

/** One Workflow Update per staff command, generated from the domain's list of commands. */
export const commandUpdates = Object.fromEntries(
  COMMAND_TYPES.map((type) => [type, defineUpdate<ReferralView, [CommandMessage]>(updateName(type))]),
) as Record<CommandType, UpdateDefinition<ReferralView, [CommandMessage]>>;

/**
 * Sent with the start (update-with-start): completes once the new referral is projected, so
 * the page the user lands on next already lists it.
 */
export const createdUpdate = defineUpdate<ReferralView, [Actor]>('Created');

/**
 * The referral as this actor may see it. A refusal comes back as a value: a query cannot
 * fail with a typed error the way an update can.
 */
export type ReferralQueryResult =
  { ok: true; view: ReferralView } | { ok: false; code: 'NO_RELATIONSHIP'; message: string };
export const referralQuery = defineQuery<ReferralQueryResult, [Actor]>('referral');
/** What the guard says to this command now; answers even after the referral has ended. */
export const checkQuery = defineQuery<GuardResult, [CommandMessage]>('check');
export const availableActionsQuery = defineQuery<CommandType[], [Actor]>('availableActions');
/**
 * The referral as the workflow holds it, for Carepath's own reconciliation: no actor, since only
 * a holder of the Temporal client's credentials can ask, and the read tables hold the same data.
 */
export const projectionQuery = defineQuery<Referral, []>('projection');

/** The provider's booking system acknowledged the appointment (fire-and-forget, from outside). */
export const bookingConfirmedSignal = defineSignal<[{ slotId?: string }]>('bookingConfirmed');

/**
 * `create`: a new referral (its UBRN already allocated). `resume`: a referral carried over by
 * continue-as-new with its timers; tests also start referrals in a given situation this way.
 */
export type ReferralWorkflowInput =
  | { kind: 'create'; policy: Policy; create: CreateReferralInput; actor: Actor; historyLimit?: number }
  | {
      kind: 'resume';
      policy: Policy;
      referral: Referral;
      timers: Timers;
      historyLimit?: number;
      /**
       * A referral begun elsewhere (an advice conversation converted by its provider, which starts
       * this workflow as a child): its first transition, still to project. Absent, as in every
       * history before advice and guidance, a resumed referral is already projected.
       */
      firstEvent?: TimelineEvent;
    };

/** What the workflow returns when the referral reaches its end state: no personal data. */
export type ReferralOutcome = { ubrn: string; state: Referral['state']; version: number };
