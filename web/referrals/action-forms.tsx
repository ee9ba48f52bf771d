import type { Child } from 'hono/jsx';
import { ACTION_LABELS, type CommandType } from '../../domain/actions';
import { PRIORITIES, PRIORITY_LABELS } from '../../domain/priorities';
import {
  DEFER_REASONS,
  DNA_OUTCOMES,
  MAX_ADVICE,
  MAX_COMMENT,
  PATIENT_APPOINTMENT_REASONS,
  PROVIDER_APPOINTMENT_CANCEL_REASONS,
  REDIRECT_REASONS,
  REFERRAL_CANCEL_REASONS,
  REJECT_REASONS,
  type ReasonInfo,
} from '../../domain/reasons';
import type { Referral, RequestType, Service } from '../../domain/referral';
import { DateInput, Details, FileUpload, Textarea } from '../components/fields';
import { type Choice, ChooseOne, type FieldErrors, TextInput } from '../components/forms';
import { formatShortDateTime } from './format';

export type SlotChoice = { slotId: string; serviceId: string; serviceName: string; start: string; clinician: string };

/** The one form the user last submitted, drawn open with their errors and what they typed. */
export type OpenForm = { key: string; errors: FieldErrors; values: Record<string, string> };

export type ActionFormsProps = {
  referral: Referral;
  actions: readonly CommandType[];
  csrf: Child;
  /** Bookable slots for BOOK, CHANGE_APPOINTMENT and "refer or book now". */
  slots: readonly SlotChoice[];
  /** Services a provider may book or redirect into (its own, of this specialty, and the shortlist). */
  targets: readonly Service[];
  isProvider: boolean;
  open?: OpenForm | undefined;
  /** The worklist the user came from: after acting they go back to it. */
  from?: string | undefined;
};

/** Form keys: one per form on the page. Triage has three forms, one per outcome. */
export const TRIAGE_FORMS = {
  'TRIAGE_OUTCOME-advice': 'RETURN_WITH_ADVICE',
  'TRIAGE_OUTCOME-later': 'ACCEPT_BOOK_LATER',
  'TRIAGE_OUTCOME-now': 'REFER_BOOK_NOW',
} as const;

const reasonChoices = (table: Readonly<Record<string, ReasonInfo>>): Choice[] =>
  Object.entries(table).map(([value, info]) => ({
    value,
    text: info.label,
    ...(info.needsComment ? { hint: 'Comment required' } : {}),
  }));

const serviceChoices = (services: readonly Service[], type?: RequestType): Choice[] =>
  services.filter((s) => !type || s.requestType === type).map((s) => ({ value: s.serviceId, text: s.name }));

const slotChoices = (slots: readonly SlotChoice[]): Choice[] =>
  slots.map((s) => ({
    value: s.slotId,
    text: `${formatShortDateTime(s.start)}, ${s.serviceName}`,
    hint: s.clinician,
  }));

/** Every action the guard allows this actor now, each as its own form. Nothing else is drawn. */
export function ActionForms(props: ActionFormsProps) {
  const { referral, actions } = props;
  if (actions.length === 0) {
    return <p>There is nothing you can do to this referral now.</p>;
  }
  return (
    <div>
      {actions.includes('ACCEPT') && <AcceptForm {...props} />}
      {actions
        .filter((a) => a !== 'ACCEPT')
        .flatMap((type) => (type === 'TRIAGE_OUTCOME' ? Object.keys(TRIAGE_FORMS) : [type]))
        .map((key) => (
          <ActionForm {...props} formKey={key} referral={referral} />
        ))}
    </div>
  );
}

// requestId: one per drawn form, sent as the Temporal update id, so a double click acts once.
function Hidden({ referral, from }: ActionFormsProps) {
  return (
    <>
      <input type="hidden" name="expectedVersion" value={String(referral.version)} />
      <input type="hidden" name="requestId" value={crypto.randomUUID()} />
      {from && <input type="hidden" name="from" value={from} />}
    </>
  );
}

function AcceptForm(props: ActionFormsProps) {
  const { referral, csrf, isProvider } = props;
  return (
    <form method="post" action={`/referrals/${referral.ubrn}/actions/ACCEPT`} novalidate>
      {csrf}
      <Hidden {...props} />
      <div class="nhsuk-button-group">
        <button class="nhsuk-button" type="submit">
          {ACTION_LABELS.ACCEPT}
        </button>
        {isProvider && (
          <button class="nhsuk-button nhsuk-button--secondary" type="submit" name="next" value="review">
            Accept, review next
          </button>
        )}
      </div>
    </form>
  );
}

