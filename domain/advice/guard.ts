import type { Actor } from '../actor';
import type { ErrorCode } from '../errors';
import { isPermitted } from '../permissions';
import { ROLES, isProviderRole, isReferrerRole } from '../roles';
import { ADVICE_ACTION_LABELS, ADVICE_COMMAND_TYPES, type AdviceCommandType, adviceCommandSchema } from './commands';
import { type AskInputRaw, type Conversation, askInputSchema } from './conversation';
import { ADVICE_PERMISSIONS } from './permissions';
import { ADVICE_RULES, ADVICE_STATE_REFUSALS, type AdviceRule } from './rules';
import { ADVICE_STATE_LABELS } from './states';

export type AdviceRefusalCode = Extract<
  ErrorCode,
  'INVALID_REQUEST_STATE' | 'NOT_PERMITTED' | 'NO_RELATIONSHIP' | 'STALE_VERSION' | 'VALIDATION'
>;
export type AdviceGuardResult = { ok: true } | { ok: false; code: AdviceRefusalCode; message: string; field?: string };

const OK: AdviceGuardResult = { ok: true };

function refuse(code: AdviceRefusalCode, message: string, field?: string): AdviceGuardResult {
  return field === undefined ? { ok: false, code, message } : { ok: false, code, message, field };
}

/**
 * The two organisations of the conversation, in a clinical role: the requester's organisation
 * for referrers, the advice service's provider for providers. Nobody else sees advice.
 */
export function canViewConversation(conversation: Conversation, actor: Actor): boolean {
  if (!isPermitted(ADVICE_PERMISSIONS, 'view', actor.role)) return false;
  if (isReferrerRole(actor.role)) return actor.orgCode === conversation.requester.orgCode;
  if (isProviderRole(actor.role)) return actor.orgCode === conversation.service.providerOrgCode;
  return false;
}

function relationshipRefusal(actor: Actor): AdviceGuardResult {
  return refuse(
    'NO_RELATIONSHIP',
    isReferrerRole(actor.role)
      ? 'This advice request belongs to another organisation'
      : "This advice request is not with one of your organisation's services",
  );
}

// Role, relationship, state and precondition: shared by check and the buttons drawn.
function permit(type: AdviceCommandType, conversation: Conversation, actor: Actor): AdviceGuardResult {
  const rule: AdviceRule | undefined = ADVICE_RULES[type].find((r) => r.roles.includes(actor.role));
  if (!rule) {
    return refuse(
      'NOT_PERMITTED',
      `Your role (${ROLES[actor.role].name}) does not allow: ${ADVICE_ACTION_LABELS[type]}`,
    );
  }
  if (!canViewConversation(conversation, actor)) return relationshipRefusal(actor);
  if (!rule.states.includes(conversation.state)) {
    return refuse(
      'INVALID_REQUEST_STATE',
      `This request is ${ADVICE_STATE_LABELS[conversation.state].toLowerCase()}; ${ADVICE_STATE_REFUSALS[type]}`,
    );
  }
  const problem = rule.precondition?.(conversation);
  return problem === undefined ? OK : refuse('INVALID_REQUEST_STATE', problem);
}

/** The commands this actor may give on this conversation now, in the order buttons are drawn. */
export function availableAdviceActions(conversation: Conversation, actor: Actor): AdviceCommandType[] {
  return ADVICE_COMMAND_TYPES.filter((type) => permit(type, conversation, actor).ok);
}

/**
 * THE guard for conversation commands, in the referral guard's order: role (NOT_PERMITTED),
 * relationship (NO_RELATIONSHIP), state and precondition (INVALID_REQUEST_STATE), version
 * (STALE_VERSION), then the command's fields (VALIDATION, naming the field). Takes unparsed
 * input, so an Update validator needs nothing else.
 */
export function checkAdvice(command: unknown, conversation: Conversation, actor: Actor): AdviceGuardResult {
  const type = (command as { type?: unknown } | null)?.type;
  if (typeof type !== 'string' || !Object.hasOwn(ADVICE_RULES, type)) {
    return refuse('VALIDATION', 'Choose an action', 'type');
  }
  const permitted = permit(type as AdviceCommandType, conversation, actor);
  if (!permitted.ok) return permitted;
  if ((command as { expectedVersion?: unknown }).expectedVersion !== conversation.version) {
    return refuse(
      'STALE_VERSION',
      'Someone else changed this advice request after you opened it. Read the latest messages, then try again.',
    );
  }
  const parsed = adviceCommandSchema.safeParse(command);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return refuse('VALIDATION', issue?.message ?? 'Check the details you entered', issue?.path.join('.') || undefined);
  }
  return OK;
}

/**
 * Who may ask (ADVICE_PERMISSIONS): a referring clinician in their own name, or a clinician
 * admin in a named clinician's, for their own organisation; then the request's fields.
 */
export function checkAsk(input: AskInputRaw, actor: Actor): AdviceGuardResult {
  if (!isPermitted(ADVICE_PERMISSIONS, 'ask', actor.role)) {
    return refuse(
      'NOT_PERMITTED',
      `Your role (${ROLES[actor.role].name}) does not allow: ${ADVICE_PERMISSIONS.ask.label}`,
    );
  }
  const orgCode = String(input.requester?.orgCode ?? '')
    .trim()
    .toUpperCase();
  if (orgCode !== actor.orgCode) {
    return refuse('NO_RELATIONSHIP', 'You can only ask for advice on behalf of your own organisation');
  }
  const parsed = askInputSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return refuse('VALIDATION', issue?.message ?? 'Check the details you entered', issue?.path.join('.') || undefined);
  }
  const forAnother = isPermitted(ADVICE_PERMISSIONS, 'askForAClinician', actor.role);
  if (!forAnother && parsed.data.requester.clinicianUserId !== actor.userId) {
    return refuse('VALIDATION', 'A referring clinician asks in their own name', 'requester.clinicianUserId');
  }
  return OK;
}
