import type { Child } from 'hono/jsx';
import { displayUbrn, formatNhsNumber } from '../../../domain/ids';
import type { Referral, Service } from '../../../domain/referral';
import { Button, type Choice, ChooseOne, type FieldErrors } from '../../components/forms';
import type { SlotChoice } from '../../../services/referrals/referrals.service';
import { formatDate, formatDateTime, formatShortDateTime } from '../../components/format';
import { StateTag } from '../referral-summary';

/** The choices of step 3, one radio group: `book:<slot>`, `triage:<service>`, `ibs:<service>`, `defer:<service>`, `later`. */
export function bookingChoices(shortlist: Service[], slots: SlotChoice[]): Choice[] {
  const of = (type: Service['requestType']) => shortlist.filter((s) => s.requestType === type);
  return [
    ...slots.map((s) => ({
      value: `book:${s.slotId}`,
      text: `Book ${formatShortDateTime(s.start)} at ${s.serviceName}`,
      hint: s.clinician,
    })),
    ...of('TRIAGE').map((s) => ({ value: `triage:${s.serviceId}`, text: `Send for triage to ${s.name}` })),
    ...of('IBS').map((s) => ({ value: `ibs:${s.serviceId}`, text: `Ask ${s.name} to arrange the appointment` })),
    ...of('DBS').map((s) => ({
      value: `defer:${s.serviceId}`,
      text: `Defer to ${s.name}`,
      hint: 'Only when no appointment can be booked',
    })),
    { value: 'later', text: 'Save the referral and book later', hint: 'The patient can book with their letter' },
  ];
}

/** Step 3: what to do with the new referral. One submit creates it, whatever is chosen. */
export function ChooseForm(props: {
  draftId: string;
  csrf: Child;
  choices: Choice[];
  selected?: string | undefined;
  errors: FieldErrors;
}) {
  return (
    <form method="post" action={`/referrals/drafts/${props.draftId}/submit`} novalidate>
      {props.csrf}
      <ChooseOne
        name="choice"
        legend="What do you want to do?"
        choices={props.choices}
        selected={props.selected}
        error={props.errors.choice}
        alwaysRadios
      />
      <Button>Create referral</Button>
    </form>
  );
}

/**
 * The success page: the UBRN, and the patient's letter ready to print. On paper the letter
 * prints on its own (carepath.css hides the rest of a page with a `.patient-letter`).
 */
export function CreatedPage(props: {
  referral: Referral;
  accessCode: string | undefined;
  problem?: string | undefined;
}) {
  const { referral: r, accessCode } = props;
  const service = r.service?.name;
  return (
    <>
      <div class="nhsuk-card nhsuk-card--confirmation no-print" role="status">
        <div class="nhsuk-card__content">
          <h1 class="nhsuk-card__heading nhsuk-heading-l">Referral created</h1>
          <p class="nhsuk-card__description">
            Booking reference (UBRN): <strong data-testid="ubrn">{displayUbrn(r.ubrn)}</strong>
          </p>
          <p>
            Status: <StateTag state={r.state} />
          </p>
        </div>
      </div>
      {props.problem && (
        <div class="nhsuk-warning-callout no-print">
          <h2 class="nhsuk-warning-callout__label">
            <span role="text">
              <span class="nhsuk-u-visually-hidden">Important: </span>Not booked yet
            </span>
          </h2>
          <p>{props.problem}</p>
          <p>
            <a href={`/referrals/${r.ubrn}`}>Go to the referral</a> to book, defer or send it for triage.
          </p>
        </div>
      )}
      <p class="no-print">
        <a href={`/referrals/${r.ubrn}`}>View the referral</a> or print the letter below for the patient.
      </p>
      <section class="patient-letter nhsuk-u-padding-4" aria-labelledby="letter-title">
        <h2 class="nhsuk-heading-m" id="letter-title">
          Your NHS referral
        </h2>
        <p>
          {r.patient.givenName} {r.patient.familyName}
          <br />
          NHS number {formatNhsNumber(r.patient.nhsNumber)}, born {formatDate(r.patient.dateOfBirth)}
        </p>
        <p>Your GP has referred you to a {r.specialty.toLowerCase().replace(/_/g, ' ')} service.</p>
        <dl class="nhsuk-summary-list">
          <div class="nhsuk-summary-list__row">
            <dt class="nhsuk-summary-list__key">Booking reference</dt>
            <dd class="nhsuk-summary-list__value">{displayUbrn(r.ubrn)}</dd>
          </div>
          <div class="nhsuk-summary-list__row">
            <dt class="nhsuk-summary-list__key">Access code</dt>
            <dd class="nhsuk-summary-list__value">{accessCode ?? 'Ask your GP practice'}</dd>
          </div>
          {r.appointment && (
            <div class="nhsuk-summary-list__row">
              <dt class="nhsuk-summary-list__key">Appointment</dt>
              <dd class="nhsuk-summary-list__value">
                {formatDateTime(r.appointment.start)}
                {service ? `, ${service}` : ''}
              </dd>
            </div>
          )}
        </dl>
        <h3 class="nhsuk-heading-s">What happens next</h3>
        <p>{nextStep(r)}</p>
        <p>
          Keep this letter. You need the booking reference and access code to book, change or cancel your appointment.
        </p>
      </section>
      <button class="nhsuk-button nhsuk-button--secondary no-print" type="button" data-print>
        Print the letter
      </button>
    </>
  );
}

function nextStep(r: Referral): string {
  switch (r.state) {
    case 'BOOKED':
      return r.appointment
        ? 'Your appointment is booked. The hospital will write to you if anything changes.'
        : `${r.service?.name ?? 'The service'} will contact you to arrange your appointment.`;
    case 'AWAITING_TRIAGE':
      return 'A specialist will review your referral first and then contact you or your GP about what happens next.';
    case 'DEFERRED_TO_PROVIDER':
      return r.contactBy
        ? `The hospital will contact you by ${formatDate(r.contactBy)} to arrange your appointment.`
        : 'The hospital will contact you to arrange your appointment.';
    default:
      return 'Your appointment has not been booked yet. Your GP practice will help you book it, or you can book it yourself with the booking reference and access code.';
  }
}
