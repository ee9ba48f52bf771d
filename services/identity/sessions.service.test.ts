import { describe, expect, it } from 'vitest';
import { removeRole } from '../../db/identity/users.repository';
import { signIn } from '../../tests/helpers/session';
import { createTestUser, identityServiceSuite, TEST_PASSWORD } from '../../tests/helpers/users';
import { currentTotpCode } from './totp';
import type { Session } from './session.types';

describe('identity service: sessions', () => {
  const suite = identityServiceSuite({ address: '192.0.2.20' });
  const { policy, context, signedIn } = suite;
  const active = { policy, background: false };
  const backdate = (session: Session, changes: { last_seen_at?: Date; expires_at?: Date }) =>
    suite.db.updateTable('sessions').set(changes).where('id_hash', '=', session.id).execute();

  it('finds a session by its token, with the actor of its chosen role, and counts the request as activity', async () => {
    const { user, token, session } = await signedIn('found');
    await backdate(session, { last_seen_at: new Date(Date.now() - 60_000) });
    const found = await suite.identity.loadSession(token, active);
    expect(found).toMatchObject({
      status: 'active',
      session: { stage: 'signed_in', userId: user.id, orgCode: 'A81001', role: 'B1101', displayName: 'Name of found' },
      actor: { userId: user.id, orgCode: 'A81001', role: 'B1101', displayName: 'Name of found' },
    });
    expect(found.status === 'active' && Date.now() - found.session.lastSeenAt.getTime()).toBeLessThan(5_000);
  });

  it('finds nothing for an unknown token, and keeps the token itself out of the database', async () => {
    const { token, session } = await signedIn('hashed');
    expect(session.id).not.toBe(token);
    expect(await suite.identity.loadSession('no-such-token', active)).toEqual({ status: 'missing' });
  });

  it('gives no actor once an administrator takes the chosen role away', async () => {
    const { user, token } = await signedIn('role.taken');
    await removeRole(suite.db, user.id, 'A81001', 'B1101');
    const found = await suite.identity.loadSession(token, active);
    expect(found.status).toBe('active');
    expect(found.status === 'active' && found.actor).toBeUndefined();
  });

  it('ends a session idle past the limit, says why, audits it, and finds it no more', async () => {
    const { token, session } = await signedIn('idle');
    await backdate(session, { last_seen_at: new Date(Date.now() - policy.idleMs - 1000) });
    expect(await suite.identity.loadSession(token, active)).toEqual({ status: 'ended', reason: 'idle' });
    expect(await suite.identity.loadSession(token, active)).toEqual({ status: 'missing' });
    expect(await suite.auditDetails('auth.session_expired')).toContainEqual({ reason: 'idle' });
  });

  it('ends a session at its absolute limit however active it is', async () => {
    const { token, session } = await signedIn('absolute');
    await backdate(session, { expires_at: new Date(Date.now() - 1000) });
    expect(await suite.identity.loadSession(token, active)).toEqual({ status: 'ended', reason: 'absolute' });
  });

  it('ends an expired half-finished sign-in without a reason to show', async () => {
    const { token, session } = await suite.identity.startAnonymousSession(policy);
    await backdate(session, { expires_at: new Date(Date.now() - 1000) });
    expect(await suite.identity.loadSession(token, active)).toEqual({ status: 'ended' });
  });

  it('does not count a background refresh as activity', async () => {
    const { token, session } = await signedIn('background');
    const idleSince = new Date(Date.now() - 14 * 60_000);
    await backdate(session, { last_seen_at: idleSince });
    const found = await suite.identity.loadSession(token, { policy, background: true });
    expect(found.status === 'active' && found.session.lastSeenAt).toEqual(idleSince);
    const stored = await suite.db
      .selectFrom('sessions')
      .select('last_seen_at')
      .where('id_hash', '=', session.id)
      .executeTakeFirstOrThrow();
    expect(stored.last_seen_at).toEqual(idleSince);
  });

  it('gives a new id at every step up, so an id from before it finds nothing (fixation)', async () => {
    const user = await createTestUser(suite.db, { username: 'fixated', roles: [['A81001', 'B1101']] });
    const anonymous = await suite.identity.startAnonymousSession(policy);
    const credentials = { username: 'fixated', password: TEST_PASSWORD };
    const { started } = await suite.identity.signInWithPassword(anonymous.session, credentials, context);
    const code = { kind: 'code' as const, value: await currentTotpCode(user.secret) };
    const signedInNow = await suite.identity.signInWithSecondFactor(started.session, code, context);
    for (const planted of [anonymous.token, started.token]) {
      expect(await suite.identity.loadSession(planted, active)).toEqual({ status: 'missing' });
    }
    expect((await suite.identity.loadSession(signedInNow.token, active)).status).toBe('active');
  });

  it('chooses only a role the user holds, keeping the sign-in time and limit, under a new id', async () => {
    const { token, session, roles } = await signedIn('two.roles', [
      ['A81001', 'B1101'],
      ['A81001', 'B1107'],
    ]);
    expect(session.role).toBeNull();
    expect(roles.map((r) => r.role).sort()).toEqual(['B1101', 'B1107']);
    await expect(
      suite.identity.chooseRole(session, { orgCode: 'A81001', role: 'B1130' }, policy),
    ).rejects.toMatchObject({
      code: 'NOT_PERMITTED',
    });
    const chosen = await suite.identity.chooseRole(session, { orgCode: 'A81001', role: 'B1107' }, policy);
    expect(chosen.session).toMatchObject({ role: 'B1107', orgCode: 'A81001', createdAt: session.createdAt });
    expect(chosen.session.expiresAt).toEqual(session.expiresAt);
    expect(await suite.identity.loadSession(token, active)).toEqual({ status: 'missing' });
    expect(await suite.auditDetails('auth.role_chosen')).toContainEqual({ switched: false });
  });

  it('signs out everywhere: every session of the user ends', async () => {
    const { user, session } = await signedIn('everywhere');
    // A second browser: the same code cannot sign in twice, so its session is made directly.
    const other = await signIn(suite.db, { userId: user.id, orgCode: 'A81001', role: 'B1101' });
    const otherToken = other.cookie.slice(other.cookie.indexOf('=') + 1);
    expect((await suite.identity.loadSession(otherToken, active)).status).toBe('active');
    expect(await suite.identity.signOutEverywhere(session)).toBe(2);
    expect(await suite.identity.loadSession(otherToken, active)).toEqual({ status: 'missing' });
  });

  it('offers role choices only to a signed-in session', async () => {
    const { session } = await suite.identity.startAnonymousSession(policy);
    await expect(suite.identity.roleAssignments(session)).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
  });
});
