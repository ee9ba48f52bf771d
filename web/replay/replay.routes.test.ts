import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../../tests/helpers/app';
import { type TestSession, signIn } from '../../tests/helpers/session';

const saved = readFileSync(new URL('../../tests/replay/histories/dna-rebook.json', import.meta.url), 'utf8');

describe('replay routes', () => {
  let t: Awaited<ReturnType<typeof createTestApp>>;
  let ops: TestSession;
  let gp: TestSession;

  const upload = (session: TestSession, text: string, name = 'case.json') => {
    const form = new FormData();
    form.set('_csrf', session.csrfToken);
    form.set('history', new File([text], name, { type: 'application/json' }));
    return t.app.request('/replay/upload', { method: 'POST', body: form, headers: { cookie: session.cookie } });
  };
  const get = (path: string, session: TestSession, headers: Record<string, string> = {}) =>
    t.app.request(path, { headers: { cookie: session.cookie, ...headers } });

  beforeAll(async () => {
    t = await createTestApp();
    ops = await signIn(t.db, { orgCode: 'QMF', role: 'CP0002' });
    gp = await signIn(t.db, { orgCode: 'A81001', role: 'B1101' });
  });
  afterAll(() => t?.stop());

  it('opens an uploaded history at its first event, and answers htmx with the step alone', async () => {
    const opened = await upload(ops, saved);
    expect(opened.status).toBe(303);
    const first = opened.headers.get('location')!;
    expect(first).toMatch(/^\/replay\/[\w-]+\/events\/1$/);
    const page = await (await get(first, ops)).text();
    expect(page).toContain('Event 1 of ');
    expect(page).toContain('rel="next"');
    expect(page).not.toContain('rel="prev"');
    const partial = await get(first.replace(/1$/, '7'), ops, { 'HX-Request': 'true' });
    const html = await partial.text();
    expect(html.startsWith('<div id="replay-step">')).toBe(true);
    expect(html).toContain('Transition v1 committed');
    expect(partial.headers.get('cache-control')).toContain('no-store');
  });

  it('keeps the engineer on the form with the reason when the file is not a history', async () => {
    const refused = await upload(ops, '{"events": [{"eventId": "1"}]}');
    expect(refused.status).toBe(422);
    expect(await refused.text()).toContain('Event 1 in the file has no eventType');
    const none = await upload(ops, '', 'empty.json');
    expect(none.status).toBe(422);
    expect(await none.text()).toContain('Choose a history file to open');
  });

  it('takes a history far larger than an ordinary form', async () => {
    const padded = JSON.stringify({ ...JSON.parse(saved), padding: 'x'.repeat(500_000) });
    expect((await upload(ops, padded)).status).toBe(303);
  });

  it('refuses staff who do not replay histories', async () => {
    expect((await get('/replay', gp)).status).toBe(403);
    expect((await upload(gp, saved)).status).toBe(403);
  });

  it('says a history someone else opened is not open', async () => {
    const first = (await upload(ops, saved)).headers.get('location')!;
    const other = await signIn(t.db, { orgCode: 'QMF', role: 'CP0002' });
    expect((await get(first, other)).status).toBe(404);
  });

  it('names the field when the booking reference is wrong', async () => {
    const form = new URLSearchParams({ _csrf: ops.csrfToken, ubrn: '12 34' });
    const response = await t.app.request('/replay/export', {
      method: 'POST',
      body: form,
      headers: { cookie: ops.cookie, 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(response.status).toBe(422);
    expect(await response.text()).toContain('Booking reference (UBRN) must be 12 digits');
  });
});
