import type { Executor } from '../executor';
import { sql, type Transaction } from 'kysely';
import type { Referral } from '../../domain/referral';
import type { Database } from '../database';
import type { NotificationRecipient, NotificationStatus } from './referrals.table';

export type OutboxEntry = {
  ubrn: string;
  version: number;
  recipient: NotificationRecipient;
  recipientOrgCode: string | null;
  template: string;
};

/** Queues notifications; one per (ubrn, version, recipient), so a retried projection queues nothing new. */
export async function queueNotifications(db: Executor, entries: OutboxEntry[]): Promise<void> {
  if (entries.length === 0) return;
  await db
    .insertInto('notifications')
    .values(
      entries.map((e) => ({
        ubrn: e.ubrn,
        version: e.version,
        recipient: e.recipient,
        recipient_org_code: e.recipientOrgCode,
        template: e.template,
        provider_reference: null,
        last_error: null,
      })),
    )
    .onConflict((oc) => oc.columns(['subject', 'ubrn', 'version', 'recipient']).doNothing())
    .execute();
}

export type PendingNotification = OutboxEntry & { id: number; attempts: number; referral: Referral };

/**
 * Locks up to `limit` pending notifications with the referral they are about. SKIP LOCKED lets
 * several workers deliver side by side without sending one twice.
 */
export async function lockPending(trx: Transaction<Database>, limit: number): Promise<PendingNotification[]> {
  const rows = await trx
    .selectFrom('notifications as n')
    .innerJoin('referrals as r', 'r.ubrn', 'n.ubrn')
    .select(['n.id', 'n.ubrn', 'n.version', 'n.recipient', 'n.recipient_org_code', 'n.template', 'n.attempts'])
    .select('r.snapshot')
    .where('n.status', '=', 'PENDING')
    .where('n.subject', '=', 'referral')
    .orderBy('n.id')
    .limit(limit)
    .forUpdate('n')
    .skipLocked()
    .execute();
  return rows.map((r) => ({
    id: r.id,
    ubrn: r.ubrn,
    version: r.version,
    recipient: r.recipient,
    recipientOrgCode: r.recipient_org_code,
    template: r.template,
    attempts: r.attempts,
    referral: r.snapshot,
  }));
}

export async function markSent(db: Executor, id: number, reference: string): Promise<void> {
  await db
    .updateTable('notifications')
    .set((eb) => ({
      status: 'SENT',
      provider_reference: reference,
      sent_at: new Date(),
      attempts: eb('attempts', '+', 1),
    }))
    .where('id', '=', id)
    .execute();
}

/** Records a failed attempt; after `maxAttempts` the notification is FAILED and left for a person. */
export async function markAttemptFailed(db: Executor, id: number, error: string, maxAttempts: number): Promise<void> {
  await db
    .updateTable('notifications')
    .set((eb) => ({
      attempts: eb('attempts', '+', 1),
      last_error: error,
      status: sql<NotificationStatus>`case when attempts + 1 >= ${maxAttempts} then 'FAILED' else 'PENDING' end`,
    }))
    .where('id', '=', id)
    .execute();
}

/** Drops undelivered notifications of a referral (an expired UBRN must not send reminders). */
export async function deletePendingNotifications(db: Executor, ubrn: string): Promise<number> {
  const result = await db
    .deleteFrom('notifications')
    .where('ubrn', '=', ubrn)
    .where('status', '=', 'PENDING')
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

export function notificationsFor(db: Executor, ubrn: string) {
  return db.selectFrom('notifications').selectAll().where('ubrn', '=', ubrn).orderBy('id').execute();
}
