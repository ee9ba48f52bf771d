import { Hono, type Context } from 'hono';
import { DIRECTORY_PERMISSIONS } from '../../domain/directory/permissions';
import { rolesFor } from '../../domain/permissions';
import type { SearchFinding } from '../../services/directory/directory.service';
import type { AppDeps } from '../deps';
import { csrfField, requireRole } from '../auth/middleware';
import { StaffLayout } from '../auth/staff-layout';
import { Tag } from '../components/display';
import { Button, ErrorSummary, type FieldErrors } from '../components/forms';
import { statusOf } from '../errors';
import { SearchFields } from './search-form';
import { attempt } from './form-values';

type Query = Record<string, string>;

const when = (d: Date | null) =>
  d ? d.toLocaleString('en-GB', { timeZone: 'Europe/London', dateStyle: 'medium', timeStyle: 'short' }) : 'No slot';

function Results({ found, searched }: { found: SearchFinding[]; searched: boolean }) {
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

/**
 * Directory of Services search for referrers. The search carries the patient's age, sex,
 * postcode and clinical terms, so it is a POST: none of it lands in a URL, the browser
 * history or a server log. Works as a plain form; htmx swaps only the results.
 */
export function searchRoutes(deps: AppDeps) {
  const directory = deps.services.directory;
  const app = new Hono();
  const referrers = requireRole(...rolesFor(DIRECTORY_PERMISSIONS, 'search'));

  async function searchPage(c: Context, query: Query, searched: boolean) {
    let errors: FieldErrors = {};
    let found: SearchFinding[] = [];
    if (searched) {
      const outcome = await attempt(() => directory.searchWithAlternatives(c.get('actor'), query));
      if (outcome.ok) found = outcome.value;
      else errors = outcome.errors;
    }
    // htmx swaps the results; the error summary lives at the top of the page, out of band.
    // The fields come too, out of band, so each shows its own error and what was typed.
    const codes = await directory.codeLists();
    const status = Object.keys(errors).length > 0 ? statusOf('VALIDATION') : 200;
    if (c.req.header('HX-Request'))
      return c.html(
        <>
          <SearchErrors errors={errors} oob />
          <SearchFields query={query} errors={errors} codes={codes} oob />
          <Results found={found} searched={searched && Object.keys(errors).length === 0} />
        </>,
        status,
      );
    return c.html(
      <StaffLayout c={c} title="Find a service">
        <SearchErrors errors={errors} />
        <h1 class="nhsuk-heading-l">Find a service</h1>
        <form
          method="post"
          action="/directory/search"
          novalidate
          hx-post="/directory/search"
          hx-target="#search-output"
        >
          {csrfField(c)}
          <SearchFields query={query} errors={errors} codes={codes} />
          <Button>Search</Button>
        </form>
        <div id="search-output">
          <Results found={found} searched={searched && Object.keys(errors).length === 0} />
        </div>
      </StaffLayout>,
      status,
    );
  }

  app.get('/directory/search', referrers, (c) => searchPage(c, {}, false));
  app.post('/directory/search', referrers, async (c) => {
    const { _csrf, ...query } = (await c.req.parseBody()) as Query;
    return searchPage(c, query, true);
  });
  return app;
}