const TITLES: Record<string, string> = {
  'TRIAGE_OUTCOME-advice': 'Return to referrer with advice',
  'TRIAGE_OUTCOME-later': 'Accept, book later',
  'TRIAGE_OUTCOME-now': 'Refer or book now',
};

function ActionForm(props: ActionFormsProps & { formKey: string }) {
  const { referral, formKey, open, csrf } = props;
  const type = formKey.split('-')[0] as CommandType;
  const isOpen = open?.key === formKey;
  const errors = isOpen ? open.errors : {};
  const values = isOpen ? open.values : {};
  const f = (name: string) => `${formKey}-${name}`;
  const field = { f, errors, values };
  const multipart = type === 'ADD_LETTER';
  const outcome = (TRIAGE_FORMS as Record<string, string>)[formKey];
  return (
    <Details summary={TITLES[formKey] ?? ACTION_LABELS[type]} open={isOpen} id={`form-${formKey}`}>
      <form
        method="post"
        action={`/referrals/${referral.ubrn}/actions/${type}`}
        enctype={multipart ? 'multipart/form-data' : undefined}
        novalidate
      >
        {csrf}
        <Hidden {...props} />
        <input type="hidden" name="form" value={formKey} />
        {outcome && <input type="hidden" name="outcome" value={outcome} />}
        <FormFields {...props} type={type} formKey={formKey} field={field} />
        <button class="nhsuk-button" type="submit">
          {TITLES[formKey] ?? ACTION_LABELS[type]}
        </button>
      </form>
    </Details>
  );
}

type Field = { f: (name: string) => string; errors: FieldErrors; values: Record<string, string> };

function Reason({
  field,
  legend,
  table,
}: {
  field: Field;
  legend: string;
  table: Readonly<Record<string, ReasonInfo>>;
}) {
  const name = field.f('reason');
  return (
    <ChooseOne
      name={name}
      legend={legend}
      choices={reasonChoices(table)}
      selected={field.values[name]}
      error={field.errors[name]}
    />
  );
}

function Comment({
  field,
  label = 'Comment (optional unless the reason needs one)',
  name = 'comment',
  max = MAX_COMMENT,
}: {
  field: Field;
  label?: string;
  name?: string;
  max?: number;
}) {
  const id = field.f(name);
  return (
    <Textarea
      name={id}
      label={label}
      hint={`Up to ${max.toLocaleString('en-GB')} characters`}
      value={field.values[id]}
      error={field.errors[id]}
      maxlength={max}
    />
  );
}

function Pick({ field, name, legend, choices }: { field: Field; name: string; legend: string; choices: Choice[] }) {
  const id = field.f(name);
  if (choices.length === 0) return <p>There is nothing to choose from.</p>;
  return <ChooseOne name={id} legend={legend} choices={choices} selected={field.values[id]} error={field.errors[id]} />;
}

function AppointmentDate({ field }: { field: Field }) {
  const id = field.f('date');
  const parts = {
    day: field.values[`${id}-day`],
    month: field.values[`${id}-month`],
    year: field.values[`${id}-year`],
  };
  return (
    <>
      <DateInput
        name={id}
        legend="Appointment date"
        hint="For example, 27 3 2027"
        value={parts}
        error={field.errors[id]}
      />
      <TextInput
        name={field.f('time')}
        label="Time"
        hint="24-hour clock, for example 14:30"
        width={10}
        value={field.values[field.f('time')]}
        error={field.errors[field.f('time')]}
      />
    </>
  );
}

