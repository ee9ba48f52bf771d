import {
  ApplicationFailure,
  ParentClosePolicy,
  allHandlersFinished,
  condition,
  proxyActivities,
  setCurrentDetails,
  setHandler,
  startChild,
  upsertSearchAttributes,
} from '@temporalio/workflow';
import { type Actor, actorSchema } from '../domain/actor';
import { ADVICE_COMMAND_TYPES, type AdviceCommandType, adviceCommandSchema } from '../domain/advice/commands';
import type { Conversation } from '../domain/advice/conversation';
import { referralFromConversation } from '../domain/advice/conversion';
import {
  type AdviceGuardResult,
  availableAdviceActions,
  canViewConversation,
  checkAdvice,
} from '../domain/advice/guard';
import { type AdviceEvent, applyAdvice, askAdvice, expireAdvice } from '../domain/advice/transition';
import type { AdviceActivities } from '../activities/advice';
import {
  type AdviceCommandMessage,
  type AdviceOutcome,
  type AdviceView,
  type AdviceWorkflowInput,
  adviceCheckQuery,
  adviceCommandUpdates,
  adviceQuery,
  askedUpdate,
} from './advice.messages';
import { adviceSearchAttributesOf, describeConversation } from './advice.search-attributes';
import { WorkflowLock } from './lock';
import type { referral } from './referral';
import { referralWorkflowId } from './referral.messages';
import { initialTimers } from './referral.timers';

// Database work: a call that takes 10 s is broken, so it is retried (every activity is idempotent).
const db = proxyActivities<AdviceActivities>({ startToCloseTimeout: '10s', retry: { maximumInterval: '10s' } });

// Summaries are stored unencrypted (temporal/codec.ts): codes and versions only.
const summary = (text: string) => ({ summary: text });

function refuse(code: string, message: string, field?: string): never {
  throw ApplicationFailure.create({ type: code, message, details: field ? [field] : [], nonRetryable: true });
}

function refuseUnlessOk(result: AdviceGuardResult): void {
  if (!result.ok) refuse(result.code, result.message, result.field);
}

/** After these the conversation takes no more commands; a converted one's UBRN now belongs to its referral. */
const finished = (c: Conversation) => c.state === 'CONVERTED' || c.state === 'EXPIRED';

/**
 * One advice and guidance conversation, from the question to its expiry: every staff command is
 * an Update guarded by the domain's `checkAdvice`, the read tables are projected before the
 * caller hears back, a provider's conversion starts the referral workflow (same UBRN) as a
 * child that outlives this one, and when the UBRN expires the content is deleted from the read
 * side and the workflow ends (its history then goes with the namespace's retention).
 */
export async function advice(input: AdviceWorkflowInput): Promise<AdviceOutcome> {
  const { policy } = input;
  const now = () => new Date().toISOString();
  const lock = new WorkflowLock();

  let current: Conversation;
  let firstEvent: AdviceEvent | undefined;
  if (input.kind === 'ask') {
    ({ conversation: current, event: firstEvent } = askAdvice(input.ask, { actor: input.actor, now: now(), policy }));
  } else {
    current = input.conversation;
  }
  let projectedVersion = firstEvent ? 0 : current.version;

  const view = (actor: Actor): AdviceView => ({
    conversation: current,
    actions: availableAdviceActions(current, actor),
  });

  function publish(): void {
    upsertSearchAttributes(adviceSearchAttributesOf(current));
    setCurrentDetails(describeConversation(current));
  }

  async function project(event: AdviceEvent): Promise<void> {
    await db.projectAdvice.executeWithOptions(summary(`project advice v${current.version} (${event.type})`), [
      { conversation: current, event },
    ]);
    projectedVersion = current.version;
  }

  async function runCommand({ command, actor }: AdviceCommandMessage): Promise<AdviceView> {
    // The validator ran before this handler queued for the lock: the conversation may have moved on.
    refuseUnlessOk(checkAdvice(command, current, actor));
    const parsed = adviceCommandSchema.parse(command);
    const at = now();
    if (parsed.type === 'CONVERT_BY_PROVIDER') {
      const { referral: converted, event } = referralFromConversation(current, {
        priority: parsed.priority,
        actor,
        now: at,
      });
      // The referral lives on after this conversation ends: abandoned, not terminated, at its close.
      await startChild<typeof referral>('referral', {
        workflowId: referralWorkflowId(converted.ubrn),
        args: [
          {
            kind: 'resume',
            policy,
            referral: converted,
            timers: initialTimers(converted, policy, Date.now()),
            firstEvent: event,
          },
        ],
        parentClosePolicy: ParentClosePolicy.ABANDON,
        workflowIdReusePolicy: 'REJECT_DUPLICATE',
        staticSummary: `${converted.priority} ${converted.specialty} referral, converted from advice`,
      });
    }
    const { conversation: next, event } = applyAdvice(current, parsed, { actor, now: at, policy });
    current = next;
    publish();
    await project(event);
    return view(actor);
  }

  const validate = (type: AdviceCommandType) => (message: AdviceCommandMessage) => {
    const actor = actorSchema.safeParse(message?.actor);
    if (!actor.success) refuse('VALIDATION', 'The request does not say who is acting', 'actor');
    if (message.command?.type !== type) refuse('VALIDATION', `This update takes ${type} commands`, 'type');
    refuseUnlessOk(checkAdvice(message.command, current, actor.data));
  };
  for (const type of ADVICE_COMMAND_TYPES) {
    setHandler(adviceCommandUpdates[type], (message) => lock.run(() => runCommand(message)), {
      validator: validate(type),
      description: `Advice action ${type}: checked by the advice rules, answered once projected`,
    });
  }
  setHandler(askedUpdate, async (actor) => {
    await condition(() => projectedVersion >= 1);
    if (!canViewConversation(current, actor))
      refuse('NO_RELATIONSHIP', 'This advice request belongs to another organisation');
    return view(actor);
  });
  setHandler(adviceQuery, (actor) =>
    canViewConversation(current, actor)
      ? { ok: true, view: view(actor) }
      : { ok: false, code: 'NO_RELATIONSHIP', message: 'You have no relationship with this advice request' },
  );
  setHandler(adviceCheckQuery, ({ command, actor }) => checkAdvice(command, current, actor));

  publish();
  if (firstEvent) {
    const event = firstEvent;
    await lock.run(() => project(event));
  }

  // Closed and cancelled conversations wait too: their content goes when the UBRN expires.
  while (!finished(current)) {
    const seen = current.version;
    const changed = await condition(
      () => current.version !== seen,
      Math.max(1, Date.parse(current.expiresAt) - Date.now()),
      summary('UBRN expiry'),
    );
    if (changed) continue;
    await lock.run(async () => {
      if (finished(current) || Date.parse(current.expiresAt) > Date.now()) return;
      const event = expireAdvice(current, now());
      current = { ...current, version: event.version, state: 'EXPIRED', updatedAt: event.at };
      publish();
      await db.expireAdviceContent.executeWithOptions(summary('delete expired advice content'), [
        { ubrn: current.ubrn, event },
      ]);
    });
  }
  await condition(allHandlersFinished);
  return { ubrn: current.ubrn, state: current.state, version: current.version };
}
