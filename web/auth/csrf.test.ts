import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../../tests/helpers/app';
import { declaredRoutes, examplePath } from '../../tests/helpers/routes';
import { signIn, type TestSession } from '../../tests/helpers/session';

/**
 * Every state-changing route refuses a signed-in user's request that does not carry the
 * session's CSRF token, whoever may use the route. The routes come from the app itself
 * (`declaredRoutes`), so a route added tomorrow is tried too.
 */

// Served before the session middleware: the Temporal UI's codec calls are cross-origin JSON,
// guarded by their origin and content type instead (web/ops/codec.routes.test.ts).
const BEFORE_SESSIONS = ['/codec/decode', '/codec/encode'];
const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);
const EXPIRED = 'This page had expired';

describe('CSRF for signed-in staff', () => {
  let t: Awaited<ReturnType<typeof createTestApp>>;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t?.stop());

  const unsafeRoutes = () =>
    declaredRoutes(t.app, (path) => BEFORE_SESSIONS.includes(path)).filter((route) => !SAFE.has(route.method));

  /** A fresh session in a role the route admits (a list's first role; any role otherwise). */
  const sessionFor = (access: unknown) =>
    signIn(t.db, { orgCode: 'A81001', role: Array.isArray(access) ? access[0] : 'B1101' });

  const send = (method: string, path: string, session: TestSession, form: Record<string, string>, headers = {}) =>
    t.app.request(examplePath(path), {
      method,
      body: new URLSearchParams(form),
      headers: { cookie: session.cookie, 'content-type': 'application/x-www-form-urlencoded', ...headers },
      redirect: 'manual',
    });

  it('finds the state-changing routes (sign-in, referral actions, administration...)', () => {
    const keys = unsafeRoutes().map((r) => `${r.method} ${r.path}`);
    expect(keys).toEqual(
      expect.arrayContaining(['POST /auth/sign-out', 'POST /admin/users', 'POST /referrals/:ubrn/actions/:type']),
    );
  });

  it('refuses each one without a token, with a wrong token, and with the token of another session', async () => {
    const other = await signIn(t.db, { orgCode: 'A81001', role: 'B1101' });
    const missed: string[] = [];
    for (const route of unsafeRoutes()) {
      const label = `${route.method} ${route.path}`;
      const attempts = {
        'no token': {},
        'a wrong token': { _csrf: 'x'.repeat(43) },
        "another session's token": { _csrf: other.csrfToken },
      };
      for (const [what, form] of Object.entries(attempts)) {
        const response = await send(route.method, route.path, await sessionFor(route.access), form);
        const body = await response.text();
        if (response.status !== 403 || !body.includes(EXPIRED))
          missed.push(`${label} with ${what}: ${response.status}`);
      }
      const header = await send(
        route.method,
        route.path,
        await sessionFor(route.access),
        {},
        {
          'x-csrf-token': 'y'.repeat(43),
        },
      );
      if (header.status !== 403) missed.push(`${label} with a wrong X-CSRF-Token header: ${header.status}`);
    }
    expect(missed).toEqual([]);
  }, 300_000);

  it("lets the same requests past the check with the session token (the refusals above are the token's)", async () => {
    const refused: string[] = [];
    for (const route of unsafeRoutes()) {
      const session = await sessionFor(route.access);
      const response = await send(route.method, route.path, session, { _csrf: session.csrfToken });
      if ((await response.text()).includes(EXPIRED)) refused.push(`${route.method} ${route.path}`);
    }
    expect(refused).toEqual([]);
  }, 300_000);
});
