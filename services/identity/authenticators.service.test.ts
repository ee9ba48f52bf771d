import { describe, expect, it } from 'vitest';
import { addTestPasskey, createTestUser, identityServiceSuite, TEST_PASSWORD } from '../../tests/helpers/users';
import { currentTotpCode } from './totp';

const relyingParty = { rpID: 'localhost', origin: 'http://localhost:3000' };

describe('identity service: the user’s own authenticators', () => {
  const suite = identityServiceSuite({ address: '192.0.2.30' });
  const { policy, context, signedIn } = suite;

  it('sets up the app at the first sign-in: a good code, ten recovery codes, then signed in', async () => {
    const user = await createTestUser(suite.db, {
      username: 'first.time',
      roles: [['A81001', 'B1101']],
      totp: false,
    });
    const anonymous = await suite.identity.startAnonymousSession(policy);
    const credentials = { username: 'first.time', password: TEST_PASSWORD };
    const { started } = await suite.identity.signInWithPassword(anonymous.session, credentials, context);
    const setup = (await suite.identity.authenticatorAppSetup(started.session))!;
    expect(setup.qrCodeSvg).toContain('<svg');
    expect(setup.key).toMatch(/^[A-Z2-7]{4}( [A-Z2-7]{1,4})+$/);
    // The same secret until it is confirmed: a reload must not invalidate the app just scanned.
    expect((await suite.identity.authenticatorAppSetup(started.session))!.key).toBe(setup.key);

    await expect(suite.identity.confirmAuthenticatorApp(started.session, '', policy)).rejects.toMatchObject({
      code: 'VALIDATION',
      fields: { code: 'Enter the 6-digit code from your app' },
    });
    await expect(suite.identity.confirmAuthenticatorApp(started.session, '000000', policy)).rejects.toMatchObject({
      code: 'VALIDATION',
      field: 'code',
    });
    const code = await currentTotpCode(setup.key.replaceAll(' ', ''));
    const confirmed = await suite.identity.confirmAuthenticatorApp(started.session, code, policy);
    if (confirmed.status !== 'set-up') throw new Error(`expected set-up, got ${confirmed.status}`);
    expect(confirmed.recoveryCodes).toHaveLength(10);
    expect(new Set(confirmed.recoveryCodes).size).toBe(10);
    expect(confirmed.signedIn?.session).toMatchObject({ stage: 'signed_in', userId: user.id, role: 'B1101' });
    expect(await suite.auditDetails('auth.recovery_codes_created')).toContainEqual({ count: 10, replaced: false });

    expect(await suite.identity.authenticatorAppSetup(confirmed.signedIn!.session)).toBeUndefined();
    expect(await suite.identity.confirmAuthenticatorApp(confirmed.signedIn!.session, code, policy)).toEqual({
      status: 'already-set-up',
    });
  });

  it('lists the app and the keys on the security page', async () => {
    const { user, session } = await signedIn('has.keys');
    await addTestPasskey(suite.db, user.id, { id: 'blue-key', name: 'Blue key' });
    const overview = await suite.identity.securityOverview(session);
    expect(overview.authenticatorAppSetUpAt).toBeInstanceOf(Date);
    expect(overview.passkeys).toEqual([
      { id: 'blue-key', name: 'Blue key', createdAt: expect.any(Date), lastUsedAt: null },
    ]);
  });

  it('registers a key only with a name and an answer to a fresh challenge', async () => {
    const { session } = await signedIn('adds.key');
    await expect(
      suite.identity.registerPasskey(session, { name: '', response: { id: 'x' } }, relyingParty),
    ).rejects.toMatchObject({ code: 'VALIDATION', fields: { name: 'Enter a name for the security key' } });
    const body = { name: 'Green key', response: { id: 'x', response: {} } };
    await expect(suite.identity.registerPasskey(session, body, relyingParty)).rejects.toMatchObject({
      code: 'INVALID_REQUEST_STATE',
    });
    const options = await suite.identity.passkeyRegistrationOptions(session, relyingParty);
    expect(options).toMatchObject({ rp: { id: 'localhost', name: 'Carepath' }, user: { name: 'adds.key' } });
    await expect(suite.identity.registerPasskey(session, body, relyingParty)).rejects.toMatchObject({
      code: 'VALIDATION',
      message: 'The security key could not be added. Try again.',
    });
  });

  it('removes only the user’s own key', async () => {
    const owner = await signedIn('key.owner');
    const other = await signedIn('not.owner');
    await addTestPasskey(suite.db, owner.user.id, { id: 'owned-key', name: 'Owned' });
    await expect(suite.identity.removePasskey(other.session, 'owned-key')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await suite.identity.removePasskey(owner.session, 'owned-key');
    expect((await suite.identity.securityOverview(owner.session)).passkeys).toEqual([]);
    expect(await suite.auditDetails('auth.passkey_removed')).toContainEqual({ credential: 'owned-key' });
  });
});
