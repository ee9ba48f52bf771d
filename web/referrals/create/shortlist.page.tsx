import type { Child } from 'hono/jsx';
import { MAX_SHORTLIST, type Service } from '../../../domain/referral';
import type { CodeLists, SearchResult } from '../../../services/directory/directory.service';
import { Table, Tag } from '../../components/display';
import { Checkbox, Select } from '../../components/fields';
import { type FieldErrors, TextInput } from '../../components/forms';
import { formatShortDateTime } from '../../components/format';

const TYPE_LABELS: Record<string, string> = {
  DBS: 'Bookable',
  IBS: 'Provider arranges',
  TRIAGE: 'Triage',
  ADVICE: 'Advice',
};

export type SearchValues = Record<string, string>;

/**
 * Where the shortlist page's forms go. The create journey keeps its shortlist in the draft; the
 * referral's "Change shortlist" carries the working list in `hidden` fields instead.
 */
export type ShortlistLinks = {
  /**
   * Every form of the page posts here, with the hidden fields and the search shown: Search
   * alone, Add and Remove with `serviceId` and `op`. The answer is the page again.
   */
  change: string;
  /** Drawn under a non-empty shortlist: how to go on with it. */
  next: Child;
  /** Carried in every form on the page. */
  hidden?: Record<string, string> | undefined;
};

/** The create journey's links: the shortlist lives in draft `draftId`. */
export function draftLinks(draftId: string): ShortlistLinks {
  return {
    change: `/referrals/drafts/${draftId}/shortlist`,
    next: (
      <a class="nhsuk-button" href={`/referrals/drafts/${draftId}/book`} role="button" draggable="false">
        Continue with this shortlist
      </a>
    ),
  };
}

function HiddenFields({ values }: { values: Record<string, string> | undefined }) {
  return (
    <>
      {Object.entries(values ?? {}).map(([name, value]) => (
        <input type="hidden" name={name} value={value} />
      ))}
    </>
  );
}

function ShortlistButton(props: {
  links: ShortlistLinks;
  csrf: Child;
  serviceId: string;
  op: 'add' | 'remove';
  /** The search shown, carried along so that the page after the change shows it again. */
  search: SearchValues;
  name: string;
}) {
  return (
    <form method="post" action={props.links.change} novalidate>
      {props.csrf}
      <HiddenFields values={props.links.hidden} />
      <input type="hidden" name="serviceId" value={props.serviceId} />
      <input type="hidden" name="op" value={props.op} />
      <HiddenFields values={props.search} />
      <button
        class={`nhsuk-button nhsuk-button--small${props.op === 'remove' ? ' nhsuk-button--secondary' : ''} nhsuk-u-margin-bottom-0`}
        type="submit"
      >
        {props.op === 'add' ? 'Add' : 'Remove'}
        <span class="nhsuk-u-visually-hidden"> {props.name}</span>
      </button>
    </form>
  );
}

/** Step 2: search the Directory of Services and build a shortlist of up to 20 services. */
export function ShortlistPage(props: {
  links: ShortlistLinks;
  csrf: Child;
  codes: CodeLists;
  values: SearchValues;
  errors: FieldErrors;
  results: SearchResult[] | undefined;
  shortlist: Service[];
}) {
  const { links, csrf, values: v, errors: e, shortlist } = props;
  const listed = new Set(shortlist.map((s) => s.serviceId));
  return (
    <>
      <h2 class="nhsuk-heading-m">
        Shortlist ({shortlist.length} of {MAX_SHORTLIST})
      </h2>
      {shortlist.length === 0 ? (
        <p>No services shortlisted yet. Search below and add between 1 and 20.</p>
      ) : (
        <>
          <Table
            caption="Shortlisted services"
            headings={['Service', 'Type', '']}
            rows={shortlist.map((s) => [
              s.name,
              TYPE_LABELS[s.requestType] ?? s.requestType,
              <ShortlistButton
                links={links}
                csrf={csrf}
                serviceId={s.serviceId}
                op="remove"
                search={v}
                name={s.name}
              />,
            ])}
          />
          {links.next}
        </>
      )}
      <h2 class="nhsuk-heading-m">Search for services</h2>
      <form method="post" action={links.change} novalidate>
        {csrf}
        <HiddenFields values={links.hidden} />
        <Select
          name="specialtyCode"
          label="Specialty"
          placeholder="Any specialty"
          options={props.codes.specialties.map((s) => ({ value: s.code, text: s.name }))}
          selected={v.specialtyCode}
          error={e.specialtyCode}
        />
        <Select
          name="clinicTypeCode"
          label="Clinic type (optional)"
          placeholder="Any clinic type"
          groups={props.codes.specialties.map((s) => ({
            label: s.name,
            options: props.codes.clinicTypes
              .filter((t) => t.specialtyCode === s.code)
              .map((t) => ({ value: t.code, text: t.name })),
          }))}
          selected={v.clinicTypeCode}
          error={e.clinicTypeCode}
        />
        <TextInput name="clinicalTerm" label="Clinical term (optional)" value={v.clinicalTerm} error={e.clinicalTerm} />
        <TextInput name="clinician" label="Named clinician (optional)" value={v.clinician} error={e.clinician} />
        <TextInput
          name="postcode"
          label="Patient's postcode"
          hint="Results are sorted by distance from it. Change it if the patient will travel from elsewhere."
          width={10}
          value={v.postcode}
          error={e.postcode}
        />
        <TextInput
          name="maxDistanceKm"
          label="Within this many kilometres of the patient (optional)"
          inputmode="numeric"
          width={10}
          value={v.maxDistanceKm}
          error={e.maxDistanceKm}
        />
        <div class="nhsuk-checkboxes nhsuk-u-margin-bottom-4">
          <Checkbox
            id="includeAllAgesAndSexes"
            name="includeAllAgesAndSexes"
            value="on"
            checked={v.includeAllAgesAndSexes === 'on'}
            label="Include services for other ages and sexes"
          />
        </div>
        <button class="nhsuk-button nhsuk-button--secondary" type="submit">
          Search
        </button>
      </form>
      {props.results && props.results.length === 0 && <p>No services match this search.</p>}
      {props.results && props.results.length > 0 && (
        <Table
          caption={`${props.results.length} services found`}
          headings={['Service', 'Where', 'Type', 'Earliest appointment or wait', '']}
          rows={props.results.map((r) => [
            <>
              <a href={`/directory/services/${r.serviceId}/about`} target="_blank" rel="noopener noreferrer">
                {r.name}
                <span class="nhsuk-u-visually-hidden"> (details open in a new tab)</span>
              </a>
              {r.capacityAlert && (
                <>
                  {' '}
                  <Tag colour="orange">Capacity alert</Tag>
                </>
              )}
            </>,
            `${r.location}${r.distanceKm === null ? '' : ` (${r.distanceKm} km)`}`,
            r.requestTypes.map((t) => TYPE_LABELS[t] ?? t).join(', '),
            r.earliestSlot ? formatShortDateTime(r.earliestSlot) : `About ${r.waitDays} days`,
            listed.has(r.serviceId) ? (
              'Shortlisted'
            ) : shortlist.length >= MAX_SHORTLIST ? (
              'Shortlist full'
            ) : (
              <ShortlistButton links={links} csrf={csrf} serviceId={r.serviceId} op="add" search={v} name={r.name} />
            ),
          ])}
        />
      )}
    </>
  );
}
