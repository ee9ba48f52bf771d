import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../config/env';
import { createTestDatabase, type TestDatabase } from '../../tests/helpers/database';
import { startTestTemporal, testSecrets } from '../../tests/helpers/temporal';
import { createApp } from '../app';

describe('health endpoints', () => {
  let database: TestDatabase;
  let temporal: Awaited<ReturnType<typeof startTestTemporal>>;
  let app: ReturnType<typeof createApp>;

  beforeAll(async () => {
    database = await createTestDatabase();
    temporal = await startTestTemporal(database.db);
    const config = loadConfig({});
    app = createApp({
      db: database.db,
      temporal: temporal.client,
      config,
      secrets: { sessionSecret: 'x'.repeat(32), ...testSecrets },
      taskQueue: temporal.target.taskQueue,
    });
  });
  afterAll(async () => {
    await temporal?.stop();
    await database?.destroy();
  });

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

  it('answers an unknown page with an NHS-style 404', async () => {
    const response = await app.request('/no-such-page');
    expect(response.status).toBe(404);
    expect(await response.text()).toContain('Page not found');
  });

  it('/readyz says 503 and why once the database is gone', async () => {
    await database.destroy();
    const response = await app.request('/readyz');
    expect(response.status).toBe(503);
    const body = (await response.json()) as { checks: { database: string; temporal: string } };
    expect(body.checks.temporal).toBe('ok');
    expect(body.checks.database).not.toBe('ok');
  });
});
