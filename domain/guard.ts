import {
  ACTION_LABELS,
  COMMAND_TYPES,
  type Command,
  type CommandType,
  type SystemEvent,
  commandSchema,
} from './actions';
import type { Actor } from './actor';
import type { ErrorCode } from './errors';
import { type CreateReferralInputRaw, createReferralInputSchema } from './create-referral';
import { fieldProblem } from './guard-fields';
import { isPermitted } from './permissions';
import { RULES, type Rule, STATE_REFUSALS } from './guard-rules';
import type { Referral } from './referral';
import { REFERRAL_PERMISSIONS } from './referral-permissions';
import { ROLES, isProviderRole, isReferrerRole } from './roles';
import { STATE_LABELS, isEndState } from './states';

/** The codes a guard refuses with: a part of the one closed list in `errors.ts`. */
export type RefusalCode = Extract<
  ErrorCode,
  'INVALID_REQUEST_STATE' | 'NOT_PERMITTED' | 'NO_RELATIONSHIP' | 'STALE_VERSION' | 'VALIDATION'
>;

export type GuardResult = { ok: true } | { ok: false; code: RefusalCode; message: string; field?: string };

const OK: GuardResult = { ok: true };

function refuse(code: RefusalCode, message: string, field?: string): GuardResult {
  return field === undefined ? { ok: false, code, message } : { ok: false, code, message, field };
}

/** A legitimate relationship: referrers see their organisation's referrals, providers those with their services. */
export function canView(referral: Referral, actor: Actor): boolean {
  if (isReferrerRole(actor.role)) return actor.orgCode === referral.referrer.orgCode;
  if (isProviderRole(actor.role)) return actor.orgCode === referral.service?.providerOrgCode;
  return false;
}

// Role, relationship and state: everything but the command's own fields. Shared by check and
// availableActions so the buttons drawn are exactly the actions check would let through.
function permit(type: CommandType, referral: Referral, actor: Actor, now: string): GuardResult {
  const rule: Rule | undefined = RULES[type].find((r) => r.roles.includes(actor.role));
  if (!rule) {
    return refuse('NOT_PERMITTED', `Your role (${ROLES[actor.role].name}) does not allow: ${ACTION_LABELS[type]}`);
  }
  if (!canView(referral, actor)) {
    return refuse(
      'NO_RELATIONSHIP',
      isReferrerRole(actor.role)
        ? 'This referral belongs to another organisation'
        : "This referral is not with one of your organisation's services",
    );
  }
  if (!rule.states.includes(referral.state)) {
    return refuse('INVALID_REQUEST_STATE', `This referral is ${STATE_LABELS[referral.state]}; ${STATE_REFUSALS[type]}`);
  }
  const problem = rule.precondition?.(referral, now);
  return problem === undefined ? OK : refuse('INVALID_REQUEST_STATE', problem);
}

/**
 * The actions this actor may take on this referral at `now` (an ISO instant: some rules depend
 * on whether the appointment has passed), in the order buttons are drawn.
 */
export function availableActions(referral: Referral, actor: Actor, now: string): CommandType[] {
  return COMMAND_TYPES.filter((type) => permit(type, referral, actor, now).ok);
}

/**
 * THE guard for staff commands. Checks, in order: role (NOT_PERMITTED), relationship
 * (NO_RELATIONSHIP), state (INVALID_REQUEST_STATE), version (STALE_VERSION), then the
 * command's fields (VALIDATION, with the field's name). Accepts unparsed input too: it parses
 * the command itself so a workflow validator needs nothing else. `now` is the caller's clock
 * (the workflow's inside a workflow, so replays agree).
 */
export function check(command: Command, referral: Referral, actor: Actor, now: string): GuardResult {
  const type = (command as { type?: unknown }).type;
  if (typeof type !== 'string' || !Object.hasOwn(RULES, type)) return refuse('VALIDATION', 'Choose an action', 'type');
  const permitted = permit(type as CommandType, referral, actor, now);
  if (!permitted.ok) return permitted;
  if (command.expectedVersion !== referral.version) {
    return refuse(
      'STALE_VERSION',
      'Someone else changed this referral after you opened it. Check its latest details, then try again.',
    );
  }
  const parsed = commandSchema.safeParse(command);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return refuse('VALIDATION', issue?.message ?? 'Check the details you entered', issue?.path.join('.') || undefined);
  }
  const problem = fieldProblem(parsed.data, referral, actor);
  return problem === undefined ? OK : refuse(problem.code, problem.message, problem.field);
}

/**
 * Who may create a referral (`REFERRAL_PERMISSIONS`): a referring clinician in their own name,
 * or a clinician admin on a named clinician's behalf, for their own organisation.
 */
export function checkCreate(input: CreateReferralInputRaw, actor: Actor): GuardResult {
  if (!isPermitted(REFERRAL_PERMISSIONS, 'create', actor.role)) {
    return refuse(
      'NOT_PERMITTED',
      `Your role (${ROLES[actor.role].name}) does not allow: ${REFERRAL_PERMISSIONS.create.label}`,
    );
  }
  const orgCode = String(input.referrer?.orgCode ?? '')
    .trim()
    .toUpperCase();
  if (orgCode !== actor.orgCode)
    return refuse('NO_RELATIONSHIP', 'You can only refer on behalf of your own organisation');
  const parsed = createReferralInputSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return refuse('VALIDATION', issue?.message ?? 'Check the details you entered', issue?.path.join('.') || undefined);
  }
  const forAnother = isPermitted(REFERRAL_PERMISSIONS, 'createForAClinician', actor.role);
  if (!forAnother && parsed.data.referrer.clinicianUserId !== actor.userId) {
    return refuse('VALIDATION', 'A referring clinician refers in their own name', 'referrer.clinicianUserId');
  }
  return OK;
}

/** Whether a system event (timer or outside signal) still applies; the workflow drops it if not. */
export function checkEvent(event: SystemEvent, referral: Referral): GuardResult {
  const stateWrong = (what: string) =>
    refuse('INVALID_REQUEST_STATE', `This referral is ${STATE_LABELS[referral.state]}; ${what}`);
  if (isEndState(referral.state)) return stateWrong('nothing more can happen to it');
  switch (event.type) {
    case 'BOOKING_CONFIRMED':
      if (referral.state !== 'BOOKED' || !referral.appointment) return stateWrong('there is no appointment to confirm');
      if (event.slotId !== undefined && event.slotId !== referral.appointment.slotId) {
        return stateWrong('the confirmation is for a different slot');
      }
      return referral.appointment.confirmed ? stateWrong('its appointment is already confirmed') : OK;
    case 'REMINDER_SENT':
      return OK;
    case 'CONTACT_TARGET_BREACHED':
      if (referral.state !== 'DEFERRED_TO_PROVIDER' && referral.state !== 'AWAITING_TRIAGE') {
        return stateWrong('it has no contact target');
      }
      return referral.breached ? stateWrong('its contact target has already passed') : OK;
    case 'EXPIRE':
      return referral.state === 'BOOKED' ? stateWrong('a booked referral does not expire') : OK;
  }
}
