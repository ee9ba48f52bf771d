import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context } from 'hono';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/database';
import { findThrottle, recordThrottledFailure } from '../../db/identity/throttles.repository';
import { clearAccountFailures, lockAccount, recordAccountFailure } from '../../db/identity/users.repository';
import { auditAuth } from './auth-audit';

/** Our policy: five wrong answers in a row lock the account until an administrator unlocks it. */
export const ACCOUNT_FAILURE_LIMIT = 5;
/** Many accounts tried from one address (password spraying): that address waits 15 minutes. */
export const ADDRESS_POLICY = { limit: 20, windowMs: 15 * 60_000, lockMs: 15 * 60_000 };

export const ACCOUNT_LOCKED_MESSAGE =
  'Your account is locked because of too many failed sign-in attempts. Ask your registration authority administrator to unlock it.';
export const ADDRESS_LOCKED_MESSAGE =
  'There have been too many failed sign-in attempts from your network. Wait 15 minutes, then try again.';

/** The client address from the socket; proxies' headers are not trusted, they are easy to forge. */
export function clientAddress(c: Context): string {
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

export async function addressLocked(db: Kysely<Database>, c: Context): Promise<boolean> {
  const row = await findThrottle(db, `address:${clientAddress(c)}`);
  return Boolean(row?.locked_until && row.locked_until.getTime() > Date.now());
}

/** Counts a failed attempt against the address and, when known, the account; locks either when over its limit. */
export async function recordFailure(
  db: Kysely<Database>,
  c: Context,
  failure: { userId?: string; step: 'password' | 'code' | 'recovery_code' | 'passkey' },
) {
  const address = clientAddress(c);
  const addressFailures = await recordThrottledFailure(db, `address:${address}`, ADDRESS_POLICY, new Date());
  if (addressFailures === ADDRESS_POLICY.limit) {
    await auditAuth(db, c, 'auth.address_locked', { userId: failure.userId, detail: { address } });
  }
  if (!failure.userId) {
    await auditAuth(db, c, 'auth.sign_in_failed', { detail: { step: failure.step, address, account: 'unknown' } });
    return { accountLocked: false };
  }
  const count = await recordAccountFailure(db, failure.userId);
  await auditAuth(db, c, 'auth.sign_in_failed', { userId: failure.userId, detail: { step: failure.step, address } });
  if (count >= ACCOUNT_FAILURE_LIMIT) {
    await lockAccount(db, failure.userId);
    await auditAuth(db, c, 'auth.account_locked', { userId: failure.userId, detail: { failures: count } });
    return { accountLocked: true };
  }
  return { accountLocked: false };
}

/** Clears the account's count only: one good sign-in must not let an address go on guessing other accounts. */
export async function recordSuccess(db: Kysely<Database>, userId: string) {
  await clearAccountFailures(db, userId);
}
