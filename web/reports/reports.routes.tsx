import { Hono, type Context } from 'hono';
import { rolesFor } from '../../domain/permissions';
import { EXTRACTS, EXTRACT_KINDS } from '../../domain/reports/extracts';
import { REPORT_ACTIONS, REPORT_PERMISSIONS } from '../../domain/reports/permissions';
import type { CsvDownload } from '../../services/reports/reports.service';
import { requireRole } from '../auth/middleware';
import { StaffLayout } from '../auth/staff-layout';
import type { AppDeps } from '../deps';
import { formRefusal, statusOf } from '../errors';
import { csrfField } from '../auth/middleware';
import { BuildPage, BuildProgress, buildPath } from './builds.page';
import { DashboardPage } from './dashboard.page';
import { ExtractsPage } from './extracts.page';

/**
 * A CSV download, streamed: the body is pulled from the service's rows as the browser reads,
 * so a slow reader slows the queries instead of filling memory. If the browser goes away the
 * stream is cancelled, which ends the queries and records the extract as cut short.
 */
function csvResponse(download: CsvDownload): Response {
  return new Response(ReadableStream.from(download.body).pipeThrough(new TextEncoderStream()), {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="${download.filename}"`,
    },
  });
}

/** Reports for the Information Analyst (decision record 0012): the dashboard and the CSV extracts, under /reports. */
export function reportsRoutes(deps: Pick<AppDeps, 'services'>) {
  const { reports } = deps.services;
  const dashboardReaders = requireRole(...rolesFor(REPORT_PERMISSIONS, 'viewDashboard'));
  // The service refuses each extract by its own line of the table; the pages open to anyone who may take one.
  const extractors = requireRole(
    ...rolesFor(REPORT_PERMISSIONS, ...EXTRACT_KINDS.map((kind) => EXTRACTS[kind].permission)),
  );
  const anyReport = requireRole(...rolesFor(REPORT_PERMISSIONS, ...REPORT_ACTIONS));

  const dashboard = async (c: Context) => {
    const query = c.req.query();
    try {
      return c.html(<DashboardPage c={c} dashboard={await reports.dashboard(c.get('actor'), query)} />);
    } catch (error) {
      // Bad filters: the figures as they are by default, with what was typed kept beside its message.
      const refusal = formRefusal(error);
      const fallback = await reports.dashboard(c.get('actor'), {});
      return c.html(
        <DashboardPage c={c} dashboard={fallback} errors={refusal.fields} typed={query} />,
        statusOf(refusal),
      );
    }
  };

  const app = new Hono();
  app.get('/reports', anyReport, (c) =>
    c.html(
      <StaffLayout c={c} title="Reports">
        <h1 class="nhsuk-heading-l">Reports</h1>
        <p class="nhsuk-lede-text">Numbers about your organisation's referrals, from Carepath's own records.</p>
        <ul class="nhsuk-list nhsuk-list--bullet">
          <li>
            <a href="/reports/dashboard">Activity dashboard</a>: weekly referrals, bookings and slot issues by
            specialty, triage turnaround, rejection and did-not-attend rates, capacity hotspots, Advice and Guidance response times and conversions.
          </li>
          <li>
            <a href="/reports/extracts">Extracts</a>: actions, active referrals, appointment slot issues, appointment
            slots, advice requests and user roles, as CSV files.
          </li>
        </ul>
      </StaffLayout>,
    ),
  );
  app.get('/reports/dashboard', dashboardReaders, dashboard);
  app.get('/reports/dashboard/download', dashboardReaders, async (c) =>
    csvResponse(await reports.dashboardDownload(c.get('actor'), c.req.query())),
  );
  app.get('/reports/extracts', extractors, async (c) =>
    c.html(<ExtractsPage c={c} csrf={csrfField(c)} choices={await reports.extractChoices(c.get('actor'))} />),
  );
  // A large extract prepared in the background: its page shows progress, then offers the file.
  app.post('/reports/extracts/:kind/builds', extractors, async (c) => {
    const actor = c.get('actor');
    const kind = c.req.param('kind');
    const form = Object.fromEntries(
      Object.entries(await c.req.parseBody()).flatMap(([k, v]) => (typeof v === 'string' && k !== '_csrf' ? [[k, v]] : [])),
    );
    try {
      const { id } = await reports.startExtractBuild(actor, kind, form);
      return c.redirect(buildPath(id), 303);
    } catch (error) {
      const refusal = formRefusal(error);
      const page = (
        <ExtractsPage
          c={c}
          csrf={csrfField(c)}
          choices={await reports.extractChoices(actor)}
          refusal={{ kind, errors: refusal.fields, typed: form }}
        />
      );
      return c.html(page, statusOf(refusal));
    }
  });
  app.get('/reports/extracts/builds/:id', extractors, async (c) =>
    c.html(<BuildPage c={c} build={await reports.extractBuild(c.get('actor'), c.req.param('id'))} />),
  );
  app.get('/reports/extracts/builds/:id/progress', extractors, async (c) =>
    c.html(<BuildProgress build={await reports.extractBuild(c.get('actor'), c.req.param('id'))} />),
  );
  app.get('/reports/extracts/builds/:id/file', extractors, async (c) => {
    const file = await reports.extractBuildFile(c.get('actor'), c.req.param('id'));
    const gzip = ReadableStream.from(file.gzip);
    // Stored as gzip: sent as it is to any client that takes gzip (every browser), else unzipped here.
    const accepts = /\bgzip\b/.test(c.req.header('accept-encoding') ?? '');
    return new Response(accepts ? gzip : gzip.pipeThrough(new DecompressionStream('gzip')), {
      headers: {
        'Content-Type': 'text/csv; charset=utf-8',
        'Content-Disposition': `attachment; filename="${file.filename}"`,
        ...(accepts ? { 'Content-Encoding': 'gzip' } : {}),
      },
    });
  });
  app.get('/reports/extracts/:kind', extractors, async (c) => {
    const actor = c.get('actor');
    const kind = c.req.param('kind');
    const query = c.req.query();
    try {
      return csvResponse(await reports.extract(actor, kind, query));
    } catch (error) {
      const refusal = formRefusal(error);
      const page = (
        <ExtractsPage
          c={c}
          csrf={csrfField(c)}
          choices={await reports.extractChoices(actor)}
          refusal={{ kind, errors: refusal.fields, typed: query }}
        />
      );
      return c.html(page, statusOf(refusal));
    }
  });
  return app;
}
