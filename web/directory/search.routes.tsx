import { Hono } from 'hono';
import { PRIORITIES, PRIORITY_LABELS } from '../../domain/priorities';
import { nearestAlternatives } from '../../db/directory/capacity';
import { searchServices, type SearchResult } from '../../db/directory/search';
import { searchInputSchema } from '../../db/directory/search.schema';
import type { AppDeps } from '../app';
import { requireRole } from '../auth/middleware';
import { rolesOfSide } from '../auth/homes';
import { StaffLayout } from '../auth/staff-layout';
import { Tag } from '../components/display';
import { Button, ErrorSummary, TextInput, type FieldErrors } from '../components/forms';
import { attempt } from './form-values';

type Query = Record<string, string>;
type Found = { result: SearchResult; alternatives: SearchResult[] };

const when = (d: Date | null) =>
  d ? d.toLocaleString('en-GB', { timeZone: 'Europe/London', dateStyle: 'medium', timeStyle: 'short' }) : 'No slot';

function Select(props: { name: string; label: string; value?: string; options: [string, string][]; error?: string }) {
  return (
    <div class={`nhsuk-form-group${props.error ? ' nhsuk-form-group--error' : ''}`}>
      <label class="nhsuk-label" for={props.name}>
        {props.label}
      </label>
      {props.error && (
        <span class="nhsuk-error-message" id={`${props.name}-error`}>
          <span class="nhsuk-u-visually-hidden">Error:</span> {props.error}
        </span>
      )}
      <select
        class={`nhsuk-select${props.error ? ' nhsuk-select--error' : ''}`}
        id={props.name}
        name={props.name}
        aria-describedby={props.error ? `${props.name}-error` : undefined}
      >
        <option value="">Any</option>
        {props.options.map(([v, t]) => (
          <option value={v} selected={v === props.value}>
            {t}
          </option>
        ))}
      </select>
    </div>
  );
}

function Results({ found, searched }: { found: Found[]; searched: boolean }) {
  return (
    <div id="results" aria-live="polite">
      {searched && <h2 class="nhsuk-heading-m">{found.length} services found</h2>}
      {found.map(({ result: r, alternatives }) => (
        <div class="nhsuk-card">
          <div class="nhsuk-card__content">
            <h3 class="nhsuk-card__heading">{r.name}</h3>
            {r.capacityAlert && <Tag colour="orange">Capacity alert</Tag>}
            <p class="nhsuk-body-s">
              {r.location}
              {r.distanceKm !== null && `, ${r.distanceKm} km away`}. Request types: {r.requestTypes.join(', ')}.
              Earliest slot: {when(r.earliestSlot)}. Wait: about {r.waitDays} days.
            </p>
            {alternatives.length > 0 && (
              <p class="nhsuk-body-s">
                Nearest services with capacity:{' '}
                {alternatives.map((a) => `${a.name}${a.distanceKm !== null ? ` (${a.distanceKm} km)` : ''}`).join('; ')}
              </p>
            )}
          </div>
        </div>
      ))}
    </div>
  );
}

/** The NHS.UK error summary above the heading; `oob` replaces it from an htmx response. */
function SearchErrors({ errors, oob }: { errors: FieldErrors; oob?: boolean }) {
  return (
    <div id="error-summary" hx-swap-oob={oob ? 'true' : undefined}>
      <ErrorSummary errors={errors} />
    </div>
  );
}

