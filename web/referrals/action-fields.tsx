import type { CommandType } from '../../domain/actions';
import { PRIORITIES, PRIORITY_LABELS } from '../../domain/priorities';
import {
  DEFER_REASONS,
  DNA_OUTCOMES,
  DNA_REASONS,
  MAX_ADVICE,
  MAX_COMMENT,
  PATIENT_APPOINTMENT_REASONS,
  PROVIDER_APPOINTMENT_CANCEL_REASONS,
  REDIRECT_REASONS,
  REJECT_REASONS,
  type ReasonInfo,
  referralCancelReasonsFor,
} from '../../domain/reasons';
import type { RequestType, Service } from '../../domain/referral';
import { DateInput, FileUpload, Textarea } from '../components/fields';
import { type Choice, ChooseOne, type FieldErrors, TextInput } from '../components/forms';
import type { SlotChoice } from '../../services/referrals/referrals.service';
import { formatShortDateTime } from '../components/format';
import type { ActionFormsProps } from './action-form-props';

type ReasonTable = Readonly<Record<string, ReasonInfo>>;

const reasonChoices = (table: ReasonTable): Choice[] =>
  Object.entries(table).map(([value, info]) => ({ value, text: info.label }));

/**
 * Whether a comment is needed, said once from the reason list's own flags: for every reason,
 * for some (named), or for none. Never "Comment required" repeated under each reason.
 */
export function commentRule(table: ReasonTable): { label: string; hint: string } {
  const needing = Object.values(table).filter((r) => r.needsComment);
  const all = needing.length === Object.keys(table).length;
  if (needing.length === 0) return { label: 'Comment (optional)', hint: '' };
  if (all) return { label: 'Comment', hint: 'Every reason needs a comment. ' };
  return {
    label: 'Comment (needed for some reasons)',
    hint: `A comment is needed if the reason is: ${needing.map((r) => r.label).join('; ')}. `,
  };
}

const serviceChoices = (services: readonly Service[], type?: RequestType): Choice[] =>
  services.filter((s) => !type || s.requestType === type).map((s) => ({ value: s.serviceId, text: s.name }));

const slotChoices = (slots: readonly SlotChoice[]): Choice[] =>
  slots.map((s) => ({
    value: s.slotId,
    text: `${formatShortDateTime(s.start)}, ${s.serviceName}`,
    hint: s.clinician,
  }));

type Field = { f: (name: string) => string; errors: FieldErrors; values: Record<string, string> };

function Reason({ field, legend, table }: { field: Field; legend: string; table: ReasonTable }) {
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
  label,
  hint = '',
  name = 'comment',
  max = MAX_COMMENT,
}: {
  field: Field;
  label: string;
  hint?: string;
  name?: string;
  max?: number;
}) {
  const id = field.f(name);
  return (
    <Textarea
      name={id}
      label={label}
      hint={`${hint}Up to ${max.toLocaleString('en-GB')} characters`}
      value={field.values[id]}
      error={field.errors[id]}
      maxlength={max}
    />
  );
}

/** A reason from the list, and the comment the list's flags say when to give. */
function ReasonAndComment({ field, legend, table }: { field: Field; legend: string; table: ReasonTable }) {
  const rule = commentRule(table);
  return (
    <>
      <Reason field={field} legend={legend} table={table} />
      <Comment field={field} label={rule.label} hint={rule.hint} />
    </>
  );
}

