import { sql } from 'kysely';
import { END_STATES } from '../../domain/states';
import type { Referral } from '../../domain/referral';
import { appendAudit } from '../audit/audit.repository';
import type { Executor } from '../executor';
import type { NotificationStatus } from '../referrals/referrals.table';
import { upsertReferralRow } from '../referrals/referrals.repository';

/** What can be out of step between a referral's workflow and its read tables. */
export type DriftKind = 'missing-row' | 'version' | 'state' | 'content' | 'missing-timeline' | 'no-workflow';

/** One referral out of step: its UBRN and what is wrong, never its content. */
export type Drift = { ubrn: string; kinds: DriftKind[] };

/** What one reconciliation found (and, with `repair`, mended). Counts and UBRNs only. */
export type Reconciliation = {
  at: string;
  repair: boolean;
  checked: number;
  drifted: Drift[];
  repaired: number;
};

const RECONCILED = 'system.reconciled';

/** UBRNs whose read row says the referral is still open. */
export async function openReferralUbrns(db: Executor): Promise<string[]> {
  const rows = await db
    .selectFrom('referrals')
    .select('ubrn')
    .where('state', 'not in', [...END_STATES])
    .execute();
  return rows.map((r) => r.ubrn);
}

/** The timeline versions present for each of `ubrns`. */
export async function timelineVersions(db: Executor, ubrns: string[]): Promise<Map<string, Set<number>>> {
  const found = new Map<string, Set<number>>(ubrns.map((ubrn) => [ubrn, new Set<number>()]));
  if (ubrns.length === 0) return found;
  const rows = await db
    .selectFrom('referral_timeline')
    .select(['ubrn', 'version'])
    .where('ubrn', 'in', ubrns)
    .execute();
  for (const row of rows) found.get(row.ubrn)?.add(row.version);
  return found;
}

/**
 * Puts the workflow's referral back as the read row, whatever version the row claims: the
 * projection's own upsert never moves a row backwards, so a row corrupted to a higher version
 * would otherwise stay wrong for ever. One transaction: worklists never see the row missing.
 */
export async function replaceReferralRow(db: Executor, referral: Referral): Promise<void> {
  await db.deleteFrom('referrals').where('ubrn', '=', referral.ubrn).execute();
  await upsertReferralRow(db, referral);
}

/** Keeps a reconciliation's result in the audit trail, where the ops page reads the last one. */
export async function recordReconciliation(db: Executor, result: Reconciliation): Promise<void> {
  await appendAudit(db, { action: RECONCILED, detail: result });
}

export async function lastReconciliation(db: Executor): Promise<Reconciliation | undefined> {
  const row = await db
    .selectFrom('audit_events')
    .select('detail')
    .where('action', '=', RECONCILED)
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row?.detail as Reconciliation | undefined;
}

export type OutboxCounts = { status: NotificationStatus; count: number; oldest: Date }[];

/** The notification outbox by status: how many, and since when the oldest has waited. */
export async function outboxCounts(db: Executor): Promise<OutboxCounts> {
  const rows = await db
    .selectFrom('notifications')
    .select(['status', sql<string>`count(*)`.as('count'), sql<Date>`min(created_at)`.as('oldest')])
    .where('status', 'in', ['PENDING', 'FAILED'])
    .groupBy('status')
    .orderBy('status')
    .execute();
  return rows.map((r) => ({ status: r.status, count: Number(r.count), oldest: new Date(r.oldest) }));
}

/** Open referrals past their contact target, by priority. */
export async function breachCounts(db: Executor): Promise<{ priority: string; count: number }[]> {
  const rows = await db
    .selectFrom('referrals')
    .select(['priority', sql<string>`count(*)`.as('count')])
    .where('breached', '=', true)
    .where('state', 'not in', [...END_STATES])
    .groupBy(['priority', 'priority_rank'])
    .orderBy('priority_rank')
    .execute();
  return rows.map((r) => ({ priority: r.priority, count: Number(r.count) }));
}
