import type { Kysely } from 'kysely';
import type { ThrottleState } from '../../domain/identity/sign-in-throttle';
import type { Database } from '../database';
import type { Executor } from '../executor';

/**
 * Reads the throttle at `key` and writes back what `next` makes of it, in one transaction with
 * the row locked, so that attempts at one key arriving together take turns. `next` returns the
 * state to store (or none, to leave the row as it is) and what to hand back.
 */
export function updateThrottle<T>(
  db: Kysely<Database>,
  key: string,
  next: (state: ThrottleState | undefined) => { state?: ThrottleState; result: T },
): Promise<T> {
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .selectFrom('sign_in_throttles')
      .selectAll()
      .where('key', '=', key)
      .forUpdate()
      .executeTakeFirst();
    const { state, result } = next(row && { failures: row.failures, countedAt: row.counted_at, retryAt: row.retry_at });
    if (state) {
      const values = { failures: state.failures, counted_at: state.countedAt, retry_at: state.retryAt };
      await trx
        .insertInto('sign_in_throttles')
        .values({ key, ...values })
        .onConflict((oc) => oc.column('key').doUpdateSet(values))
        .execute();
    }
    return result;
  });
}

export async function clearThrottle(db: Executor, key: string) {
  await db.deleteFrom('sign_in_throttles').where('key', '=', key).execute();
}
