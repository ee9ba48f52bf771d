import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLE_CODES } from '../../domain/roles';
import { createTestApp } from '../../tests/helpers/app';
import { signIn, type TestSession } from '../../tests/helpers/session';
import { declaredRoutes } from '../../tests/helpers/routes';
import { ROUTE_ACCESS } from './route-table';

// Served before the session middleware, to anyone: static files and health checks.
const OPEN_PATHS = ['/assets/*', '/healthz', '/readyz'];

describe('every route declares who may use it, and that is enforced', () => {
  let t: Awaited<ReturnType<typeof createTestApp>>;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t?.stop());

  const routes = () => declaredRoutes(t.app, (path) => OPEN_PATHS.includes(path));

  it('finds an access rule for every route (the route table, or requireRole on the route)', () => {
    const undeclared = routes()
      .filter((r) => r.access === undefined)
      .map((r) => `${r.method} ${r.path}`);
    expect(undeclared).toEqual([]);
  });

  it('tries each route with no session and with every role', async () => {
    for (const route of routes()) {
      const path = route.path.replace(/:[a-z]+/gi, 'no-such-id');
      const request = (session?: TestSession) =>
        t.app.request(path, {
          method: route.method,
          headers: session ? { cookie: session.cookie, 'x-csrf-token': session.csrfToken } : {},
          redirect: 'manual',
        });
      const label = `${route.method} ${route.path}`;
      const anonymous = await request();
      if (route.access !== 'public') expect(anonymous.status, `${label} without a session`).toBe(401);
      for (const role of ROLE_CODES) {
        // A fresh session each time: signing out (everywhere) ends the one it was given.
        const response = await request(await signIn(t.db, { orgCode: 'A81001', role }));
        const body = await response.text();
        const denied = response.status === 401 || body.includes('is not available to the');
        const allowed = route.access === 'public' || route.access === 'signed-in' || route.access!.includes(role);
        expect(denied, `${label} as ${role}`).toBe(!allowed);
        if (!allowed) expect(response.status, `${label} as ${role}`).toBe(403);
      }
    }
  });

  it('has no GET route that changes anything: every GET in the table is a page', () => {
    const gets = Object.keys(ROUTE_ACCESS).filter((k) => k.startsWith('GET '));
    expect(gets.every((k) => !/(remove|reset|unlock|sign-out|keep-alive)/.test(k))).toBe(true);
  });
});
