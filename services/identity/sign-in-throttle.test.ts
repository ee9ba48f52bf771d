import { beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../domain/actor';
import { ACCOUNT_BACK_OFF, ADDRESS_BACK_OFF, delayAfter } from '../../domain/identity/sign-in-throttle';
import { lockAccount } from '../../db/identity/users.repository';
import { signIn } from '../../tests/helpers/session';
import { createTestUser, identityServiceSuite, TEST_PASSWORD, TEST_SESSION_POLICY } from '../../tests/helpers/users';
import { identityService, type IdentityService } from './identity.service';
import { currentTotpCode } from './totp';

const policy = TEST_SESSION_POLICY;
const WRONG = { code: 'UNAUTHENTICATED', fields: { username: 'Enter a correct username and password' } };
// Each test signs in from an address of its own, so one test's address back-off never reaches another.
let lastOctet = 0;
const fromNewAddress = () => ({ address: `203.0.113.${++lastOctet}`, policy });

describe('sign-in throttle over time (the service’s clock, moved by the test)', () => {
  const suite = identityServiceSuite();
  let now = new Date('2026-12-01T09:00:00Z');
  const advance = (ms: number) => {
    now = new Date(now.getTime() + ms);
  };
  let identity: IdentityService;
  let admin: Actor;
  beforeAll(async () => {
    identity = identityService({ db: suite.db, clock: () => now });
    admin = (await signIn(suite.db, { orgCode: 'A81001', role: 'CP0001' })).actor;
  });

  const passwordAttempt = async (username: string, password: string, context = fromNewAddress()) =>
    identity.signInWithPassword(
      (await identity.startAnonymousSession(policy)).session,
      { username, password },
      context,
    );
  const outcome = (attempt: Promise<unknown>) =>
    attempt.then(
      () => 'signed in',
      (error: { code: string; message: string }) => `${error.code}: ${error.message}`,
    );
  /** Fails `count` times at `username`, waiting out each back-off as a patient guesser would. */
  async function failPatiently(username: string, count: number, context = fromNewAddress()) {
    for (let failures = 1; failures <= count; failures++) {
      await expect(passwordAttempt(username, 'wrong', context)).rejects.toMatchObject(WRONG);
      advance(delayAfter(failures, ACCOUNT_BACK_OFF));
    }
  }

  it('lets three wrong passwords cost nothing, then makes each further attempt wait twice as long, right or wrong', async () => {
    await createTestUser(suite.db, { username: 'slowed', roles: [['A81001', 'B1101']] });
    const context = fromNewAddress();
    for (let i = 0; i < 4; i++) await expect(passwordAttempt('slowed', 'wrong', context)).rejects.toMatchObject(WRONG);
    const tooSoon = passwordAttempt('slowed', TEST_PASSWORD, context);
    await expect(tooSoon).rejects.toMatchObject({
      code: 'RATE_LIMITED',
      fields: { username: 'There have been too many failed sign-in attempts. Wait 1 second, then try again.' },
    });
    advance(1_000);
    await expect(passwordAttempt('slowed', 'wrong', context)).rejects.toMatchObject(WRONG);
    await expect(passwordAttempt('slowed', TEST_PASSWORD, context)).rejects.toMatchObject({
      message: 'There have been too many failed sign-in attempts. Wait 2 seconds, then try again.',
    });
    // The account is held back wherever the attempt comes from, so a botnet gains nothing.
    await expect(passwordAttempt('slowed', TEST_PASSWORD)).rejects.toMatchObject({ code: 'RATE_LIMITED' });
    advance(2_000);
    expect((await passwordAttempt('slowed', TEST_PASSWORD, context)).next).toBe('code');
  });

  it('holds back an unknown username exactly as a real one, so the waits do not tell which exist', async () => {
    await createTestUser(suite.db, { username: 'real.person', roles: [['A81001', 'B1101']] });
    const replies = async (username: string) => {
      const said: string[] = [];
      for (const step of [0, 0, 0, 0, 0, 1_000, 0, 2_000]) {
        advance(step);
        said.push(await outcome(passwordAttempt(username, 'wrong')));
      }
      return said;
    };
    const real = await replies('real.person');
    expect(real).toContain(
      'RATE_LIMITED: There have been too many failed sign-in attempts. Wait 1 second, then try again.',
    );
    expect(await replies('no.such.person')).toEqual(real);
  });

  it('lets only one of many attempts sent together past the back-off', async () => {
    await createTestUser(suite.db, { username: 'burst', roles: [['A81001', 'B1101']] });
    const context = fromNewAddress();
    for (let i = 0; i < ACCOUNT_BACK_OFF.allowance; i++) {
      await expect(passwordAttempt('burst', 'wrong', context)).rejects.toMatchObject(WRONG);
    }
    const together = await Promise.all(
      Array.from({ length: 8 }, () => outcome(passwordAttempt('burst', 'wrong', context))),
    );
    expect(together.filter((said) => said.startsWith('UNAUTHENTICATED'))).toHaveLength(1);
    expect(together.filter((said) => said.startsWith('RATE_LIMITED'))).toHaveLength(7);
  });

  it('backs off an address that sprays many accounts, audits it, and leaves other addresses alone', async () => {
    await createTestUser(suite.db, { username: 'sprayed', roles: [['A81001', 'B1101']] });
    const context = fromNewAddress();
    for (let i = 0; i <= ADDRESS_BACK_OFF.allowance; i++) {
      await expect(passwordAttempt(`guess${i}`, 'wrong', context)).rejects.toMatchObject(WRONG);
    }
    await expect(passwordAttempt('sprayed', TEST_PASSWORD, context)).rejects.toMatchObject({
      code: 'RATE_LIMITED',
      message: 'There have been too many failed sign-in attempts. Wait 1 second, then try again.',
    });
    expect(await suite.auditDetails('auth.address_held_back')).toContainEqual({ address: context.address });
    expect((await passwordAttempt('sprayed', TEST_PASSWORD)).next).toBe('code');
    advance(1_000);
    expect((await passwordAttempt('sprayed', TEST_PASSWORD, context)).next).toBe('code');
    // Forgotten a minute at a time: half an hour later the address starts afresh.
    advance(ADDRESS_BACK_OFF.forgetOneEveryMs * (ADDRESS_BACK_OFF.allowance + 1));
    for (let i = 0; i <= ADDRESS_BACK_OFF.allowance; i++) {
      await expect(passwordAttempt(`again${i}`, 'wrong', context)).rejects.toMatchObject(WRONG);
    }
  });

  it('locks an account at ten failures until the lock ends by itself; a wrong password is answered as ever, only the right one hears of the lock', async () => {
    const user = await createTestUser(suite.db, { username: 'to.lock', roles: [['A81001', 'B1101']] });
    await failPatiently('to.lock', 10);
    const [lock] = await suite.auditDetails('auth.account_locked');
    expect(lock).toMatchObject({
      failures: 10,
      until: new Date(now.getTime() - delayAfter(10, ACCOUNT_BACK_OFF) + policy.accountLockMs).toISOString(),
    });
    expect((await identity.userDetails(admin, user.id)).user.lockedAt).toBeInstanceOf(Date);

    const failedBefore = (await suite.auditDetails('auth.sign_in_failed')).length;
    await expect(passwordAttempt('to.lock', 'wrong')).rejects.toMatchObject(WRONG);
    expect(await suite.auditDetails('auth.sign_in_failed')).toHaveLength(failedBefore + 1);
    advance(delayAfter(11, ACCOUNT_BACK_OFF));
    await expect(passwordAttempt('to.lock', TEST_PASSWORD)).rejects.toMatchObject({
      code: 'RATE_LIMITED',
      fields: {
        username: expect.stringMatching(
          /^Your account is locked because of too many failed sign-in attempts\. Try again in (2[0-9]|30) minutes, or ask your registration authority administrator to unlock it\.$/,
        ),
      },
    });
    expect(await suite.auditDetails('auth.sign_in_refused')).toContainEqual(
      expect.objectContaining({ reason: 'account_locked' }),
    );

    advance(policy.accountLockMs);
    expect((await identity.userDetails(admin, user.id)).user.lockedAt).toBeNull();
    expect((await passwordAttempt('to.lock', TEST_PASSWORD)).next).toBe('code');
  });

  it('lets an administrator unlock an account at once, back-off and all', async () => {
    const user = await createTestUser(suite.db, { username: 'unlocked', roles: [['A81001', 'B1101']] });
    await failPatiently('unlocked', 9);
    await expect(passwordAttempt('unlocked', 'wrong')).rejects.toMatchObject(WRONG);
    await expect(passwordAttempt('unlocked', TEST_PASSWORD)).rejects.toMatchObject({ code: 'RATE_LIMITED' });
    await identity.unlockAccount(admin, user.id);
    expect((await passwordAttempt('unlocked', TEST_PASSWORD)).next).toBe('code');
  });

  it('counts wrong codes against the account, and tells of a lock only after a right code', async () => {
    const user = await createTestUser(suite.db, { username: 'two.steps', roles: [['A81001', 'B1101']] });
    const context = fromNewAddress();
    const atCode = (await passwordAttempt('two.steps', TEST_PASSWORD, context)).started.session;
    // Someone else's guesses lock the account while its owner is between the two steps.
    await lockAccount(suite.db, user.id, now, new Date(now.getTime() + policy.accountLockMs));
    await expect(
      identity.signInWithSecondFactor(atCode, { kind: 'code', value: '000000' }, context),
    ).rejects.toMatchObject({
      code: 'UNAUTHENTICATED',
      field: 'code',
    });
    expect(await suite.auditDetails('auth.sign_in_failed')).toContainEqual({ step: 'code', address: context.address });
    const right = { kind: 'code' as const, value: await currentTotpCode(user.secret) };
    await expect(identity.signInWithSecondFactor(atCode, right, context)).rejects.toMatchObject({
      code: 'RATE_LIMITED',
      field: 'username',
    });
  });
});
