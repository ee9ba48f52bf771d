import { Hono } from 'hono';
import { CarepathError } from '../../domain/errors';
import { FIND_PERMISSIONS } from '../../domain/find/permissions';
import { isPermitted, rolesFor } from '../../domain/permissions';
import type { AppDeps } from '../deps';
import { requireRole } from '../auth/middleware';
import { readDate } from '../components/date-input';
import { formRefusal, statusOf } from '../errors';
import { FindPage, type FindPageProps } from './find.page';

/** Find a referral (the header box and the full form) and, for referrers, all their organisation's referrals. */
export function findRoutes(deps: Pick<AppDeps, 'services'>) {
  const { find } = deps.services;
  const app = new Hono();
  const finders = requireRole(...rolesFor(FIND_PERMISSIONS, 'findReferral'));

  // The search terms never travel in a URL: the page is a GET, the search is this POST.
  app.get('/find', finders, async (c) => {
    const actor = c.get('actor');
    const organisation = isPermitted(FIND_PERMISSIONS, 'listOrganisationReferrals', actor.role)
      ? await find.organisationReferrals(actor, c.req.query('after'))
      : undefined;
    return c.html(<FindPage c={c} organisation={organisation} />);
  });

  app.post('/find', finders, async (c) => {
    const form = (await c.req.parseBody()) as Record<string, unknown>;
    const q = typeof form.q === 'string' ? form.q : '';
    const dob = readDate(form, 'dob', 'Date of birth', { optional: true });
    const values = { q, dob: dob.parts };
    const again = (props: Partial<FindPageProps>, error: CarepathError) =>
      c.html(<FindPage c={c} values={values} {...props} />, statusOf(error));
    if (dob.error !== undefined) {
      const error = CarepathError.forField('VALIDATION', dob.error, 'dob');
      return again({ errors: error.fields, dobParts: dob.invalid }, error);
    }
    try {
      const outcome = await find.search(c.get('actor'), { q, dateOfBirth: dob.iso || undefined });
      return c.html(<FindPage c={c} values={values} outcome={outcome} />);
    } catch (thrown) {
      const error = formRefusal(thrown);
      return again({ errors: error.fields }, error);
    }
  });

  return app;
}
