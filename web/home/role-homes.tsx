import { Hono } from 'hono';
import { DIRECTORY_PERMISSIONS } from '../../domain/directory/permissions';
import { FIND_PERMISSIONS } from '../../domain/find/permissions';
import { isPermitted } from '../../domain/permissions';
import { REFERRAL_PERMISSIONS } from '../../domain/referral-permissions';
import { REPORT_PERMISSIONS } from '../../domain/reports/permissions';
import { ROLES, type RoleCode, type RoleSide } from '../../domain/roles';
import { AdviceTiles } from '../advice/worklist.page';
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

/** The way to any referral, on a worklist or not. */
function FindLink({ role }: { role: RoleCode }) {
  return (
    <p>
      <a href="/find">Find a referral</a> by booking reference, NHS number, or surname and date of birth
      {isPermitted(FIND_PERMISSIONS, 'listOrganisationReferrals', role)
        ? ', or see all your organisation’s referrals.'
        : '.'}
    </p>
  );
}

/**
 * Where each role lands after choosing it: its main actions (the header menu has them too),
 * and for referrers and providers their worklists' counts.
 */
export function roleHomeRoutes(deps: Pick<AppDeps, 'services'>) {
  const app = new Hono();
  for (const home of homes) {
    app.get(home.path, access(home.key), async (c) => {
      const actor = c.get('actor');
      const tiles = await deps.services.worklists.counts(actor);
      const adviceTiles = await deps.services.advice.homeCounts(actor);
      return c.html(
        <StaffLayout c={c} title={home.title}>
          <h1 class="nhsuk-heading-l">{home.title}</h1>
          <p class="nhsuk-lede-text">{home.lede}</p>
          <p>You are working as {ROLES[actor.role].name}.</p>
          {isPermitted(REFERRAL_PERMISSIONS, 'create', actor.role) && (
            <a class="nhsuk-button" href="/referrals/new" role="button" draggable="false">
              Create referral
            </a>
          )}
          {tiles && <WorklistNav side={tiles.side} counts={tiles.counts} />}
          {adviceTiles && <AdviceTiles side={adviceTiles.side} counts={adviceTiles.counts} />}
          {isPermitted(FIND_PERMISSIONS, 'findReferral', actor.role) && <FindLink role={actor.role} />}
          {isPermitted(DIRECTORY_PERMISSIONS, 'manageServices', actor.role) && (
            <p>
              <a href="/directory/services">Your services</a>: create, publish and change services and their clinics.
            </p>
          )}
          {isPermitted(DIRECTORY_PERMISSIONS, 'commission', actor.role) && (
            <p>
              <a href="/directory/commissioning">Commissioning rules</a>: make local services visible to your area.
            </p>
          )}
          {isPermitted(REPORT_PERMISSIONS, 'viewDashboard', actor.role) && (
            <p>
              <a href="/reports/dashboard">Activity dashboard</a>: weekly referrals, bookings and appointment slot
              issues by specialty, triage turnaround, rejection and did-not-attend rates, capacity hotspots.
            </p>
          )}
          {isPermitted(REPORT_PERMISSIONS, 'extractActions', actor.role) && (
            <p>
              <a href="/reports/extracts">Extracts</a>: actions, active referrals, appointment slot issues, appointment
              slots and user roles, as CSV files.
            </p>
          )}
          {(home.side === 'provider' || home.side === 'definer') && <ProviderDirectoryLinks role={actor.role} />}
        </StaffLayout>,
      );
    });
  }
  return app;
}
