import { ADVICE_ACTION_LABELS, type AdviceCommandType } from '../advice/commands';
import type { Conversation } from '../advice/conversation';
import { ADVICE_STATE_LABELS } from '../advice/states';
import { ACTION_LABELS, type CommandType } from '../actions';
import type { Referral } from '../referral';
import { ROLES, type RoleCode } from '../roles';
import { STATE_LABELS } from '../states';
import { timelineEventLabel } from '../timeline';
import { type TransitionContext, apply } from '../transition';
import type { Command } from '../actions';
import type { ReplayEvent } from './events';

/** What the workflow holds: a referral or an advice conversation, as its last projection carried it. */
export type ReplaySubject = { kind: 'referral'; referral: Referral } | { kind: 'advice'; conversation: Conversation };

/** A timer the workflow is waiting on: its label (the timer's summary) and when it fires. */
export type PendingTimer = { timerId: string; label: string; firesAt: string };

/** A staff action the workflow accepted and has not yet projected. */
export type PendingAction = { update: string; label: string; role?: RoleCode; acceptedAtEvent: number };

/** The history after one event: what happened, and where everything stands. */
export type ReplayStep = {
  event: ReplayEvent;
  /** What the event means, in words: "Staff action accepted: Book appointment (Referring Clinician)". */
  description: string;
  /** The referral or conversation after this event (its latest projection); undefined before the first. */
  subject?: ReplaySubject;
  /** Set on the event where the workflow committed a transition (the projection it scheduled). */
  transition?: { version: number; type: string; label: string };
  pendingAction?: PendingAction;
  timers: PendingTimer[];
  /** The workflow finished with this event (completed, failed, continued as new...). */
  closed?: string;
};

export type ReplayedHistory = { workflowType: string; steps: ReplayStep[] };

const PROJECTIONS: Record<string, ReplaySubject['kind']> = { projectReferral: 'referral', projectAdvice: 'advice' };

/**
 * Decision 0022: a booking reserves its slot and projects the transition in one activity, whose
 * input is the referral before, the command and its context; the slot it held (the result) gives
 * the appointment. The workflow then applies the same command with the same context, so the fold does.
 */
const RESERVE_AND_PROJECT = 'reserveSlotAndProject';
type Booking = { referral: Referral; command: Command; context: TransitionContext };

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The first value of a `Payloads` attribute. */
function firstPayload(payloads: unknown): unknown {
  return isObject(payloads) && Array.isArray(payloads.payloads) ? payloads.payloads[0] : undefined;
}

function field<T = unknown>(value: unknown, ...path: string[]): T | undefined {
  let at: unknown = value;
  for (const key of path) at = isObject(at) ? at[key] : Array.isArray(at) ? at[Number(key)] : undefined;
  return at as T | undefined;
}

// "DeferToProvider" -> "DEFER_TO_PROVIDER": the referral workflow names each update after its command.
const constantCase = (name: string) => name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toUpperCase();

function actionLabel(update: string): string {
  const type = constantCase(update);
  if (Object.hasOwn(ACTION_LABELS, type)) return ACTION_LABELS[type as CommandType];
  if (Object.hasOwn(ADVICE_ACTION_LABELS, type)) return ADVICE_ACTION_LABELS[type as AdviceCommandType];
  return update === 'Created' ? 'Creation confirmed' : update;
}

function roleOf(value: unknown): RoleCode | undefined {
  const role = field<string>(value, 'role');
  return role !== undefined && Object.hasOwn(ROLES, role) ? (role as RoleCode) : undefined;
}

/** "1.5s" (a proto-JSON Duration) in milliseconds. */
function durationMs(duration: unknown): number {
  const match = typeof duration === 'string' ? /^(-?\d+(?:\.\d+)?)s$/.exec(duration) : null;
  return match ? Math.round(Number(match[1]) * 1000) : 0;
}

export function subjectState(subject: ReplaySubject): string {
  return subject.kind === 'referral'
    ? STATE_LABELS[subject.referral.state]
    : ADVICE_STATE_LABELS[subject.conversation.state];
}

