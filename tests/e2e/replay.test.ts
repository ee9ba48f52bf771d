import { mkdirSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatNhsNumber } from '../../domain/ids';
import { defaultPolicy } from '../../domain/policy';
import type { Referral } from '../../domain/referral';
import { ensureTemporalCli } from '../../scripts/temporal-cli';
import { type DevServer, startTemporalDevServer } from '../../scripts/temporal-dev-server';
import { parseHistoryFile } from '../../services/replay/history-file';
import { freePort } from '../../system/ports';
import { type RunningServer, startServer } from '../../system/server';
import { axeViolations } from '../helpers/axe';
import { launchChromium, signedInPage } from '../helpers/browser';
import { drivePath } from '../helpers/referral-paths';
import { signIn } from '../helpers/session';
import { type TestSystem, startTestSystem } from '../helpers/system';

const shots = 'test-output/e2e-replay';

/**
 * Issue 15's "a history downloaded from the Temporal UI is replayed step by step in the
 * browser": a referral runs on a dev server of its own with the UI, its history is downloaded
 * as the UI downloads it, and an operations engineer walks through it in Carepath.
 */
describe('replaying a referral’s history step by step in the browser', () => {
  let devServer: DevServer;
  let system: TestSystem;
  let server: RunningServer;
  let browser: Browser;
  let referral: Referral;
  let workflowId: string;
  /** The Temporal UI's download ("Encoded", its default), byte for byte as the UI builds it. */
  let uiDownload: string;

  beforeAll(async () => {
    mkdirSync(shots, { recursive: true });
    devServer = await startTemporalDevServer({
      cliPath: await ensureTemporalCli(),
      port: await freePort(),
      uiPort: await freePort(),
      namespace: 'default',
    });
    system = await startTestSystem({ env: { TEMPORAL_ADDRESS: devServer.address, PORT: String(await freePort()) } });
    server = await startServer(system);
    const deps = { client: system.client, db: system.db, taskQueue: system.target.taskQueue, policy: defaultPolicy };
    const { ubrn } = await drivePath(deps, 'book-accept');
    workflowId = `referral-${ubrn}`;
    referral = (await system.client.workflow.getHandle(workflowId).query<Referral, []>('projection'))!;
    const { runId } = await system.client.workflow.getHandle(workflowId).describe();
    // What the UI's "Download" does (ui src/lib/utilities/export-history.ts): fetch the events
    // from its server's API, ascending, page by page, and save JSON.stringify({ events }, null, 2).
    const events: unknown[] = [];
    let token = '';
    do {
      const url = new URL(`${devServer.uiUrl}/api/v1/namespaces/default/workflows/${workflowId}/history`);
      url.searchParams.set('execution.runId', runId);
      if (token) url.searchParams.set('nextPageToken', token);
      const page = (await (await fetch(url)).json()) as { history: { events: unknown[] }; nextPageToken?: string };
      events.push(...page.history.events);
      token = page.nextPageToken ?? '';
    } while (token);
    uiDownload = JSON.stringify({ events }, null, 2);
    browser = await launchChromium();
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await system?.stop();
    await devServer?.stop();
  });

  it('reads the Temporal UI’s download as the same history Carepath exports', async () => {
    const ops = await signIn(system.db, { orgCode: 'QMF', role: 'CP0002' });
    const exported = parseHistoryFile((await system.services.replay.exportHistory(ops.actor, referral.ubrn)).json);
    const downloaded = parseHistoryFile(uiDownload);
    expect(downloaded).toMatchObject({ workflowType: 'referral', format: 'encoded', eventCount: exported.eventCount });
    expect(downloaded.events.map((e) => e.eventType)).toEqual(exported.events.map((e) => e.eventType));
    expect(downloaded.events.map((e) => e.eventId)).toEqual(exported.events.map((e) => e.eventId));
  });

  async function upload(page: Page): Promise<void> {
    await page.goto(`${server.url}/replay`);
    expect(await axeViolations(page)).toEqual([]);
    await page.setInputFiles('#history', {
      name: `${workflowId}.json`,
      mimeType: 'application/json',
      buffer: Buffer.from(uiDownload),
    });
    await page.getByRole('button', { name: 'Open history' }).first().click();
    await page.waitForURL(/\/replay\/[^/]+\/events\/1$/);
  }

  const stepHeading = (page: Page) => page.locator('#replay-step h2').innerText();
  const stateShown = (page: Page) =>
    page.locator('#replay-step .nhsuk-summary-list__row', { hasText: 'State' }).first().innerText();

  it('walks an operations engineer through it event by event, with htmx next and previous', async () => {
    const ops = await signIn(system.db, { orgCode: 'QMF', role: 'CP0002' });
    const page = await signedInPage(browser, server.url, ops);
    await upload(page);
    const total = parseHistoryFile(uiDownload).eventCount;
    expect(await stepHeading(page)).toBe(
      `Event 1 of ${total}: referral workflow started (create) by a Referring Clinician`,
    );
    expect(await page.locator('#replay-step').innerText()).toContain('The workflow has not yet recorded a referral');
    expect(await axeViolations(page)).toEqual([]);

    // Step by step to the first transition: each Next swaps the panel and moves the address.
    let n = 1;
    while (!(await stepHeading(page)).includes('Transition v1 committed') && n < 20) {
      await page.getByRole('link', { name: 'Next event' }).click();
      n++;
      await expect.poll(() => stepHeading(page)).toMatch(new RegExp(`^Event ${n} of ${total}`));
      expect(page.url()).toMatch(new RegExp(`/events/${n}$`));
    }
    expect(n).toBeGreaterThan(3);
    expect(await stepHeading(page)).toContain('Transition v1 committed: Referral created, now Not booked');
    expect(await stateShown(page)).toContain('Not booked');
    const actions = await page.locator('table', { hasText: 'What each role could do now' }).innerText();
    expect(actions).toMatch(/Referring Clinician\s+Book appointment/);
    expect(actions).toMatch(/Service Provider Clinician\s+Nothing/);
    await page.screenshot({ path: `${shots}/created.png`, fullPage: true });

    await page.getByRole('link', { name: 'Previous event' }).click();
    await expect.poll(() => stepHeading(page)).toMatch(new RegExp(`^Event ${n - 1} of ${total}`));
    expect(await page.locator('#replay-step').innerText()).toContain('The workflow has not yet recorded a referral');

    // Further on: the booking's transition, its reminder timer cancelled just after.
    const book = (await system.services.replay.openFile(ops.actor, 'h.json', uiDownload)).id;
    const steps = await Promise.all(
      Array.from({ length: total }, (_, i) => system.services.replay.step(ops.actor, book, i, true)),
    );
    const transitions = steps.flatMap((s) => (s.step.transition ? [s.step.transition.type] : []));
    expect(transitions).toEqual(['CREATE', 'BOOK', 'BOOKING_CONFIRMED', 'ACCEPT']);
    const booked = steps.find((s) => s.step.transition?.type === 'BOOK')!.index + 1;
    await page.goto(page.url().replace(/\/events\/\d+$/, `/events/${booked - 1}`));
    expect(await stateShown(page)).toContain('Not booked');
    expect(await page.locator('#replay-step').innerText()).toContain('Accepted at event');
    await page.getByRole('link', { name: 'Next event' }).click();
    await expect.poll(() => stepHeading(page)).toContain('Transition v2 committed: Book appointment, now Booked');
    expect(await stateShown(page)).toContain('Booked');
    expect(await axeViolations(page)).toEqual([]);
    await page.screenshot({ path: `${shots}/booked.png`, fullPage: true });

    // An operations engineer sees the patient, and may mask them for a training room.
    const nhs = referral.patient.nhsNumber;
    expect(await page.locator('#replay-step').innerText()).toContain(formatNhsNumber(nhs));
    expect(await page.locator('#replay-step').innerText()).toContain(
      `${referral.patient.givenName} ${referral.patient.familyName}`,
    );
    await page.getByRole('link', { name: 'Mask personal data' }).click();
    expect(await page.locator('main').innerText()).not.toContain(formatNhsNumber(nhs));
    expect(await page.content()).not.toContain(nhs);
    const name = `${referral.patient.givenName} ${referral.patient.familyName}`;
    expect(await page.locator('main').innerText()).not.toContain(name);
    expect(await stateShown(page)).toContain('Booked');
    await page.getByRole('link', { name: 'Next event' }).click();
    await expect.poll(() => page.url()).toMatch(/masked=1$/);
    expect(await page.locator('main').innerText()).not.toContain(nhs);
    await page.context().close();
  }, 180_000);

  it('says what is wrong with a file that is not a history, keeping the engineer on the form', async () => {
    const ops = await signIn(system.db, { orgCode: 'QMF', role: 'CP0002' });
    const page = await signedInPage(browser, server.url, ops);
    await page.goto(`${server.url}/replay`);
    await page.setInputFiles('#history', {
      name: 'notes.json',
      mimeType: 'application/json',
      buffer: Buffer.from('{}'),
    });
    const response = page.waitForResponse((r) => r.url().endsWith('/replay/upload'));
    await page.getByRole('button', { name: 'Open history' }).first().click();
    expect((await response).status()).toBe(422);
    expect(await page.locator('.nhsuk-error-summary').innerText()).toContain('no list of events');
    expect(await axeViolations(page)).toEqual([]);
    await page.context().close();
  }, 60_000);
});
