import { type SelectQueryBuilder, sql } from 'kysely';
import type { Database } from '../database';
import type { Executor } from '../executor';
import { END_STATES } from '../../domain/states';
import { WORKLISTS, type WorklistKey } from '../../domain/worklists';
import { onWorklist } from '../worklists/worklist-membership';

/**
 * Counts for the metrics scrape stop here: Prometheus scrapes every few seconds, so each count
 * costs at most this many index entries however large the table grows. A gauge at the cap
 * means "at least this many", which is already an alarm.
 */
export const METRICS_COUNT_CAP = 100_000;

// Rows of any table: a count does not care about their shape.
type Rows = SelectQueryBuilder<Database, keyof Database, object>;

async function cappedCount(db: Executor, query: Rows): Promise<number> {
  const row = await db
    .selectFrom(query.select(sql.lit(1).as('one')).limit(METRICS_COUNT_CAP).as('capped'))
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * Every worklist's length across all organisations. The condition is each worklist's partial
 * index predicate, so each count is a scan of that index, not of the table.
 */
export async function worklistSizes(db: Executor): Promise<Record<WorklistKey, number>> {
  const keys = Object.keys(WORKLISTS) as WorklistKey[];
  const counts = await Promise.all(
    keys.map((key) => cappedCount(db, db.selectFrom('referrals').where(onWorklist(key)))),
  );
  return Object.fromEntries(keys.map((key, i) => [key, counts[i]!])) as Record<WorklistKey, number>;
}

/** Open referrals whose contact target passed without action. */
export function breachedReferrals(db: Executor): Promise<number> {
  return cappedCount(
    db,
    db
      .selectFrom('referrals')
      .where('breached', '=', true)
      .where('state', 'not in', [...END_STATES]),
  );
}

export type OutboxHealth = { pending: number; failed: number; oldestPendingSeconds: number };

/** The notification outbox: waiting, given up on, and how long the oldest has waited. */
export async function outboxHealth(db: Executor): Promise<OutboxHealth> {
  const outbox = (status: 'PENDING' | 'FAILED') =>
    cappedCount(db, db.selectFrom('notifications').where('status', '=', status));
  const [pending, failed, oldest] = await Promise.all([
    outbox('PENDING'),
    outbox('FAILED'),
    db
      .selectFrom('notifications')
      .where('status', '=', 'PENDING')
      // The oldest by id, through the pending index: min(created_at) would read the whole backlog.
      .orderBy('id')
      .limit(1)
      .select(sql<number>`extract(epoch from now() - created_at)::float8`.as('age'))
      .executeTakeFirst(),
  ]);
  return { pending, failed, oldestPendingSeconds: Number(oldest?.age ?? 0) };
}
