import { Hono } from 'hono';
import { ROLES, type RoleSide } from '../../domain/roles';
import { access, type RouteKey } from '../auth/route-table';
import { StaffLayout } from '../auth/staff-layout';
import { ProviderDirectoryLinks } from '../directory/provider-links';
import type { AppDeps } from '../deps';
import { WorklistNav } from '../worklists/worklist.views';

const homes: { key: RouteKey; path: string; side: Exclude<RoleSide, 'admin'>; title: string; lede: string }[] = [
  {
    key: 'GET /referrer',
    path: '/referrer',
    side: 'referrer',
    title: 'Referrer home',
    lede: 'Create referrals, book appointments and follow up your worklists.',
  },
  {
    key: 'GET /provider',
    path: '/provider',
    side: 'provider',
    title: 'Provider home',
    lede: 'Review and triage referrals, manage appointment slot issues and advice requests.',
  },
  {
    key: 'GET /service-definer',
    path: '/service-definer',
    side: 'definer',
    title: 'Service definer home',
    lede: 'Create and publish services, and manage their slots and booking windows.',
  },
  {
    key: 'GET /commissioner',
    path: '/commissioner',
    side: 'commissioner',
    title: 'Commissioner home',
    lede: 'Manage the commissioning rules that make local services visible to referrers.',
  },
  {
    key: 'GET /analyst',
    path: '/analyst',
    side: 'analyst',
    title: 'Information analyst home',
    lede: 'Run reports and extracts.',
  },
];

/** Where each role lands after choosing it; referrers and providers see their worklists' counts. */
export function roleHomeRoutes(deps: Pick<AppDeps, 'services'>) {
  const app = new Hono();
  for (const home of homes) {
    app.get(home.path, access(home.key), async (c) => {
      const actor = c.get('actor');
      const tiles = await deps.services.worklists.counts(actor);
      return c.html(
        <StaffLayout c={c} title={home.title}>
          <h1 class="nhsuk-heading-l">{home.title}</h1>
          <p class="nhsuk-lede-text">{home.lede}</p>
          <p>You are working as {ROLES[actor.role].name}.</p>
          {tiles && <WorklistNav side={tiles.side} counts={tiles.counts} />}
          {home.side === 'provider' && <ProviderDirectoryLinks role={actor.role} />}
        </StaffLayout>,
      );
    });
  }
  return app;
}
