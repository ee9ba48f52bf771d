import type { Kysely } from 'kysely';
import { type Command, type CommandType, commandSchema } from '../../domain/actions';
import type { Actor } from '../../domain/actor';
import type { Referral } from '../../domain/referral';
import { isProviderRole } from '../../domain/roles';
import type { Database } from '../../db/database';
import { getServiceSummary } from '../../db/directory/services.repository';
import { countBookableSlots } from '../../db/directory/slots.repository';
import { letterProblem, storeLetter } from '../../db/documents/documents.repository';
import type { FieldErrors } from '../components/forms';
import { readDate } from '../components/date-input';
import { fieldErrors } from '../components/fields';
import { TRIAGE_FORMS } from './action-forms';

type Body = Record<string, string | File | (string | File)[]>;

export type ParsedAction =
  | { ok: true; command: Command; formKey: string }
  | { ok: false; formKey: string; errors: FieldErrors; values: Record<string, string> };

/** The form key of a posted action form: the command type, or one of triage's three outcomes. */
export function formKeyOf(type: CommandType, body: Body): string {
  const posted = typeof body.form === 'string' ? body.form : '';
  if (type === 'TRIAGE_OUTCOME' && Object.hasOwn(TRIAGE_FORMS, posted)) return posted;
  return type;
}

/** What the user typed, to draw the form again as they left it (files cannot be kept). */
function typedValues(body: Body): Record<string, string> {
  return Object.fromEntries(Object.entries(body).filter((e): e is [string, string] => typeof e[1] === 'string'));
}

// "2027-03-27" + "14:30" in England -> an instant. Whether BST applies depends on the date,
// so the offset is the one London has at that moment.
export function londonInstant(date: string, time: string): string | undefined {
  const m = /^(\d{1,2}):(\d{2})$/.exec(time.trim());
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || !m) return undefined;
  const asUtc = new Date(`${date}T${m[1]!.padStart(2, '0')}:${m[2]}:00Z`);
  if (Number.isNaN(asUtc.getTime())) return undefined;
  const london = new Date(asUtc.toLocaleString('en-US', { timeZone: 'Europe/London' }));
  const utc = new Date(asUtc.toLocaleString('en-US', { timeZone: 'UTC' }));
  return new Date(asUtc.getTime() - (london.getTime() - utc.getTime())).toISOString();
}

/**
 * Turns a posted action form into a command: reads the fields of this form, looks up what the
 * server knows better than the form (slot times, the DOS entry of a service, whether slots
 * exist), stores an uploaded letter, and parses the result with the domain's schema.
 */
export async function parseActionForm(
  db: Kysely<Database>,
  referral: Referral,
  actor: Actor,
  type: CommandType,
  body: Body,
): Promise<ParsedAction> {
  const formKey = formKeyOf(type, body);
  const text = (name: string) => {
    const v = body[`${formKey}-${name}`];
    return typeof v === 'string' && v.trim() !== '' ? v : undefined;
  };
  const values = typedValues(body);
  const fail = (errors: FieldErrors): ParsedAction => ({ ok: false, formKey, errors, values });
  const input: Record<string, unknown> = { type, expectedVersion: Number(body.expectedVersion) };

  const slotId = text('slotId');
  if (slotId) {
    const slot = /^\d{1,18}$/.test(slotId)
      ? await db
          .selectFrom('slots')
          .select(['service_id', 'start_at', 'end_at'])
          .where('id', '=', Number(slotId))
          .executeTakeFirst()
      : undefined;
    if (!slot) return fail({ [`${formKey}-slotId`]: 'Choose an appointment from the list' });
    Object.assign(input, { slotId, start: slot.start_at.toISOString(), end: slot.end_at.toISOString() });
    if (type !== 'CHANGE_APPOINTMENT') input.serviceId = String(slot.service_id);
  }
  const serviceId = text('serviceId');
  if (serviceId) input.serviceId = serviceId;
  // Providers may name services that are not on the referral; the update validator cannot query the DOS.
  if (isProviderRole(actor.role) && typeof input.serviceId === 'string') {
    const service = await getServiceSummary(db, input.serviceId);
    if (service) input.service = service;
  }
  for (const name of ['reason', 'comment', 'advice', 'priority']) {
    const value = body[`${formKey}-${name}`];
    if (typeof value === 'string' && (value !== '' || name === 'comment')) input[name] = value;
  }
  if (type === 'TRIAGE_OUTCOME') {
    input.outcome = TRIAGE_FORMS[formKey as keyof typeof TRIAGE_FORMS];
    if (input.outcome === 'RETURN_WITH_ADVICE') input.advice ??= '';
    if (input.serviceId && input.serviceId !== referral.service?.serviceId && input.reason) {
      input.redirectReason = input.reason;
    }
    delete input.reason;
  }
  if (type === 'RECORD_DNA') input.outcome = text('outcome');
  if (type === 'DEFER_TO_PROVIDER' && typeof input.serviceId === 'string' && /^\d+$/.test(input.serviceId)) {
    const count = await countBookableSlots(db, {
      serviceId: input.serviceId,
      priority: referral.priority,
      now: new Date(),
    });
    input.slotsAvailable = count > 0;
  } else if (type === 'DEFER_TO_PROVIDER') {
    input.slotsAvailable = false;
  }
  if (type === 'RECORD_IBS_ARRANGED') {
    const date = readDate(body, `${formKey}-date`, 'Appointment date');
    const start = date.iso && londonInstant(date.iso, text('time') ?? '');
    if (!start) {
      return fail({
        [`${formKey}-date`]: date.error ?? 'Enter the appointment date and time, like 27 3 2027 and 14:30',
      });
    }
    input.start = start;
  }
  if (type === 'ADD_LETTER') {
    const file = body[`${formKey}-letter`];
    const content = file instanceof File ? new Uint8Array(await file.arrayBuffer()) : new Uint8Array();
    const problem = content.byteLength === 0 ? 'Select the referral letter' : letterProblem(content);
    if (problem) return fail({ [`${formKey}-letter`]: problem });
    input.documentId = await storeLetter(db, { content, orgCode: actor.orgCode, uploadedBy: actor.userId });
  }

  const parsed = commandSchema.safeParse(input);
  if (!parsed.success) {
    const errors = fieldErrors(parsed.error.issues, { redirectReason: 'reason', start: 'slotId', end: 'slotId' });
    return fail(Object.fromEntries(Object.entries(errors).map(([k, v]) => [`${formKey}-${k}`, v])));
  }
  return { ok: true, command: parsed.data, formKey };
}
