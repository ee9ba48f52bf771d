import { mkdirSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Referral } from '../../domain/referral';
import type { RoleCode } from '../../domain/roles';
import { addSlot, bookable } from '../../fixtures/directory';
import { actOnReferral } from '../../services/referrals/referral-workflows';
import { freePort } from '../../system/ports';
import { type RunningServer, startServer } from '../../system/server';
import { axeViolations } from '../helpers/axe';
import { launchChromium } from '../helpers/browser';
import { ACTORS, GP, type ReferralWorld, TRUST, createReferralWorld } from '../helpers/referral-world';
import { type TestSession, signIn } from '../helpers/session';

const shots = 'test-output/e2e-find-referral';

/**
 * A GP's booked referral, with its letter attached, sits on none of the practice's worklists.
 * The GP comes back later, finds it from the header's search box by NHS number, and prints
 * the patient's letter again. Every page on the way, the role home pages with their menus and
 * the worklist pages, must pass axe-core at WCAG 2.2 AA.
 */
describe('finding a referral again and reprinting its letter, in a real browser', () => {
  let w: ReferralWorld;
  let server: RunningServer;
  let browser: Browser;
  let booked: Referral;

  beforeAll(async () => {
    mkdirSync(shots, { recursive: true });
    w = await createReferralWorld({ env: { PORT: String(await freePort()) } });
    server = await startServer(w.system);
    browser = await launchChromium();
    booked = await w.refer({
      letter: { status: 'ATTACHED', documentId: 'doc-e2e' },
      patient: {
        nhsNumber: '9990000018',
        givenName: 'Alice',
        familyName: 'Example',
        dateOfBirth: '1961-02-03',
        sex: 'female',
        postcode: 'LS1 4AP',
        address: '1 Park Row, Leeds',
        registeredPracticeCode: GP,
      },
    });
    const slot = bookable(await addSlot(w.db, w.services.dbs.serviceId, { daysAhead: 6 }));
    const book = { type: 'BOOK', expectedVersion: 1, serviceId: w.services.dbs.serviceId, ...slot } as const;
    booked = (await actOnReferral(w.client, booked.ubrn, book, ACTORS.gp)).referral;
    await w.db
      .updateTable('services')
      .set({ address: '1 Great George Street, Leeds LS1 3EX', telephone: '0113 243 2799' })
      .where('id', '=', Number(w.services.dbs.serviceId))
      .execute();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await w?.stop();
  });

  async function as(session: TestSession): Promise<Page> {
    const context = await browser.newContext();
    const [name, value] = session.cookie.split('=') as [string, string];
    await context.addCookies([{ name, value, url: server.url }]);
    return context.newPage();
  }

  async function check(page: Page, name: string) {
    await page.screenshot({ path: `${shots}/${name}.png`, fullPage: true });
    expect(await axeViolations(page), `axe on ${name}`).toEqual([]);
  }

  it('the GP finds the booked referral from the header search by NHS number and reprints the letter', async () => {
    const page = await as(w.sessions.gp);
    await page.goto(`${server.url}/referrer`);
    await check(page, '1-referrer-home');
    const menu = page.getByRole('navigation', { name: 'Menu' });
    await expect(menu.getByRole('link', { name: 'Create referral' }).isVisible()).resolves.toBe(true);

    await page.getByLabel('Find a referral by booking reference, NHS number or surname').fill('999 000 0018');
    await page.getByRole('button', { name: 'Find a referral' }).click();
    await page.waitForURL(`${server.url}/find`);
    expect(page.url()).toBe(`${server.url}/find`);
    await expect(page.getByRole('heading', { name: /1 referral found by NHS number/ }).isVisible()).resolves.toBe(true);
    await check(page, '2-search-results');

    await page.getByRole('link', { name: 'EXAMPLE, Alice' }).click();
    await page.waitForURL(`${server.url}/referrals/${booked.ubrn}`);
    await check(page, '3-referral');

    await page.getByRole('button', { name: 'Reprint the patient letter' }).click();
    await page.waitForURL(`${server.url}/referrals/${booked.ubrn}/patient-letter`);
    const letter = page.locator('.patient-letter');
    await expect(letter.getByTestId('access-code').textContent()).resolves.toMatch(/^[A-Z2-9]{8}$/);
    await expect(letter.getByTestId('clinic-telephone').textContent()).resolves.toBe('0113 243 2799');
    await expect(letter.getByTestId('letter-patient').innerText()).resolves.toContain('1 Park Row');
    await check(page, '4-letter-reprinted');
    await page.context().close();
  });

  it('the find page: the practice’s own referrals, and a surname without a date of birth', async () => {
    const page = await as(w.sessions.gpAdmin);
    await page.goto(`${server.url}/find`);
    await expect(page.getByRole('link', { name: 'EXAMPLE, Alice' }).isVisible()).resolves.toBe(true);
    await check(page, '5-find-organisation-referrals');
    await page.getByLabel('Booking reference (UBRN), NHS number or surname').fill('Example');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await expect(page.locator('.nhsuk-error-summary').isVisible()).resolves.toBe(true);
    await check(page, '6-find-errors');
    await page.context().close();
  });

  it('the worklists: the index, and the current tile’s heading inside its card', async () => {
    const page = await as(w.sessions.gp);
    await page.goto(`${server.url}/worklists`);
    await check(page, '7-worklists');
    await page.getByRole('link', { name: 'Assessment Returned / Cancelled / DNA' }).click();
    const heading = page.locator('[aria-current="page"].nhsuk-card__heading');
    const card = page.locator('.carepath-card--current');
    const [h, c] = [await heading.boundingBox(), await card.boundingBox()];
    expect(h && c).toBeTruthy();
    expect(h!.x).toBeGreaterThanOrEqual(c!.x);
    expect(h!.y).toBeGreaterThanOrEqual(c!.y);
    expect(h!.x + h!.width).toBeLessThanOrEqual(c!.x + c!.width);
    await check(page, '8-worklist-current-tile');
    await page.context().close();
  });

  const HOMES: [RoleCode, string, string][] = [
    ['B1110', TRUST, '/provider'],
    ['B1107', TRUST, '/service-definer'],
    ['B1106', 'QKK', '/commissioner'],
    ['B1130', 'QMF', '/analyst'],
    ['CP0001', GP, '/admin/users'],
    ['CP0002', GP, '/ops'],
  ];

  it.each(HOMES)('the %s home page has the menu and passes axe', async (role, orgCode, path) => {
    const page = await as(await signIn(w.db, { orgCode, role, userId: `home-${role}` }));
    await page.goto(`${server.url}${path}`);
    const menu = page.getByRole('navigation', { name: 'Menu' });
    await expect(menu.getByRole('link').count()).resolves.toBeGreaterThan(0);
    await check(page, `9-home-${role}`);
    await page.context().close();
  });
});
