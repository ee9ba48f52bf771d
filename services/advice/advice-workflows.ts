import {
  type Client,
  WithStartWorkflowOperation,
  WorkflowExecutionAlreadyStartedError,
  WorkflowNotFoundError,
  WorkflowUpdateFailedError,
} from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import type { Actor } from '../../domain/actor';
import type { AdviceCommandInput, AdviceCommandType } from '../../domain/advice/commands';
import type { AskInput } from '../../domain/advice/conversation';
import { CarepathError, isErrorCode } from '../../domain/errors';
import type { Policy } from '../../domain/policy';
import { timeUpdate } from '../ops/metrics';
import type { advice } from '../../workflows/advice';
import {
  type AdviceView,
  adviceCheckQuery,
  adviceCommandUpdates,
  adviceQuery,
  adviceWorkflowId,
  askedUpdate,
} from '../../workflows/advice.messages';
import { createdUpdate, referralWorkflowId } from '../../workflows/referral.messages';

const notFound = () => new CarepathError('NOT_FOUND', 'There is no advice request with this booking reference');

/** A workflow's refusal as the one error type; anything else passes through (an outage stays an outage). */
function asAdviceError(error: unknown): unknown {
  const cause = error instanceof WorkflowUpdateFailedError ? error.cause : undefined;
  if (cause instanceof ApplicationFailure && isErrorCode(cause.type)) {
    const field = typeof cause.details?.[0] === 'string' ? cause.details[0] : undefined;
    return CarepathError.forField(cause.type, cause.message, field);
  }
  return error instanceof WorkflowNotFoundError ? notFound() : error;
}

/** Starts the conversation's workflow and returns once the question is projected (a resubmit finds it). */
export async function startConversation(
  client: Client,
  ask: AskInput,
  actor: Actor,
  options: { policy: Policy; taskQueue: string },
): Promise<AdviceView> {
  const start = new WithStartWorkflowOperation<typeof advice>('advice', {
    workflowId: adviceWorkflowId(ask.ubrn),
    taskQueue: options.taskQueue,
    args: [{ kind: 'ask', policy: options.policy, ask, actor }],
    workflowIdConflictPolicy: 'USE_EXISTING',
    workflowIdReusePolicy: 'REJECT_DUPLICATE',
    // Signed, not encrypted (temporal/codec.ts): codes only.
    staticSummary: `${ask.service.specialty} advice request to ${ask.service.serviceId}`,
    staticDetails: `Asked by ${ask.requester.orgCode}; its state as it stands is in Current details.`,
  });
  try {
    return await timeUpdate(askedUpdate.name, () =>
      client.workflow.executeUpdateWithStart(askedUpdate, { args: [actor], startWorkflowOperation: start }),
    );
  } catch (error) {
    if (error instanceof WorkflowExecutionAlreadyStartedError) return queryConversation(client, ask.ubrn, actor);
    throw asAdviceError(error);
  }
}

/** Runs a staff command; `requestId` makes a double-clicked button act once. */
export async function actOnConversation(
  client: Client,
  ubrn: string,
  command: AdviceCommandInput,
  actor: Actor,
  requestId?: string,
): Promise<AdviceView> {
  const update = adviceCommandUpdates[command.type as AdviceCommandType];
  if (!update) throw CarepathError.forField('VALIDATION', 'Choose an action', 'type');
  const handle = client.workflow.getHandle(adviceWorkflowId(ubrn));
  try {
    return await timeUpdate(update.name, () =>
      handle.executeUpdate(update, { args: [{ command, actor }], ...(requestId ? { updateId: requestId } : {}) }),
    );
  } catch (error) {
    if (!(error instanceof WorkflowNotFoundError)) throw asAdviceError(error);
  }
  // The workflow has ended (converted, expired): the guard says why nothing more can happen.
  const refusal = await handle.query(adviceCheckQuery, { command, actor }).catch(() => undefined);
  if (refusal && !refusal.ok) throw CarepathError.forField(refusal.code, refusal.message, refusal.field);
  throw new CarepathError('INVALID_REQUEST_STATE', 'Nothing more can happen to this advice request');
}

/** The conversation as the workflow holds it, for this actor; NO_RELATIONSHIP when they may not see it. */
export async function queryConversation(client: Client, ubrn: string, actor: Actor): Promise<AdviceView> {
  const result = await client.workflow
    .getHandle(adviceWorkflowId(ubrn))
    .query(adviceQuery, actor)
    .catch((error: unknown) => {
      throw error instanceof WorkflowNotFoundError ? notFound() : error;
    });
  if (!result.ok) throw new CarepathError(result.code, result.message);
  return result.view;
}

/**
 * Waits until the referral a provider's conversion started has projected its first transition,
 * so the provider's Appointments for Booking already lists it when the page comes back.
 */
export async function awaitConvertedReferral(client: Client, ubrn: string, actor: Actor): Promise<void> {
  await client.workflow.getHandle(referralWorkflowId(ubrn)).executeUpdate(createdUpdate, { args: [actor] });
}
