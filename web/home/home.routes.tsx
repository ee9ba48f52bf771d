import { Hono } from 'hono';
import { Layout } from '../layout';

/** The front door. Sign-in arrives with its own feature and takes over from here. */
export const homeRoutes = new Hono().get('/', (c) =>
  c.html(
    <Layout title="Welcome">
      <h1 class="nhsuk-heading-xl">Carepath</h1>
      <p class="nhsuk-lede-text">
        Refer patients to hospital and community services, triage and book them, and see where every referral stands.
      </p>
    </Layout>,
  ),
);
