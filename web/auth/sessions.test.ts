import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../../tests/helpers/app';
import { signIn } from '../../tests/helpers/session';
import { webClient } from '../../tests/helpers/web-client';
import { createTestUser, TEST_PASSWORD } from '../../tests/helpers/users';
import { currentTotpCode } from '../../services/identity/totp';
import { hashSessionId } from '../../services/identity/session-tokens';
import { lockAccount } from '../../db/identity/users.repository';
import { appInput } from '../../system/system';
import { createApp } from '../app';

describe('sessions, organisation and role choice, lockout', () => {
  let t: Awaited<ReturnType<typeof createTestApp>>;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t?.stop());

  const idHashOf = (cookie: string) => hashSessionId(cookie.split('=')[1]!);
  const audits = async (action: string) =>
    (await t.db.selectFrom('audit_events').select('action').where('action', '=', action).execute()).length;

  it('ends a session idle for 15 minutes, and says why', async () => {
    const session = await signIn(t.db, { orgCode: 'A81001', role: 'B1101' });
    const headers = { cookie: session.cookie };
    expect((await t.app.request('/referrer', { headers })).status).toBe(200);
    await t.db
      .updateTable('sessions')
      .set({ last_seen_at: new Date(Date.now() - 15 * 60_000 - 1000) })
      .where('id_hash', '=', idHashOf(session.cookie))
      .execute();
    const response = await t.app.request('/referrer', { headers });
    expect(response.status).toBe(401);
    expect(await response.text()).toContain('did not do anything for a while');
    expect((await t.app.request('/referrer', { headers })).status).toBe(401);
    expect(await audits('auth.session_expired')).toBeGreaterThan(0);
  });

  it('does not count a background refresh (a polled worklist) as activity', async () => {
    const session = await signIn(t.db, { orgCode: 'A81001', role: 'B1101' });
    const idleSince = new Date(Date.now() - 14 * 60_000);
    const lastSeen = () =>
      t.db
        .selectFrom('sessions')
        .select('last_seen_at')
        .where('id_hash', '=', idHashOf(session.cookie))
        .executeTakeFirstOrThrow();
    await t.db
      .updateTable('sessions')
      .set({ last_seen_at: idleSince })
      .where('id_hash', '=', idHashOf(session.cookie))
      .execute();
    const background = { cookie: session.cookie, 'X-Carepath-Background': 'refresh', 'HX-Request': 'true' };
    expect((await t.app.request('/referrer', { headers: background })).status).toBe(200);
    expect((await lastSeen()).last_seen_at).toEqual(idleSince);
    expect((await t.app.request('/referrer', { headers: { cookie: session.cookie } })).status).toBe(200);
    expect((await lastSeen()).last_seen_at.getTime()).toBeGreaterThan(idleSince.getTime());
  });

  it('ends a session at its absolute limit however active it is', async () => {
    const session = await signIn(t.db, { orgCode: 'A81001', role: 'B1101' });
    await t.db
      .updateTable('sessions')
      .set({ expires_at: new Date(Date.now() - 1000) })
      .where('id_hash', '=', idHashOf(session.cookie))
      .execute();
    const response = await t.app.request('/referrer', { headers: { cookie: session.cookie } });
    expect(response.status).toBe(401);
    expect(await response.text()).toContain('longest time allowed');
  });

  it('warns from configuration: the page carries the idle and absolute timers', async () => {
    const session = await signIn(t.db, { orgCode: 'A81001', role: 'B1101' });
    const html = await (await t.app.request('/referrer', { headers: { cookie: session.cookie } })).text();
    expect(html).toContain(`data-idle-ms="${15 * 60_000}"`);
    expect(html).toContain(`data-idle-warning-ms="${5 * 60_000}"`);
    expect(html).toContain(`data-absolute-warning-ms="${10 * 60_000}"`);
    expect(html).toContain('hx-headers');
  });

  it('signs out everywhere', async () => {
    const a = await signIn(t.db, { orgCode: 'A81001', role: 'B1101' });
    const b = await signIn(t.db, { userId: a.actor.userId, orgCode: 'A81001', role: 'B1101' });
    const response = await t.app.request('/auth/sign-out-everywhere', {
      method: 'POST',
      headers: { cookie: a.cookie, 'x-csrf-token': a.csrfToken },
    });
    expect(response.status).toBe(303);
    expect((await t.app.request('/referrer', { headers: { cookie: b.cookie } })).status).toBe(401);
  });

  it('offers organisations (radios up to five, a drop-down above), then roles, and switches without signing in again', async () => {
    const orgs = ['B81001', 'B81002', 'B81003', 'B81004', 'B81005', 'B81006'];
    const user = await createTestUser(t.db, {
      username: 'many.orgs',
      roles: [...orgs.map((o) => [o, 'B1101'] as [string, 'B1101']), ['B81001', 'B1107']],
    });
    const client = webClient(t.app);
    await client.get('/auth/sign-in');
    await client.post('/auth/sign-in', { username: 'many.orgs', password: TEST_PASSWORD });
    await client.get('/auth/sign-in/code');
    const signedIn = await client.post('/auth/sign-in/code', { code: await currentTotpCode(user.secret) });
    expect(signedIn.location).toBe('/auth/organisation');
    const picker = await client.get('/auth/organisation');
    expect(picker.body).toContain('<select class="nhsuk-select" id="org" name="org"');
    const empty = await client.post('/auth/organisation', {});
    expect(empty.status).toBe(422);
    expect(empty.body).toContain('Select the organisation you are working for');
    const chosen = await client.post('/auth/organisation', { org: 'B81001' });
    expect(chosen.location).toBe('/auth/role?org=B81001');
    const rolePage = await client.get('/auth/role?org=B81001');
    expect(rolePage.body).toContain('type="radio"');
    const notHeld = await client.post('/auth/role', { org: 'B81001', role: 'CP0001' });
    expect(notHeld.status).toBe(422);
    expect((await client.post('/auth/role', { org: 'B81001', role: 'B1107' })).location).toBe('/service-definer');
    expect((await client.get('/service-definer')).status).toBe(200);
    // Switching: one role in B81002, so straight in.
    await client.get('/auth/organisation');
    expect((await client.post('/auth/organisation', { org: 'B81002' })).location).toBe('/referrer');
    expect((await client.get('/service-definer')).status).toBe(403);
    expect((await client.get('/referrer')).body).toContain('Organisation B81002');
    expect(await audits('auth.role_chosen')).toBeGreaterThanOrEqual(2);
  });

  it('answers a wrong password for a locked account as for any other; only the right one hears of the lock, until an administrator unlocks it', async () => {
    const user = await createTestUser(t.db, { username: 'to.lock', roles: [['A81001', 'B1101']] });
    const client = webClient(t.app, { address: '198.51.100.7' });
    await client.get('/auth/sign-in');
    const wrongWhileOpen = await client.post('/auth/sign-in', { username: 'to.lock', password: 'wrong' });
    await lockAccount(t.db, user.id, new Date(), new Date(Date.now() + 30 * 60_000));
    const wrongWhileLocked = await client.post('/auth/sign-in', { username: 'to.lock', password: 'wrong' });
    expect(wrongWhileLocked.status).toBe(401);
    expect(wrongWhileLocked.body).toBe(wrongWhileOpen.body);
    const right = await client.post('/auth/sign-in', { username: 'to.lock', password: TEST_PASSWORD });
    expect(right.status).toBe(429);
    expect(right.body).toContain(
      'Your account is locked because of too many failed sign-in attempts. Try again in 30 minutes',
    );
    expect(await audits('auth.sign_in_refused')).toBe(1);

    const admin = await signIn(t.db, { orgCode: 'A81001', role: 'CP0001' });
    const unlock = await t.app.request(`/admin/users/${user.id}/unlock`, {
      method: 'POST',
      headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrfToken },
    });
    expect(await unlock.text()).toContain('is unlocked');
    const again = await client.post('/auth/sign-in', { username: 'to.lock', password: TEST_PASSWORD });
    expect(again.location).toBe('/auth/sign-in/code');
  });

  it('takes the client’s address from X-Forwarded-For only when the peer is a trusted proxy', async () => {
    const behindProxy = createApp({ ...appInput(t.system), config: { ...t.config, TRUSTED_PROXIES: ['10.0.0.0/8'] } });
    const failedFrom = async (app: typeof t.app, peer: string, forwardedFor: string) => {
      const client = webClient(app, { address: peer, headers: { 'x-forwarded-for': forwardedFor } });
      await client.get('/auth/sign-in');
      await client.post('/auth/sign-in', { username: 'nobody.at.all', password: 'wrong' });
      const row = await t.db
        .selectFrom('audit_events')
        .select('detail')
        .where('action', '=', 'auth.sign_in_failed')
        .orderBy('id', 'desc')
        .executeTakeFirstOrThrow();
      return (row.detail as { address: string }).address;
    };
    // The client wrote the left-hand entry; the proxy appended the address it saw.
    expect(await failedFrom(behindProxy, '10.0.0.5', '192.0.2.99, 203.0.113.77')).toBe('203.0.113.77');
    expect(await failedFrom(behindProxy, '::ffff:10.1.2.3', '10.0.0.9, 203.0.113.78')).toBe('203.0.113.78');
    expect(await failedFrom(behindProxy, '198.51.100.8', '203.0.113.79')).toBe('198.51.100.8');
    expect(await failedFrom(t.app, '10.0.0.5', '203.0.113.80')).toBe('10.0.0.5');
  });
});
