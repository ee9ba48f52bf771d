import type { Context } from 'hono';
import type { FindKind } from '../../domain/find/search';
import { formatNhsNumber } from '../../domain/ids';
import type { FindResult, OrganisationReferrals, SearchOutcome } from '../../services/find/find.service';
import { csrfField } from '../auth/middleware';
import { StaffLayout } from '../auth/staff-layout';
import { Table } from '../components/display';
import { DateInput } from '../components/fields';
import { Button, ErrorSummary, type FieldErrors, TextInput } from '../components/forms';
import { formatDate, formatDateTime } from '../components/format';
import type { DateParts } from '../components/date-input';
import { StateTag } from '../referrals/referral-summary';

const KIND_TEXT: Record<FindKind, string> = {
  ubrn: 'booking reference',
  nhsNumber: 'NHS number',
  patient: 'surname and date of birth',
};

/** What was typed, shown again: the search box and the date of birth boxes. */
export type SearchValues = { q: string; dob: DateParts };

export type FindPageProps = {
  c: Context;
  values?: SearchValues | undefined;
  errors?: FieldErrors | undefined;
  /** The invalid boxes of the date of birth, when its error is about some of them. */
  dobParts?: ('day' | 'month' | 'year')[] | undefined;
  outcome?: SearchOutcome | undefined;
  organisation?: OrganisationReferrals | undefined;
};

/**
 * Find a referral: the full search form, then the results of a search, or (for a referring
 * organisation, with no search yet) all its open and recent referrals, so every referral it
 * made can be reached, on a worklist or not.
 */
export function FindPage(props: FindPageProps) {
  const { c, values, errors = {}, outcome, organisation } = props;
  const title = 'Find a referral';
  return (
    <StaffLayout c={c} title={Object.keys(errors).length ? `Error: ${title}` : title}>
      <ErrorSummary errors={errors} />
      <h1 class="nhsuk-heading-l">{title}</h1>
      <form method="post" action="/find" novalidate>
        {csrfField(c)}
        <TextInput
          name="q"
          label="Booking reference (UBRN), NHS number or surname"
          hint="For example 0001 2345 6789, 999 000 0018 or Example"
          value={values?.q}
          error={errors.q}
          width={20}
        />
        <DateInput
          name="dob"
          legend="Date of birth (to search by surname)"
          hint="For example, 3 2 1961"
          value={values?.dob}
          error={errors.dob}
          invalidParts={props.dobParts}
        />
        <Button>Search</Button>
      </form>
      {outcome && <SearchResults outcome={outcome} />}
      {!outcome && organisation && <OrganisationList list={organisation} />}
      {!outcome && !organisation && <p>You will find referrals sent to your organisation’s services only.</p>}
    </StaffLayout>
  );
}

function SearchResults({ outcome }: { outcome: SearchOutcome }) {
  const count = outcome.results.length;
  const by = KIND_TEXT[outcome.kind];
  return (
    <section aria-labelledby="results-title">
      <h2 class="nhsuk-heading-m" id="results-title">
        {count === 0 ? 'No referrals found' : `${count} ${count === 1 ? 'referral' : 'referrals'} found`} by {by}
      </h2>
      {count === 0 ? (
        <p>
          Only referrals your organisation is involved in are shown. Check what you typed, or search another way: by
          booking reference, by NHS number, or by surname and date of birth.
        </p>
      ) : (
        <ResultsTable caption={`Referrals found by ${by}, most recently changed first`} results={outcome.results} />
      )}
      {outcome.limited && (
        <p>Only the {count} most recently changed are shown. Search by booking reference to find one.</p>
      )}
    </section>
  );
}

function OrganisationList({ list }: { list: OrganisationReferrals }) {
  return (
    <section aria-labelledby="organisation-title">
      <h2 class="nhsuk-heading-m" id="organisation-title">
        Your organisation’s referrals
      </h2>
      <p>Every open referral, and those that ended in the last {list.recentDays} days, most recently changed first.</p>
      {list.results.length === 0 ? (
        <p>Your organisation has no open or recent referrals.</p>
      ) : (
        <ResultsTable caption="Your organisation’s referrals, most recently changed first" results={list.results} />
      )}
      <nav class="nhsuk-pagination" role="navigation" aria-label="Pagination">
        <ul class="nhsuk-list nhsuk-pagination__list">
          {list.next && (
            <li class="nhsuk-pagination-item--next">
              <a class="nhsuk-pagination__link nhsuk-pagination__link--next" href={`/find?after=${list.next}`}>
                <span class="nhsuk-pagination__title">Next page</span>
              </a>
            </li>
          )}
        </ul>
      </nav>
    </section>
  );
}

function ResultsTable({ caption, results }: { caption: string; results: FindResult[] }) {
  return (
    <Table
      caption={caption}
      headings={[
        'Patient',
        'NHS number',
        'Date of birth',
        'Status',
        'Service',
        'Referred',
        'Appointment',
        'Last change',
      ]}
      rows={results.map((r) => [
        <a href={`/referrals/${r.ubrn}`}>
          {r.familyName.toUpperCase()}, {r.givenName}
        </a>,
        formatNhsNumber(r.nhsNumber),
        formatDate(r.dateOfBirth),
        <StateTag state={r.state} />,
        r.serviceName ?? r.specialty,
        formatDate(r.createdAt),
        r.appointmentStart ? formatDateTime(r.appointmentStart) : 'None',
        formatDateTime(r.updatedAt),
      ])}
    />
  );
}
