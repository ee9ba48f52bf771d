import {
  ApplicationFailure,
  allHandlersFinished,
  condition,
  continueAsNew,
  log,
  patched,
  proxyActivities,
  setCurrentDetails,
  setHandler,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import { COMMAND_TYPES, type Command, type CommandType, type SystemEvent, commandSchema } from '../domain/actions';
import { commandBefore0015 } from '../domain/actions-before-0015';
import { type Actor, actorSchema } from '../domain/actor';
import { type GuardResult, availableActions, canView, check, checkEvent } from '../domain/guard';
import type { Referral } from '../domain/referral';
import { isReferrerRole } from '../domain/roles';
import { isEndState } from '../domain/states';
import { type TimelineEvent, apply, createReferral } from '../domain/transition';
import type { ReferralActivities } from '../activities/referrals';
import { WorkflowLock } from './lock';
import {
  type CommandMessage,
  type ReferralOutcome,
  type ReferralView,
  type ReferralWorkflowInput,
  SLOT_UNAVAILABLE,
  availableActionsQuery,
  bookingConfirmedSignal,
  checkQuery,
  commandUpdates,
  createdUpdate,
  projectionQuery,
  referralQuery,
} from './referral.messages';
import { describeReferral, searchAttributesOf } from './referral.search-attributes';
import { TIMER_SUMMARIES, type Timers, initialTimers, nextTimer, retime } from './referral.timers';

// Database work: a call that takes 10 s is broken, so it is retried (every activity is idempotent).
const db = proxyActivities<ReferralActivities>({ startToCloseTimeout: '10s', retry: { maximumInterval: '10s' } });

// Every timer and activity carries a summary, its label in the Temporal UI: stored unencrypted
// (temporal/codec.ts), so only codes and versions, never anything about the patient.
const summary = (text: string) => ({ summary: text });

const project = (referral: Referral, event: TimelineEvent) =>
  db.projectReferral.executeWithOptions(summary(`project referral v${referral.version} (${event.type})`), [
    { referral, event },
  ]);

/**
 * Decision record 0015 (e-RS rule fidelity) changed what a command may do: e-RS's reason codes,
 * who may cancel or record a DNA, deferral after a lost slot, appointment times. Commands that
 * histories recorded before it replay under the rules they ran under.
 */
export const E_RS_RULES_PATCH = 'e-rs-rule-fidelity-0015';

/** Beyond this many history events the referral carries on in a fresh run (continue-as-new). */
const DEFAULT_HISTORY_LIMIT = 10_000;

function refuse(code: string, message: string, field?: string): never {
  throw ApplicationFailure.create({ type: code, message, details: field ? [field] : [], nonRetryable: true });
}

function refuseUnlessOk(result: GuardResult): void {
  if (!result.ok) refuse(result.code, result.message, result.field);
}

/** The slot a command books, and the service it must belong to (a change of appointment stays with the current one). */
function slotToReserve(command: Command, current: Referral): { slotId: string; serviceId?: string } | undefined {
  if (!('slotId' in command) || command.slotId === undefined) return undefined;
  return { slotId: command.slotId, serviceId: 'serviceId' in command ? command.serviceId : current.service?.serviceId };
}

/**
 * One referral, from creation to its end state: holds the state, runs every staff command as
 * an Update guarded by the domain's `check`, keeps the read tables in step through the
 * projection activity, and fires reminders, contact-target breaches and UBRN expiry.
 */
export async function referral(input: ReferralWorkflowInput): Promise<ReferralOutcome> {
  const { policy } = input;
  const now = () => new Date().toISOString();
  const lock = new WorkflowLock();

  let current: Referral;
  let timers: Timers;
  let firstEvent: TimelineEvent | undefined;
  if (input.kind === 'create') {
    ({ referral: current, event: firstEvent } = createReferral(input.create, {
      actor: input.actor,
      now: now(),
      policy,
    }));
    timers = initialTimers(current, policy, Date.now());
  } else {
    current = input.referral;
    timers = input.timers;
    firstEvent = input.firstEvent;
  }
  let projectedVersion = firstEvent ? 0 : current.version;

  const view = (actor: Actor): ReferralView => ({
    referral: current,
    actions: availableActions(current, actor, now()),
  });

  function publish(): void {
    upsertSearchAttributes(searchAttributesOf(current));
    setCurrentDetails(describeReferral(current));
  }

  // Everything a transition does after the guard said yes, before the caller hears back.
  async function commit(next: Referral, event: TimelineEvent): Promise<void> {
    const before = current;
    current = next;
    timers = retime(timers, before, next, policy, Date.now());
    publish();
    const oldSlot = before.appointment?.slotId;
    if (oldSlot !== undefined && oldSlot !== next.appointment?.slotId) {
      await db.releaseSlot.executeWithOptions(summary(`release slot ${oldSlot}`), [
        { slotId: oldSlot, ubrn: next.ubrn },
      ]);
    }
    if (next.state === 'EXPIRED') {
      await db.cleanUpExpiredReferral.executeWithOptions(summary('clean up expired referral'), [{ ubrn: next.ubrn }]);
    }
    await project(next, event);
    projectedVersion = next.version;
  }

  /**
   * The re-check under the lock, and the command to apply. Before decision 0015 the validator's
   * check passed on this very referral unless a transition came in between, which the version
   * shows, so a replayed command needs only that; today's rules would refuse old codes.
   */
  async function admit({ command, actor }: CommandMessage): Promise<Command> {
    if (!patched(E_RS_RULES_PATCH)) {
      if (command.expectedVersion !== current.version) {
        refuse('STALE_VERSION', 'Someone else changed this referral after you opened it.');
      }
      const before = commandBefore0015(command);
      if (before.type === 'DEFER_TO_PROVIDER') await refuseDeferralWhileBookable(before);
      return before;
    }
    refuseUnlessOk(check(command, current, actor, now()));
    const parsed = commandSchema.parse(command);
    // e-RS defers after a lost slot or a timed-out booking whatever else is free; only "no slots"
    // is checked against the slot table.
    if (parsed.type === 'DEFER_TO_PROVIDER' && parsed.reason === 'NO_SLOTS') await refuseDeferralWhileBookable(parsed);
    return parsed;
  }

  async function refuseDeferralWhileBookable(command: Extract<Command, { type: 'DEFER_TO_PROVIDER' }>) {
    const bookable = await db.bookableSlotsExist.executeWithOptions(
      summary(`check for bookable slots at ${command.serviceId}`),
      [{ serviceId: command.serviceId, priority: current.priority, now: now() }],
    );
    if (bookable) refuse('INVALID_REQUEST_STATE', 'This service has slots available: book one instead of deferring');
  }

  async function runCommand(message: CommandMessage): Promise<ReferralView> {
    const { actor } = message;
    // The validator ran before this handler queued for the lock: the referral may have moved on.
    let parsed = await admit(message);
    const slot = slotToReserve(parsed, current);
    if (slot !== undefined) {
      if (slot.serviceId === undefined) refuse('VALIDATION', 'Choose the service to book into', 'serviceId');
      const held = await db.reserveSlot.executeWithOptions(summary(`reserve slot ${slot.slotId}`), [
        {
          slotId: slot.slotId,
          serviceId: slot.serviceId,
          ubrn: current.ubrn,
          now: now(),
          // Providers book into their own clinics freely; referrers only inside the booking window.
          referrerPriority: isReferrerRole(actor.role) ? current.priority : undefined,
        },
      ]);
      if (!held) {
        refuse(
          SLOT_UNAVAILABLE,
          'That appointment slot has just been taken. Choose another slot, or defer to the provider.',
          'slotId',
        );
      }
      // The slot table's times are the appointment, whatever the form showed.
      parsed = { ...parsed, start: held.start, end: held.end } as Command;
    }
    const { referral: next, event } = apply(current, parsed, { actor, now: now(), policy });
    await commit(next, event);
    return view(actor);
  }

  async function runEvent(event: SystemEvent): Promise<void> {
    const allowed = checkEvent(event, current);
    if (!allowed.ok) {
      log.info('System event no longer applies', { event: event.type, code: allowed.code });
      return;
    }
    const { referral: next, event: entry } = apply(current, event, { now: now(), policy });
    await commit(next, entry);
  }

  const validate = (type: CommandType) => (message: CommandMessage) => {
    const actor = actorSchema.safeParse(message?.actor);
    if (!actor.success) refuse('VALIDATION', 'The request does not say who is acting', 'actor');
    if (message.command?.type !== type) refuse('VALIDATION', `This update takes ${type} commands`, 'type');
    refuseUnlessOk(check(message.command, current, actor.data, now()));
  };
  for (const type of COMMAND_TYPES) {
    setHandler(commandUpdates[type], (message) => lock.run(() => runCommand(message)), {
      validator: validate(type),
      // The Temporal UI lists it, readable without the codec, beside the update's name.
      description: `Staff action ${type}: checked by the referral rules, answered once projected`,
    });
  }
  setHandler(createdUpdate, async (actor) => {
    await condition(() => projectedVersion >= 1);
    if (!canView(current, actor)) refuse('NO_RELATIONSHIP', 'This referral belongs to another organisation');
    return view(actor);
  });
  setHandler(referralQuery, (actor) =>
    canView(current, actor)
      ? { ok: true, view: view(actor) }
      : { ok: false, code: 'NO_RELATIONSHIP', message: 'You have no relationship with this referral' },
  );
  setHandler(availableActionsQuery, (actor) => availableActions(current, actor, now()));
  setHandler(checkQuery, ({ command, actor }) => check(command, current, actor, now()));
  setHandler(projectionQuery, () => current);
  setHandler(bookingConfirmedSignal, ({ slotId }) =>
    lock.run(() =>
      runEvent(slotId === undefined ? { type: 'BOOKING_CONFIRMED' } : { type: 'BOOKING_CONFIRMED', slotId }),
    ),
  );

  publish();
  if (firstEvent) {
    const event = firstEvent;
    await lock.run(async () => {
      await project(current, event);
      projectedVersion = current.version;
    });
  }

  const historyLimit = input.historyLimit ?? DEFAULT_HISTORY_LIMIT;
  const historyFull = () => workflowInfo().continueAsNewSuggested || workflowInfo().historyLength >= historyLimit;

  while (!isEndState(current.state)) {
    if (historyFull() && !lock.busy) {
      await condition(allHandlersFinished);
      if (!lock.busy) {
        await continueAsNew<typeof referral>({ kind: 'resume', policy, referral: current, timers, historyLimit });
      }
    }
    const due = nextTimer(current, timers);
    const seen = current.version;
    const woken = () => current.version !== seen || historyFull();
    if (due === undefined) {
      await condition(woken);
      continue;
    }
    const changed = await condition(woken, Math.max(1, due.at - Date.now()), summary(TIMER_SUMMARIES[due.type]));
    if (!changed) {
      await lock.run(async () => {
        // Still due? A transition may have moved this timer while we waited for the lock.
        const still = nextTimer(current, timers);
        if (still?.type === due.type && still.at <= Date.now()) await runEvent({ type: due.type });
      });
    }
  }
  await condition(allHandlersFinished);
  return { ubrn: current.ubrn, state: current.state, version: current.version };
}
