import type { Client } from '@temporalio/client';
import { type Command, type CommandType, commandSchema } from '../../domain/actions';
import type { Actor } from '../../domain/actor';
import { CarepathError } from '../../domain/errors';
import type { Referral } from '../../domain/referral';
import { isProviderRole } from '../../domain/roles';
import { getServiceSummary } from '../../db/directory/services.repository';
import { countBookableSlots } from '../../db/directory/slots.repository';
import { letterProblem, storeLetter } from '../../db/documents/documents.repository';
import type { Executor } from '../../db/executor';
import { slotTimes } from '../../db/referrals/booking.repository';
import { nextOnWorklist, worklistPage } from '../../db/worklists/worklists.repository';
import { refusalFromIssues } from './form-refusal';
import { loadReferral } from './load-referral';
import { actOnReferral } from './referral-workflows';

/**
 * An action form as the web read it: the command's fields as the user gave them, before the
 * server adds what it knows better than the form (slot times, a service's DOS entry, whether
 * slots exist) and stores an uploaded letter.
 */
export type ActionInput = {
  type: CommandType;
  expectedVersion: number;
  slotId?: string | undefined;
  serviceId?: string | undefined;
  reason?: string | undefined;
  comment?: string | undefined;
  advice?: string | undefined;
  priority?: string | undefined;
  /** TRIAGE_OUTCOME: which outcome; RECORD_DNA: what happens after the missed appointment. */
  outcome?: string | undefined;
  /** RECORD_DNA: whether the provider tried to contact the patient (unset when not answered). */
  contactAttempted?: boolean | undefined;
  /** RECORD_IBS_ARRANGED: the instant of the appointment the provider arranged. */
  start?: string | undefined;
  /** ADD_LETTER: the uploaded file, empty when none was chosen. */
  letter?: Uint8Array | undefined;
};

// Schema paths the form shows under another input: a redirect's reason is typed as the
// reason, and a slot's times come from the slot chosen.
const SHOWN_AS: Readonly<Record<string, string>> = { redirectReason: 'reason', start: 'slotId', end: 'slotId' };

/** The action as a command the workflow can check; VALIDATION naming the inputs at fault when it cannot be one. */
async function completeCommand(db: Executor, referral: Referral, actor: Actor, input: ActionInput): Promise<Command> {
  const { type } = input;
  const command: Record<string, unknown> = { type, expectedVersion: input.expectedVersion };
  if (input.slotId) {
    const slot = await slotTimes(db, input.slotId);
    if (!slot) throw CarepathError.forField('VALIDATION', 'Choose an appointment from the list', 'slotId');
    Object.assign(command, { slotId: input.slotId, start: slot.start, end: slot.end });
    if (type !== 'CHANGE_APPOINTMENT') command.serviceId = slot.serviceId;
  }
  if (input.serviceId) command.serviceId = input.serviceId;
  // Providers may name services that are not on the referral; the update validator cannot query the DOS.
  if (isProviderRole(actor.role) && typeof command.serviceId === 'string') {
    const service = await getServiceSummary(db, command.serviceId);
    if (service) command.service = service;
  }
  for (const name of ['reason', 'comment', 'advice', 'priority', 'outcome'] as const) {
    if (input[name] !== undefined) command[name] = input[name];
  }
  if (type === 'TRIAGE_OUTCOME') {
    if (command.outcome === 'RETURN_WITH_ADVICE') command.advice ??= '';
    if (command.serviceId && command.serviceId !== referral.service?.serviceId && command.reason) {
      command.redirectReason = command.reason;
    }
    delete command.reason;
  }
  if (type === 'DEFER_TO_PROVIDER') command.slotsAvailable = await slotsExist(db, command.serviceId, referral);
  if (type === 'RECORD_DNA' && input.contactAttempted !== undefined) command.contactAttempted = input.contactAttempted;
  if (type === 'RECORD_IBS_ARRANGED') command.start = input.start;
  if (type === 'ADD_LETTER') {
    const content = input.letter ?? new Uint8Array();
    const problem = content.byteLength === 0 ? 'Select the referral letter' : letterProblem(content);
    if (problem) throw CarepathError.forField('VALIDATION', problem, 'letter');
    command.documentId = await storeLetter(db, { content, orgCode: actor.orgCode, uploadedBy: actor.userId });
  }
  const parsed = commandSchema.safeParse(command);
  if (!parsed.success) throw refusalFromIssues(parsed.error.issues, SHOWN_AS);
  return parsed.data;
}

/** Whether a referrer could book the service now: deferring while slots exist is refused. */
async function slotsExist(db: Executor, serviceId: unknown, referral: Referral): Promise<boolean> {
  if (typeof serviceId !== 'string' || !/^\d+$/.test(serviceId)) return false;
  return (await countBookableSlots(db, { serviceId, priority: referral.priority, now: new Date() })) > 0;
}

/**
 * Acts on a referral from its page's form: the actor must be able to see it, the form must
 * make a command, and the workflow's guard has the last word. `requestId` makes a
 * double-clicked button act once.
 */
export async function actOnReferralForm(
  deps: { db: Executor; temporal: Client },
  actor: Actor,
  ubrn: string,
  input: ActionInput,
  options: { requestId?: string } = {},
): Promise<Referral> {
  const referral = await loadReferral(deps.db, actor, ubrn);
  const command = await completeCommand(deps.db, referral, actor, input);
  return (await actOnReferral(deps.temporal, referral.ubrn, command, actor, options)).referral;
}

/** "Accept, review next": the referral after this one on Referrals for Review, else the first other one. */
export async function nextToReview(db: Executor, actor: Actor, ubrn: string): Promise<string | undefined> {
  const owner = { orgCode: actor.orgCode, userId: actor.userId };
  const after = await nextOnWorklist(db, 'review', owner, ubrn);
  if (after) return after;
  const { rows } = await worklistPage(db, 'review', owner, {}, 2);
  return rows.find((r) => r.ubrn !== ubrn)?.ubrn;
}
