import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Referral } from '../../domain/referral';
import { addSlot, bookable } from '../../fixtures/directory';
import { actOnReferral } from '../../services/referrals/referral-workflows';
import { appInput } from '../../system/system';
import { ACTORS, type ReferralWorld, createReferralWorld, get, post } from '../../tests/helpers/referral-world';
import { signIn } from '../../tests/helpers/session';
import { createApp } from '../app';
import { jsonLogger } from '../observability/logging';

const NHS_NUMBER = '9990000018';

describe('find a referral, the menu and the worklists page', () => {
  let w: ReferralWorld;
  let booked: Referral;
  let other: Referral;
  const logLines: string[] = [];
  let logged: ReferralWorld['app'];

  beforeAll(async () => {
    w = await createReferralWorld();
    // The same system behind an app whose request log the test reads.
    logged = createApp(appInput(w.system), { logger: jsonLogger((line) => logLines.push(line)) });
    booked = await w.refer({ letter: { status: 'ATTACHED', documentId: 'doc-for-routes' } });
    const slot = bookable(await addSlot(w.db, w.services.dbs.serviceId, { daysAhead: 6 }));
    const book = { type: 'BOOK', expectedVersion: 1, serviceId: w.services.dbs.serviceId, ...slot } as const;
    booked = (await actOnReferral(w.client, booked.ubrn, book, ACTORS.gp)).referral;
    const elsewhere = (await signIn(w.db, { orgCode: 'B82002', role: 'B1101', userId: 'gp-elsewhere' })).actor;
    other = await w.refer({}, elsewhere);
  });
  afterAll(() => w?.stop());

  it('puts the menu and the search box (a POST) on the role home pages', async () => {
    const home = await (await get(w, w.sessions.gp, '/referrer')).text();
    expect(home).toMatch(/<nav class="nhsuk-header__navigation" aria-label="Menu">/);
    expect(home).toMatch(/href="\/referrer" aria-current="page">\s*Home/);
    expect(home).toContain('href="/referrals/new"');
    expect(home).toContain('href="/worklists"');
    expect(home).toMatch(/<form class="nhsuk-header__search-form" id="search" action="\/find" method="post"/);
    // A Referring Admin may not create referrals: neither menu nor button offers it.
    const admin = await (await get(w, w.sessions.gpAdmin, '/referrer')).text();
    expect(admin).not.toContain('href="/referrals/new"');
    expect(admin).toContain('action="/find"');
    const provider = await (await get(w, w.sessions.clinician, '/provider')).text();
    expect(provider).toContain('href="/find"');
    expect(provider).not.toContain('href="/referrals/new"');
  });

  it('lists the role’s worklists at /worklists, with counts', async () => {
    const page = await get(w, w.sessions.gp, '/worklists');
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('href="/worklists/awaiting-booking"');
    expect(html).toContain('data-count="letters"');
    expect(html).not.toContain('/worklists/review');
    const provider = await (await get(w, w.sessions.admin, '/worklists')).text();
    expect(provider).toContain('href="/worklists/slot-issues"');
  });

  it('finds by NHS number from the header box, in a POST answered with the results (no redirect)', async () => {
    const res = await post(w, w.sessions.gp, '/find', { q: '999 000 0018' });
    expect(res.status).toBe(200);
    expect(res.headers.get('location')).toBeNull();
    const html = await res.text();
    expect(html).toContain('1 referral found');
    expect(html).toContain(`href="/referrals/${booked.ubrn}"`);
    expect(html).toContain('Cardiology Outpatients');
    expect(html).not.toContain(other.ubrn);
    // The search box keeps what was typed.
    expect(html).toContain('value="999 000 0018"');
  });

  it('keeps NHS numbers and names out of every URL and log line', async () => {
    const res = await logged.request('/find', {
      method: 'POST',
      body: new URLSearchParams({ _csrf: w.sessions.gp.csrfToken, q: NHS_NUMBER }),
      headers: { cookie: w.sessions.gp.cookie, 'content-type': 'application/x-www-form-urlencoded' },
    });
    const html = await res.text();
    const urls = [...html.matchAll(/(?:href|action|hx-get)="([^"]*)"/g)].map((m) => m[1]!);
    expect(urls.length).toBeGreaterThan(5);
    for (const url of urls) expect(url).not.toMatch(new RegExp(`${NHS_NUMBER}|Example`, 'i'));
    const line = logLines.find((l) => l.includes('"route":"/find"'));
    expect(line).toBeDefined();
    expect(logLines.join('\n')).not.toContain(NHS_NUMBER);
    // The page itself takes no search terms from the query string.
    const ignored = await (await get(w, w.sessions.gp, `/find?q=${NHS_NUMBER}`)).text();
    expect(ignored).not.toContain('referral found');
  });

  it('asks for the date of birth when only a surname is given, keeping what was typed, fields in page order', async () => {
    const res = await post(w, w.sessions.gp, '/find', { q: 'Example' });
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain('<title>Error: Find a referral - Carepath</title>');
    expect(html).toContain('href="#dob"');
    expect(html).toContain('value="Example"');
    const found = await post(w, w.sessions.gp, '/find', {
      q: 'EXAMPLE',
      'dob-day': '3',
      'dob-month': '2',
      'dob-year': '1961',
    });
    expect(await found.text()).toContain(`href="/referrals/${booked.ubrn}"`);
    const badDate = await post(w, w.sessions.gp, '/find', { q: 'Example', 'dob-day': '31', 'dob-month': '2' });
    expect(badDate.status).toBe(422);
    expect(await badDate.text()).toContain('Date of birth must include a year');
  });

  it('shows a referring practice all its open referrals, booked ones too; a provider the search alone', async () => {
    const html = await (await get(w, w.sessions.gp, '/find')).text();
    expect(html).toContain('Your organisation’s referrals');
    expect(html).toContain(`href="/referrals/${booked.ubrn}"`);
    expect(html).not.toContain(other.ubrn);
    const provider = await (await get(w, w.sessions.clinician, '/find')).text();
    expect(provider).not.toContain('Your organisation’s referrals');
    expect((await get(w, w.sessions.gp, '/find')).status).toBe(200);
  });

  it('keeps the page and the search to roles that find referrals', async () => {
    const definer = await signIn(w.db, { orgCode: 'RXX', role: 'B1107', userId: 'definer-1' });
    expect((await get(w, definer, '/find')).status).toBe(403);
    expect((await post(w, definer, '/find', { q: NHS_NUMBER })).status).toBe(403);
    expect((await get(w, definer, '/worklists')).status).toBe(403);
    const home = await (await get(w, definer, '/service-definer')).text();
    expect(home).not.toContain('action="/find"');
    expect(home).toContain('href="/directory/services"');
  });
});
