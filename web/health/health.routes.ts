import { Hono } from 'hono';
import type { AppDeps } from '../deps';
import { statusOf } from '../errors';

/**
 * `/healthz`: the process answers. `/readyz`: it can reach the database and Temporal. Both are
 * public, so they say only ok or failing; why a check fails goes to the server's log.
 */
export function healthRoutes(deps: Pick<AppDeps, 'services'>) {
  return new Hono()
    .get('/healthz', (c) => c.json({ status: 'ok' }))
    .get('/readyz', async (c) => {
      const { ready, checks, reasons } = await deps.services.health.readiness();
      if (!ready) console.error('Not ready:', JSON.stringify(reasons));
      // Not ready is an outage of a dependency: the same status the app gives any UNAVAILABLE.
      return c.json({ status: ready ? 'ready' : 'not ready', checks }, ready ? 200 : statusOf('UNAVAILABLE'));
    });
}
