import { Hono } from 'hono';
import { CarepathError } from '../../domain/errors';
import { WORKLISTS } from '../../domain/worklists';
import type { AppDeps } from '../deps';
import { rolesOfSide } from '../auth/homes';
import { requireRole } from '../auth/middleware';
import { StaffLayout } from '../auth/staff-layout';
import { FilterForm, WorklistNav, WorklistRegion } from './worklist.views';
import { WorklistsIndexPage } from './worklists-index.page';

const WORKLIST_ROLES = [...rolesOfSide('referrer'), ...rolesOfSide('provider')];

/** A worklist page, and its list alone for htmx to poll. */
export function worklistRoutes(deps: Pick<AppDeps, 'services'>) {
  const { worklists } = deps.services;
  const app = new Hono();

  app.get('/worklists', requireRole(...WORKLIST_ROLES), async (c) => {
    const tiles = await worklists.counts(c.get('actor'));
    if (!tiles) throw new CarepathError('NOT_PERMITTED', 'Your role has no worklists. Change your role to use them.');
    return c.html(<WorklistsIndexPage c={c} side={tiles.side} counts={tiles.counts} />);
  });

  app.get('/worklists/:key', requireRole(...WORKLIST_ROLES), async (c) => {
    const page = await worklists.page(c.get('actor'), c.req.param('key'), c.req.query());
    const { title } = WORKLISTS[page.key];
    return c.html(
      <StaffLayout c={c} title={title}>
        <h1 class="nhsuk-heading-l">{title}</h1>
        <WorklistNav side={page.side} current={page.key} counts={page.counts} />
        <FilterForm side={page.side} listKey={page.key} filters={page.filters} options={page.options} />
        <WorklistRegion region={page} cursor={c.req.query('after') || undefined} now={new Date()} />
      </StaffLayout>,
    );
  });

  app.get('/worklists/:key/rows', requireRole(...WORKLIST_ROLES), async (c) => {
    const region = await worklists.rows(c.get('actor'), c.req.param('key'), c.req.query());
    return c.html(<WorklistRegion region={region} cursor={c.req.query('after') || undefined} now={new Date()} />);
  });

  return app;
}
