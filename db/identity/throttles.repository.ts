import { sql } from 'kysely';
import type { Executor } from '../executor';

export function findThrottle(db: Executor, key: string) {
  return db.selectFrom('sign_in_throttles').selectAll().where('key', '=', key).executeTakeFirst();
}

/**
 * Counts one failure for `key` in a window of `windowMs`; a failure after the window starts
 * a new count. Locks the key for `lockMs` once `limit` failures fall in one window.
 */
export async function recordThrottledFailure(
  db: Executor,
  key: string,
  policy: { windowMs: number; limit: number; lockMs: number },
  now: Date,
) {
  const windowStart = new Date(now.getTime() - policy.windowMs);
  const row = await db
    .insertInto('sign_in_throttles')
    .values({ key, failures: 1, window_started_at: now })
    .onConflict((oc) =>
      oc.column('key').doUpdateSet({
        failures: sql`case when sign_in_throttles.window_started_at < ${windowStart} then 1 else sign_in_throttles.failures + 1 end`,
        window_started_at: sql`case when sign_in_throttles.window_started_at < ${windowStart} then ${now} else sign_in_throttles.window_started_at end`,
      }),
    )
    .returning('failures')
    .executeTakeFirstOrThrow();
  if (row.failures >= policy.limit) {
    await db
      .updateTable('sign_in_throttles')
      .set({ locked_until: new Date(now.getTime() + policy.lockMs) })
      .where('key', '=', key)
      .execute();
  }
  return row.failures;
}

export async function clearThrottle(db: Executor, key: string) {
  await db.deleteFrom('sign_in_throttles').where('key', '=', key).execute();
}
