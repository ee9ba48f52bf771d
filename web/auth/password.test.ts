import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { currentTotpCode } from '../../services/identity/totp';
import { createTestApp } from '../../tests/helpers/app';
import { createTestUser, TEST_PASSWORD } from '../../tests/helpers/users';
import { webClient } from '../../tests/helpers/web-client';

const OWN_PASSWORD = 'marmalade lighthouse orbit';

describe('choosing and changing your own password', () => {
  let t: Awaited<ReturnType<typeof createTestApp>>;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t?.stop());

  it('replaces the temporary password at the first sign-in, before anything else opens', async () => {
    const user = await createTestUser(t.db, { username: 'first.day', roles: [['A81001', 'B1101']], totp: false });
    await t.db.updateTable('users').set({ password_temporary: true }).where('id', '=', user.id).execute();
    const client = webClient(t.app);
    await client.get('/auth/sign-in');
    expect((await client.post('/auth/sign-in', { username: 'first.day', password: TEST_PASSWORD })).location).toBe(
      '/auth/authenticator',
    );
    const setup = await client.get('/auth/authenticator');
    const key = /data-testid="totp-secret">([^<]+)</.exec(setup.body)![1]!.replaceAll(' ', '');
    const codes = await client.post('/auth/authenticator', { code: await currentTotpCode(key) });
    expect(codes.body).toContain('data-testid="recovery-codes"');
    expect(codes.body).toContain('href="/auth/password/new"');

    // Both factors proven, but the password was someone else's: nothing opens yet.
    expect((await client.get('/referrer')).status).toBe(401);
    expect((await client.get('/auth/security')).status).toBe(401);
    const page = await client.get('/auth/password/new');
    expect(page.status).toBe(200);
    expect(page.body).toContain('Choose your own password');

    const refused = await client.post('/auth/password/new', { password: 'short', confirm_password: 'shorter' });
    expect(refused.status).toBe(422);
    expect(refused.body).toContain('<a href="#password">Your new password must be at least 12 characters long</a>');
    expect(refused.body).toContain('<a href="#confirm_password">The passwords do not match</a>');
    expect(refused.body).not.toContain('value="short');
    const common = await client.post('/auth/password/new', {
      password: 'Password1234!',
      confirm_password: 'Password1234!',
    });
    expect(common.body).toContain('This password is too common');

    const chosen = await client.post('/auth/password/new', { password: OWN_PASSWORD, confirm_password: OWN_PASSWORD });
    expect(chosen.status).toBe(303);
    expect(chosen.location).toBe('/referrer');
    expect((await client.get('/referrer')).status).toBe(200);
    // Signed in now: the page is no longer there to come back to.
    expect((await client.get('/auth/password/new')).location).toBe('/');
  });

  it('sends anyone without a temporary password session back to sign in', async () => {
    const client = webClient(t.app);
    await client.get('/auth/sign-in');
    expect((await client.get('/auth/password/new')).location).toBe('/auth/sign-in');
    const posted = await client.post('/auth/password/new', { password: OWN_PASSWORD, confirm_password: OWN_PASSWORD });
    expect(posted.location).toBe('/auth/sign-in');
  });

  it('changes the password from the security page with the current one', async () => {
    const user = await createTestUser(t.db, { username: 'wants.change', roles: [['A81001', 'B1101']] });
    const client = webClient(t.app);
    await client.get('/auth/sign-in');
    await client.post('/auth/sign-in', { username: 'wants.change', password: TEST_PASSWORD });
    await client.get('/auth/sign-in/code');
    expect((await client.post('/auth/sign-in/code', { code: await currentTotpCode(user.secret) })).status).toBe(303);

    expect((await client.get('/auth/security')).body).toContain('href="/auth/password"');
    expect((await client.get('/auth/password')).body).toContain('autocomplete="current-password"');
    const wrong = await client.post('/auth/password', {
      current_password: 'not it',
      password: OWN_PASSWORD,
      confirm_password: OWN_PASSWORD,
    });
    expect(wrong.status).toBe(422);
    expect(wrong.body).toContain('<a href="#current_password">Your current password is not right</a>');
    expect(wrong.body).not.toContain(OWN_PASSWORD);

    const changed = await client.post('/auth/password', {
      current_password: TEST_PASSWORD,
      password: OWN_PASSWORD,
      confirm_password: OWN_PASSWORD,
    });
    expect(changed.location).toBe('/auth/security?password=changed');
    expect((await client.get(changed.location!)).body).toContain('Your password was changed');

    const again = webClient(t.app);
    await again.get('/auth/sign-in');
    expect((await again.post('/auth/sign-in', { username: 'wants.change', password: OWN_PASSWORD })).location).toBe(
      '/auth/sign-in/code',
    );
  });
});
