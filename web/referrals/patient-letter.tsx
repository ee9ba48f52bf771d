import type { Context } from 'hono';
import type { Child } from 'hono/jsx';
import { displayUbrn, formatNhsNumber } from '../../domain/ids';
import type { Referral } from '../../domain/referral';
import type { ClinicContact } from '../../services/letters/patient-letters.service';
import { csrfField } from '../auth/middleware';
import { formatDate, formatDateTime } from '../components/format';

/**
 * The patient's letter, as the create journey's success page and a reprint both print it: who
 * it is for and where it goes (their postal address), the booking reference and access code,
 * the appointment, and where the clinic is and how to call it (from the Directory of Services).
 * On paper it prints on its own (carepath.css hides the rest of a page with a `.patient-letter`).
 */
export function PatientLetter(props: {
  referral: Referral;
  accessCode: string | undefined;
  clinic: ClinicContact | undefined;
  /** A reprint: the letter says it replaces the earlier one, whose access code stops working. */
  reprintedAt?: Date | undefined;
}) {
  const { referral: r, accessCode, clinic } = props;
  const p = r.patient;
  const address = postalAddress(p.address, p.postcode);
  return (
    <section class="patient-letter nhsuk-u-padding-4" aria-labelledby="letter-title">
      <h2 class="nhsuk-heading-m" id="letter-title">
        Your NHS referral
      </h2>
      <p data-testid="letter-patient">
        {p.givenName} {p.familyName}
        {address ? (
          address.map((line) => (
            <>
              <br />
              {line}
            </>
          ))
        ) : (
          <>
            <br />
            Address not recorded
          </>
        )}
      </p>
      <p>
        NHS number {formatNhsNumber(p.nhsNumber)}, born {formatDate(p.dateOfBirth)}
      </p>
      <p>Your GP has referred you to a {r.specialty.toLowerCase().replace(/_/g, ' ')} service.</p>
      <dl class="nhsuk-summary-list">
        <Row label="Booking reference">{displayUbrn(r.ubrn)}</Row>
        <Row label="Access code">
          <span data-testid="access-code">{accessCode ?? 'Ask your GP practice'}</span>
        </Row>
        {r.appointment && <Row label="Appointment">{formatDateTime(r.appointment.start)}</Row>}
        {r.service && <Row label="Service">{r.service.name}</Row>}
        {clinic && (
          <Row label="Clinic address">
            <span data-testid="clinic-address">{[clinic.location, clinic.address].filter(Boolean).join(', ')}</span>
          </Row>
        )}
        {clinic && (
          <Row label="Clinic telephone">
            <span data-testid="clinic-telephone">{clinic.telephone ?? 'Ask your GP practice'}</span>
          </Row>
        )}
      </dl>
      <h3 class="nhsuk-heading-s">What happens next</h3>
      <p>{nextStep(r)}</p>
      <p>
        Keep this letter. You need the booking reference and access code to book, change or cancel your appointment.
      </p>
      {props.reprintedAt && (
        <p data-testid="letter-reprinted">
          Printed again on {formatDate(props.reprintedAt)}: this letter replaces any earlier one, and the access code on
          an earlier letter no longer works.
        </p>
      )}
    </section>
  );
}

/** The referral page's way to a new copy of the letter: a POST, since a reprint issues a new access code. */
export function ReprintLetterForm({ c, ubrn }: { c: Context; ubrn: string }) {
  return (
    <form method="post" action={`/referrals/${ubrn}/patient-letter`} novalidate class="no-print">
      {csrfField(c)}
      <h2 class="nhsuk-heading-s">Patient letter</h2>
      <p class="nhsuk-body-s">
        Printing it again gives the patient a new access code: the code on an earlier letter stops working.
      </p>
      <button class="nhsuk-button nhsuk-button--secondary" type="submit">
        Reprint the patient letter
      </button>
    </form>
  );
}

function Row({ label, children }: { label: string; children: Child }) {
  return (
    <div class="nhsuk-summary-list__row">
      <dt class="nhsuk-summary-list__key">{label}</dt>
      <dd class="nhsuk-summary-list__value">{children}</dd>
    </div>
  );
}

/** The address as lines for an envelope window, ending with the postcode; undefined when none was recorded. */
function postalAddress(address: string | undefined, postcode: string): string[] | undefined {
  const lines = (address ?? '')
    .split(/\n|,/)
    .map((line) => line.trim())
    .filter(Boolean);
  if (lines.length === 0) return undefined;
  const last = lines.at(-1)!.toUpperCase().replace(/\s+/g, '');
  return last === postcode.toUpperCase().replace(/\s+/g, '') ? lines : [...lines, postcode];
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
