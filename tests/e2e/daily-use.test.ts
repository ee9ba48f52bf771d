import { mkdirSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getReferralRow } from '../../db/referrals/referrals.repository';
import { addSlot, bookable } from '../../fixtures/directory';
import { addPatient } from '../../fixtures/patients';
import { freePort } from '../../system/ports';
import { type RunningServer, startServer } from '../../system/server';
import { axeViolations } from '../helpers/axe';
import { launchChromium, signedInPage } from '../helpers/browser';
import { type ReferralWorld, act, createReferralWorld } from '../helpers/referral-world';
import type { TestSession } from '../helpers/session';

const shots = 'test-output/e2e-daily-use';

/**
 * Issue 10's daily use in Chromium: a GP refers a patient found in the demographics service
 * (check your answers, booking by service, date and time); a provider admin resolves an
 * Appointment Slot Issues referral without a dead end; a referrer on a triage response is led
 * to Change shortlist. Every page visited must pass axe-core at WCAG 2.2 AA.
 */
describe('daily use, in a real browser', () => {
  let w: ReferralWorld;
  let server: RunningServer;
  let browser: Browser;

  beforeAll(async () => {
    mkdirSync(shots, { recursive: true });
    w = await createReferralWorld({ env: { PORT: String(await freePort()) } });
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

  it('1. a GP refers a patient found in the demographics service, checks the answers and books by date and time', async () => {
    await addPatient(w.db, { nhsNumber: '9434765919', givenName: 'Priya', familyName: 'Raman' });
    const { page, context } = await as(w.sessions.gp);
    await page.goto(`${server.url}/referrals/new`);
    await step(page, '1a-find-patient');
    // A number the service does not know: typing by hand stays possible, marked unverified.
    await page.getByLabel('NHS number', { exact: true }).fill('999 000 0018');
    await page.getByRole('button', { name: 'Find patient' }).click();
    await expect.poll(() => page.locator('main').textContent()).toContain('Patient not found');
    await step(page, '1b-patient-not-found');
    await page.getByLabel('NHS number', { exact: true }).fill('943 476 5919');
    await page.getByRole('button', { name: 'Find the patient again' }).click();
    await expect.poll(() => page.locator('main').textContent()).toContain('Patient found');
    expect(await page.locator('#patient-found').textContent()).toContain('2 Wellington Street, Leeds, LS1 4DL');
    await step(page, '1c-patient-found');
    await page.getByLabel('Urgent').check();
    await page.getByLabel('Specialty').selectOption('CARDIOLOGY');
    await page.getByLabel('Reason for referral').fill('Breathless on exertion, new ankle swelling');
    await page.getByLabel('It will follow later').check();
    await page.getByRole('button', { name: 'Continue to find services' }).click();
    await page.waitForURL('**/services');
    // Step 2 opens with the specialty and the patient's postcode already searched.
    expect(await page.getByLabel("Patient's postcode").inputValue()).toBe('LS1 4DL');
    await page.getByRole('button', { name: 'Add Cardiology Outpatients' }).click();
    await page.getByRole('heading', { name: 'Shortlist (1 of 20)' }).waitFor();
    await step(page, '1d-shortlist');
    const about = await context.newPage();
    await about.goto(`${server.url}/directory/services/${w.services.dbs.serviceId}/about`);
    expect(await about.locator('h1').textContent()).toBe('Cardiology Outpatients');
    await step(about, '1e-service-details');
    await about.close();
    await page.getByRole('button', { name: 'Continue with this shortlist' }).click();
    await page.getByLabel('Book an appointment').check();
    await step(page, '1f-choose');
    await page.getByRole('button', { name: 'Continue' }).click();
    // One service with free slots: straight to its dates, earliest first, by keyboard alone.
    await page.getByRole('group', { name: 'Choose a date (earliest first)' }).waitFor();
    await step(page, '1g-date');
    await page.getByRole('radio').first().focus();
    await page.keyboard.press('Space');
    await page.keyboard.press('Enter');
    await page.getByRole('group', { name: /Choose a time on/ }).waitFor();
    await step(page, '1h-time');
    await page.getByRole('radio').first().check();
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.waitForURL('**/check?choice=book*');
    expect(await page.locator('main').textContent()).toContain('Confirmed from the demographics service');
    await step(page, '1i-check-answers');
    await page.getByRole('button', { name: 'Create referral' }).click();
    await page.waitForURL('**/created');
    expect(await page.locator('.nhsuk-panel__heading').textContent()).toBe('Referral created and booked');
    await step(page, '1j-created');
    const ubrn = (await page.getByTestId('ubrn').textContent())!.replace(/\s/g, '');
    const row = await getReferralRow(w.db, ubrn);
    expect(row?.state).toBe('BOOKED');
    expect(row?.snapshot.patient).toMatchObject({ address: '2 Wellington Street, Leeds', verified: true });
    await context.close();
  }, 240_000);

  it('2. a provider admin resolves an Appointment Slot Issues referral without meeting a dead end', async () => {
    const r = await w.refer({ shortlist: [w.services.full] });
    await act(w, w.sessions.gp, r.ubrn, 'DEFER_TO_PROVIDER', {
      'DEFER_TO_PROVIDER-serviceId': w.services.full.serviceId,
      'DEFER_TO_PROVIDER-reason': 'NO_SLOTS',
    });
    const { page, context } = await as(w.sessions.admin);
    await page.goto(`${server.url}/worklists/slot-issues`);
    await page
      .getByRole('link', { name: /EXAMPLE, Alice/ })
      .first()
      .click();
    const text = await page.locator('main').textContent();
    expect(text).toContain('No appointments to book');
    expect(text).not.toContain('nothing to choose from');
    expect(text).not.toContain('Choose a service');
    await step(page, '2a-slot-issues-no-slots');
    // The service definer frees a slot reserved for the provider: Book appointment appears.
    const reserved = bookable(await addSlot(w.db, w.services.full.serviceId, { daysAhead: 8, released: false }));
    await page.goto(`${server.url}/referrals/${r.ubrn}?from=slot-issues`);
    await page.getByRole('button', { name: 'Book appointment' }).click();
    await page.getByRole('group', { name: 'Choose a date (earliest first)' }).waitFor();
    await step(page, '2b-date');
    await page.getByRole('radio').first().check();
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.locator(`input[name="slot"][value="${reserved.slotId}"]`).check();
    await step(page, '2c-time');
    await page.getByRole('button', { name: 'Book appointment' }).click();
    await page.waitForURL(`**/referrals/${r.ubrn}?done=BOOK&from=slot-issues`);
    expect(await page.locator('.nhsuk-panel__heading').textContent()).toBe('Appointment booked');
    await step(page, '2d-booked');
    expect((await getReferralRow(w.db, r.ubrn))?.state).toBe('BOOKED');
    await context.close();
  });

  it('3. a referrer acting on a triage response is led to Change shortlist', async () => {
    const r = await w.refer({ shortlist: [w.services.ras] });
    await act(w, w.sessions.gp, r.ubrn, 'SEND_FOR_TRIAGE', { 'SEND_FOR_TRIAGE-serviceId': w.services.ras.serviceId });
    await act(w, w.sessions.clinician, r.ubrn, 'TRIAGE_OUTCOME', {
      form: 'TRIAGE_OUTCOME-advice',
      'TRIAGE_OUTCOME-advice-advice': 'Refer to the heart failure clinic instead.',
    });
    const { page, context } = await as(w.sessions.gp);
    await page.goto(`${server.url}/referrals/${r.ubrn}`);
    const text = await page.locator('main').textContent();
    expect(text).toContain('No appointments can be booked');
    expect(text).not.toContain('nothing to choose from');
    await step(page, '3a-triage-response');
    await page.getByRole('link', { name: 'change the shortlist' }).click();
    await page.waitForURL(`**/referrals/${r.ubrn}/shortlist`);
    expect(await page.getByLabel('Specialty').inputValue()).toBe('CARDIOLOGY');
    await step(page, '3b-change-shortlist');
    await context.close();
  });

  it('4. a provider clinician is asked before rejecting', async () => {
    const r = await w.refer();
    const slotId = bookable(await addSlot(w.db, w.services.dbs.serviceId, { daysAhead: 6 })).slotId;
    await act(w, w.sessions.gp, r.ubrn, 'BOOK', { 'BOOK-slotId': slotId });
    const { page, context } = await as(w.sessions.clinician);
    await page.goto(`${server.url}/referrals/${r.ubrn}`);
    await page.locator('summary', { hasText: 'Reject' }).click();
    await page.locator('#form-REJECT').getByLabel('Other reason').check();
    await step(page, '4a-reject-form');
    await page.getByRole('button', { name: 'Continue to reject' }).click();
    await page.getByRole('heading', { name: 'Reject this referral?' }).waitFor();
    await step(page, '4b-reject-confirm');
    await page.getByRole('button', { name: 'Yes, reject the referral' }).click();
    await page.waitForURL(`**/referrals/${r.ubrn}?done=REJECT`);
    expect(await page.locator('main').textContent()).toContain('Referral rejected');
    await step(page, '4c-rejected');
    await context.close();
  });
});
