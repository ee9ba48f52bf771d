import type { CommandType } from '../../domain/actions';
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
import type { RequestType, Service } from '../../domain/referral';
import { DateInput, FileUpload, Textarea } from '../components/fields';
import { type Choice, ChooseOne, type FieldErrors, TextInput } from '../components/forms';
import type { SlotChoice } from '../../services/referrals/referrals.service';
import { formatShortDateTime } from '../components/format';
import type { ActionFormsProps } from './action-form-props';

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

/** The fields of one action's form; names are prefixed with the form key so each id is unique on the page. */
export function FormFields(props: ActionFormsProps & { type: CommandType; formKey: string; field: Field }) {
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
    case 'CHANGE_SHORTLIST': // a page of its own (shortlist.routes.tsx), not a form here
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