const WORDS: Record<string, string> = {
  WORKFLOW_TASK_SCHEDULED: 'Workflow task scheduled',
  WORKFLOW_TASK_STARTED: 'Workflow task picked up by a worker',
  WORKFLOW_TASK_COMPLETED: 'Workflow task completed',
  WORKFLOW_TASK_FAILED: 'Workflow task failed',
  WORKFLOW_TASK_TIMED_OUT: 'Workflow task timed out',
  UPSERT_WORKFLOW_SEARCH_ATTRIBUTES: 'Search attributes updated (state, priority, service)',
  WORKFLOW_PROPERTIES_MODIFIED: 'Workflow details updated',
  ACTIVITY_TASK_STARTED: 'Activity picked up by a worker',
  ACTIVITY_TASK_COMPLETED: 'Activity completed',
  ACTIVITY_TASK_FAILED: 'Activity failed',
  ACTIVITY_TASK_TIMED_OUT: 'Activity timed out',
  WORKFLOW_EXECUTION_COMPLETED: 'Workflow completed',
  WORKFLOW_EXECUTION_FAILED: 'Workflow failed',
  WORKFLOW_EXECUTION_TERMINATED: 'Workflow terminated',
  WORKFLOW_EXECUTION_CANCELED: 'Workflow cancelled',
  WORKFLOW_EXECUTION_TIMED_OUT: 'Workflow timed out',
  WORKFLOW_EXECUTION_CONTINUED_AS_NEW: 'Continued as a new run (history full)',
  START_CHILD_WORKFLOW_EXECUTION_INITIATED: 'Child workflow requested',
  CHILD_WORKFLOW_EXECUTION_STARTED: 'Child workflow started',
};

const CLOSING = new Set([
  'WORKFLOW_EXECUTION_COMPLETED',
  'WORKFLOW_EXECUTION_FAILED',
  'WORKFLOW_EXECUTION_TERMINATED',
  'WORKFLOW_EXECUTION_CANCELED',
  'WORKFLOW_EXECUTION_TIMED_OUT',
  'WORKFLOW_EXECUTION_CONTINUED_AS_NEW',
]);

const spelled = (type: string) => type.charAt(0) + type.slice(1).toLowerCase().replaceAll('_', ' ');

/**
 * Folds a referral's (or advice conversation's) history into the state after each event. The
 * referral is what the workflow itself projected: each transition ends in a projection activity
 * whose input is the referral after it, so the fold reads the workflow's own word instead of
 * re-running the rules. Timers are those started and neither fired nor cancelled.
 */