/** Directory of Services search for referrers. Works as a plain GET form; htmx swaps only the results. */
export function searchRoutes(deps: AppDeps) {
  const app = new Hono();
  app.get('/directory/search', requireRole(...rolesOfSide('referrer')), async (c) => {
    const query = c.req.query() as Query;
    const searched = Object.keys(query).length > 0;
    let errors: FieldErrors = {};
    let found: Found[] = [];
    if (searched) {
      const context = { referrerOrgCode: c.get('actor').orgCode, now: new Date() };
      const outcome = await attempt(() => searchServices(deps.db, query, context));
      if (outcome.ok) {
        const input = searchInputSchema.parse(query);
        // Alternatives for the first few alerted services only: each is one more search.
        let budget = 3;
        found = await Promise.all(
          outcome.value.map(async (result) => ({
            result,
            alternatives:
              result.capacityAlert && budget-- > 0 ? await nearestAlternatives(deps.db, result, input, context) : [],
          })),
        );
      } else errors = outcome.errors;
    }
    // htmx swaps the results; the error summary lives at the top of the page, out of band.
    if (c.req.header('HX-Request'))
      return c.html(
        <>
          <SearchErrors errors={errors} oob />
          <Results found={found} searched={searched} />
        </>,
        errors && Object.keys(errors).length ? 422 : 200,
      );
    const specialties = await deps.db.selectFrom('specialties').selectAll().orderBy('name').execute();
    return c.html(
      <StaffLayout c={c} title="Find a service">
        <SearchErrors errors={errors} />
        <h1 class="nhsuk-heading-l">Find a service</h1>
        <form
          method="get"
          action="/directory/search"
          novalidate
          hx-get="/directory/search"
          hx-target="#search-output"
          hx-push-url="true"
        >
          <Select
            name="priority"
            label="Priority"
            value={query.priority}
            error={errors.priority}
            options={PRIORITIES.map((p) => [p, PRIORITY_LABELS[p]])}
          />
          <Select
            name="specialtyCode"
            label="Specialty"
            value={query.specialtyCode}
            error={errors.specialtyCode}
            options={specialties.map((s) => [s.code, s.name])}
          />
          <TextInput
            name="clinicTypeCode"
            label="Clinic type code (optional)"
            value={query.clinicTypeCode}
            error={errors.clinicTypeCode}
            width={20}
          />
          <TextInput name="clinicalTerm" label="Clinical term" value={query.clinicalTerm} error={errors.clinicalTerm} />
          <TextInput name="clinician" label="Named clinician" value={query.clinician} error={errors.clinician} />
          <TextInput
            name="patientAge"
            label="Patient's age (years)"
            value={query.patientAge}
            error={errors.patientAge}
            width={10}
            inputmode="numeric"
          />
          <Select
            name="patientSex"
            label="Patient's sex"
            value={query.patientSex}
            error={errors.patientSex}
            options={[
              ['female', 'Female'],
              ['male', 'Male'],
              ['other', 'Other'],
              ['unknown', 'Not known'],
            ]}
          />
          <div class="nhsuk-checkboxes nhsuk-form-group">
            <div class="nhsuk-checkboxes__item">
              <input
                class="nhsuk-checkboxes__input"
                id="includeAllAgesAndSexes"
                name="includeAllAgesAndSexes"
                type="checkbox"
                value="on"
                checked={query.includeAllAgesAndSexes === 'on'}
              />
              <label class="nhsuk-label nhsuk-checkboxes__label" for="includeAllAgesAndSexes">
                Show services for all ages and sexes
              </label>
            </div>
          </div>
          <TextInput
            name="postcode"
            label="Patient's postcode"
            value={query.postcode}
            error={errors.postcode}
            width={10}
          />
          <TextInput
            name="maxDistanceKm"
            label="Within (km)"
            value={query.maxDistanceKm}
            error={errors.maxDistanceKm}
            width={10}
            inputmode="numeric"
          />
          <TextInput
            name="maxWaitDays"
            label="Wait no longer than (days)"
            value={query.maxWaitDays}
            error={errors.maxWaitDays}
            width={10}
            inputmode="numeric"
            hint="Not available for two week wait"
          />
          <Select
            name="sortBy"
            label="Sort by"
            value={query.sortBy}
            error={errors.sortBy}
            options={[
              ['distance', 'Distance'],
              ['wait', 'Wait'],
            ]}
          />
          <Button>Search</Button>
        </form>
        <div id="search-output">
          <Results found={found} searched={searched} />
        </div>
      </StaffLayout>,
      Object.keys(errors).length ? 422 : 200,
    );
  });
  return app;
}
