import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FRESH_PROOF_MS } from '../../services/identity/reauthentication.service';
import { currentTotpCode } from '../../services/identity/totp';
import { createTestApp } from '../../tests/helpers/app';
import { createTestUser, TEST_PASSWORD } from '../../tests/helpers/users';
import { webClient } from '../../tests/helpers/web-client';

describe('confirming it is you before adding a way of signing in', () => {
  let t: Awaited<ReturnType<typeof createTestApp>>;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t?.stop());

  async function signedIn(username: string) {
    const user = await createTestUser(t.db, { username, roles: [['A81001', 'B1101']] });
    const client = webClient(t.app);
    await client.get('/auth/sign-in');
    await client.post('/auth/sign-in', { username, password: TEST_PASSWORD });
    await client.get('/auth/sign-in/code');
    const signInCode = await currentTotpCode(user.secret);
    expect((await client.post('/auth/sign-in/code', { code: signInCode })).status).toBe(303);
    // Some time later: the proof given at sign-in has lapsed.
    const longAgo = new Date(Date.now() - FRESH_PROOF_MS - 1000);
    const age = () =>
      t.db.updateTable('sessions').set({ factor_verified_at: longAgo }).where('user_id', '=', user.id).execute();
    return { client, user, signInCode, age };
  }

  it('lets a user who has just signed in add a key straight away', async () => {
    const { client } = await signedIn('just.arrived');
    const security = await client.get('/auth/security');
    expect(security.body).toContain('data-passkey-register');
    expect((await client.json('/auth/passkeys/options', {})).status).toBe(200);
  });

  it('asks for a code again later, refuses the one already used, then gives new recovery codes', async () => {
    const { client, user, signInCode, age } = await signedIn('back.later');
    await age();
    const security = await client.get('/auth/security');
    expect(security.body).not.toContain('data-passkey-register');
    expect(security.body).toContain('href="/auth/confirm?next=%2Fauth%2Fsecurity"');
    const options = await client.json('/auth/passkeys/options', {});
    expect(options.status).toBe(403);
    expect(JSON.parse(options.body).error).toContain('Confirm it is you first');
    expect((await client.post('/auth/recovery-codes')).location).toBe('/auth/confirm?next=%2Fauth%2Frecovery-codes');
    expect((await client.get('/auth/authenticator')).location).toBe('/auth/confirm?next=%2Fauth%2Fauthenticator');

    const page = await client.get('/auth/confirm?next=%2Fauth%2Frecovery-codes');
    expect(page.body).toContain('Code from your authenticator app');
    const replayed = await client.post('/auth/confirm', { next: '/auth/recovery-codes', code: signInCode });
    expect(replayed.status).toBe(422);
    expect(replayed.body).toContain('was used already');

    const code = await currentTotpCode(user.secret, Date.now() + 30_000);
    const confirmed = await client.post('/auth/confirm', { next: '/auth/recovery-codes', code });
    expect(confirmed.location).toBe('/auth/recovery-codes');
    expect((await client.get('/auth/recovery-codes')).body).toContain('Get new recovery codes');
    const codes = await client.post('/auth/recovery-codes');
    expect(codes.body.match(/<code>[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{3}<\/code>/g)).toHaveLength(10);
    expect((await client.get('/auth/security')).body).toContain('You have 10 unused recovery codes');
  });

  it('goes back only to its own pages after confirming', async () => {
    const { client, user, age } = await signedIn('no.detours');
    await age();
    await client.get('/auth/confirm?next=https%3A%2F%2Fexample.com');
    const code = await currentTotpCode(user.secret, Date.now() + 30_000);
    expect((await client.post('/auth/confirm', { next: 'https://example.com', code })).location).toBe('/auth/security');
  });
});
