import { mkdirSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addLeedsAndManchester, addService } from '../../fixtures/directory';
import type { RunningServer } from '../../system/server';
import { startTestServer } from '../helpers/server';
import { launchChromium, signedInPage } from '../helpers/browser';
import type { TestDatabase } from '../helpers/database';
import { signIn } from '../helpers/session';
import { type TestSystem, startTestSystem } from '../helpers/system';

const shots = 'test-output/e2e-directory';

/**
 * The Directory of Services in Chromium: a service definer (RR8, Leeds) builds and publishes a
 * directly bookable service with a weekly clinic; a Leeds GP (B86001, area QWO) finds it; the
 * QWO commissioner's rule makes a local service appear, and its end date makes it go.
 */
describe('Directory of Services, in a real browser', () => {
  let system: TestSystem;
  let database: TestDatabase;
  let server: RunningServer;
  let browser: Browser;
  let definer: Page;
  let referrer: Page;
  let commissioner: Page;

  beforeAll(async () => {
    mkdirSync(shots, { recursive: true });
    system = await startTestSystem();
    database = system.database;
    await addLeedsAndManchester(database.db);
    server = await startTestServer(system);
    browser = await launchChromium();
    const as = async (orgCode: string, role: 'B1107' | 'B1101' | 'B1106') =>
      signedInPage(browser, server.url, await signIn(database.db, { orgCode, role }));
    definer = await as('RR8', 'B1107');
    referrer = await as('B86001', 'B1101');
    commissioner = await as('QWO', 'B1106');
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await system?.stop();
  });

  const shot = (page: Page, name: string) => page.screenshot({ path: `${shots}/${name}.png`, fullPage: true });
  const label = (page: Page, text: string) => page.getByLabel(text, { exact: true });
  const button = (page: Page, name: string) => page.getByRole('button', { name, exact: true }).click();

  /** The referrer's search for a 50-year-old woman in LS6, as htmx runs it. */
  async function searchCardiology() {
    await referrer.goto(`${server.url}/directory/search`);
    await label(referrer, 'Priority').selectOption('ROUTINE');
    await label(referrer, 'Specialty').selectOption('CARDIOLOGY');
    await label(referrer, "Patient's age (years)").fill('50');
    await label(referrer, "Patient's sex").selectOption('female');
    await label(referrer, "Patient's postcode").fill('LS6 1AA');
    await button(referrer, 'Search');
    await referrer.getByRole('heading', { name: /services found/ }).waitFor();
    return referrer.locator('#results');
  }

  it('lets a service definer build and publish a directly bookable service with slots', async () => {
    await definer.goto(`${server.url}/directory/services/new`);
    await label(definer, 'Service name').fill('Leeds Browser Arrhythmia Clinic');
    await label(definer, 'Directly bookable appointments (slots booked here)').check();
    await label(definer, 'Specialty').selectOption('CARDIOLOGY');
    // htmx swaps in the clinic types of cardiology only.
    await definer.getByText('Clinic types of Cardiology').waitFor();
    expect(await definer.locator('#clinicTypeCode option[value="GLAUCOMA"]').count()).toBe(0);
    await label(definer, 'Clinic type (optional)').selectOption('ARRHYTHMIA');
    await label(definer, 'Location').fill('Leeds General Infirmary');
    await label(definer, 'Postcode district of the location').fill('LS1');
    await label(definer, 'Lowest age treated (years)').fill('16');
    await label(definer, 'Named clinicians').fill('Dr Browser');
    await label(definer, 'Indicative wait (days)').fill('30');
    await shot(definer, '1-service-form');
    await button(definer, 'Save service');
    await definer.waitForURL(/\/directory\/services\/\d+$/);
    await button(definer, 'Publish');
    await definer.getByText('published, version 1').waitFor();

    await label(definer, 'Day (1 Monday to 7 Sunday)').fill('3');
    await label(definer, 'Start time (UK time, 24-hour)').fill('10:00');
    await label(definer, 'Slot length (minutes)').fill('15');
    await label(definer, 'Number of slots').fill('4');
    await label(definer, 'Clinician').fill('Dr Browser');
    await button(definer, 'Add clinic and publish its slots');
    await expect(definer.getByRole('status').textContent()).resolves.toMatch(/Clinic added: \d+ slots published/);
    await shot(definer, '2-service-published-with-slots');
  });

  it('lets a referrer find it by search, with its earliest slot', async () => {
    await referrer.goto(`${server.url}/directory/search`);
    await button(referrer, 'Search');
    // A refused search: the error summary appears at the top of the page, above the heading.
    const summary = referrer.locator('#error-summary .nhsuk-error-summary');
    await summary.waitFor();
    expect(await summary.textContent()).toContain('Choose a priority');
    const [summaryBox, headingBox] = [await summary.boundingBox(), await referrer.locator('h1').boundingBox()];
    expect(summaryBox!.y).toBeLessThan(headingBox!.y);
    // ...and the field itself says what is wrong, with no result count for a refused search.
    expect(await referrer.locator('#priority-error').textContent()).toContain('Choose a priority');
    expect(await referrer.getByRole('heading', { name: /services found/ }).count()).toBe(0);
    await shot(referrer, '3-search-refused');

    const results = await searchCardiology();
    expect(await referrer.locator('#error-summary .nhsuk-error-summary').count()).toBe(0);
    const card = results.locator('.nhsuk-card', { hasText: 'Leeds Browser Arrhythmia Clinic' });
    expect(await card.textContent()).toMatch(/Earliest slot: \d/);
    await shot(referrer, '4-search-found');
  });

  it('shows a local service to the area’s referrers while a commissioner’s rule is in force', async () => {
    const { id: local } = await addService(database.db, {
      provider_org_code: 'RR8',
      name: 'Leeds Local Heart Clinic',
      national: false,
    });
    expect(await (await searchCardiology()).textContent()).not.toContain('Leeds Local Heart Clinic');

    await commissioner.goto(`${server.url}/directory/commissioning`);
    await label(commissioner, 'Service').selectOption(String(local));
    await commissioner.locator('#startsOn').fill('1');
    await commissioner.locator('#startsOn-month').fill('1');
    await commissioner.locator('#startsOn-year').fill('2026');
    await button(commissioner, 'Add rule');
    await commissioner
      .getByRole('cell', { name: /Leeds Local Heart Clinic/ })
      .first()
      .waitFor();
    await shot(commissioner, '5-rule-added');
    expect(await (await searchCardiology()).textContent()).toContain('Leeds Local Heart Clinic');
    await shot(referrer, '6-local-service-visible');

    const rule = await database.db
      .selectFrom('commissioning_rules')
      .select('id')
      .where('service_id', '=', local)
      .executeTakeFirstOrThrow();
    const [year, month, day] = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10).split('-') as string[];
    await commissioner.locator(`#end-${rule.id}`).fill(day!);
    await commissioner.locator(`#end-${rule.id}-month`).fill(month!);
    await commissioner.locator(`#end-${rule.id}-year`).fill(year!);
    await button(commissioner, 'End rule');
    await commissioner.waitForURL('**/directory/commissioning');
    await shot(commissioner, '7-rule-ended');
    expect(await (await searchCardiology()).textContent()).not.toContain('Leeds Local Heart Clinic');
    await shot(referrer, '8-local-service-gone');
  });
});
