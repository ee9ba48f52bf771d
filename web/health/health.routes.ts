import { Hono } from 'hono';
import type { AppDeps } from '../app';
import { statusOf } from '../errors';

/** `/healthz`: the process answers. `/readyz`: it can reach the database and Temporal. */
export function healthRoutes(deps: Pick<AppDeps, 'services'>) {
  return new Hono()
    .get('/healthz', (c) => c.json({ status: 'ok' }))
    .get('/readyz', async (c) => {
      const { ready, checks } = await deps.services.health.readiness();
      // Not ready is an outage of a dependency: the same status the app gives any UNAVAILABLE.
      return c.json({ status: ready ? 'ready' : 'not ready', checks }, ready ? 200 : statusOf('UNAVAILABLE'));
    });
}
