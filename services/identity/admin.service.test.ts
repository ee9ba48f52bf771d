import { beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../domain/actor';
import { findTotp } from '../../db/identity/credentials.repository';
import { findUserById, lockAccount } from '../../db/identity/users.repository';
import { signIn } from '../../tests/helpers/session';
import { createTestUser, identityServiceSuite, TEST_SESSION_POLICY } from '../../tests/helpers/users';
import { checkPassword } from './passwords';

const policy = TEST_SESSION_POLICY;

describe('identity service: registration-authority administration', () => {
  const suite = identityServiceSuite();
  let admin: Actor;
  beforeAll(async () => {
    admin = (await signIn(suite.db, { orgCode: 'A81001', role: 'CP0001' })).actor;
  });

  const auditOf = (userId: string) =>
    suite.db
      .selectFrom('audit_events')
      .select(['action', 'actor_user_id', 'actor_role', 'detail'])
      .where('subject_id', '=', userId)
      .execute();

  it('refuses every administration to a role the rules table does not name', async () => {
    const clinician: Actor = { ...admin, role: 'B1101' };
    const { id } = await createTestUser(suite.db, { username: 'bystander', roles: [['A81001', 'B1101']] });
    const attempts = [
      suite.identity.listUsers(clinician),
      suite.identity.createUser(clinician, { username: 'sneaky', display_name: 'Sneaky' }),
      suite.identity.userDetails(clinician, id),
      suite.identity.giveRole(clinician, id, { org: 'A81001', role: 'CP0001' }),
      suite.identity.removeRole(clinician, id, { org: 'A81001', role: 'B1101' }),
      suite.identity.unlockAccount(clinician, id),
      suite.identity.resetAuthenticators(clinician, id),
    ];
    for (const attempt of attempts) await expect(attempt).rejects.toMatchObject({ code: 'NOT_PERMITTED' });
    expect(await auditOf(id)).toEqual([]);
  });

  it('creates a user with a one-time password, names what is wrong with a form, and refuses a taken username', async () => {
    await expect(suite.identity.createUser(admin, { username: 'X', display_name: '' })).rejects.toMatchObject({
      code: 'VALIDATION',
      fields: {
        username: 'Enter a username of 3 to 40 lower-case letters, digits, dots or hyphens',
        display_name: 'Enter their full name',
      },
    });
    const created = await suite.identity.createUser(admin, { username: ' Jo.Bloggs ', display_name: 'Jo Bloggs' });
    expect(created.username).toBe('jo.bloggs');
    const stored = await findUserById(suite.db, created.id);
    expect(await checkPassword(stored?.password_hash, created.password)).toBe(true);
    await expect(
      suite.identity.createUser(admin, { username: 'jo.bloggs', display_name: 'Another' }),
    ).rejects.toMatchObject({
      code: 'VALIDATION',
      fields: { username: 'That username is taken. Choose another' },
    });
    expect(await auditOf(created.id)).toEqual([
      { action: 'admin.user_created', actor_user_id: admin.userId, actor_role: 'CP0001', detail: {} },
    ]);
    const listed = (await suite.identity.listUsers(admin)).find((u) => u.id === created.id);
    expect(listed).toMatchObject({ username: 'jo.bloggs', displayName: 'Jo Bloggs', roleCount: 0, lockedAt: null });
  });

  it('gives and takes away roles, naming a missing organisation or role', async () => {
    const { id } = await createTestUser(suite.db, { username: 'gets.role', roles: [['A81001', 'B1101']] });
    await expect(suite.identity.giveRole(admin, id, { org: 'NOPE1', role: 'B9999' })).rejects.toMatchObject({
      code: 'VALIDATION',
      fields: { org: 'Select an organisation', role: 'Select a role' },
    });
    await expect(
      suite.identity.giveRole(admin, 'no-such-user', { org: 'A81001', role: 'B1103' }),
    ).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await suite.identity.giveRole(admin, id, { org: 'A81001', role: 'B1103' });
    const details = await suite.identity.userDetails(admin, id);
    expect(details.roles.map((r) => r.role)).toEqual(['B1101', 'B1103']);
    expect(details.organisations.map((o) => o.odsCode)).toContain('A81001');
    expect(details.authenticators).toEqual({ authenticatorApp: true, passkeys: 0 });
    expect((await suite.identity.listUsers(admin)).find((u) => u.id === id)?.roleCount).toBe(2);

    await expect(suite.identity.removeRole(admin, id, { org: 'A81001', role: 'nonsense' })).rejects.toMatchObject({
      code: 'VALIDATION',
    });
    await suite.identity.removeRole(admin, id, { org: 'A81001', role: 'B1101' });
    expect((await suite.identity.userDetails(admin, id)).roles.map((r) => r.role)).toEqual(['B1103']);
    expect((await auditOf(id)).map((a) => a.action)).toEqual(['admin.role_assigned', 'admin.role_removed']);
  });

  it('unlocks an account, and resets authenticators ending every session', async () => {
    const user = await createTestUser(suite.db, { username: 'lost.phone', roles: [['A81001', 'B1101']] });
    await lockAccount(suite.db, user.id, new Date(), new Date(Date.now() + policy.accountLockMs));
    expect((await suite.identity.userDetails(admin, user.id)).user.lockedAt).toBeInstanceOf(Date);
    expect(await suite.identity.unlockAccount(admin, user.id)).toMatchObject({ username: 'lost.phone' });
    expect((await suite.identity.userDetails(admin, user.id)).user).toMatchObject({
      lockedAt: null,
      failedAttempts: 0,
    });

    const theirs = await signIn(suite.db, { userId: user.id, orgCode: 'A81001', role: 'B1101' });
    await suite.identity.resetAuthenticators(admin, user.id);
    expect(await findTotp(suite.db, user.id)).toBeUndefined();
    const token = theirs.cookie.slice(theirs.cookie.indexOf('=') + 1);
    expect(await suite.identity.loadSession(token, { policy, background: false })).toEqual({ status: 'missing' });
    expect((await auditOf(user.id)).map((a) => a.action)).toEqual([
      'admin.account_unlocked',
      'admin.authenticators_reset',
    ]);
  });
});
