import type { CommandType } from '../../domain/actions';
import type { CarepathError } from '../../domain/errors';
import type { ActionInput } from '../../services/referrals/referrals.service';
import { readDate } from '../components/date-input';
import type { FieldErrors } from '../components/forms';
import { TRIAGE_FORMS } from './action-forms';

type Body = Record<string, string | File | (string | File)[]>;

/** A posted action form: what it asks for, or the problems the form itself shows. */
export type ActionForm = { formKey: string; values: Record<string, string> } & (
  { ok: true; input: ActionInput } | { ok: false; errors: FieldErrors }
);

/** The form key of a posted action form: the command type, or one of triage's three outcomes. */
function formKeyOf(type: CommandType, body: Body): string {
  const posted = typeof body.form === 'string' ? body.form : '';
  if (type === 'TRIAGE_OUTCOME' && Object.hasOwn(TRIAGE_FORMS, posted)) return posted;
  return type;
}

/** The request id a drawn form carries (one per form), so a double click acts once. */
export function requestIdOf(body: Record<string, unknown>): { requestId?: string } {
  const id = body.requestId;
  return typeof id === 'string' && /^[\w-]{8,64}$/.test(id) ? { requestId: id } : {};
}

/** What the user typed, to draw the form again as they left it (files cannot be kept). */
export function typedValues(body: Body): Record<string, string> {
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
 * Reads a posted action form: the fields of this form (named `<formKey>-<field>`), as the
 * referral service takes them. The service adds what the server knows better and checks the rest.
 */
export async function readActionForm(type: CommandType, body: Body): Promise<ActionForm> {
  const formKey = formKeyOf(type, body);
  const values = typedValues(body);
  const text = (name: string) => {
    const v = body[`${formKey}-${name}`];
    return typeof v === 'string' && v.trim() !== '' ? v : undefined;
  };
  const typed = (name: string) => {
    const v = body[`${formKey}-${name}`];
    // An empty comment is still a comment: the reason decides whether one is needed.
    return typeof v === 'string' && (v !== '' || name === 'comment') ? v : undefined;
  };
  const input: ActionInput = {
    type,
    expectedVersion: Number(body.expectedVersion),
    slotId: text('slotId'),
    serviceId: text('serviceId'),
    reason: typed('reason'),
    comment: typed('comment'),
    advice: typed('advice'),
    priority: typed('priority'),
  };
  if (type === 'TRIAGE_OUTCOME') input.outcome = TRIAGE_FORMS[formKey as keyof typeof TRIAGE_FORMS];
  if (type === 'RECORD_DNA') {
    input.outcome = text('outcome');
    const contact = text('contactAttempted');
    if (contact !== undefined) input.contactAttempted = contact === 'yes';
  }
  if (type === 'RECORD_IBS_ARRANGED') {
    const date = readDate(body, `${formKey}-date`, 'Appointment date');
    const start = date.iso && londonInstant(date.iso, text('time') ?? '');
    if (!start) {
      const problem = date.error ?? 'Enter the appointment date and time, like 27 3 2027 and 14:30';
      return { ok: false, formKey, values, errors: { [`${formKey}-date`]: problem } };
    }
    input.start = start;
  }
  if (type === 'ADD_LETTER') {
    const file = body[`${formKey}-letter`];
    input.letter = file instanceof File ? new Uint8Array(await file.arrayBuffer()) : new Uint8Array();
  }
  return { ok: true, formKey, values, input };
}

const SLOT_TAKEN = 'That appointment has just been taken. Choose another, or defer to the provider.';

/**
 * A refusal of the form's input, as messages on the form's own fields, in the order the form
 * shows them. A message about a field the form does not show (`shown`) is the form's own, so
 * the error summary never points at an input that is not on the page.
 */
export function formErrors(formKey: string, error: CarepathError, shown?: readonly string[]): FieldErrors {
  if (error.code === 'SLOT_UNAVAILABLE') return { [`${formKey}-${error.field ?? 'slotId'}`]: SLOT_TAKEN };
  const message = error.code === 'UNAVAILABLE' ? `${error.message} What you entered is kept below.` : error.message;
  const fields = Object.keys(error.fields).length > 0 ? error.fields : { form: message };
  const onForm = (field: string) => field === 'form' || !shown || shown.includes(field);
  const errors: FieldErrors = {};
  const order = shown ? ['form', ...shown] : Object.keys(fields);
  const placed = Object.entries(fields).sort(([a], [b]) => order.indexOf(a) - order.indexOf(b));
  for (const [field, text] of placed) {
    const key = `${formKey}-${onForm(field) ? field : 'form'}`;
    errors[key] ??= text;
  }
  return errors;
}
