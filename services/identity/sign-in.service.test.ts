import { describe, expect, it } from 'vitest';
import { replaceRecoveryCodes } from '../../db/identity/credentials.repository';
import {
  addTestPasskey,
  createTestUser,
  identityServiceSuite,
  TEST_PASSWORD,
  TEST_SESSION_POLICY,
} from '../../tests/helpers/users';
import { hashRecoveryCode } from './recovery-codes';
import type { Session } from './session.types';
import { currentTotpCode } from './totp';

const policy = TEST_SESSION_POLICY;
// Each test signs in from an address of its own, so the address throttle of one does not reach another.
let lastOctet = 0;
const fromNewAddress = () => ({ address: `198.51.100.${++lastOctet}`, policy });

describe('identity service: signing in', () => {
  const suite = identityServiceSuite();

  const anonymous = async () => (await suite.identity.startAnonymousSession(policy)).session;
  /** Past the password, waiting for the second factor. */
  const atSecondStep = async (username: string, context = fromNewAddress()): Promise<Session> => {
    const { next, started } = await suite.identity.signInWithPassword(
      await anonymous(),
      { username, password: TEST_PASSWORD },
      context,
    );
    expect(next).toBe('code');
    return started.session;
  };

  it('names each missing field', async () => {
    const attempt = suite.identity.signInWithPassword(
      await anonymous(),
      { username: '', password: '' },
      fromNewAddress(),
    );
    await expect(attempt).rejects.toMatchObject({
      code: 'VALIDATION',
      fields: { username: 'Enter your username', password: 'Enter your password' },
    });
  });

  it('refuses a wrong password or an unknown user in the same words, and audits both', async () => {
    await createTestUser(suite.db, { username: 'wrong.password', roles: [['A81001', 'B1101']] });
    const refusal = { code: 'UNAUTHENTICATED', fields: { username: 'Enter a correct username and password' } };
    const context = fromNewAddress();
    for (const username of ['wrong.password', 'no.such.user']) {
      const attempt = suite.identity.signInWithPassword(await anonymous(), { username, password: 'wrong' }, context);
      await expect(attempt).rejects.toMatchObject(refusal);
    }
    expect(await suite.auditDetails('auth.sign_in_failed')).toContainEqual({
      step: 'password',
      address: context.address,
      account: 'unknown',
    });
  });

  it('sends a user with no authenticator yet to set one up, and one with only a security key to use it', async () => {
    const fresh = await createTestUser(suite.db, { username: 'no.app', roles: [['A81001', 'B1101']], totp: false });
    const credentials = { username: 'no.app', password: TEST_PASSWORD };
    const enrol = await suite.identity.signInWithPassword(await anonymous(), credentials, fromNewAddress());
    expect(enrol.next).toBe('authenticator');
    expect(enrol.started.session).toMatchObject({ stage: 'enrol', userId: fresh.id });

    await addTestPasskey(suite.db, fresh.id, { id: 'key-of-no-app', name: 'Key' });
    await expect(
      suite.identity.signInWithPassword(await anonymous(), credentials, fromNewAddress()),
    ).rejects.toMatchObject({
      code: 'VALIDATION',
      message: 'Your account uses a security key or passkey. Sign in with it below.',
    });
  });

  it('signs in with the app’s code; a user with one role has it chosen, and the code works once', async () => {
    const user = await createTestUser(suite.db, { username: 'one.role', roles: [['A81001', 'B1110']] });
    const code = await currentTotpCode(user.secret);
    const signedIn = await suite.identity.signInWithSecondFactor(
      await atSecondStep('one.role'),
      { kind: 'code', value: code },
      fromNewAddress(),
    );
    expect(signedIn.session).toMatchObject({
      stage: 'signed_in',
      userId: user.id,
      orgCode: 'A81001',
      role: 'B1110',
      authMethod: 'password+totp',
    });
    expect(signedIn.roles).toEqual([{ orgCode: 'A81001', orgName: 'Organisation A81001', role: 'B1110' }]);
    const replay = suite.identity.signInWithSecondFactor(
      await atSecondStep('one.role'),
      { kind: 'code', value: code },
      fromNewAddress(),
    );
    await expect(replay).rejects.toMatchObject({ code: 'UNAUTHENTICATED', field: 'code' });
  });

  it('accepts a recovery code once, and asks for one that is missing', async () => {
    const user = await createTestUser(suite.db, { username: 'recovers', roles: [['A81001', 'B1101']] });
    await replaceRecoveryCodes(suite.db, user.id, [hashRecoveryCode(user.id, 'ABCD-EFGH-JKM')]);
    const empty = suite.identity.signInWithSecondFactor(
      await atSecondStep('recovers'),
      { kind: 'recovery_code', value: '' },
      fromNewAddress(),
    );
    await expect(empty).rejects.toMatchObject({
      code: 'VALIDATION',
      fields: { recovery_code: 'Enter a recovery code' },
    });
    const answer = { kind: 'recovery_code' as const, value: 'abcd efgh jkm' };
    const signedIn = await suite.identity.signInWithSecondFactor(
      await atSecondStep('recovers'),
      answer,
      fromNewAddress(),
    );
    expect(signedIn.session.authMethod).toBe('password+recovery');
    await expect(
      suite.identity.signInWithSecondFactor(await atSecondStep('recovers'), answer, fromNewAddress()),
    ).rejects.toMatchObject({ code: 'UNAUTHENTICATED', field: 'recovery_code' });
  });

  it('takes a passkey answer only against a fresh challenge, and counts an unknown key as a failure', async () => {
    const relyingParty = { rpID: 'localhost', origin: 'http://localhost:3000' };
    const context = { ...fromNewAddress(), relyingParty };
    const session = await anonymous();
    const answer = { id: 'unknown-key', response: { userHandle: null } };
    await expect(suite.identity.signInWithPasskey(session, answer, context)).rejects.toMatchObject({
      code: 'INVALID_REQUEST_STATE',
    });
    const options = await suite.identity.passkeySignInOptions(session, relyingParty);
    expect(options).toMatchObject({ rpId: 'localhost', userVerification: 'required' });
    await expect(suite.identity.signInWithPasskey(session, answer, context)).rejects.toMatchObject({
      code: 'UNAUTHENTICATED',
      message: 'This security key is not registered with Carepath.',
    });
    expect(await suite.auditDetails('auth.sign_in_failed')).toContainEqual({
      step: 'passkey',
      address: context.address,
      account: 'unknown',
    });
    // The challenge was used up by the wrong answer.
    await expect(suite.identity.signInWithPasskey(session, answer, context)).rejects.toMatchObject({
      code: 'INVALID_REQUEST_STATE',
    });
  });
});
