import { Hono } from 'hono';
import { access } from '../auth/route-table';
import { homePath } from '../auth/homes';
import { Layout } from '../layout';

/** The front door: signed-in staff go to their role's home, everyone else is invited to sign in. */
export const homeRoutes = new Hono().get('/', access('GET /'), (c) => {
  const actor = c.get('actor');
  if (actor) return c.redirect(homePath(actor.role), 303);
  if (c.get('session')?.stage === 'signed_in') return c.redirect('/auth/organisation', 303);
  return c.html(
    <Layout title="Welcome">
      <h1 class="nhsuk-heading-xl">Carepath</h1>
      <p class="nhsuk-lede-text">
        Refer patients to hospital and community services, triage and book them, and see where every referral stands.
      </p>
      <a class="nhsuk-button" href="/auth/sign-in" role="button" draggable="false">
        Sign in
      </a>
    </Layout>,
  );
});