/** One choice among several. Only drawn with something to choose: `offered` hides the form otherwise. */
function Pick({ field, name, legend, choices }: { field: Field; name: string; legend: string; choices: Choice[] }) {
  const id = field.f(name);
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

/** The directly bookable shortlisted services with no free slot: the only ones a referral may be deferred to. */
export function deferrableServices(props: Pick<ActionFormsProps, 'referral' | 'slots'>): Service[] {
  const withSlots = new Set(props.slots.map((s) => s.serviceId));
  return props.referral.shortlist.filter((s) => s.requestType === 'DBS' && !withSlots.has(s.serviceId));
}

/** The indirectly bookable services a provider may record an arranged appointment for, when it must choose one. */
function arrangedServices(props: Pick<ActionFormsProps, 'referral' | 'targets'>): Service[] {
  if (props.referral.state !== 'TRIAGED_PROVIDER_TO_ACTION') return [];
  return props.targets.filter((s) => s.requestType === 'IBS');
}

/** Services a triage clinician may refer on to: referring back to the triage service would only send it round again. */
function referOnTargets(props: Pick<ActionFormsProps, 'referral' | 'targets'>): Service[] {
  const current = props.referral.service?.serviceId;
  return props.targets.filter((s) => s.requestType !== 'TRIAGE' || s.serviceId !== current);
}

/**
 * Whether a form has something to choose. A form with nothing to choose is not drawn: the page
 * says what to do instead (`NothingToBook`), never "There is nothing to choose from".
 */
export function offered(formKey: string, props: ActionFormsProps): boolean {
  const type = formKey.split('-')[0] as CommandType;
  const { referral, slots } = props;
  const has = (t: RequestType) => referral.shortlist.some((s) => s.requestType === t);
  switch (type) {
    case 'BOOK':
      return slots.length > 0;
    case 'CHANGE_APPOINTMENT':
      return slots.some((s) => s.slotId !== referral.appointment?.slotId);
    case 'REQUEST_IBS':
      return has('IBS');
    case 'SEND_FOR_TRIAGE':
      return has('TRIAGE');
    case 'DEFER_TO_PROVIDER':
      return deferrableServices(props).length > 0;
    case 'RECORD_IBS_ARRANGED':
      return referral.state !== 'TRIAGED_PROVIDER_TO_ACTION' || arrangedServices(props).length > 0;
    case 'TRIAGE_OUTCOME':
      return formKey !== 'TRIAGE_OUTCOME-now' || referOnTargets(props).length > 0;
    default:
      return true;
  }
}

/**
 * The inputs a form draws, in page order (without its prefix). Errors on anything else are
 * the form's own ("form"), so the error summary never links to a field that is not there.
 */
export function shownFields(formKey: string, props: ActionFormsProps): string[] {
  const type = formKey.split('-')[0] as CommandType;
  switch (type) {
    case 'BOOK':
      return ['slotId'];
    case 'CHANGE_APPOINTMENT':
      return ['slotId', 'reason', 'comment'];
    case 'REQUEST_IBS':
    case 'SEND_FOR_TRIAGE':
      return ['serviceId'];
    case 'DEFER_TO_PROVIDER':
      return ['serviceId', 'reason'];
    case 'RECORD_IBS_ARRANGED':
      return [...(arrangedServices(props).length > 1 ? ['serviceId'] : []), 'date', 'time'];
    case 'TRIAGE_OUTCOME':
      if (formKey === 'TRIAGE_OUTCOME-advice') return ['advice'];
      if (formKey === 'TRIAGE_OUTCOME-later') return ['comment', 'priority'];
      return ['serviceId', 'slotId', 'reason', 'comment'];
    case 'RECORD_DNA':
      return ['reason', 'contactAttempted', 'outcome', 'comment'];
    case 'ADD_LETTER':
      return ['letter'];
    case 'CHANGE_PRIORITY':
      return ['priority'];
    case 'ACCEPT':
    case 'CHANGE_SHORTLIST':
      return [];
    default:
      return ['reason', 'comment'];
  }
}

/** The fields of one action's form; names are prefixed with the form key so each id is unique on the page. */
export function FormFields(props: ActionFormsProps & { type: CommandType; formKey: string; field: Field }) {
  const { type, field, referral, slots } = props;
  const shortlist = referral.shortlist;
  switch (type) {
    case 'BOOK':
      return <Pick field={field} name="slotId" legend="Choose an appointment" choices={slotChoices(slots)} />;
    case 'CHANGE_APPOINTMENT':
      return (
        <>
          <Pick
            field={field}
            name="slotId"
            legend="Choose the new appointment"
            choices={slotChoices(slots.filter((s) => s.slotId !== referral.appointment?.slotId))}
          />
          <ReasonAndComment field={field} legend="Patient's reason" table={PATIENT_APPOINTMENT_REASONS} />
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
          <Pick
            field={field}
            name="serviceId"
            legend="Service (only those with no free appointments)"
            choices={serviceChoices(deferrableServices(props))}
          />
          <Reason field={field} legend="Why could the appointment not be booked?" table={DEFER_REASONS} />
        </>
      );
    case 'RECORD_IBS_ARRANGED': {
      const services = arrangedServices(props);
      return (
        <>
          {services.length > 1 && (
            <Pick field={field} name="serviceId" legend="Service" choices={serviceChoices(services)} />
          )}
          {services.length === 1 && (
            <>
              <input type="hidden" name={field.f('serviceId')} value={services[0]!.serviceId} />
              <p>Service: {services[0]!.name}</p>
            </>
          )}
          <AppointmentDate field={field} />
        </>
      );
    }
    case 'REJECT':
      return <ReasonAndComment field={field} legend="Reason for rejecting" table={REJECT_REASONS} />;
    case 'TRIAGE_OUTCOME':
      return <TriageFields {...props} />;
    case 'PROVIDER_CANCEL_APPOINTMENT':
      return (
        <ReasonAndComment field={field} legend="Reason for cancelling" table={PROVIDER_APPOINTMENT_CANCEL_REASONS} />
      );
    case 'PATIENT_CANCEL_APPOINTMENT':
      return <ReasonAndComment field={field} legend="Patient's reason" table={PATIENT_APPOINTMENT_REASONS} />;
    case 'RECORD_DNA':
      return (
        <>
          <Reason field={field} legend="Why did the patient not attend?" table={DNA_REASONS} />
          <Pick
            field={field}
            name="contactAttempted"
            legend="Did you try to contact the patient? (optional)"
            choices={[
              { value: 'yes', text: 'Yes' },
              { value: 'no', text: 'No' },
            ]}
          />
          <Pick field={field} name="outcome" legend="What happens next?" choices={reasonChoices(DNA_OUTCOMES)} />
          <Comment field={field} label="Comment (optional)" />
        </>
      );
    case 'CANCEL_REFERRAL':
      return (
        <ReasonAndComment
          field={field}
          legend="Reason for cancelling the referral"
          table={referralCancelReasonsFor(props.isProvider ? 'provider' : 'referrer')}
        />
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

function TriageFields(props: ActionFormsProps & { formKey: string; field: Field }) {
  const { field, slots, referral, formKey } = props;
  if (formKey === 'TRIAGE_OUTCOME-advice') {
    return <Comment field={field} name="advice" label="Advice to the referrer" max={MAX_ADVICE} />;
  }
  if (formKey === 'TRIAGE_OUTCOME-later') {
    // e-RS lets the clinician reset the priority when accepting for booking later.
    const priorities: Choice[] = [
      { value: '', text: `Keep it ${PRIORITY_LABELS[referral.priority]}` },
      ...PRIORITIES.filter((p) => p !== referral.priority).map((p) => ({ value: p, text: PRIORITY_LABELS[p] })),
    ];
    return (
      <>
        <Comment field={field} label="Review comment" hint="Tell your admin team what to book. " />
        <Pick field={field} name="priority" legend="Priority" choices={priorities} />
      </>
    );
  }
  const choices: Choice[] = referOnTargets(props).map((s) => ({
    value: s.serviceId,
    text: s.serviceId === referral.service?.serviceId ? `${s.name} (current service)` : s.name,
  }));
  const rule = commentRule(REDIRECT_REASONS);
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
      <Comment field={field} label={rule.label} hint={`If this is a different service: ${rule.hint}`} />
    </>
  );
}