function FormFields(props: ActionFormsProps & { type: CommandType; formKey: string; field: Field }) {
  const { type, field, referral, slots, targets } = props;
  const shortlist = referral.shortlist;
  switch (type) {
    case 'BOOK':
      return <Pick field={field} name="slotId" legend="Choose an appointment" choices={slotChoices(slots)} />;
    case 'CHANGE_APPOINTMENT':
      return (
        <>
          <Pick field={field} name="slotId" legend="Choose the new appointment" choices={slotChoices(slots)} />
          <Reason field={field} legend="Patient's reason" table={PATIENT_APPOINTMENT_REASONS} />
          <Comment field={field} />
        </>
      );
    case 'REQUEST_IBS':
      return <Pick field={field} name="serviceId" legend="Service" choices={serviceChoices(shortlist, 'IBS')} />;
    case 'SEND_FOR_TRIAGE':
      return (
        <Pick field={field} name="serviceId" legend="Triage service" choices={serviceChoices(shortlist, 'TRIAGE')} />
      );
    case 'DEFER_TO_PROVIDER':
      return (
        <>
          <Pick field={field} name="serviceId" legend="Service" choices={serviceChoices(shortlist, 'DBS')} />
          <Reason field={field} legend="Why could the appointment not be booked?" table={DEFER_REASONS} />
        </>
      );
    case 'RECORD_IBS_ARRANGED':
      return (
        <>
          {referral.state === 'TRIAGED_PROVIDER_TO_ACTION' && (
            <Pick field={field} name="serviceId" legend="Service" choices={serviceChoices(targets, 'IBS')} />
          )}
          <AppointmentDate field={field} />
        </>
      );
    case 'REJECT':
      return (
        <>
          <Reason field={field} legend="Reason for rejecting" table={REJECT_REASONS} />
          <Comment field={field} label="Comment for the referrer" />
        </>
      );
    case 'TRIAGE_OUTCOME':
      return <TriageFields {...props} />;
    case 'PROVIDER_CANCEL_APPOINTMENT':
      return (
        <>
          <Reason field={field} legend="Reason for cancelling" table={PROVIDER_APPOINTMENT_CANCEL_REASONS} />
          <Comment field={field} />
        </>
      );
    case 'PATIENT_CANCEL_APPOINTMENT':
      return (
        <>
          <Reason field={field} legend="Patient's reason" table={PATIENT_APPOINTMENT_REASONS} />
          <Comment field={field} />
        </>
      );
    case 'RECORD_DNA':
      return (
        <>
          <Pick field={field} name="outcome" legend="What happens next?" choices={reasonChoices(DNA_OUTCOMES)} />
          <Comment field={field} />
        </>
      );
    case 'CANCEL_REFERRAL':
      return (
        <>
          <Reason field={field} legend="Reason for cancelling the referral" table={REFERRAL_CANCEL_REASONS} />
          <Comment field={field} />
        </>
      );
    case 'ADD_LETTER':
      return (
        <FileUpload
          name={field.f('letter')}
          label="Referral letter"
          hint="PDF, PNG or JPEG, up to 5 MB"
          accept="application/pdf,image/png,image/jpeg"
          error={field.errors[field.f('letter')]}
        />
      );
    case 'CHANGE_PRIORITY':
      return (
        <Pick
          field={field}
          name="priority"
          legend="New priority"
          choices={PRIORITIES.filter((p) => p !== referral.priority).map((p) => ({
            value: p,
            text: PRIORITY_LABELS[p],
          }))}
        />
      );
    case 'ACCEPT':
      return null;
  }
}

function TriageFields({
  field,
  slots,
  targets,
  referral,
  formKey,
}: ActionFormsProps & { formKey: string; field: Field }) {
  if (formKey === 'TRIAGE_OUTCOME-advice') {
    return <Comment field={field} name="advice" label="Advice to the referrer" max={MAX_ADVICE} />;
  }
  if (formKey === 'TRIAGE_OUTCOME-later') return <Comment field={field} />;
  // Referring back to the triage service itself would only send it round again.
  const choices: Choice[] = targets
    .filter((s) => s.requestType !== 'TRIAGE' || s.serviceId !== referral.service?.serviceId)
    .map((s) => ({
      value: s.serviceId,
      text: s.serviceId === referral.service?.serviceId ? `${s.name} (current service)` : s.name,
    }));
  return (
    <>
      <Pick field={field} name="serviceId" legend="Service to refer to" choices={choices} />
      <Pick
        field={field}
        name="slotId"
        legend="Appointment (for a directly bookable service)"
        choices={[{ value: '', text: 'Leave for the referrer to book' }, ...slotChoices(slots)]}
      />
      <Reason field={field} legend="Reason, if this is a different service" table={REDIRECT_REASONS} />
      <Comment field={field} />
    </>
  );
}
