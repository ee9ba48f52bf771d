import type { Child } from 'hono/jsx';
import { displayUbrn } from '../../../domain/ids';
import type { Referral } from '../../../domain/referral';
import { Button, type Choice, ChooseOne, type FieldErrors } from '../../components/forms';
import type { ClinicContact } from '../../../services/letters/patient-letters.service';
import type { DraftChoices } from '../../../services/referrals/referrals.service';
import { formatDateTime, formatShortDateTime } from '../../components/format';
import { PatientLetter } from '../patient-letter';
import { StateTag } from '../referral-summary';

/**
 * Step 3's choices: only what can be done with this shortlist now. "Book an appointment" leads
 * to the service, date and time steps; defer is offered only for services with no free slot
 * (deferring while slots exist is refused), and "later" always.
 */
export function stepThreeChoices(choices: DraftChoices): Choice[] {
  const { bookable } = choices;
  return [
    ...(bookable.length > 0
      ? [
          {
            value: 'book',
            text: 'Book an appointment',
            hint: `Choose a service, date and time. Earliest: ${formatShortDateTime(bookable[0]!.earliest)}`,
          },
        ]
      : []),
    ...choices.triage.map((s) => ({ value: `triage:${s.serviceId}`, text: `Send for triage to ${s.name}` })),
    ...choices.ibs.map((s) => ({ value: `ibs:${s.serviceId}`, text: `Ask ${s.name} to arrange the appointment` })),
    ...choices.deferrable.map((s) => ({
      value: `defer:${s.serviceId}`,
      text: `Defer to ${s.name}`,
      hint: 'It has no free appointments: the provider will contact the patient',
    })),
    { value: 'later', text: 'Save the referral and book later', hint: 'The patient can book with their letter' },
  ];
}

/** Step 3: what to do with the new referral; the answer goes to "Check your answers" (or the booking steps). */
export function ChooseForm(props: {
  draftId: string;
  csrf: Child;
  choices: Choice[];
  selected?: string | undefined;
  errors: FieldErrors;
}) {
  return (
    <form method="post" action={`/referrals/drafts/${props.draftId}/choose`} novalidate>
      {props.csrf}
      <ChooseOne
        name="choice"
        legend="What do you want to do?"
        choices={props.choices}
        selected={props.selected}
        error={props.errors.choice}
        alwaysRadios
      />
      <Button>Continue</Button>
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
  /** The clinic's address and telephone from the Directory of Services, for the letter. */
  clinic?: ClinicContact | undefined;
  problem?: string | undefined;
}) {
  const { referral: r, accessCode } = props;
  const service = r.service?.name;
  return (
    <>
      <div class="nhsuk-panel no-print" role="status">
        <h1 class="nhsuk-panel__heading">{r.appointment ? 'Referral created and booked' : 'Referral created'}</h1>
        <div class="nhsuk-panel__body">
          Booking reference (UBRN)
          <br />
          <strong data-testid="ubrn">{displayUbrn(r.ubrn)}</strong>
          {r.appointment && (
            <>
              <br />
              Appointment {formatDateTime(r.appointment.start)}
              {service ? `, ${service}` : ''}
            </>
          )}
        </div>
      </div>
      <p class="no-print">
        Status: <StateTag state={r.state} />
      </p>
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
      <PatientLetter referral={r} accessCode={accessCode} clinic={props.clinic} />
      <button class="nhsuk-button nhsuk-button--secondary no-print" type="button" data-print>
        Print the letter
      </button>
    </>
  );
}
