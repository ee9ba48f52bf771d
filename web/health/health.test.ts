import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestApp } from '../../tests/helpers/app';

describe('health endpoints', () => {
  let t: Awaited<ReturnType<typeof createTestApp>>;
  let app: Awaited<ReturnType<typeof createTestApp>>['app'];

  beforeAll(async () => {
    t = await createTestApp();
    app = t.app;
  });
  afterAll(() => t?.stop());

  it('/healthz answers while the process is up', async () => {
    const response = await app.request('/healthz');
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });
  });

  it('/readyz reports the database and Temporal reachable', async () => {
    const response = await app.request('/readyz');
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ready', checks: { database: 'ok', temporal: 'ok' } });
  });

  it('/ names Carepath in the NHS.UK frontend style', async () => {
    const response = await app.request('/');
    const html = await response.text();
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html).toContain('<span class="nhsuk-header__service-name">Carepath</span>');
    expect(html).toContain('/assets/nhsuk-frontend.min.css');
    expect((await app.request('/assets/nhsuk-frontend.min.css')).headers.get('content-type')).toMatch(/text\/css/);
    expect((await app.request('/assets/htmx.min.js')).status).toBe(200);
  });

  it('tells htmx to show validation (422) and conflict (409) answers, which htmx 2 would drop', async () => {
    const html = await (await app.request('/')).text();
    const config = html.match(/<meta name="htmx-config" content="([^"]+)"/)?.[1]?.replaceAll('&quot;', '"');
    const rules: { code: string; swap: boolean }[] = JSON.parse(config!).responseHandling;
    const rule = (status: string) => rules.find((r) => new RegExp(`^(${r.code})$`).test(status));
    expect(rule('422')?.swap).toBe(true);
    expect(rule('409')?.swap).toBe(true);
    expect(rule('500')?.swap).toBe(false);
    expect(rule('204')?.swap).toBe(false);
  });

  it('serves no file it was not told to', async () => {
    expect((await app.request('/assets/../package.json')).status).toBe(404);
    expect((await app.request('/assets/nhsuk-frontend.min.js.map')).status).toBe(404);
  });

  it.each(['constructor', '__proto__', 'toString', 'hasOwnProperty', 'images/constructor'])(
    'answers /assets/%s with the 404 page: names are looked up, not inherited',
    async (name) => {
      const response = await app.request(`/assets/${name}`);
      expect(response.status).toBe(404);
      expect(await response.text()).toContain('Page not found');
    },
  );

  it('answers an unknown page with an NHS-style 404', async () => {
    const response = await app.request('/no-such-page');
    expect(response.status).toBe(404);
    expect(await response.text()).toContain('Page not found');
  });

  it('/readyz says 503 and which check fails once the database is gone, but not why: it is public', async () => {
    await t.system.database.destroy();
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      const response = await app.request('/readyz');
      expect(response.status).toBe(503);
      expect(await response.json()).toEqual({ status: 'not ready', checks: { database: 'failing', temporal: 'ok' } });
      // The reason goes to the server's log, for whoever runs the service.
      expect(logged.mock.calls.flat().join(' ')).toMatch(/Not ready: \{"database":".+"\}/);
    } finally {
      logged.mockRestore();
    }
  });
});