export function foldHistory(events: readonly ReplayEvent[]): ReplayedHistory {
  const started = events[0];
  const workflowType = String(field(started?.attributes, 'workflowType', 'name') ?? 'unknown');
  const timers = new Map<string, PendingTimer>();
  const activities = new Map<number, string>();
  const bookings = new Map<number, Booking>();
  let subject: ReplaySubject | undefined;
  let pending: PendingAction | undefined;
  const steps: ReplayStep[] = [];

  for (const event of events) {
    const a = event.attributes;
    let description = WORDS[event.type] ?? spelled(event.type);
    let transition: ReplayStep['transition'];
    let closed: string | undefined;
    switch (event.type) {
      case 'WORKFLOW_EXECUTION_STARTED': {
        const input = firstPayload(a.input);
        const kind = field<string>(input, 'kind');
        const role = roleOf(field(input, 'actor'));
        description = `${workflowType} workflow started (${kind ?? 'unknown input'})${role ? ` by a ${ROLES[role].name}` : ''}`;
        // A resumed referral (continue-as-new, or started in a situation) carries its state in.
        const referral = field<Referral>(input, 'referral');
        if (kind === 'resume' && referral) subject = { kind: 'referral', referral };
        const conversation = field<Conversation>(input, 'conversation');
        if (kind === 'resume' && conversation) subject = { kind: 'advice', conversation };
        break;
      }
      case 'ACTIVITY_TASK_SCHEDULED': {
        const name = String(field(a, 'activityType', 'name') ?? 'activity');
        activities.set(event.id, event.summary ?? name);
        description = `Activity scheduled: ${event.summary ?? name}`;
        const kind = PROJECTIONS[name];
        const input = firstPayload(a.input);
        const timeline = field<{ version: number; type: string }>(input, 'event');
        if (kind === 'referral' && field(input, 'referral')) {
          subject = { kind, referral: field<Referral>(input, 'referral')! };
        } else if (kind === 'advice' && field(input, 'conversation')) {
          subject = { kind, conversation: field<Conversation>(input, 'conversation')! };
        }
        if (name === RESERVE_AND_PROJECT && field(input, 'referral') && field(input, 'command')) {
          bookings.set(event.id, input as Booking);
        }
        if (kind && subject && timeline) {
          transition = { version: timeline.version, type: timeline.type, label: timelineEventLabel(timeline.type) };
          description = `Transition v${timeline.version} committed: ${transition.label}, now ${subjectState(subject)}`;
          pending = undefined;
        }
        break;
      }
      case 'ACTIVITY_TASK_COMPLETED':
      case 'ACTIVITY_TASK_FAILED': {
        const scheduledId = Number(field(a, 'scheduledEventId'));
        const scheduled = activities.get(scheduledId);
        if (scheduled) description = `${WORDS[event.type]}: ${scheduled}`;
        const booking = event.type === 'ACTIVITY_TASK_COMPLETED' ? bookings.get(scheduledId) : undefined;
        const held = field<{ start: string; end: string }>(firstPayload(a.result));
        if (booking && held?.start) {
          const booked = { ...booking.command, start: held.start, end: held.end } as Command;
          const { referral, event: timeline } = apply(booking.referral, booked, booking.context);
          subject = { kind: 'referral', referral };
          transition = { version: timeline.version, type: timeline.type, label: timelineEventLabel(timeline.type) };
          description = `Transition v${timeline.version} committed: ${transition.label}, now ${subjectState(subject)}`;
          pending = undefined;
        } else if (booking) {
          description = `${WORDS[event.type]}: ${scheduled ?? RESERVE_AND_PROJECT}: the slot had been taken`;
        }
        break;
      }
      case 'TIMER_STARTED': {
        const timerId = String(a.timerId);
        const label = event.summary ?? `timer ${timerId}`;
        const firesAt = new Date(Date.parse(event.time) + durationMs(a.startToFireTimeout)).toISOString();
        timers.set(timerId, { timerId, label, firesAt });
        description = `Timer started: ${label}`;
        break;
      }
      case 'TIMER_FIRED':
      case 'TIMER_CANCELED': {
        const timer = timers.get(String(a.timerId));
        timers.delete(String(a.timerId));
        const what = event.type === 'TIMER_FIRED' ? 'Timer fired' : 'Timer cancelled';
        description = `${what}: ${timer?.label ?? `timer ${String(a.timerId)}`}`;
        break;
      }
      case 'WORKFLOW_EXECUTION_UPDATE_ACCEPTED': {
        const update = String(field(a, 'acceptedRequest', 'input', 'name') ?? 'update');
        const arg = firstPayload(field(a, 'acceptedRequest', 'input', 'args'));
        // A staff command carries { command, actor }; the Created update carries the actor itself.
        const role = roleOf(field(arg, 'actor')) ?? roleOf(arg);
        const label = actionLabel(update);
        if (update !== 'Created') pending = { update, label, acceptedAtEvent: event.id, ...(role ? { role } : {}) };
        description = `Staff action accepted: ${label}${role ? ` (${ROLES[role].name})` : ''}`;
        break;
      }
      case 'WORKFLOW_EXECUTION_UPDATE_COMPLETED': {
        const failure = field<{ message?: string }>(a, 'outcome', 'failure');
        description = failure ? `Staff action refused: ${failure.message ?? 'failed'}` : 'Staff action answered';
        if (failure) pending = undefined;
        break;
      }
      case 'WORKFLOW_EXECUTION_SIGNALED':
        description = `Signal received: ${String(a.signalName)}`;
        break;
      case 'MARKER_RECORDED': {
        // The SDK's patch marker (`core_patch`): details["patch-data"] holds { id, deprecated }.
        const data =
          field(a, 'details', 'patch-data', 'payloads', '0') ?? field(a, 'details', 'patch_data', 'payloads', '0');
        const patch = field<string>(data, 'id') ?? field<string>(data, 'patch_id');
        description = patch ? `Code version marker: ${patch}` : `Marker recorded: ${String(a.markerName)}`;
        break;
      }
    }
    if (CLOSING.has(event.type)) {
      closed = WORDS[event.type]!;
      timers.clear();
      const state = field<string>(firstPayload(a.result), 'state');
      if (state) description = `${closed}: ${state}`;
    }
    steps.push({
      event,
      description,
      ...(subject ? { subject } : {}),
      ...(transition ? { transition } : {}),
      ...(pending ? { pendingAction: pending } : {}),
      timers: [...timers.values()].sort((x, y) => x.firesAt.localeCompare(y.firesAt)),
      ...(closed ? { closed } : {}),
    });
  }
  return { workflowType, steps };
}
