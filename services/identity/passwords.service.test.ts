import { describe, expect, it } from 'vitest';
import { signIn } from '../../fixtures/identity';
import { createTestUser, identityServiceSuite, TEST_PASSWORD } from '../../tests/helpers/users';
import { commonPasswords } from './passwords';
import { currentTotpCode } from './totp';

const NEW_PASSWORD = 'marmalade lighthouse orbit';
const form = (password: string, confirmation = password) => ({ password, confirm_password: confirmation });

describe('identity service: the user’s own password', () => {
  const suite = identityServiceSuite({ address: '192.0.2.50' });
  const { policy, context } = suite;

  const passwordSignIn = async (username: string, password: string) => {
    const anonymous = await suite.identity.startAnonymousSession(policy);
    return suite.identity.signInWithPassword(anonymous.session, { username, password }, context);
  };

  it('ships the common-passwords list', () => {
    const list = commonPasswords();
    expect(list.size).toBeGreaterThan(10_000);
    expect(list.has('password')).toBe(true);
    expect(list.has('1qaz2wsx3edc')).toBe(true);
    expect([...list].some((entry) => entry.startsWith('#'))).toBe(false);
  });

  it('marks the password a registration authority administrator issues as temporary', async () => {
    const { actor } = await signIn(suite.db, { orgCode: 'A81001', role: 'CP0001' });
    const created = await suite.identity.createUser(actor, { username: 'issued.one', display_name: 'Issued One' });
    const row = await suite.db.selectFrom('users').selectAll().where('id', '=', created.id).executeTakeFirstOrThrow();
    expect(row.password_temporary).toBe(true);
    expect((await passwordSignIn('issued.one', created.password)).next).toBe('authenticator');
  });

  it('opens nothing after a temporary password until the user has chosen their own', async () => {
    const user = await createTestUser(suite.db, { username: 'new.starter', roles: [['A81001', 'B1101']] });
    await suite.db.updateTable('users').set({ password_temporary: true }).where('id', '=', user.id).execute();
    const { started } = await passwordSignIn('new.starter', TEST_PASSWORD);
    const code = await currentTotpCode(user.secret);
    const pending = await suite.identity.signInWithSecondFactor(
      started.session,
      { kind: 'code', value: code },
      context,
    );
    expect(pending.session).toMatchObject({ stage: 'new_password', role: null });
    const loaded = await suite.identity.loadSession(pending.token, { policy, background: false });
    expect(loaded).toMatchObject({ status: 'active', session: { stage: 'new_password' } });
    expect(loaded).not.toHaveProperty('actor');
    await expect(suite.identity.roleAssignments(pending.session)).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });

    await expect(suite.identity.chooseNewPassword(pending.session, form('short'), policy)).rejects.toMatchObject({
      code: 'VALIDATION',
      fields: { password: 'Your new password must be at least 12 characters long' },
    });
    await expect(suite.identity.chooseNewPassword(pending.session, form(TEST_PASSWORD), policy)).rejects.toMatchObject({
      fields: { password: 'Your new password must be different from the one you were given' },
    });
    const signedIn = await suite.identity.chooseNewPassword(pending.session, form(NEW_PASSWORD), policy);
    expect(signedIn.session).toMatchObject({ stage: 'signed_in', role: 'B1101', authMethod: 'password+totp' });

    const row = await suite.db.selectFrom('users').selectAll().where('id', '=', user.id).executeTakeFirstOrThrow();
    expect(row.password_temporary).toBe(false);
    await expect(passwordSignIn('new.starter', TEST_PASSWORD)).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    expect((await passwordSignIn('new.starter', NEW_PASSWORD)).next).toBe('code');
    expect(await suite.auditDetails('auth.password_changed')).toContainEqual({ reason: 'temporary_replaced' });
  });

  it('lets a user who chose their own password straight through', async () => {
    const { session } = await suite.signedIn('own.password');
    expect(session.stage).toBe('signed_in');
  });

  it('changes a password with the current one, ending every other session of the user', async () => {
    const { user, session, token } = await suite.signedIn('changer');
    const elsewhere = await signIn(suite.db, { userId: user.id, orgCode: 'A81001', role: 'B1101' });
    const change = (current: string, password: string, confirmation = password) =>
      suite.identity.changePassword(session, { current_password: current, ...form(password, confirmation) });

    await expect(change('', NEW_PASSWORD)).rejects.toMatchObject({
      fields: { current_password: 'Enter your current password' },
    });
    await expect(change('not my password', 'Liverpool1892!')).rejects.toMatchObject({
      fields: {
        current_password: 'Your current password is not right',
        password: expect.stringContaining('This password is too common'),
      },
    });
    await expect(change(TEST_PASSWORD, 'changer and friends')).rejects.toMatchObject({
      fields: { password: 'Your new password must not contain your username' },
    });
    await expect(change(TEST_PASSWORD, NEW_PASSWORD, 'something else entirely')).rejects.toMatchObject({
      fields: { confirm_password: 'The passwords do not match' },
    });
    await expect(change(TEST_PASSWORD, TEST_PASSWORD)).rejects.toMatchObject({
      fields: { password: 'Your new password must be different from your current one' },
    });
    expect(await change(TEST_PASSWORD, NEW_PASSWORD)).toEqual({ otherSessionsEnded: 1 });

    const active = (t: string) => suite.identity.loadSession(t, { policy, background: false });
    expect((await active(token)).status).toBe('active');
    expect(await active(elsewhere.cookie.split('=')[1]!)).toEqual({ status: 'missing' });
    expect((await passwordSignIn('changer', NEW_PASSWORD)).next).toBe('code');
    expect(await suite.auditDetails('auth.password_changed')).toContainEqual({
      reason: 'changed',
      otherSessionsEnded: 1,
    });
    expect(await suite.auditDetails('auth.reauth_failed')).toContainEqual({ step: 'password', failures: 1 });
    const audit = JSON.stringify(await suite.db.selectFrom('audit_events').select('detail').execute());
    expect(audit).not.toContain(NEW_PASSWORD);
  });
});
