import { Hono } from 'hono';
import { DIRECTORY_PERMISSIONS } from '../../domain/directory/permissions';
import { rolesFor } from '../../domain/permissions';
import type { AppDeps } from '../deps';
import { requireRole } from '../auth/middleware';
import { ClinicTypeSelect } from './service-form';

/**
 * The clinic-type drop-down for a specialty: htmx swaps it in when the specialty changes, on
 * the definer's service form and the referrer's search (`for=search`: no clinic type is "Any").
 */
export function clinicTypeRoutes(deps: AppDeps) {
  const definersAndReferrers = requireRole(...rolesFor(DIRECTORY_PERMISSIONS, 'manageServices', 'search'));
  return new Hono().get('/directory/clinic-types', definersAndReferrers, async (c) =>
    c.html(
      <ClinicTypeSelect
        codes={await deps.services.directory.codeLists()}
        specialtyCode={c.req.query('specialtyCode') ?? ''}
        value=""
        empty={c.req.query('for') === 'search' ? 'Any' : undefined}
      />,
    ),
  );
}
