import type { Child } from 'hono/jsx';
import type { BookableService, DatePage, SlotChoice } from '../../services/referrals/referrals.service';
import type { Service } from '../../domain/referral';
import { ChooseOne, ErrorSummary, type FieldErrors } from '../components/forms';
import { formatDate, formatShortDateTime } from '../components/format';

/**
 * Booking by service, then date, then time, as e-RS users book: the same three steps in the
 * create journey and from the referral page. Each step is a fieldset of radios with a legend,
 * so a keyboard and a screen reader meet one question at a time. The service and date steps
 * ask by GET (ids and dates only: nothing personal); the last step is the caller's form.
 */
export type StepForm = {
  method: 'get' | 'post';
  action: string;
  /** Hidden fields: the steps chosen so far, and for a POST the CSRF token and version. */
  hidden: Record<string, string>;
  csrf?: Child | undefined;
  submit: string;
};

const time = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', hour: '2-digit', minute: '2-digit' });
const longDay = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  weekday: 'long',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
});
/** "Thursday 3 December 2026" for an ISO date. */
export const dayLabel = (date: string) => longDay.format(new Date(`${date}T12:00:00Z`));
/** "09:30", London time. */
export const timeLabel = (instant: string) => time.format(new Date(instant));

function StepFormTag({ form, children }: { form: StepForm; children: Child }) {
  return (
    <form method={form.method} action={form.action} novalidate>
      {form.csrf}
      {Object.entries(form.hidden).map(([name, value]) => (
        <input type="hidden" name={name} value={value} />
      ))}
      {children}
      <button class="nhsuk-button" type="submit">
        {form.submit}
      </button>
    </form>
  );
}

/** Step one: which service (only those with a free slot now), earliest first. */
export function ServiceStep(props: { form: StepForm; bookable: BookableService[]; errors: FieldErrors }) {
  return (
    <>
      <ErrorSummary errors={props.errors} />
      <StepFormTag form={props.form}>
        <ChooseOne
          name="service"
          legend="Choose a service"
          choices={props.bookable.map((b) => ({
            value: b.service.serviceId,
            text: b.service.name,
            hint: `Earliest appointment ${formatShortDateTime(b.earliest)}`,
          }))}
          error={props.errors.service}
          alwaysRadios
        />
      </StepFormTag>
    </>
  );
}

/** Step two: the days with free slots, earliest first, a page at a time ("more dates"). */
export function DateStep(props: {
  form: StepForm;
  service: Service;
  dates: DatePage;
  errors: FieldErrors;
  /** The address of page `n` of this step. */
  pageHref: (page: number) => string;
}) {
  const { dates } = props;
  return (
    <>
      <ErrorSummary errors={props.errors} />
      <p>
        Service: <strong>{props.service.name}</strong>
      </p>
      {dates.dates.length === 0 ? (
        <p>There are no more dates with free appointments at this service.</p>
      ) : (
        <StepFormTag form={props.form}>
          <ChooseOne
            name="date"
            legend={dates.page === 1 ? 'Choose a date (earliest first)' : `Choose a date (page ${dates.page})`}
            choices={dates.dates.map((d) => ({
              value: d.date,
              text: dayLabel(d.date),
              hint: `${d.count} ${d.count === 1 ? 'appointment' : 'appointments'} free`,
            }))}
            error={props.errors.date}
            alwaysRadios
          />
        </StepFormTag>
      )}
      {(dates.page > 1 || dates.more) && (
        <nav class="nhsuk-pagination" role="navigation" aria-label="More dates">
          <ul class="nhsuk-list nhsuk-pagination__list">
            {dates.page > 1 && (
              <li class="nhsuk-pagination-item--previous">
                <a class="nhsuk-pagination__link nhsuk-pagination__link--prev" href={props.pageHref(dates.page - 1)}>
                  <span class="nhsuk-pagination__title">Earlier dates</span>
                </a>
              </li>
            )}
            {dates.more && (
              <li class="nhsuk-pagination-item--next">
                <a class="nhsuk-pagination__link nhsuk-pagination__link--next" href={props.pageHref(dates.page + 1)}>
                  <span class="nhsuk-pagination__title">More dates</span>
                </a>
              </li>
            )}
          </ul>
        </nav>
      )}
    </>
  );
}

/** Step three: the free times on the day chosen. */
export function TimeStep(props: {
  form: StepForm;
  service: Service;
  date: string;
  slots: SlotChoice[];
  errors: FieldErrors;
  selected?: string | undefined;
}) {
  return (
    <>
      <ErrorSummary errors={props.errors} />
      <p>
        Service: <strong>{props.service.name}</strong>
        <br />
        Date: <strong>{formatDate(props.date)}</strong>
      </p>
      {props.slots.length === 0 ? (
        <p>No appointments are free on this date any more. Choose another date.</p>
      ) : (
        <StepFormTag form={props.form}>
          <ChooseOne
            name="slot"
            legend={`Choose a time on ${dayLabel(props.date)}`}
            choices={props.slots.map((s) => ({ value: s.slotId, text: timeLabel(s.start), hint: s.clinician }))}
            selected={props.selected}
            error={props.errors.slot}
            alwaysRadios
          />
        </StepFormTag>
      )}
    </>
  );
}
