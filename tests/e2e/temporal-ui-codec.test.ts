import { execFile } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { Client, Connection } from '@temporalio/client';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { situations } from '../../domain/fixtures';
import { ensureTemporalCli } from '../../scripts/temporal-cli';
import { type DevServer, startTemporalDevServer } from '../../scripts/temporal-dev-server';
import { freePort } from '../../system/ports';
import { type RunningServer, startServer } from '../../system/server';
import { dataConverter } from '../../temporal/connection';
import { launchChromium, signedInPage } from '../helpers/browser';
import { startInSituation } from '../helpers/referrals';
import { signIn } from '../helpers/session';
import { type TestSystem, startTestSystem } from '../helpers/system';
import { testSecrets } from '../helpers/temporal';

const shots = 'test-output/e2e-temporal-ui-codec';
// A plain-text field of the fixture referral's input.
const REASON = situations().AWAITING_TRIAGE.reason;

describe('the Temporal UI with Carepath as its codec server', () => {
  let system: TestSystem;
  let server: RunningServer;
  let devServer: DevServer;
  let connection: Connection;
  let browser: Browser;
  let workflowUrl: string;
  let workflowId: string;
  let cliPath: string;

  beforeAll(async () => {
    mkdirSync(shots, { recursive: true });
    const [appPort, uiPort] = [await freePort(), await freePort()];
    system = await startTestSystem({ env: { PORT: String(appPort), TEMPORAL_UI_PORT: String(uiPort) } });
    server = await startServer(system);
    // A dev server of its own, with the UI the run's shared one leaves out, pointed at the app.
    devServer = await startTemporalDevServer({
      cliPath: (cliPath = await ensureTemporalCli()),
      port: await freePort(),
      uiPort,
      uiCodecEndpoint: `${server.url}/codec`,
      namespace: 'default',
    });
    connection = await Connection.connect({ address: devServer.address });
    // Started as Carepath starts them, so its input is sealed; no worker needed to read the history.
    const client = new Client({ connection, dataConverter: dataConverter(testSecrets) });
    const referral = await startInSituation(client, 'ui-codec-test', situations().AWAITING_TRIAGE);
    workflowId = `referral-${referral.ubrn}`;
    workflowUrl = `${devServer.uiUrl}/namespaces/default/workflows/${workflowId}`;
    browser = await launchChromium();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await connection?.close();
    await devServer?.stop();
    await server?.close();
    await system?.stop();
  });

  /**
   * The workflow's page as `role` sees it once the UI's codec settings send credentials: as on a
   * dev server (whose UI cannot be configured to), the user sets them in the browser.
   */
  async function workflowPageAs(role: 'CP0002' | 'B1101', name: string): Promise<{ page: Page; status: number }> {
    const session = await signIn(system.db, { orgCode: role === 'CP0002' ? 'QMF' : 'A81001', role });
    const page = await signedInPage(browser, server.url, session);
    await page.goto(workflowUrl);
    // Without credentials the UI's calls carry no session: Carepath refuses, the UI says so.
    await page.getByTestId('data-encoder-status-error').click();
    // The credentials setting counts only for the browser's own endpoint, so choose that.
    await page.getByRole('button', { name: 'Use Cluster-level setting,' }).click();
    await page.getByText('Use my browser setting and ignore Cluster-level setting.').click();
    await page.getByLabel('Codec Server browser endpoint').fill(`${server.url}/codec`);
    // From the keyboard: the page scrolls these controls under the UI's sticky header.
    await page.locator('#pass-access-credentials').press('Space');
    await page.getByRole('button', { name: 'Apply', exact: true }).press('Enter');
    const decoded = page.waitForResponse((r) => r.url().endsWith('/codec/decode') && r.request().method() === 'POST');
    await page.reload();
    const status = (await decoded).status();
    await page.getByText('Workflow Execution Started').first().waitFor();
    await page.screenshot({ path: `${shots}/${name}.png`, fullPage: true });
    return { page, status };
  }

  it('shows an operations engineer the referral decoded, and audits it', async () => {
    const { page, status } = await workflowPageAs('CP0002', 'ops-engineer');
    expect(status).toBe(200);
    await expect.poll(() => page.locator('body').innerText(), { timeout: 15_000 }).toContain(REASON);
    const decodes = await system.db
      .selectFrom('audit_events')
      .select(['actor_role', 'subject_id', 'detail'])
      .where('action', '=', 'ops.payloads_decoded')
      .execute();
    expect(decodes.length).toBeGreaterThan(0);
    expect(decodes[0]).toMatchObject({
      actor_role: 'CP0002',
      subject_id: 'default',
      detail: { credential: 'session' },
    });
  }, 60_000);

  it('shows anyone else ciphertext', async () => {
    const { page, status } = await workflowPageAs('B1101', 'referring-clinician');
    expect(status).toBe(403);
    expect(await page.locator('body').innerText()).not.toContain(REASON);
  }, 60_000);

  it('decodes for `temporal workflow show` with a personal token, and not once it is revoked', async () => {
    const ops = await signIn(system.db, { orgCode: 'QMF', role: 'CP0002' });
    const { token } = await system.services.codec.createCodecToken(ops.actor);
    const show = (auth: string) =>
      run(cliPath, [
        'workflow',
        'show',
        '--address',
        devServer.address,
        '--workflow-id',
        workflowId,
        '--codec-endpoint',
        `${server.url}/codec`,
        '--codec-auth',
        auth,
        '--output',
        'json',
      ]);
    const shown = await show(`Bearer ${token}`);
    expect(payloadData(shown.stdout)).toContain(REASON);
    const tokenDecodes = async () =>
      (
        await system.db
          .selectFrom('audit_events')
          .select('id')
          .where('action', '=', 'ops.payloads_decoded')
          .where('actor_user_id', '=', ops.actor.userId)
          .execute()
      ).length;
    const decodedBefore = await tokenDecodes();
    expect(decodedBefore).toBeGreaterThan(0);
    const [row] = await system.db
      .selectFrom('codec_tokens')
      .select('id')
      .where('user_id', '=', ops.actor.userId)
      .execute();
    await system.services.codec.revokeCodecToken(ops.actor, row!.id);
    const refused = await show(`Bearer ${token}`);
    expect(payloadData(refused.stdout)).not.toContain(REASON);
    // Carepath answered 401 to each of the CLI's tries: no decode after the revocation.
    expect(await tokenDecodes()).toBe(decodedBefore);
  }, 60_000);
});

function run(command: string, args: string[]): Promise<{ stdout: string; stderr: string }> {
  return new Promise((resolve) => execFile(command, args, (_error, stdout, stderr) => resolve({ stdout, stderr })));
}

/** The payloads' data in `temporal ... --output json`, which prints it base64-encoded. */
function payloadData(json: string): string {
  return [...json.matchAll(/"data": "([A-Za-z0-9+/=]+)"/g)]
    .map((m) => Buffer.from(m[1]!, 'base64').toString())
    .join('\n');
}
