import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RoleCode } from '../domain/roles';
import { createTestApp } from '../tests/helpers/app';
import { signIn } from '../tests/helpers/session';
import { declaredRoutes } from '../tests/helpers/routes';

/** The header's directives, by name. */
function directives(header: string | null): Record<string, string> {
  const entries = (header ?? '').split(';').map((d) => d.trim().split(/\s+/));
  return Object.fromEntries(entries.map(([name, ...values]) => [name, values.join(' ')]));
}

// Markup the Content-Security-Policy would refuse to run: an inline style, script or event handler.
const INLINE = [/\sstyle=["']/i, /<style[\s>]/i, /<script(?![^>]*\ssrc=)[^>]*>/i, /\son[a-z]+=["']/i];

describe('security headers on every response', () => {
  let t: Awaited<ReturnType<typeof createTestApp>>;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t?.stop());

  /** Every route but the static files, with a role it lets in (so the page itself answers). */
  function routes() {
    return declaredRoutes(t.app, (path) => path.startsWith('/assets')).map(({ method, path, access }) => ({
      method,
      path,
      role: (Array.isArray(access) ? access[0] : 'B1101') as RoleCode,
    }));
  }

  it('sends Cache-Control: no-store, and on every page a strict CSP, signed in or not', async () => {
    const checked: string[] = [];
    for (const route of routes()) {
      const path = route.path.replace(/:[a-z]+/gi, 'no-such-id');
      // A fresh session each time: signing out ends the one it was given.
      for (const session of [undefined, await signIn(t.db, { orgCode: 'A81001', role: route.role })]) {
        const label = `${route.method} ${route.path} ${session ? `as ${route.role}` : 'signed out'}`;
        const response = await t.app.request(path, {
          method: route.method,
          headers: session ? { cookie: session.cookie, 'x-csrf-token': session.csrfToken } : {},
          redirect: 'manual',
        });
        expect(response.headers.get('cache-control'), label).toBe('no-store');
        if (!response.headers.get('content-type')?.startsWith('text/html')) continue;
        const csp = directives(response.headers.get('content-security-policy'));
        expect(csp, label).toMatchObject({
          'default-src': "'self'",
          'script-src': "'self'",
          'style-src': "'self'",
          'object-src': "'none'",
          'base-uri': "'none'",
          'frame-ancestors': "'none'",
        });
        expect(Object.values(csp).join(' '), label).not.toMatch(/unsafe-|data:|\*/);
        const html = await response.text();
        for (const pattern of INLINE) expect(html, `${label}: ${pattern}`).not.toMatch(pattern);
        checked.push(label);
      }
    }
    expect(checked.length).toBeGreaterThan(40);
  });

  it('lets browsers cache the static files, which hold nobody’s data', async () => {
    for (const file of ['carepath.css', 'carepath.js', 'nhsuk-frontend.min.css']) {
      const response = await t.app.request(`/assets/${file}`);
      expect(response.status, file).toBe(200);
      expect(response.headers.get('cache-control'), file).toBe('public, max-age=3600');
    }
  });
});
