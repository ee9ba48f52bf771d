import { Hono } from 'hono';
import { codeLists } from '../../db/directory/services.repository';
import type { AppDeps } from '../app';
import { rolesOfSide } from '../auth/homes';
import { requireRole } from '../auth/middleware';
import { ClinicTypeSelect } from './service-form';

/**
 * The clinic-type drop-down for a specialty: htmx swaps it in when the specialty changes, on
 * the definer's service form and the referrer's search (`for=search`: no clinic type is "Any").
 */
export function clinicTypeRoutes(deps: AppDeps) {
  return new Hono().get('/directory/clinic-types', requireRole('B1107', ...rolesOfSide('referrer')), async (c) =>
    c.html(
      <ClinicTypeSelect
        codes={await codeLists(deps.db)}
        specialtyCode={c.req.query('specialtyCode') ?? ''}
        value=""
        empty={c.req.query('for') === 'search' ? 'Any' : undefined}
      />,
    ),
  );
}
