import {
  type Client,
  ServiceError,
  WithStartWorkflowOperation,
  WorkflowExecutionAlreadyStartedError,
  WorkflowNotFoundError,
  WorkflowUpdateFailedError,
  isGrpcServiceError,
} from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import type { Kysely } from 'kysely';
import type { Command, CommandType } from '../../domain/actions';
import type { Actor } from '../../domain/actor';
import { type CreateReferralInputRaw, createReferralInputSchema } from '../../domain/create-referral';
import { CarepathError, isErrorCode } from '../../domain/errors';
import { checkCreate } from '../../domain/guard';
import type { Policy } from '../../domain/policy';
import type { Database } from '../../db/database';
import { nextUbrn, ubrnForRequest } from '../../db/referrals/referrals.repository';
import { timeUpdate } from '../ops/metrics';
import type { referral } from '../../workflows/referral';
import {
  type ReferralView,
  availableActionsQuery,
  bookingConfirmedSignal,
  checkQuery,
  commandUpdates,
  createdUpdate,
  referralQuery,
  referralWorkflowId,
} from '../../workflows/referral.messages';

const notFound = () => new CarepathError('NOT_FOUND', 'There is no referral with this booking reference');

// Any UBRN-shaped value will do: checkCreate parses the whole input, and the real UBRN is only
// allocated once the form is known to be good, so bad forms do not use numbers up.
const PLACEHOLDER_UBRN = '000000000000';

/**
 * Creates a referral: checks the form, allocates its UBRN, starts its workflow and returns
 * once it is projected. With an idempotency key (one per rendered form), a resubmit returns
 * the referral the first submit created instead of creating another.
 */
export async function createReferral(
  client: Client,
  db: Kysely<Database>,
  input: Omit<CreateReferralInputRaw, 'ubrn'>,
  actor: Actor,
  policy: Policy,
  options: { taskQueue: string; idempotencyKey?: string },
): Promise<ReferralView> {
  const allowed = checkCreate({ ...input, ubrn: PLACEHOLDER_UBRN }, actor);
  if (!allowed.ok) throw CarepathError.forField(allowed.code, allowed.message, allowed.field);
  const ubrn = options.idempotencyKey ? await ubrnForRequest(db, options.idempotencyKey) : await nextUbrn(db);
  const create = createReferralInputSchema.parse({ ...input, ubrn });
  const start = new WithStartWorkflowOperation<typeof referral>('referral', {
    workflowId: referralWorkflowId(ubrn),
    taskQueue: options.taskQueue,
    args: [{ kind: 'create', policy, create, actor }],
    // A resubmit finds the running workflow; a finished one is never started again.
    workflowIdConflictPolicy: 'USE_EXISTING',
    workflowIdReusePolicy: 'REJECT_DUPLICATE',
    // Signed, not encrypted (temporal/codec.ts): the Temporal UI shows them without the codec, so codes only.
    staticSummary: `${create.priority} ${create.specialty} referral`,
    staticDetails: `Referred by ${create.referrer.orgCode}; its state and service as they stand are in Current details.`,
  });
  try {
    return await timeUpdate(createdUpdate.name, () =>
      client.workflow.executeUpdateWithStart(createdUpdate, { args: [actor], startWorkflowOperation: start }),
    );
  } catch (error) {
    if (error instanceof WorkflowExecutionAlreadyStartedError) return getReferral(client, ubrn, actor);
    throw createNotFinished(error) ?? asReferralError(error);
  }
}

/**
 * gRPC codes with which Temporal turns an Update-with-Start away for now rather than for good:
 * under load the server answers FAILED_PRECONDITION (the update could not be admitted),
 * ABORTED (the workflow was closing, or the operation lost a race), RESOURCE_EXHAUSTED (too
 * many updates in flight), UNAVAILABLE or DEADLINE_EXCEEDED. Nothing the user typed is at
 * fault, and sending the same form again is safe (its key gives the same UBRN).
 */
const CREATE_TRANSIENT_GRPC_CODES = new Set([4, 8, 9, 10, 14]);

/** A create Temporal could not finish just now, as UNAVAILABLE ("try again"); anything else undefined. */
export function createNotFinished(error: unknown): CarepathError | undefined {
  const grpc = error instanceof ServiceError ? error.cause : error;
  if (!isGrpcServiceError(grpc) || !CREATE_TRANSIENT_GRPC_CODES.has(grpc.code)) return undefined;
  return new CarepathError(
    'UNAVAILABLE',
    'Carepath could not finish creating this referral just now. Try again in a minute: sending the form again will not create it twice.',
  );
}

/**
 * Runs a staff command on a referral; the new referral and this actor's next actions come back.
 * `requestId` makes a double-clicked button act once.
 */
export async function actOnReferral(
  client: Client,
  ubrn: string,
  command: Command,
  actor: Actor,
  options: { requestId?: string } = {},
): Promise<ReferralView> {
  const update = commandUpdates[command.type as CommandType];
  if (!update) throw CarepathError.forField('VALIDATION', 'Choose an action', 'type');
  const handle = client.workflow.getHandle(referralWorkflowId(ubrn));
  try {
    return await timeUpdate(update.name, () =>
      handle.executeUpdate(update, {
        args: [{ command, actor }],
        ...(options.requestId ? { updateId: options.requestId } : {}),
      }),
    );
  } catch (error) {
    if (!(error instanceof WorkflowNotFoundError)) throw asReferralError(error);
  }
  // The workflow has ended (cancelled, expired): the guard says why nothing more can happen.
  const refusal = await handle.query(checkQuery, { command, actor });
  throw refusal.ok
    ? new CarepathError('INVALID_REQUEST_STATE', 'Nothing more can happen to this referral')
    : CarepathError.forField(refusal.code, refusal.message, refusal.field);
}

/** The referral and this actor's actions; NO_RELATIONSHIP when the actor may not see it. */
export async function getReferral(client: Client, ubrn: string, actor: Actor): Promise<ReferralView> {
  const handle = client.workflow.getHandle(referralWorkflowId(ubrn));
  const result = await handle.query(referralQuery, actor).catch((error: unknown) => {
    throw error instanceof WorkflowNotFoundError ? notFound() : error;
  });
  if (!result.ok) throw new CarepathError(result.code, result.message);
  return result.view;
}

export async function getAvailableActions(client: Client, ubrn: string, actor: Actor): Promise<CommandType[]> {
  const handle = client.workflow.getHandle(referralWorkflowId(ubrn));
  return handle.query(availableActionsQuery, actor).catch((error: unknown) => {
    throw error instanceof WorkflowNotFoundError ? notFound() : error;
  });
}

/** The provider's booking system confirmed the appointment (a stale or duplicate one is ignored). */
export async function confirmBooking(client: Client, ubrn: string, slotId?: string): Promise<void> {
  await client.workflow
    .getHandle(referralWorkflowId(ubrn))
    .signal(bookingConfirmedSignal, slotId === undefined ? {} : { slotId });
}

function asReferralError(error: unknown): unknown {
  const cause = error instanceof WorkflowUpdateFailedError ? error.cause : undefined;
  if (cause instanceof ApplicationFailure && isErrorCode(cause.type)) {
    const field = typeof cause.details?.[0] === 'string' ? cause.details[0] : undefined;
    return CarepathError.forField(cause.type, cause.message, field);
  }
  return error instanceof WorkflowNotFoundError ? notFound() : error;
}
