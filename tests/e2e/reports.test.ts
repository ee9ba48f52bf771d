import { mkdirSync, readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { refreshActivity } from '../../db/reports/activity.repository';
import { addDays, londonDateOf } from '../../domain/reports/date-range';
import { WORLD, addReportWorld, parseCsv } from '../../fixtures/reports';
import { freePort } from '../../system/ports';
import { type RunningServer, startServer } from '../../system/server';
import { axeViolations } from '../helpers/axe';
import { launchChromium, signedInPage } from '../helpers/browser';
import { signIn } from '../helpers/session';
import { type TestSystem, startTestSystem } from '../helpers/system';

const shots = 'test-output/e2e-reports';

/**
 * An Information Analyst at a provider trust, in Chromium: from their home page they read the
 * activity dashboard (SVG charts beside their tables), narrow it, download its figures, then
 * download every extract and read each file. axe-core checks every page on the way.
 */
describe('reports, in a real browser', () => {
  let system: TestSystem;
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  const today = londonDateOf(new Date());

  beforeAll(async () => {
    mkdirSync(shots, { recursive: true });
    system = await startTestSystem({ env: { PORT: String(await freePort()) } });
    await addReportWorld(system.database.db, today);
    await refreshActivity(system.database.db);
    server = await startServer(system);
    browser = await launchChromium();
    page = await signedInPage(
      browser,
      server.url,
      await signIn(system.database.db, { orgCode: WORLD.providerX, role: 'B1130' }),
    );
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await system?.stop();
  });

  const shot = (name: string) => page.screenshot({ path: `${shots}/${name}.png`, fullPage: true });

  /** Clicks what starts a download and reads the file the browser saved. */
  async function download(start: () => Promise<void>) {
    const [file] = await Promise.all([page.waitForEvent('download'), start()]);
    expect(await file.failure()).toBeNull();
    return { name: file.suggestedFilename(), ...parseCsv(readFileSync((await file.path())!, 'utf8')) };
  }

  it('reads the dashboard from the home page, narrows it and downloads its figures', async () => {
    await page.goto(`${server.url}/analyst`);
    await page.getByRole('link', { name: 'Activity dashboard' }).click();
    await page.getByRole('heading', { name: 'Activity dashboard', level: 1 }).waitFor();
    expect(await page.locator('svg.carepath-chart').count()).toBe(2);
    expect(
      await page.getByRole('img', { name: /Referrals, bookings and appointment slot issues by week/ }).isVisible(),
    ).toBe(true);
    const byWeek = page.locator('table', { has: page.locator('caption', { hasText: 'By week' }) });
    expect(await byWeek.locator('tbody tr').count()).toBe(4);
    expect(await axeViolations(page)).toEqual([]);
    await shot('dashboard');

    await page.getByLabel('Period', { exact: true }).selectOption('13');
    await page.getByLabel('Last day', { exact: true }).fill(addDays(today, -1));
    await page.getByRole('button', { name: 'Show figures' }).click();
    await page.waitForURL(/weeks=13/);
    expect(await byWeek.locator('tbody tr').count()).toBe(13);
    const figures = await download(() => page.getByRole('link', { name: 'Download these figures (CSV)' }).click());
    expect(figures.name).toMatch(/^carepath-dashboard-RPX-.*\.csv$/);
    const referrals = figures.rows.find((r) => r.section === 'total' && r.measure === 'referrals')!;
    const shown = await page
      .locator('table', { has: page.locator('caption', { hasText: 'Totals for the period' }) })
      .locator('tbody tr')
      .first()
      .textContent();
    expect(shown).toContain(referrals.this_period);
    expect(Number(referrals.this_period)).toBeGreaterThan(0);
  });

  it('downloads every extract and reads each file', async () => {
    await page.goto(`${server.url}/analyst`);
    await page.getByRole('link', { name: 'Extracts' }).click();
    await page.getByRole('heading', { name: 'Extracts', level: 1 }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await shot('extracts');
    const section = (title: string) =>
      page.locator('section', { has: page.getByRole('heading', { name: title, exact: true }) });

    // Months are prepared in the background: a page shows the rows counted, then offers the file.
    await section('Action extract').getByLabel('From month').fill(addDays(today, -70).slice(0, 7));
    await section('Action extract').getByLabel('To month').fill(today.slice(0, 7));
    await section('Action extract').getByRole('button', { name: 'Prepare months' }).click();
    await page.getByRole('heading', { name: 'Action extract', level: 1 }).waitFor();
    await page
      .getByRole('status')
      .getByText(/^Ready: \d+ rows\.$/)
      .waitFor({ timeout: 60_000 });
    expect(await axeViolations(page)).toEqual([]);
    await shot('extract-build');
    const actions = await download(() => page.getByRole('link', { name: 'Download action extract (CSV)' }).click());
    expect(actions.header.slice(0, 4)).toEqual(['ubrn', 'version', 'action', 'at']);
    expect(actions.rows.length).toBeGreaterThan(50);
    await page.goto(`${server.url}/reports/extracts`);

    const advice = await download(async () => {
      await section('Advice requests').getByLabel('One day').fill(today);
      await section('Advice requests').getByRole('button', { name: 'Download one day' }).click();
    });
    expect(advice.header).toContain('first_response_at');

    const slots = await download(async () => {
      await section('Appointment slots').getByLabel('One day').fill(addDays(today, 1));
      await section('Appointment slots').getByRole('button', { name: 'Download one day' }).click();
    });
    expect(slots.rows.map((r) => [r.slots, r.free, r.booked])).toEqual([['4', '2', '1']]);

    for (const [title, header] of [
      ['Active referrals', 'state'],
      ['Appointment slot issues', 'deferred_at'],
      ['User roles', 'role_name'],
    ] as const) {
      const file = await download(() => section(title).getByRole('button').click());
      expect(file.header, title).toContain(header);
      expect(file.rows.length, title).toBeGreaterThan(0);
    }
  });

  it('shows what is wrong with a range beside the field, and keeps it', async () => {
    await page.goto(`${server.url}/reports/extracts`);
    const action = page.locator('section', { has: page.getByRole('heading', { name: 'Action extract', exact: true }) });
    await action.getByLabel('From month').fill('2025-01');
    await action.getByLabel('To month').fill('2026-06');
    await action.getByRole('button', { name: 'Prepare months' }).click();
    await page.getByRole('alert').getByText('Choose 12 months or fewer').waitFor();
    expect(await page.locator('#actions-toMonth').inputValue()).toBe('2026-06');
    expect(await axeViolations(page)).toEqual([]);
    await shot('extract-error');
  });
});
