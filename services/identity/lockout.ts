import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/database';
import type { Executor } from '../../db/executor';
import { clearThrottle, updateThrottle } from '../../db/identity/throttles.repository';
import {
  clearAccountFailures,
  findUserById,
  lockAccount,
  recordAccountFailure,
} from '../../db/identity/users.repository';
import { CarepathError } from '../../domain/errors';
import {
  ACCOUNT_BACK_OFF,
  ADDRESS_BACK_OFF,
  admit,
  delayAfter,
  locksAccount,
  refund,
  waitInWords,
  type BackOffPolicy,
} from '../../domain/identity/sign-in-throttle';
import { auditAuth } from './auth-audit';
import type { Session, SignInContext } from './session.types';

/** What time it is: the real clock, or a test's. */
export type Clock = () => Date;

export type SignInStep = 'password' | 'code' | 'recovery_code' | 'passkey';

/** A sign-in attempt already counted as failed: it is settled one way or the other. */
export type Attempt = {
  succeeded(): Promise<void>;
  /** `userId`: the account concerned, for the audit trail, when the attempt named none (a passkey's). */
  failed(session: Session | undefined, step: SignInStep, userId?: string): Promise<void>;
};

/**
 * An account's throttle is keyed by the hash of the username as typed: an unknown username is
 * held back exactly as a real one is (so the waits do not tell which exist), and a password
 * typed into the username box is not stored as it was typed.
 */
function accountKey(username: string): string {
  return `account:${createHash('sha256').update(username.trim().toLowerCase()).digest('hex')}`;
}

const addressKey = (address: string) => `address:${address}`;

/** The lock in force at `now`, if any: a lock ends by itself at `locked_until`. */
export function lockedUntil(user: { locked_until: Date | null }, now: Date): Date | undefined {
  return user.locked_until && user.locked_until.getTime() > now.getTime() ? user.locked_until : undefined;
}

/** Said only to someone who gave the right password or code: a wrong one is answered as for any account. */
function lockedMessage(until: Date, now: Date): string {
  return (
    `Your account is locked because of too many failed sign-in attempts. Try again in ` +
    `${waitInWords(until.getTime() - now.getTime())}, or ask your registration authority administrator to unlock it.`
  );
}

function waitMessage(retryAt: Date, now: Date): string {
  const wait = waitInWords(retryAt.getTime() - now.getTime());
  return `There have been too many failed sign-in attempts. Wait ${wait}, then try again.`;
}

/**
 * The sign-in throttle: every attempt is admitted by its address and, when it names one, its
 * account, each backing off on its own (see BackOffPolicy). Ten failures of an account lock it
 * for `policy.accountLockMs`; every lock, and every address starting to be held back, is audited.
 */
export function signInThrottle(db: Kysely<Database>, clock: Clock) {
  const admitAt = (key: string, policy: BackOffPolicy, now: Date) =>
    updateThrottle(db, key, (state) => {
      const admission = admit(state, now, policy);
      return { state: admission.admitted ? admission.state : undefined, result: admission };
    });
  const settle = (key: string, policy: BackOffPolicy, now: Date) =>
    updateThrottle(db, key, (state) => ({ state: state && refund(state, now, policy), result: undefined }));

  return {
    /**
     * Admits one attempt from `context.address` at `account`, counting it as failed until the
     * attempt says otherwise. RATE_LIMITED (naming `field`) with how long to wait, while the
     * address or the account must.
     */
    async admit(
      context: SignInContext,
      account: { username: string; userId?: string } | undefined,
      field?: string,
    ): Promise<Attempt> {
      const now = clock();
      const refuse = (retryAt: Date) => CarepathError.forField('RATE_LIMITED', waitMessage(retryAt, now), field);
      const address = addressKey(context.address);
      const byAddress = await admitAt(address, ADDRESS_BACK_OFF, now);
      if (!byAddress.admitted) throw refuse(byAddress.retryAt);
      const key = account && accountKey(account.username);
      const byAccount = key ? await admitAt(key, ACCOUNT_BACK_OFF, now) : undefined;
      if (byAccount && !byAccount.admitted) {
        // Refused before anything was checked: not an attempt the address should pay for.
        await settle(address, ADDRESS_BACK_OFF, now);
        throw refuse(byAccount.retryAt);
      }

      return {
        async succeeded() {
          await settle(address, ADDRESS_BACK_OFF, clock());
          if (key) await settle(key, ACCOUNT_BACK_OFF, clock());
        },

        async failed(session, step, userId = account?.userId) {
          const detail = { step, address: context.address, ...(userId ? {} : { account: 'unknown' }) };
          await auditAuth(db, session, 'auth.sign_in_failed', { userId, detail });
          const addressFailures = byAddress.state.failures;
          if (
            delayAfter(addressFailures, ADDRESS_BACK_OFF) > 0 &&
            delayAfter(addressFailures - 1, ADDRESS_BACK_OFF) === 0
          ) {
            await auditAuth(db, session, 'auth.address_held_back', { detail: { address: context.address } });
          }
          if (!userId || !byAccount?.admitted) return;
          await recordAccountFailure(db, userId);
          const failures = byAccount.state.failures;
          const until = new Date(now.getTime() + context.policy.accountLockMs);
          if (locksAccount(failures) && (await lockAccount(db, userId, now, until))) {
            const lock = { failures: Math.round(failures), until: until.toISOString(), address: context.address };
            await auditAuth(db, session, 'auth.account_locked', { userId, detail: lock });
          }
        },
      };
    },

    /** Refuses, after a right answer, an account whose lock is still on. */
    async refuseIfLocked(session: Session | undefined, user: { id: string; locked_until: Date | null }, field: string) {
      const now = clock();
      const until = lockedUntil(user, now);
      if (!until) return;
      const detail = { reason: 'account_locked', until: until.toISOString() };
      await auditAuth(db, session, 'auth.sign_in_refused', { userId: user.id, detail });
      throw CarepathError.forField('RATE_LIMITED', lockedMessage(until, now), field);
    },
  };
}

/**
 * After a completed sign-in or an administrator's unlocking: the account's failures, lock and
 * back-off are forgotten, so its owner may sign in straight away (the address's are not).
 */
export async function forgetAccountFailures(db: Executor, userId: string) {
  const user = await findUserById(db, userId);
  await clearAccountFailures(db, userId);
  if (user) await clearThrottle(db, accountKey(user.username));
}
