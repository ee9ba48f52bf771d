import { describe, expect, it } from 'vitest';
import { signIn } from '../../fixtures/identity';
import { addTestPasskey, createTestUser, identityServiceSuite } from '../../tests/helpers/users';
import { FRESH_PROOF_MS, REAUTH_FAILURE_LIMIT } from './reauthentication.service';
import type { Session } from './session.types';
import { currentTotpCode } from './totp';

const relyingParty = { rpID: 'localhost', origin: 'http://localhost:3000' };
const notYet = { code: 'NOT_PERMITTED', message: expect.stringContaining('Confirm it is you first') };

describe('identity service: proving the second factor again before adding a way of signing in', () => {
  const suite = identityServiceSuite({ address: '192.0.2.40' });
  const { policy } = suite;

  /** The session as the next request would load it. */
  async function reload(token: string): Promise<Session> {
    const found = await suite.identity.loadSession(token, { policy, background: false });
    if (found.status !== 'active') throw new Error(`expected an active session, got ${found.status}`);
    return found.session;
  }

  /** Moves the last proof back past the window, as if the user had been working for a while. */
  async function ageProof(token: string): Promise<Session> {
    const session = await reload(token);
    const longAgo = new Date(Date.now() - FRESH_PROOF_MS - 1000);
    await suite.db
      .updateTable('sessions')
      .set({ factor_verified_at: longAgo })
      .where('id_hash', '=', session.id)
      .execute();
    return reload(token);
  }

  it('counts signing in as proof for five minutes, then refuses to add a key or new recovery codes', async () => {
    const { token, session } = await suite.signedIn('fresh.then.stale');
    expect(Date.now() - session.factorVerifiedAt!.getTime()).toBeLessThan(5000);
    await expect(suite.identity.passkeyRegistrationOptions(session, relyingParty)).resolves.toMatchObject({
      user: { name: 'fresh.then.stale' },
    });

    const stale = await ageProof(token);
    await expect(suite.identity.passkeyRegistrationOptions(stale, relyingParty)).rejects.toMatchObject(notYet);
    const body = { name: 'Green key', response: { id: 'x', response: {} } };
    await expect(suite.identity.registerPasskey(stale, body, relyingParty)).rejects.toMatchObject(notYet);
    await expect(suite.identity.regenerateRecoveryCodes(stale)).rejects.toMatchObject(notYet);
  });

  it('takes a new code from the app, but not one already used, and then gives new recovery codes', async () => {
    const { user, token } = await suite.signedIn('code.again');
    const stale = await ageProof(token);
    // The code signed in with is spent, even within its 30 seconds.
    const spent = await currentTotpCode(user.secret);
    await expect(suite.identity.confirmSecondFactor(stale, { kind: 'code', value: spent })).rejects.toMatchObject({
      code: 'VALIDATION',
      fields: { code: 'The code is not right, or was used already. Enter the code your app shows now' },
    });
    await expect(suite.identity.confirmSecondFactor(stale, { kind: 'code', value: '' })).rejects.toMatchObject({
      fields: { code: 'Enter the 6-digit code from your authenticator app' },
    });
    const next = await currentTotpCode(user.secret, Date.now() + 30_000);
    await suite.identity.confirmSecondFactor(stale, { kind: 'code', value: next });

    const codes = await suite.identity.regenerateRecoveryCodes(await reload(token));
    expect(new Set(codes).size).toBe(10);
    expect(await suite.auditDetails('auth.second_factor_confirmed')).toContainEqual({ method: 'code' });
    expect(await suite.auditDetails('auth.recovery_codes_created')).toContainEqual({ count: 10, replaced: true });
  });

  it('takes a recovery code once', async () => {
    const { token, session } = await suite.signedIn('recovery.again');
    const [first] = await suite.identity.regenerateRecoveryCodes(session);
    await suite.identity.confirmSecondFactor(await ageProof(token), { kind: 'recovery_code', value: first! });
    expect((await suite.identity.confirmationMethods(await reload(token))).recoveryCodesLeft).toBe(9);
    await expect(
      suite.identity.confirmSecondFactor(await ageProof(token), { kind: 'recovery_code', value: first! }),
    ).rejects.toMatchObject({ fields: { recovery_code: 'The recovery code is not right, or was used already' } });
  });

  it('sets up an authenticator app for a signed-in user only with fresh proof', async () => {
    const user = await createTestUser(suite.db, { username: 'no.app', roles: [['A81001', 'B1101']], totp: false });
    const { cookie } = await signIn(suite.db, { userId: user.id, orgCode: 'A81001', role: 'B1101' });
    const token = cookie.split('=')[1]!;
    const stale = await reload(token);
    expect(stale.factorVerifiedAt).toBeNull();
    await expect(suite.identity.authenticatorAppSetup(stale)).rejects.toMatchObject(notYet);
    await expect(suite.identity.confirmAuthenticatorApp(stale, '123456', policy)).rejects.toMatchObject(notYet);

    await suite.db
      .updateTable('sessions')
      .set({ factor_verified_at: new Date() })
      .where('id_hash', '=', stale.id)
      .execute();
    const fresh = await reload(token);
    const setup = (await suite.identity.authenticatorAppSetup(fresh))!;
    const code = await currentTotpCode(setup.key.replaceAll(' ', ''));
    expect(await suite.identity.confirmAuthenticatorApp(fresh, code, policy)).toMatchObject({
      status: 'set-up',
      recoveryCodes: expect.any(Array),
    });
  });

  it(`ends the session after ${REAUTH_FAILURE_LIMIT} wrong answers, and the account stays open`, async () => {
    const { user, token } = await suite.signedIn('guesser');
    const stale = await ageProof(token);
    for (let attempt = 1; attempt < REAUTH_FAILURE_LIMIT; attempt++) {
      await expect(suite.identity.confirmSecondFactor(stale, { kind: 'code', value: '000000' })).rejects.toMatchObject({
        code: 'VALIDATION',
      });
    }
    await expect(suite.identity.confirmSecondFactor(stale, { kind: 'code', value: '000000' })).rejects.toMatchObject({
      code: 'UNAUTHENTICATED',
    });
    expect(await suite.identity.loadSession(token, { policy, background: false })).toEqual({ status: 'missing' });
    expect(await suite.auditDetails('auth.reauth_failed')).toContainEqual({ step: 'code', failures: 5 });
    const account = await suite.db.selectFrom('users').selectAll().where('id', '=', user.id).executeTakeFirstOrThrow();
    expect(account.failed_attempts).toBe(0);
  });

  it('asks only the user’s own keys, and refuses anyone else’s', async () => {
    const owner = await suite.signedIn('key.holder');
    const other = await suite.signedIn('other.holder');
    await addTestPasskey(suite.db, owner.user.id, { id: 'holder-key', name: 'Holder' });
    await addTestPasskey(suite.db, other.user.id, { id: 'other-key', name: 'Other' });
    const options = await suite.identity.passkeyConfirmationOptions(owner.session, relyingParty);
    expect(options.allowCredentials?.map((c) => c.id)).toEqual(['holder-key']);
    const answer = {
      id: 'other-key',
      rawId: 'other-key',
      type: 'public-key',
      response: {},
      clientExtensionResults: {},
    };
    await expect(suite.identity.confirmWithPasskey(owner.session, answer, relyingParty)).rejects.toMatchObject({
      code: 'VALIDATION',
    });
    // A challenge answers once: the same answer again has nothing to match.
    await expect(suite.identity.confirmWithPasskey(owner.session, answer, relyingParty)).rejects.toMatchObject({
      code: 'INVALID_REQUEST_STATE',
    });
  });
});
