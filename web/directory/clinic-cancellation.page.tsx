import type { Context } from 'hono';
import { csrfField } from '../auth/middleware';
import { StaffLayout } from '../auth/staff-layout';
import { BackLink, WarningCallout } from '../components/display';
import { DateInput } from '../components/fields';
import { Button, ErrorSummary, TextInput, type FieldErrors } from '../components/forms';
import type { DatePart, DateParts } from '../components/date-input';
import { ServiceSelect } from './form-fields';
import { one, type FormValues } from './form-values';

export type ClinicForm = { values: FormValues; date: DateParts; invalidDateParts?: DatePart[]; errors: FieldErrors };

/** The form: which service, which day, optionally which hours and clinician. */
export function ClinicCancellationForm(props: {
  c: Context;
  services: { id: number; name: string }[];
  form: ClinicForm;
}) {
  const { c, services, form } = props;
  const { values, errors } = form;
  return (
    <StaffLayout c={c} title="Cancel a clinic" beforeContent={<BackLink href="/directory/capacity" />}>
      <ErrorSummary errors={errors} />
      <h1 class="nhsuk-heading-l">Cancel a clinic</h1>
      <p>
        Every slot of the clinic is cancelled. Referrals booked into it are cancelled by the provider and go back to
        your Appointments for Booking list, to be rebooked.
      </p>
      <form method="post" action="/directory/clinics/cancel" novalidate>
        {csrfField(c)}
        <ServiceSelect services={services} selected={one(values, 'serviceId')} error={errors.serviceId} />
        <DateInput
          name="date"
          legend="Date of the clinic"
          hint="For example, 15 3 2027"
          value={form.date}
          error={errors.date}
          invalidParts={form.invalidDateParts}
        />
        <TextInput
          name="fromTime"
          label="From (optional)"
          hint="UK time, 24-hour, for example 09:00. Leave empty for the whole day."
          width={10}
          value={one(values, 'fromTime')}
          error={errors.fromTime}
        />
        <TextInput
          name="toTime"
          label="Until (optional)"
          hint="Slots starting before this time, for example 12:30"
          width={10}
          value={one(values, 'toTime')}
          error={errors.toTime}
        />
        <TextInput
          name="clinician"
          label="Only this clinician's slots (optional)"
          value={one(values, 'clinician')}
          error={errors.clinician}
        />
        <Button>Cancel the clinic</Button>
      </form>
    </StaffLayout>
  );
}

/** What happened: how many referrals moved, and which still need someone to act. */
export function ClinicCancelledPage(props: { c: Context; booked: number; unfinished: string[] }) {
  const { c, booked, unfinished } = props;
  return (
    <StaffLayout c={c} title="Clinic cancelled">
      <h1 class="nhsuk-heading-l">Clinic cancelled</h1>
      <p>
        {booked === 0
          ? 'No appointments were booked in it.'
          : `${booked - unfinished.length} of ${booked} booked referrals are now cancelled by the provider and back on your Appointments for Booking list.`}
      </p>
      {unfinished.length > 0 && (
        <WarningCallout heading="These referrals still need action">
          <p>Their appointment slot is cancelled but the referral could not be updated. Cancel each appointment:</p>
          <ul data-testid="unfinished">
            {unfinished.map((ubrn) => (
              <li>
                <a href={`/referrals/${ubrn}`}>{ubrn}</a>
              </li>
            ))}
          </ul>
        </WarningCallout>
      )}
      <p>
        <a href="/directory/clinics/cancel">Cancel another clinic</a>
      </p>
    </StaffLayout>
  );
}
