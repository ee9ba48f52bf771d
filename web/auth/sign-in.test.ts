import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../../tests/helpers/app';
import { webClient } from '../../tests/helpers/web-client';
import { createTestUser, TEST_PASSWORD } from '../../tests/helpers/users';
import { currentTotpCode } from '../../services/identity/totp';

describe('sign-in with password and authenticator app', () => {
  let t: Awaited<ReturnType<typeof createTestApp>>;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t?.stop());

  async function passPassword(username: string) {
    const client = webClient(t.app);
    await client.get('/auth/sign-in');
    const response = await client.post('/auth/sign-in', { username, password: TEST_PASSWORD });
    expect(response.location).toBe('/auth/sign-in/code');
    await client.get('/auth/sign-in/code');
    return client;
  }

  it('signs in with password then code, and a single role goes straight to its home page', async () => {
    const { secret } = await createTestUser(t.db, { username: 'single.role', roles: [['A81001', 'B1110']] });
    const client = await passPassword('Single.Role');
    const response = await client.post('/auth/sign-in/code', { code: await currentTotpCode(secret) });
    expect(response.status).toBe(303);
    expect(response.location).toBe('/provider');
    const home = await client.get('/provider');
    expect(home.status).toBe(200);
    expect(home.body).toContain('Provider home');
    expect(home.body).toContain('Service Provider Clinician');
  });

  it('keeps the username but not the password after a wrong password', async () => {
    const client = webClient(t.app);
    await client.get('/auth/sign-in');
    const response = await client.post('/auth/sign-in', { username: 'nobody.here', password: 'wrong' });
    expect(response.status).toBe(401);
    expect(response.body).toContain('There is a problem');
    expect(response.body).toContain('value="nobody.here"');
    expect(response.body).not.toContain('value="wrong"');
  });

  it('refuses a code that was already used, even within its 30 seconds', async () => {
    const { secret } = await createTestUser(t.db, { username: 'replay', roles: [['A81001', 'B1101']] });
    const code = await currentTotpCode(secret);
    const first = await passPassword('replay');
    expect((await first.post('/auth/sign-in/code', { code })).status).toBe(303);
    const second = await passPassword('replay');
    const replayed = await second.post('/auth/sign-in/code', { code });
    expect(replayed.status).toBe(401);
    expect(replayed.body).toContain('was used already');
  });

  it('allows one step of clock drift either way, and no more', async () => {
    const { secret } = await createTestUser(t.db, { username: 'drift', roles: [['A81001', 'B1101']] });
    const now = Date.now();
    const tooEarly = await passPassword('drift');
    expect(
      (await tooEarly.post('/auth/sign-in/code', { code: await currentTotpCode(secret, now - 90_000) })).status,
    ).toBe(401);
    const behind = await passPassword('drift');
    expect(
      (await behind.post('/auth/sign-in/code', { code: await currentTotpCode(secret, now - 30_000) })).status,
    ).toBe(303);
    const ahead = await passPassword('drift');
    expect((await ahead.post('/auth/sign-in/code', { code: await currentTotpCode(secret, now + 30_000) })).status).toBe(
      303,
    );
  });

  it('after a few wrong codes asks to wait on the code page, keeping the half-finished sign-in', async () => {
    await createTestUser(t.db, { username: 'slow.codes', roles: [['A81001', 'B1101']] });
    const client = await passPassword('slow.codes');
    const replies = [];
    // Four wrong codes cost nothing; the next must wait a second, the one after two (on a slow machine).
    for (let i = 0; i < 7 && replies.at(-1)?.status !== 429; i++) {
      replies.push(await client.post('/auth/sign-in/code', { code: '000000' }));
    }
    expect(replies.slice(0, 4).map((reply) => reply.status)).toEqual([401, 401, 401, 401]);
    const held = replies.at(-1)!;
    expect(held.status).toBe(429);
    expect(held.body).toMatch(/There have been too many failed sign-in attempts\. Wait \d+ seconds?, then try again\./);
    expect(held.body).toContain('name="code"');
    expect((await client.get('/auth/sign-in/code')).status).toBe(200);
  });

  it('gives a new session id at sign-in, so a planted id is useless (fixation)', async () => {
    const { secret } = await createTestUser(t.db, { username: 'fixation', roles: [['A81001', 'B1101']] });
    const client = webClient(t.app);
    await client.get('/auth/sign-in');
    const planted = client.cookie;
    await client.post('/auth/sign-in', { username: 'fixation', password: TEST_PASSWORD });
    const afterPassword = client.cookie;
    expect(afterPassword).not.toBe(planted);
    await client.get('/auth/sign-in/code');
    await client.post('/auth/sign-in/code', { code: await currentTotpCode(secret) });
    expect(client.cookie).not.toBe(afterPassword);
    expect((await client.get('/referrer')).status).toBe(200);
    client.cookie = planted;
    expect((await client.get('/referrer')).status).toBe(401);
    client.cookie = afterPassword;
    expect((await client.get('/referrer')).status).toBe(401);
  });

  it('refuses a POST without the CSRF token, or with a wrong one', async () => {
    const client = webClient(t.app);
    await client.get('/auth/sign-in');
    const missing = await client.post('/auth/sign-in', { _csrf: null, username: 'x', password: 'y' });
    expect(missing.status).toBe(403);
    const wrong = await client.post('/auth/sign-in', { _csrf: 'not-the-token', username: 'x', password: 'y' });
    expect(wrong.status).toBe(403);
    expect(wrong.body).toContain('refresh the page');
  });

  it('signs in with a recovery code once, and not twice', async () => {
    const user = await createTestUser(t.db, { username: 'recovery', roles: [['A81001', 'B1101']] });
    const { hashRecoveryCode } = await import('../../services/identity/recovery-codes');
    const { replaceRecoveryCodes } = await import('../../db/identity/credentials.repository');
    await replaceRecoveryCodes(t.db, user.id, [hashRecoveryCode(user.id, 'ABCD-EFGH-JKM')]);
    const first = await passPassword('recovery');
    expect((await first.post('/auth/sign-in/code', { recovery_code: 'abcd efgh jkm' })).location).toBe('/referrer');
    const second = await passPassword('recovery');
    expect((await second.post('/auth/sign-in/code', { recovery_code: 'ABCD-EFGH-JKM' })).status).toBe(401);
  });
});
