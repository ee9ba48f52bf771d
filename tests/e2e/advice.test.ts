import { mkdirSync, readFileSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addSlot } from '../../fixtures/directory';
import { addAdviceService } from '../../fixtures/advice';
import { signIn } from '../../fixtures/identity';
import { freePort } from '../../system/ports';
import { type RunningServer, startServer } from '../../system/server';
import { axeViolations } from '../helpers/axe';
import { launchChromium, signedInPage } from '../helpers/browser';
import { type ReferralWorld, TRUST, createReferralWorld } from '../helpers/referral-world';
import type { TestSession } from '../helpers/session';

const shots = 'test-output/e2e-advice';
// Each step drives several pages and runs axe on each: slow on a shared two-core machine.
const STEP_MS = 180_000;

/**
 * Advice and guidance end to end in Chromium: a GP asks, the consultant asks for more
 * information, the GP replies, the consultant recommends a referral and converts it, the
 * provider admin books it from Appointments for Booking, and the GP downloads the advice
 * summary. Every new page must pass axe-core at WCAG 2.2 AA.
 */
describe('advice and guidance, in a real browser', () => {
  let w: ReferralWorld;
  let server: RunningServer;
  let browser: Browser;
  let ubrn = '';

  beforeAll(async () => {
    mkdirSync(shots, { recursive: true });
    w = await createReferralWorld({ env: { PORT: String(await freePort()) } });
    const service = await addAdviceService(w.db, {
      provider_org_code: TRUST,
      name: 'Cardiology Advice and Guidance',
      request_types: ['DBS', 'ADVICE'],
    });
    for (const daysAhead of [3, 4]) await addSlot(w.db, service.id, { daysAhead });
    server = await startServer(w.system);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await w?.stop();
  });

  async function as(session: TestSession): Promise<{ page: Page; context: BrowserContext }> {
    const page = await signedInPage(browser, server.url, session);
    return { page, context: page.context() };
  }

  async function step(page: Page, name: string) {
    await page.screenshot({ path: `${shots}/${name}.png`, fullPage: true });
    expect(await axeViolations(page), `axe on ${name}`).toEqual([]);
  }

  async function openFromWorklist(page: Page, list: string) {
    await page.goto(`${server.url}/advice/worklists/${list}`);
    await page.getByRole('link', { name: 'OKAFOR, Grace' }).click();
    await page.waitForURL(`**/advice/${ubrn}`);
  }

  async function send(page: Page, type: string, label: string, fill: Record<string, string>, button: string) {
    await page.locator(`#action-${type} summary`).click();
    for (const [field, value] of Object.entries(fill)) await page.locator(`#${type}-${field}`).fill(value);
    await page.getByRole('button', { name: button, exact: true }).click();
    await page.waitForURL(`**/advice/${ubrn}?done=${type}`);
    expect(await page.locator('body').textContent()).toContain(label);
  }

  it(
    '1. a GP asks for advice about a patient',
    async () => {
      const { page, context } = await as(w.sessions.gp);
      await page.goto(`${server.url}/referrer`);
      await step(page, '1a-referrer-home');
      await page.getByRole('link', { name: 'Ask for advice and guidance' }).click();
      await step(page, '1b-search');
      await page.getByLabel('Specialty').selectOption('CARDIOLOGY');
      await page.getByRole('button', { name: 'Search' }).click();
      await step(page, '1c-results');
      await page.getByRole('link', { name: /Ask this service.*Cardiology Advice and Guidance/ }).click();
      await page.getByRole('button', { name: 'Send request' }).click();
      await step(page, '1d-request-errors');
      await page.getByLabel('NHS number', { exact: true }).fill('943 476 5919');
      await page.getByLabel('Given name', { exact: true }).fill('Grace');
      await page.getByLabel('Family name', { exact: true }).fill('Okafor');
      await page.getByLabel('Day', { exact: true }).fill('3');
      await page.getByLabel('Month', { exact: true }).fill('11');
      await page.getByLabel('Year', { exact: true }).fill('1961');
      await page.getByLabel('Female').check();
      await page.getByLabel('Postcode', { exact: true }).fill('LS1 4DL');
      await page
        .getByLabel('Your question', { exact: true })
        .fill('Palpitations, normal ECG. Is a Holter monitor worthwhile first?');
      await page.getByLabel('Yes: I will ensure adequate clinical information is supplied').check();
      await page.getByRole('button', { name: 'Send request' }).click();
      await page.waitForURL('**/advice/*?done=ASK');
      ubrn = /\/advice\/(\d{12})/.exec(page.url())![1]!;
      expect(await page.locator('body').textContent()).toContain('Your request was sent');
      await step(page, '1e-conversation-asked');
      await context.close();
    },
    STEP_MS,
  );

  it(
    '2. the consultant asks for more information',
    async () => {
      const { page, context } = await as(w.sessions.clinician);
      await page.goto(`${server.url}/provider`);
      await step(page, '2a-provider-home');
      await openFromWorklist(page, 'awaiting-response');
      await step(page, '2b-conversation-provider');
      await send(
        page,
        'REQUEST_INFO',
        'request for more information was sent',
        { text: 'Please send TSH and a 12-lead ECG.' },
        'Ask for more information',
      );
      await context.close();
    },
    STEP_MS,
  );

  it(
    '3. the GP replies',
    async () => {
      const { page, context } = await as(w.sessions.gp);
      await page.goto(`${server.url}/advice/worklists/responses`);
      await step(page, '3a-responses-worklist');
      await openFromWorklist(page, 'responses');
      await send(page, 'REPLY', 'Your reply was sent', { text: 'TSH 2.1; ECG sinus rhythm, rate 78.' }, 'Send reply');
      await context.close();
    },
    STEP_MS,
  );

  it(
    '4. the consultant recommends a referral and converts it',
    async () => {
      const { page, context } = await as(w.sessions.clinician);
      await openFromWorklist(page, 'awaiting-response');
      await page.locator('#action-RESPOND summary').click();
      await page.locator('#RESPOND-text').fill('Refer for a 24-hour Holter; I will see her in clinic.');
      await page.getByLabel('Referral recommended').check();
      await page.getByRole('button', { name: 'Send advice', exact: true }).click();
      await page.waitForURL(`**/advice/${ubrn}?done=RESPOND`);
      await page.locator('#action-CONVERT_BY_PROVIDER summary').click();
      await page.locator('#action-CONVERT_BY_PROVIDER').getByLabel('Routine').check();
      await step(page, '4a-convert-form');
      await page.getByRole('button', { name: 'Convert to referral', exact: true }).click();
      await page.waitForURL(`**/advice/${ubrn}?done=CONVERT_BY_PROVIDER`);
      expect(await page.getByTestId('converted').textContent()).toContain('open the referral');
      await step(page, '4b-converted');
      await context.close();
    },
    STEP_MS,
  );

  it(
    '5. the provider admin books it from Appointments for Booking',
    async () => {
      const { page, context } = await as(w.sessions.admin);
      await page.goto(`${server.url}/worklists/for-booking`);
      await page.getByRole('link', { name: 'OKAFOR, Grace' }).click();
      await page.waitForURL(`**/referrals/${ubrn}*`);
      // Booking is by service (when more than one can be booked), then date, then time.
      await page.getByRole('button', { name: 'Book appointment' }).click();
      await page.getByRole('heading', { name: /^Choose a (service|date)$/ }).waitFor();
      await page.screenshot({ path: `${shots}/5a-book.png`, fullPage: true });
      if (await page.getByRole('heading', { name: 'Choose a service' }).isVisible()) {
        await page.getByLabel('Cardiology Advice and Guidance').check();
        await page.getByRole('button', { name: 'Continue' }).click();
        await page.getByRole('heading', { name: 'Choose a date' }).waitFor();
      }
      await page.getByRole('radio').first().check();
      await page.getByRole('button', { name: 'Continue' }).click();
      await page.getByRole('heading', { name: 'Choose a time' }).waitFor();
      await page.getByRole('radio').first().check();
      await page.screenshot({ path: `${shots}/5b-choose-time.png`, fullPage: true });
      await page.getByRole('button', { name: 'Book appointment' }).click();
      await page.waitForURL(`**/referrals/${ubrn}?done=BOOK*`);
      expect(await page.locator('h1').textContent()).toContain('Booked');
      await context.close();
    },
    STEP_MS,
  );

  it(
    '6. the GP downloads the advice summary',
    async () => {
      const { page, context } = await as(w.sessions.gp);
      await page.goto(`${server.url}/advice/${ubrn}`);
      await step(page, '6a-conversation-converted');
      await page.getByRole('link', { name: 'Advice summary (printable)' }).click();
      await page.waitForURL(`**/advice/${ubrn}/summary`);
      const text = await page.locator('body').textContent();
      for (const line of ['Palpitations', 'Please send TSH', 'TSH 2.1', 'Refer for a 24-hour Holter'])
        expect(text).toContain(line);
      await step(page, '6b-summary');
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('link', { name: 'Download this summary' }).click(),
      ]);
      expect(download.suggestedFilename()).toBe(`advice-summary-${ubrn}.html`);
      const [pdf] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('link', { name: 'Download as PDF' }).click(),
      ]);
      expect(pdf.suggestedFilename()).toBe(`advice-summary-${ubrn}.pdf`);
      const bytes = readFileSync((await pdf.path())!);
      expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      await context.close();
    },
    STEP_MS,
  );

  it(
    '7. the header menu leads to A&G, and the service definer changes the service’s response target',
    async () => {
      const gp = await as(w.sessions.gp);
      await gp.page.goto(`${server.url}/referrer`);
      await gp.page
        .getByRole('navigation', { name: 'Menu' })
        .getByRole('link', { name: 'Advice and guidance' })
        .click();
      await gp.page.waitForURL('**/advice/worklists');
      await gp.context.close();

      const definer = await as(await signIn(w.db, { orgCode: TRUST, role: 'B1107', userId: 'definer-e2e' }));
      const { page } = definer;
      await page.goto(`${server.url}/service-definer`);
      await page.getByRole('navigation', { name: 'Menu' }).getByRole('link', { name: 'Advice targets' }).click();
      await page.waitForURL('**/advice/response-targets');
      await step(page, '7a-response-targets');
      await page.getByRole('link', { name: /Change.*Cardiology Advice and Guidance/ }).click();
      await page.getByLabel('Response target in working days').fill('25');
      await page.getByRole('button', { name: 'Save response target' }).click();
      await step(page, '7b-response-target-error');
      expect(await page.locator('.nhsuk-error-summary').textContent()).toContain('from 1 to 20');
      await page.getByLabel('Response target in working days').fill('3');
      await page.getByRole('button', { name: 'Save response target' }).click();
      await page.waitForURL('**/advice/response-targets?changed=*');
      expect(await page.locator('body').textContent()).toContain('now has a response target of 3 working days');
      await definer.context.close();
    },
    STEP_MS,
  );
});
