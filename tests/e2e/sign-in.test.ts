import { mkdirSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, type DemoSecrets, seedIdentity } from '../../scripts/seed-identity';
import { currentTotpCode } from '../../services/identity/totp';
import type { RunningServer } from '../../system/server';
import { startTestServer } from '../helpers/server';
import { launchChromium } from '../helpers/browser';
import type { TestDatabase } from '../helpers/database';
import { type TestSystem, startTestSystem } from '../helpers/system';
import { createTestUser, TEST_PASSWORD } from '../helpers/users';

const shots = 'test-output/e2e-sign-in';

describe('signing in, in a real browser', () => {
  let system: TestSystem;
  let database: TestDatabase;
  let server: RunningServer;
  let idleServer: RunningServer;
  let browser: Browser;
  let page: Page;
  let demoSecrets: DemoSecrets;

  beforeAll(async () => {
    mkdirSync(shots, { recursive: true });
    // The default idle limit (15 minutes): a slow machine never signs the journey out between steps.
    system = await startTestSystem();
    database = system.database;
    ({ secrets: demoSecrets } = await seedIdentity(database.db));
    server = await startTestServer(system);
    // Half a minute idle, on a second server over the same sessions, for the warning test alone:
    // the warning shows after 20 seconds, short enough to watch for.
    idleServer = await startTestServer(system, { config: { SESSION_IDLE_MINUTES: 0.5 } });
    browser = await launchChromium();
    page = await (await browser.newContext()).newPage();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await idleServer?.close();
    await system?.stop();
  });

  const choose = (label: string) => page.getByLabel(label, { exact: true }).check();
  const button = (name: string) => page.getByRole('button', { name, exact: true }).click();

  it('signs in with password and authenticator code, then picks organisation and role', async () => {
    await page.goto(`${server.url}/auth/sign-in`);
    await page.getByLabel('Username').fill('gp.clinician');
    await page.getByLabel('Password').fill(DEMO_PASSWORD);
    await button('Continue');
    await page
      .getByLabel('Code')
      .first()
      .fill(await currentTotpCode(demoSecrets['gp.clinician']!));
    await button('Sign in');
    await page.waitForURL('**/auth/organisation');
    await page.screenshot({ path: `${shots}/1-organisation.png`, fullPage: true });
    await choose('Whitechapel Health Centre');
    await button('Continue');
    await page.waitForURL('**/auth/role?org=F84001');
    await choose('Referring Clinician Admin');
    await button('Continue');
    await page.waitForURL('**/referrer');
    expect(await page.locator('h1').textContent()).toBe('Referrer home');
    expect(await page.getByTestId('acting-as').textContent()).toContain('Referring Clinician Admin');
    await page.screenshot({ path: `${shots}/2-referrer-home.png`, fullPage: true });
  });

  it('registers a security key, then signs in with it and no username', async () => {
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('WebAuthn.enable');
    await cdp.send('WebAuthn.addVirtualAuthenticator', {
      options: {
        protocol: 'ctap2',
        transport: 'internal',
        hasResidentKey: true,
        hasUserVerification: true,
        isUserVerified: true,
      },
    });
    await page.goto(`${server.url}/auth/security`);
    await page.getByLabel('Name for a new security key or passkey').fill('Virtual key');
    await button('Add a security key or passkey');
    await page.getByRole('cell', { name: 'Virtual key', exact: true }).waitFor();
    await page.screenshot({ path: `${shots}/3-security-keys.png`, fullPage: true });

    await page.getByRole('button', { name: 'Sign out', exact: true }).first().click();
    await page.waitForURL('**/auth/signed-out');
    await page.goto(`${server.url}/auth/sign-in`);
    await button('Sign in with a security key or passkey');
    await page.waitForURL('**/auth/organisation');
    await choose('Stepney Green Medical Practice');
    await button('Continue');
    // One role in that practice: straight to its home page.
    await page.waitForURL('**/referrer');
    expect(await page.getByTestId('acting-as').textContent()).toContain('Stepney Green Medical Practice');
    const lastUsed = await database.db.selectFrom('webauthn_credentials').select('last_used_at').executeTakeFirst();
    expect(lastUsed?.last_used_at).toBeInstanceOf(Date);
  });

  it('warns before signing out an idle user, with a countdown', async () => {
    // Cookies are per host, not per port: the session signed in above is sent to this server too.
    await page.goto(`${idleServer.url}/referrer`);
    const warning = page.locator('#session-timeout');
    await warning.waitFor({ state: 'visible', timeout: 30_000 });
    expect(await warning.textContent()).toMatch(/You will be signed out in \d+ seconds?/);
    await page.screenshot({ path: `${shots}/4-idle-warning.png`, fullPage: true });
    await button('Stay signed in');
    await warning.waitFor({ state: 'hidden' });
  });

  it('confirms it is you with the security key before adding another, once the sign-in is minutes old', async () => {
    const user = await database.db
      .selectFrom('users')
      .select('id')
      .where('username', '=', 'gp.clinician')
      .executeTakeFirstOrThrow();
    const longAgo = new Date(Date.now() - 10 * 60_000);
    await database.db
      .updateTable('sessions')
      .set({ factor_verified_at: longAgo })
      .where('user_id', '=', user.id)
      .execute();
    await page.goto(`${server.url}/auth/security`);
    await page.getByRole('link', { name: 'Add a security key or passkey' }).click();
    await page.waitForURL('**/auth/confirm?next=%2Fauth%2Fsecurity');
    await button('Use your security key or passkey');
    await page.waitForURL('**/auth/security');
    await page.getByLabel('Name for a new security key or passkey').waitFor();
  });

  it('has a user given a temporary password choose their own at the first sign-in', async () => {
    const user = await createTestUser(database.db, { username: 'new.colleague', roles: [['A81099', 'B1101']] });
    await database.db.updateTable('users').set({ password_temporary: true }).where('id', '=', user.id).execute();
    const newcomer = await (await browser.newContext()).newPage();
    const press = (name: string) => newcomer.getByRole('button', { name, exact: true }).click();
    await newcomer.goto(`${server.url}/auth/sign-in`);
    await newcomer.getByLabel('Username').fill('new.colleague');
    await newcomer.getByLabel('Password').fill(TEST_PASSWORD);
    await press('Continue');
    await newcomer
      .getByLabel('Code')
      .first()
      .fill(await currentTotpCode(user.secret));
    await press('Sign in');
    await newcomer.waitForURL('**/auth/password/new');
    await newcomer.getByLabel('New password', { exact: true }).fill('too short');
    await newcomer.getByLabel('Type your new password again').fill('too short');
    await press('Save password and continue');
    await newcomer.getByRole('alert').getByText('Your new password must be at least 12 characters long').waitFor();
    await newcomer.screenshot({ path: `${shots}/5-choose-password.png`, fullPage: true });
    await newcomer.getByLabel('New password', { exact: true }).fill('marmalade lighthouse orbit');
    await newcomer.getByLabel('Type your new password again').fill('marmalade lighthouse orbit');
    await press('Save password and continue');
    await newcomer.waitForURL('**/referrer');
    await newcomer.close();
  });
});
