import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../../tests/helpers/app';
import { signIn } from '../../tests/helpers/session';
import { webClient } from '../../tests/helpers/web-client';
import { createTestUser } from '../../tests/helpers/users';

describe('registration-authority administration', () => {
  let t: Awaited<ReturnType<typeof createTestApp>>;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t?.stop());

  const asAdmin = async () => {
    const admin = await signIn(t.db, { orgCode: 'A81001', role: 'CP0001' });
    const post = (path: string, form: Record<string, string>) =>
      t.app.request(path, {
        method: 'POST',
        body: new URLSearchParams(form),
        headers: {
          cookie: admin.cookie,
          'x-csrf-token': admin.csrfToken,
          'content-type': 'application/x-www-form-urlencoded',
        },
      });
    return { post };
  };

  it('creates a user with a one-time password, keeps what was typed on an error, gives and removes a role', async () => {
    const admin = await asAdmin();
    const bad = await admin.post('/admin/users', { username: 'X', display_name: 'Jo Bloggs' });
    expect(bad.status).toBe(422);
    const badHtml = await bad.text();
    expect(badHtml).toContain('Enter a username of 3 to 40');
    expect(badHtml).toContain('value="Jo Bloggs"');
    const created = await admin.post('/admin/users', { username: 'jo.bloggs', display_name: 'Jo Bloggs' });
    expect(created.status).toBe(201);
    const password = /temporary password is <code[^>]*>([^<]+)<\/code>/.exec(await created.text())?.[1];
    expect(password).toBeTruthy();

    const user = await t.db
      .selectFrom('users')
      .select('id')
      .where('username', '=', 'jo.bloggs')
      .executeTakeFirstOrThrow();
    expect((await admin.post(`/admin/users/${user.id}/roles`, { org: 'A81001', role: 'B1103' })).status).toBe(303);
    expect((await admin.post(`/admin/users/${user.id}/roles`, { org: 'NOPE1', role: 'B1103' })).status).toBe(422);

    // First sign-in: the temporary password leads to setting up an authenticator app.
    const client = webClient(t.app);
    await client.get('/auth/sign-in');
    expect((await client.post('/auth/sign-in', { username: 'jo.bloggs', password: password! })).location).toBe(
      '/auth/authenticator',
    );
    expect((await client.get('/auth/authenticator')).body).toContain('data:image/svg+xml;base64,');

    await admin.post(`/admin/users/${user.id}/roles/remove`, { org: 'A81001', role: 'B1103' });
    const roles = await t.db.selectFrom('role_assignments').selectAll().where('user_id', '=', user.id).execute();
    expect(roles).toEqual([]);
  });

  it('resets a user’s authenticators and ends their sessions', async () => {
    const admin = await asAdmin();
    const user = await createTestUser(t.db, { username: 'lost.phone', roles: [['A81001', 'B1101']] });
    const theirs = await signIn(t.db, { userId: user.id, orgCode: 'A81001', role: 'B1101' });
    const reset = await admin.post(`/admin/users/${user.id}/reset-authenticators`, {});
    expect(await reset.text()).toContain('authenticators were removed');
    expect(await t.db.selectFrom('totp_secrets').selectAll().where('user_id', '=', user.id).execute()).toEqual([]);
    expect((await t.app.request('/referrer', { headers: { cookie: theirs.cookie } })).status).toBe(401);
    const audit = await t.db.selectFrom('audit_events').select('action').where('subject_id', '=', user.id).execute();
    expect(audit.map((a) => a.action)).toContain('admin.authenticators_reset');
  });
});
