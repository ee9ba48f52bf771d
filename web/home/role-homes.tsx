import { Hono } from 'hono';
import { ROLES, type RoleSide } from '../../domain/roles';
import { access, type RouteKey } from '../auth/route-table';
import { StaffLayout } from '../auth/staff-layout';
import { ProviderDirectoryLinks } from '../directory/provider-links';
import { HomeWorklistTiles } from '../worklists/home-tiles';

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

/** Where each role lands after choosing it. The features of later issues fill these pages in. */
export const roleHomeRoutes = new Hono();
for (const home of homes) {
  roleHomeRoutes.get(home.path, access(home.key), (c) =>
    c.html(
      <StaffLayout c={c} title={home.title}>
        <h1 class="nhsuk-heading-l">{home.title}</h1>
        <p class="nhsuk-lede-text">{home.lede}</p>
        <p>You are working as {ROLES[c.get('actor').role].name}.</p>
        {(home.side === 'referrer' || home.side === 'provider') && <HomeWorklistTiles side={home.side} />}
        {home.side === 'provider' && <ProviderDirectoryLinks role={c.get('actor').role} />}
      </StaffLayout>,
    ),
  );
}
