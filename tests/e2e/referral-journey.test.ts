import { mkdirSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../system/server';
import { axeViolations } from '../helpers/axe';
import { launchChromium } from '../helpers/browser';
import { startTestServer } from '../helpers/server';
import { type ReferralWorld, createReferralWorld, post } from '../helpers/referral-world';
import type { TestSession } from '../helpers/session';

const shots = 'test-output/e2e-referral-journey';

/**
 * The two journeys end to end in Chromium: a GP refers and sends for triage, the provider's
 * clinician returns it with advice, the GP re-shortlists and books, the provider accepts.
 * Every page visited must pass axe-core at WCAG 2.2 AA.
 */
describe('referrer and provider journeys, in a real browser', () => {
  let w: ReferralWorld;
  let server: RunningServer;
  let browser: Browser;

  beforeAll(async () => {
    mkdirSync(shots, { recursive: true });
    w = await createReferralWorld();
    server = await startTestServer(w.system);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await w?.stop();
  });

  // What Chromium refused under the Content-Security-Policy, on any page of the test that just ran:
  // checked after each test, so the test that met it fails, whichever tests ran before it.
  const refusedByCsp: string[] = [];
  afterEach(() => {
    const refused = refusedByCsp.splice(0);
    expect(refused, 'refused by the Content-Security-Policy').toEqual([]);
  });

  /** A browser signed in as this session's user (its cookie, as sign-in would have set it). */
  async function as(session: TestSession, javaScriptEnabled = true): Promise<{ page: Page; context: BrowserContext }> {
    const context = await browser.newContext({ javaScriptEnabled });
    const [name, value] = session.cookie.split('=') as [string, string];
    await context.addCookies([{ name, value, url: server.url }]);
    const page = await context.newPage();
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) refusedByCsp.push(`${page.url()}: ${message.text()}`);
    });
    return { page, context };
  }

  async function step(page: Page, name: string, withoutJavaScript = false) {
    await page.screenshot({ path: `${shots}/${name}.png`, fullPage: true });
    // axe needs JavaScript: check a page served without it as a copy in a page with it.
    const target = withoutJavaScript ? await browser.newPage() : page;
    if (withoutJavaScript) {
      await target.goto(server.url);
      await target.setContent((await page.content()).replace('<head>', `<head><base href="${server.url}/">`));
    }
    expect(await axeViolations(target), `axe on ${name}`).toEqual([]);
    if (withoutJavaScript) await target.close();
  }

  let ubrn = '';

  it('1. the referrer creates a referral and sends it for triage', async () => {
    const { page, context } = await as(w.sessions.gp);
    await page.goto(`${server.url}/referrals/new`);
    await step(page, '1a-details-empty');
    await page.getByRole('button', { name: 'Continue to find services' }).click();
    await step(page, '1b-details-errors');
    // Not in the demographics service: the details are typed by hand (marked unverified).
    await page.getByLabel('NHS number', { exact: true }).fill('943 476 5919');
    await page.getByRole('button', { name: 'Find patient' }).click();
    await page.getByLabel('Given name').waitFor();
    await page.getByLabel('Given name').fill('Priya');
    await page.getByLabel('Family name').fill('Raman');
    await page.getByLabel('Day').fill('12');
    await page.getByLabel('Month').fill('8');
    await page.getByLabel('Year').fill('1963');
    await page.getByLabel('Female').check();
    await page.getByLabel('Address', { exact: true }).fill('2 Wellington Street, Leeds');
    await page.getByLabel('Postcode', { exact: true }).fill('LS1 4DL');
    await page.getByLabel('Urgent').check();
    await page.getByLabel('Specialty').selectOption('CARDIOLOGY');
    await page.getByLabel('Reason for referral').fill('Breathless on exertion, new ankle swelling');
    await page.getByLabel('It will follow later').check();
    // The live check runs on blur too (the field was drawn again with the number in it).
    await page.getByLabel('NHS number', { exact: true }).focus();
    await page.getByLabel('NHS number', { exact: true }).blur();
    await expect.poll(() => page.locator('#nhs-number-verdict').textContent()).toContain('valid NHS number');
    await page.getByRole('button', { name: 'Continue to find services' }).click();
    // Step 2 opens on the specialty chosen; the search itself is posted, never put in the address.
    await page.waitForURL('**/services');
    await page.getByRole('button', { name: 'Search' }).click();
    for (const name of ['Cardiology Referral Assessment', 'Cardiology Outpatients', 'Heart Failure Clinic']) {
      await page.getByRole('button', { name: `Add ${name}` }).click();
    }
    await step(page, '1c-shortlist');
    await page.getByRole('button', { name: 'Continue with this shortlist' }).click();
    await page.getByLabel('Send for triage to Cardiology Referral Assessment').check();
    await step(page, '1d-choose');
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.waitForURL('**/check?choice=*');
    await page.getByRole('button', { name: 'Create referral' }).click();
    await page.waitForURL('**/created');
    ubrn = (await page.getByTestId('ubrn').textContent())!.replace(/\s/g, '');
    expect(ubrn).toMatch(/^\d{12}$/);
    await step(page, '1e-created-letter');
    // The print button works without an inline handler (the CSP would refuse one).
    await page.evaluate("window.print = () => document.body.setAttribute('data-printed', '')");
    await page.getByRole('button', { name: 'Print the letter' }).click();
    await page.locator('body[data-printed]').waitFor();
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.nhsuk-header').isVisible()).toBe(false);
    await page.screenshot({ path: `${shots}/1f-letter-printed.png`, fullPage: true });
    await context.close();
  }, 180_000);

  it('2. the provider clinician returns it with advice', async () => {
    const { page, context } = await as(w.sessions.clinician);
    await page.goto(`${server.url}/worklists/review`);
    await step(page, '2a-review-worklist');
    await page.getByRole('link', { name: 'RAMAN, Priya' }).click();
    await page.locator('summary', { hasText: 'Return to referrer with advice' }).click();
    await page.getByLabel('Advice to the referrer').fill('Start furosemide 40 mg; book the heart failure clinic.');
    await step(page, '2b-triage-form');
    await page.getByRole('button', { name: 'Return to referrer with advice' }).click();
    await page.waitForURL(`**/referrals/${ubrn}?done=TRIAGE_OUTCOME&from=review`);
    expect(await page.locator('h1').textContent()).toContain('Triage response');
    await step(page, '2c-returned');
    await context.close();
  });

  it('3. the referrer reads the advice, re-shortlists and books', async () => {
    const { page, context } = await as(w.sessions.gp);
    await page.goto(`${server.url}/worklists/rejected-triage`);
    await step(page, '3a-triage-response-worklist');
    await page.getByRole('link', { name: 'RAMAN, Priya' }).click();
    await expect.poll(() => page.locator('body').textContent()).toContain('Start furosemide');
    await page.getByRole('button', { name: 'Change shortlist' }).click();
    await page.waitForURL(`**/referrals/${ubrn}/shortlist`);
    await page.getByRole('button', { name: 'Remove Cardiology Referral Assessment' }).click();
    await page.getByRole('heading', { name: 'Shortlist (2 of 20)' }).waitFor();
    await step(page, '3b-change-shortlist');
    await page.getByRole('button', { name: 'Save this shortlist' }).click();
    await page.waitForURL(`**/referrals/${ubrn}?done=CHANGE_SHORTLIST`);
    expect(await page.locator('h1').textContent()).toContain('Not booked');
    // Booking is by date, then time (one service with slots: no service step).
    await page.getByRole('button', { name: 'Book appointment' }).click();
    await page.getByRole('radio').first().check();
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByRole('radio').first().check();
    await step(page, '3c-book-form');
    await page.getByRole('button', { name: 'Book appointment' }).click();
    await page.waitForURL(`**/referrals/${ubrn}?done=BOOK*`);
    expect(await page.locator('h1').textContent()).toContain('Booked');
    await step(page, '3d-booked');
    await context.close();
  });

  it('4. the provider accepts, and the keyboard alone is enough to do it', async () => {
    const { page, context } = await as(w.sessions.clinician);
    await page.goto(`${server.url}/referrals/${ubrn}?from=review`);
    await step(page, '4a-booked-for-review');
    await page.getByRole('button', { name: 'Accept', exact: true }).focus();
    await page.keyboard.press('Enter');
    await page.waitForURL(`**/referrals/${ubrn}?done=ACCEPT*`);
    expect(await page.locator('body').textContent()).toContain('Referral accepted');
    await step(page, '4b-accepted');
    await page.goto(`${server.url}/notifications`);
    await step(page, '4c-notifications');
    await context.close();
  });

  it('5. without JavaScript, two users on one referral: the second is told it changed', async () => {
    const referral = await w.refer();
    const first = await as(w.sessions.gp, false);
    const second = await as(w.sessions.gp, false);
    for (const { page } of [first, second]) await page.goto(`${server.url}/referrals/${referral.ubrn}`);
    await first.page.locator('summary', { hasText: 'Cancel referral' }).click();
    await first.page.getByRole('button', { name: 'Cancel referral' }).click();
    await step(first.page, '5a-form-errors-without-js', true);
    await first.page.getByLabel('Reason for cancelling the referral').selectOption('TREATMENT_NO_LONGER_REQUIRED');
    await first.page.getByRole('button', { name: 'Cancel referral' }).click();
    await first.page.waitForURL(`**/referrals/${referral.ubrn}?done=CANCEL_REFERRAL`);
    await second.page.locator('summary', { hasText: 'Send for triage' }).click();
    await second.page.getByLabel('Cardiology Referral Assessment').check();
    await second.page.getByRole('button', { name: 'Send for triage' }).click();
    expect(await second.page.locator('body').textContent()).toContain('This referral has changed');
    expect(await second.page.locator('h1').textContent()).toContain('Cancelled');
    await step(second.page, '5b-changed-by-someone-else', true);
    await first.context.close();
    await second.context.close();
  });

  it('6. every worklist page passes axe', async () => {
    for (const [session, lists] of [
      [w.sessions.admin, ['slot-issues', 'for-booking']],
      [w.sessions.gp, ['awaiting-booking', 'returned', 'letters']],
    ] as const) {
      const { page, context } = await as(session);
      for (const list of lists) {
        await page.goto(`${server.url}/worklists/${list}`);
        await step(page, `6-worklist-${list}`);
      }
      await page.goto(`${server.url}/${session === w.sessions.gp ? 'referrer' : 'provider'}`);
      expect(await page.locator('[data-count]').count()).toBeGreaterThan(0);
      await step(page, `6-home-${session === w.sessions.gp ? 'referrer' : 'provider'}`);
      await context.close();
    }
  });

  it('7. a worklist left open shows what other staff just did, without a reload', async () => {
    const { page, context } = await as(w.sessions.clinician);
    await page.goto(`${server.url}/worklists/review`);
    const patient = {
      nhsNumber: '9434765919',
      givenName: 'Newly',
      familyName: 'Arrived',
      dateOfBirth: '1970-01-01',
      sex: 'female' as const,
      postcode: 'LS1 4AP',
      registeredPracticeCode: w.sessions.gp.actor.orgCode,
    };
    const r = await w.refer({ patient });
    await post(w, w.sessions.gp, `/referrals/${r.ubrn}/actions/SEND_FOR_TRIAGE`, {
      expectedVersion: '1',
      'SEND_FOR_TRIAGE-serviceId': w.services.ras.serviceId,
    });
    await expect
      .poll(() => page.getByRole('link', { name: 'ARRIVED, Newly' }).count(), { timeout: 25_000, interval: 1_000 })
      .toBe(1);
    await context.close();
  });
});
