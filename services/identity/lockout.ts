import type { Executor } from '../../db/executor';
import { findThrottle, recordThrottledFailure } from '../../db/identity/throttles.repository';
import { clearAccountFailures, lockAccount, recordAccountFailure } from '../../db/identity/users.repository';
import { auditAuth } from './auth-audit';
import type { Session } from './session.types';

/** Our policy: five wrong answers in a row lock the account until an administrator unlocks it. */
export const ACCOUNT_FAILURE_LIMIT = 5;
/** Many accounts tried from one address (password spraying): that address waits 15 minutes. */
export const ADDRESS_POLICY = { limit: 20, windowMs: 15 * 60_000, lockMs: 15 * 60_000 };

export const ACCOUNT_LOCKED_MESSAGE =
  'Your account is locked because of too many failed sign-in attempts. Ask your registration authority administrator to unlock it.';
export const ADDRESS_LOCKED_MESSAGE =
  'There have been too many failed sign-in attempts from your network. Wait 15 minutes, then try again.';

export type SignInStep = 'password' | 'code' | 'recovery_code' | 'passkey';

export async function addressLocked(db: Executor, address: string): Promise<boolean> {
  const row = await findThrottle(db, `address:${address}`);
  return Boolean(row?.locked_until && row.locked_until.getTime() > Date.now());
}

/** Counts a failed attempt against the address and, when known, the account; locks either when over its limit. */
export async function recordFailure(
  db: Executor,
  session: Session | undefined,
  failure: { address: string; userId?: string; step: SignInStep },
): Promise<{ accountLocked: boolean }> {
  const { address, userId, step } = failure;
  const addressFailures = await recordThrottledFailure(db, `address:${address}`, ADDRESS_POLICY, new Date());
  if (addressFailures === ADDRESS_POLICY.limit) {
    await auditAuth(db, session, 'auth.address_locked', { userId, detail: { address } });
  }
  if (!userId) {
    await auditAuth(db, session, 'auth.sign_in_failed', { detail: { step, address, account: 'unknown' } });
    return { accountLocked: false };
  }
  const count = await recordAccountFailure(db, userId);
  await auditAuth(db, session, 'auth.sign_in_failed', { userId, detail: { step, address } });
  if (count >= ACCOUNT_FAILURE_LIMIT) {
    await lockAccount(db, userId);
    await auditAuth(db, session, 'auth.account_locked', { userId, detail: { failures: count } });
    return { accountLocked: true };
  }
  return { accountLocked: false };
}

/** Clears the account's count only: one good sign-in must not let an address go on guessing other accounts. */
export async function recordSuccess(db: Executor, userId: string) {
  await clearAccountFailures(db, userId);
}
