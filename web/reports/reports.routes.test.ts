import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReportTables } from '../../db/reports/reports.table';
import { addDays, londonDateOf } from '../../domain/reports/date-range';
import { refreshActivity } from '../../db/reports/activity.repository';
import { WORLD, addReportWorld, parseCsv } from '../../fixtures/reports';
import { createTestApp } from '../../tests/helpers/app';
import { type TestSession, signIn } from '../../tests/helpers/session';

describe('reports pages and downloads', () => {
  let t: Awaited<ReturnType<typeof createTestApp>>;
  let analyst: TestSession;
  const today = londonDateOf(new Date());
  const get = (path: string, session: TestSession = analyst) =>
    t.app.request(path, { headers: { cookie: session.cookie } });

  beforeAll(async () => {
    t = await createTestApp();
    await addReportWorld(t.db, today);
    await refreshActivity(t.db);
    analyst = await signIn(t.db, { orgCode: WORLD.providerX, role: 'B1130' });
  });
  afterAll(() => t?.stop());

  it('streams an extract as a UTF-8 CSV attachment', async () => {
    const query = new URLSearchParams({
      period: 'months',
      fromMonth: addDays(today, -70).slice(0, 7),
      toMonth: today.slice(0, 7),
    });
    const response = await get(`/reports/extracts/actions?${query}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('content-disposition')).toMatch(
      new RegExp(
        `^attachment; filename="carepath-actions-${WORLD.providerX}-\\d{4}-\\d{2}-01-to-\\d{4}-\\d{2}-\\d{2}\\.csv"$`,
      ),
    );
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const { rows } = parseCsv(new TextDecoder().decode(bytes));
    expect(rows.length).toBeGreaterThan(20);
    expect(rows.every((r) => r.provider_org === WORLD.providerX || r.ubrn === '799999999999')).toBe(true);
  });

  it('shows a bad range beside its field, keeping what was typed', async () => {
    const response = await get('/reports/extracts/actions?period=months&fromMonth=2025-01&toMonth=2026-06');
    expect(response.status).toBe(422);
    const html = await response.text();
    expect(html).toContain('href="#actions-toMonth"');
    expect(html).toContain('Choose 12 months or fewer');
    expect(html).toMatch(/id="actions-toMonth"[^>]*value="2026-06"|value="2026-06"[^>]*id="actions-toMonth"/);
  });

  it('lists every extract with its forms, and says when there is no such extract', async () => {
    const html = await (await get('/reports/extracts')).text();
    for (const kind of ['actions', 'active-referrals', 'slot-issues', 'slots', 'advice-requests', 'user-roles']) {
      expect(html).toContain(`action="/reports/extracts/${kind}"`);
    }
    expect((await get('/reports/extracts/patients')).status).toBe(404);
    // Months are prepared in the background: a POST form with the CSRF field.
    expect(html).toContain('action="/reports/extracts/actions/builds"');
    expect(html).toMatch(/<form method="post" action="\/reports\/extracts\/actions\/builds"[^>]*>\s*<input type="hidden" name="_csrf"/);
  });

  it('draws the dashboard as SVG charts, each with a table of its numbers', async () => {
    const response = await get(`/reports/dashboard?weeks=4&to=${addDays(today, -1)}`);
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html.match(/<svg class="carepath-chart"[^>]*role="img"/g)).toHaveLength(2);
    expect(html).toContain('<caption class="nhsuk-table__caption">By week</caption>');
    expect(html).toContain('Services with the most appointment slot issues in the period');
    expect(html).toContain(`/reports/dashboard/download?weeks=4&amp;to=${addDays(today, -1)}`);
  });

  it('keeps bad filters on the page with their errors, and still shows figures', async () => {
    const response = await get('/reports/dashboard?weeks=3&to=2026-02-30');
    expect(response.status).toBe(422);
    const html = await response.text();
    expect(html).toContain('Choose a period from the list');
    expect(html).toContain('value="2026-02-30"');
    expect(html).toContain('<svg');
  });

  it('downloads the dashboard figures as CSV', async () => {
    const response = await get(`/reports/dashboard/download?weeks=13&to=${today}`);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const { header, rows } = parseCsv(await response.text());
    expect(header.slice(1)).toEqual(['item', 'measure', 'this_period', 'previous_period', 'change_percent']);
    expect(rows.filter((r) => r.section === 'week')).toHaveLength(13 * 3);
  });

  it('prepares months in the background: progress page, then the file (gzip to a browser)', async () => {
    const form = new URLSearchParams({
      _csrf: analyst.csrfToken,
      period: 'months',
      fromMonth: addDays(today, -70).slice(0, 7),
      toMonth: today.slice(0, 7),
    });
    const started = await t.app.request('/reports/extracts/actions/builds', {
      method: 'POST',
      headers: { cookie: analyst.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      body: form.toString(),
    });
    expect(started.status).toBe(303);
    const page = started.headers.get('location')!;
    expect(page).toMatch(/^\/reports\/extracts\/builds\/[0-9a-f-]{36}$/);
    expect((await get(page)).status).toBe(200);
    let fragment = '';
    for (const deadline = Date.now() + 60_000; Date.now() < deadline; ) {
      fragment = await (await get(`${page}/progress`)).text();
      if (!fragment.includes('hx-trigger')) break;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(fragment).toMatch(/Ready: <strong>\d+<\/strong> rows/);
    expect(fragment).toContain(`href="${page}/file"`);

    const gzip = await t.app.request(`${page}/file`, {
      headers: { cookie: analyst.cookie, 'accept-encoding': 'gzip, deflate' },
    });
    expect(gzip.headers.get('content-encoding')).toBe('gzip');
    const zipped = Buffer.from(await gzip.arrayBuffer());
    const plain = await get(`${page}/file`);
    expect(plain.headers.get('content-encoding')).toBeNull();
    expect(plain.headers.get('content-disposition')).toMatch(/^attachment; filename="carepath-actions-RPX-/);
    const text = await plain.text();
    // The body as text drops the byte-order mark a spreadsheet needs; the file has it.
    expect(gunzipSync(zipped).toString('utf8')).toBe(`\uFEFF${text}`);
    expect(parseCsv(text).rows.length).toBeGreaterThan(20);
    // Someone else's build is not there for them.
    const other = await signIn(t.db, { orgCode: WORLD.providerX, role: 'B1130' });
    expect((await get(page, other)).status).toBe(404);
    expect((await get(`${page}/file`, other)).status).toBe(404);
  });

  it('polls the progress of a build while it is being prepared', async () => {
    await t.db
      .withTables<ReportTables>()
      .insertInto('report_extract_builds')
      .values({
        id: 'in-progress-build',
        user_id: analyst.actor.userId,
        org_code: WORLD.providerX,
        kind: 'actions',
        range_from: '2026-10-01',
        range_to: '2026-10-31',
        filename: 'x.csv',
        status: 'building',
        rows: 123_456,
        expires_at: new Date(Date.now() + 3_600_000),
      })
      .execute();
    const html = await (await get('/reports/extracts/builds/in-progress-build')).text();
    expect(html).toContain('From 2026-10-01 to 2026-10-31.');
    expect(html).toContain('hx-get="/reports/extracts/builds/in-progress-build/progress"');
    expect(html).toContain('hx-trigger="every 2s"');
    expect(html).toContain('Preparing: <strong>123,456</strong> rows so far.');
    expect(html).toContain('role="status"');
    expect((await get('/reports/extracts/builds/in-progress-build/file')).status).toBe(409);
  });

  it('is closed to other roles', async () => {
    const manager = await signIn(t.db, { orgCode: WORLD.providerX, role: 'B1120' });
    for (const path of [
      '/reports',
      '/reports/dashboard',
      '/reports/extracts',
      '/reports/extracts/actions?period=day&day=2026-11-30',
    ]) {
      expect((await get(path, manager)).status, path).toBe(403);
    }
  });
});
