import { formatNhsNumber } from '../../domain/ids';
import { PRIORITIES, PRIORITY_LABELS, type Priority } from '../../domain/priorities';
import {
  WORKLISTS,
  WORKLIST_COUNT_CAP,
  type WorklistKey,
  type WorklistSide,
  worklistsOf,
} from '../../domain/worklists';
import type {
  FilterOptions,
  WorklistFilters,
  WorklistRegion as Region,
} from '../../services/worklists/worklists.service';
import { Table, Tag } from '../components/display';
import { Select } from '../components/fields';
import { formatDate, formatDateTime } from '../components/format';
import { BreachTag, StateTag } from '../referrals/referral-summary';
import { backgroundRefresh } from '../auth/middleware';

const PRIORITY_COLOURS: Record<Priority, 'red' | 'orange' | 'grey'> = {
  TWO_WEEK_WAIT: 'red',
  URGENT: 'orange',
  ROUTINE: 'grey',
};

export function PriorityTag({ priority }: { priority: Priority }) {
  return <Tag colour={PRIORITY_COLOURS[priority]}>{PRIORITY_LABELS[priority]}</Tag>;
}

/** The query string that reproduces these filters (the cursor is added by the pager). */
export function filterQuery(filters: WorklistFilters, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams();
  if (filters.serviceId) params.set('serviceId', filters.serviceId);
  if (filters.specialty) params.set('specialty', filters.specialty);
  if (filters.clinician) params.set('clinician', filters.clinician);
  if (filters.priority) params.set('priority', filters.priority);
  if (filters.mine) params.set('mine', 'me');
  for (const [k, v] of Object.entries(extra)) params.set(k, v);
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** Side navigation between a side's worklists, with counts. */
export function WorklistNav({
  side,
  current,
  counts,
}: {
  side: WorklistSide;
  current?: WorklistKey;
  counts: Record<WorklistKey, number>;
}) {
  return (
    <ul class="nhsuk-grid-row nhsuk-card-group">
      {worklistsOf(side).map((key) => (
        <li class="nhsuk-grid-column-one-quarter nhsuk-card-group__item">
          {key === current ? (
            // The list on screen: its title is not a link to itself. Not the feature card, whose
            // heading is a tab drawn across the card's edge: in a quarter-width tile it stuck out.
            <div class="nhsuk-card carepath-card--current">
              <div class="nhsuk-card__content">
                <h2 class="nhsuk-card__heading nhsuk-heading-s" aria-current="page">
                  {WORKLISTS[key].title}
                </h2>
                <WorklistCount list={key} count={counts[key]} />
              </div>
            </div>
          ) : (
            <div class="nhsuk-card nhsuk-card--clickable">
              <div class="nhsuk-card__content">
                <h2 class="nhsuk-card__heading nhsuk-heading-s">
                  <a class="nhsuk-card__link" href={`/worklists/${key}`}>
                    {WORKLISTS[key].title}
                  </a>
                </h2>
                <WorklistCount list={key} count={counts[key]} />
              </div>
            </div>
          )}
        </li>
      ))}
    </ul>
  );
}

function WorklistCount({ list, count }: { list: WorklistKey; count: number }) {
  return (
    <p class="nhsuk-heading-l nhsuk-u-margin-bottom-0" data-count={list}>
      {count >= WORKLIST_COUNT_CAP ? `${WORKLIST_COUNT_CAP}+` : count}
      <span class="nhsuk-u-visually-hidden"> referrals</span>
    </p>
  );
}

/** GET filters: a plain form, so they work and can be bookmarked without JavaScript. */
export function FilterForm({
  side,
  listKey,
  filters,
  options,
}: {
  side: WorklistSide;
  listKey: WorklistKey;
  filters: WorklistFilters;
  options: FilterOptions;
}) {
  const compact = 'nhsuk-u-margin-bottom-3';
  return (
    <form method="get" action={`/worklists/${listKey}`} class="nhsuk-u-margin-bottom-4" novalidate>
      <div class="nhsuk-grid-row">
        <div class="nhsuk-grid-column-one-quarter">
          {side === 'provider' ? (
            <Select
              name="serviceId"
              label="Service"
              placeholder="All services"
              options={options.services.map((s) => ({ value: s.id, text: s.name }))}
              selected={filters.serviceId}
              class={compact}
            />
          ) : (
            <Select
              name="mine"
              label="Show"
              placeholder="My organisation"
              options={[{ value: 'me', text: 'Me' }]}
              selected={filters.mine ? 'me' : undefined}
              class={compact}
            />
          )}
        </div>
        <div class="nhsuk-grid-column-one-quarter">
          <Select
            name="specialty"
            label="Specialty"
            placeholder="All specialties"
            options={options.specialties.map((s) => ({ value: s.code, text: s.name }))}
            selected={filters.specialty}
            class={compact}
          />
        </div>
        <div class="nhsuk-grid-column-one-quarter">
          <div class={`nhsuk-form-group ${compact}`}>
            <label class="nhsuk-label" for="clinician">
              Clinician
            </label>
            <input
              class="nhsuk-input"
              id="clinician"
              name="clinician"
              type="text"
              value={filters.clinician ?? ''}
              spellcheck={false}
            />
          </div>
        </div>
        <div class="nhsuk-grid-column-one-quarter">
          <Select
            name="priority"
            label="Priority"
            placeholder="All priorities"
            options={PRIORITIES.map((p) => ({ value: p, text: PRIORITY_LABELS[p] }))}
            selected={filters.priority}
            class={compact}
          />
        </div>
      </div>
      <button class="nhsuk-button nhsuk-button--secondary nhsuk-u-margin-bottom-0" type="submit">
        Apply filters
      </button>
    </form>
  );
}

/**
 * The list itself: the part htmx re-fetches every 15 seconds, so what other staff did shows
 * up without a reload. It replaces itself (outerHTML) and keeps polling with the same filters.
 */
export function WorklistRegion(props: { region: Region; cursor: string | undefined; now: Date }) {
  const { key: listKey, filters, rows, next } = props.region;
  const { cursor } = props;
  const page = filterQuery(filters, cursor ? { after: cursor } : {});
  const showContact = listKey === 'slot-issues' || listKey === 'review';
  return (
    <div
      id="worklist"
      hx-get={`/worklists/${listKey}/rows${page}`}
      hx-trigger="every 15s"
      hx-swap="outerHTML"
      {...backgroundRefresh}
    >
      {rows.length === 0 ? (
        <p>There are no referrals on this worklist{cursor ? ' after this point' : ''}.</p>
      ) : (
        <Table
          caption={`${WORKLISTS[listKey].title}: most urgent first, then oldest first`}
          headings={[
            'Patient',
            'NHS number',
            'Priority',
            'Status',
            'Service',
            showContact ? 'Contact by' : 'Appointment',
            'Received',
          ]}
          rows={rows.map((r) => [
            <a href={`/referrals/${r.ubrn}?from=${listKey}`}>
              {r.familyName.toUpperCase()}, {r.givenName}
            </a>,
            formatNhsNumber(r.nhsNumber),
            <PriorityTag priority={r.priority} />,
            <StateTag state={r.state} />,
            r.serviceName ?? r.specialty,
            showContact ? (
              <BreachTag contactBy={r.contactBy ?? undefined} breached={r.breached} />
            ) : r.appointmentStart ? (
              formatDateTime(r.appointmentStart)
            ) : (
              'None'
            ),
            formatDate(r.createdAt),
          ])}
        />
      )}
      <p class="nhsuk-body-s">Updated {formatDateTime(props.now)}. This list refreshes every 15 seconds.</p>
      <nav class="nhsuk-pagination" role="navigation" aria-label="Pagination">
        <ul class="nhsuk-list nhsuk-pagination__list">
          {cursor && (
            <li class="nhsuk-pagination-item--previous">
              <a
                class="nhsuk-pagination__link nhsuk-pagination__link--prev"
                href={`/worklists/${listKey}${filterQuery(filters)}`}
              >
                <span class="nhsuk-pagination__title">First page</span>
              </a>
            </li>
          )}
          {next && (
            <li class="nhsuk-pagination-item--next">
              <a
                class="nhsuk-pagination__link nhsuk-pagination__link--next"
                href={`/worklists/${listKey}${filterQuery(filters, { after: next })}`}
              >
                <span class="nhsuk-pagination__title">Next page</span>
              </a>
            </li>
          )}
        </ul>
      </nav>
    </div>
  );
}
