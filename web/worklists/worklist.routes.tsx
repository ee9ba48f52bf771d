import { type Context, Hono } from 'hono';
import { CarepathError } from '../../domain/errors';
import { ROLES } from '../../domain/roles';
import {
  WORKLISTS,
  type WorklistKey,
  type WorklistSide,
  worklistCounts,
  worklistPage,
} from '../../db/worklists/worklists.repository';
import { worklistFiltersSchema } from '../../db/worklists/worklist.schema';
import type { AppDeps } from '../app';
import { rolesOfSide } from '../auth/homes';
import { requireRole } from '../auth/middleware';
import { StaffLayout } from '../auth/staff-layout';
import { type FilterOptions, FilterForm, WorklistNav, WorklistRegion } from './worklist.views';

const WORKLIST_ROLES = [...rolesOfSide('referrer'), ...rolesOfSide('provider')];

/** The worklist named in the path, if the actor's side has it. */
function worklistFor(c: Context): WorklistKey {
  const key = c.req.param('key') ?? '';
  if (!Object.hasOwn(WORKLISTS, key)) throw new CarepathError('NOT_FOUND', 'There is no such worklist.');
  const list = WORKLISTS[key as WorklistKey];
  if (list.side !== ROLES[c.get('actor').role].side) {
    throw new CarepathError('NOT_PERMITTED', `${list.title} is a ${list.side} worklist. Change your role to use it.`);
  }
  return key as WorklistKey;
}

export function sideOf(c: Context): WorklistSide {
  return ROLES[c.get('actor').role].side === 'provider' ? 'provider' : 'referrer';
}

async function filterOptions(deps: AppDeps, side: WorklistSide, orgCode: string): Promise<FilterOptions> {
  const [services, specialties] = await Promise.all([
    side === 'provider'
      ? deps.db
          .selectFrom('services')
          .select(['id', 'name'])
          .where('provider_org_code', '=', orgCode)
          .orderBy('name')
          .execute()
      : [],
    deps.db.selectFrom('specialties').select(['code', 'name']).orderBy('name').execute(),
  ]);
  return { services: services.map((s) => ({ id: String(s.id), name: s.name })), specialties };
}

export function worklistRoutes(deps: AppDeps) {
  const app = new Hono();

  async function region(c: Context, key: WorklistKey) {
    const actor = c.get('actor');
    const filters = worklistFiltersSchema.parse(c.req.query());
    const page = await worklistPage(deps.db, key, { orgCode: actor.orgCode, userId: actor.userId }, filters);
    return (
      <WorklistRegion
        listKey={key}
        filters={filters}
        rows={page.rows}
        next={page.next}
        cursor={c.req.query('after') || undefined}
        now={new Date()}
      />
    );
  }

  app.get('/worklists/:key', requireRole(...WORKLIST_ROLES), async (c) => {
    const key = worklistFor(c);
    const actor = c.get('actor');
    const side = sideOf(c);
    const filters = worklistFiltersSchema.parse(c.req.query());
    const owner = { orgCode: actor.orgCode, userId: actor.userId };
    const [counts, options, list] = await Promise.all([
      worklistCounts(deps.db, side, owner, { mine: filters.mine }),
      filterOptions(deps, side, actor.orgCode),
      region(c, key),
    ]);
    return c.html(
      <StaffLayout c={c} title={WORKLISTS[key].title} navigation={worklistNavigation(side, key)}>
        <h1 class="nhsuk-heading-l">{WORKLISTS[key].title}</h1>
        <WorklistNav side={side} current={key} counts={counts} />
        <FilterForm side={side} listKey={key} filters={filters} options={options} />
        {list}
      </StaffLayout>,
    );
  });

  app.get('/worklists/:key/rows', requireRole(...WORKLIST_ROLES), async (c) => c.html(await region(c, worklistFor(c))));

  return app;
}

/** The header links of the referrer and provider pages. */
export function worklistNavigation(side: WorklistSide, current?: string) {
  const links =
    side === 'referrer'
      ? [
          { href: '/referrer', text: 'Home' },
          { href: '/referrals/new', text: 'Create referral' },
          { href: '/worklists/awaiting-booking', text: 'Worklists' },
          { href: '/notifications', text: 'Notifications' },
        ]
      : [
          { href: '/provider', text: 'Home' },
          { href: '/worklists/review', text: 'Worklists' },
          { href: '/notifications', text: 'Notifications' },
        ];
  return links.map((l) => ({ ...l, current: current !== undefined && l.href.endsWith(current) }));
}
