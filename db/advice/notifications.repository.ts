import type { Transaction } from 'kysely';
import type { Conversation } from '../../domain/advice/conversation';
import {
  type AdviceNotificationRecipient,
  adviceNotificationRecipient,
  adviceNotificationTemplate,
} from '../../domain/advice/notifications';
import type { AdviceEvent } from '../../domain/advice/transition';
import type { Database } from '../database';
import type { Executor } from '../executor';

/**
 * A conversation's transition in the Notify outbox (the referrals' `notifications` table, with
 * subject 'advice'): the UBRN, what happened and the organisation to tell. Nothing of the
 * patient or the message: the delivery side words it from the template and the UBRN alone.
 */
export type PendingAdviceNotification = {
  subject: 'advice';
  id: number;
  ubrn: string;
  version: number;
  recipient: AdviceNotificationRecipient;
  recipientOrgCode: string | null;
  template: string;
  attempts: number;
};

/**
 * Queues the notification a transition sends to the other side, in the projection's
 * transaction; once per (subject, ubrn, version, recipient), so a retried projection queues
 * nothing new.
 */
export async function queueAdviceNotification(
  db: Executor,
  conversation: Conversation,
  event: AdviceEvent,
): Promise<void> {
  const recipient = adviceNotificationRecipient(event);
  if (!recipient) return;
  await db
    .insertInto('notifications')
    .values({
      subject: 'advice',
      ubrn: conversation.ubrn,
      version: event.version,
      recipient,
      recipient_org_code:
        recipient === 'REFERRER' ? conversation.requester.orgCode : conversation.service.providerOrgCode,
      template: adviceNotificationTemplate(event.type),
      provider_reference: null,
      last_error: null,
    })
    .onConflict((oc) => oc.columns(['subject', 'ubrn', 'version', 'recipient']).doNothing())
    .execute();
}

/** Locks up to `limit` pending advice notifications (SKIP LOCKED, as the referrals' are). */
export async function lockPendingAdvice(
  trx: Transaction<Database>,
  limit: number,
): Promise<PendingAdviceNotification[]> {
  if (limit <= 0) return [];
  const rows = await trx
    .selectFrom('notifications')
    .select(['id', 'ubrn', 'version', 'recipient', 'recipient_org_code', 'template', 'attempts'])
    .where('status', '=', 'PENDING')
    .where('subject', '=', 'advice')
    .orderBy('id')
    .limit(limit)
    .forUpdate()
    .skipLocked()
    .execute();
  return rows.map((r) => ({
    subject: 'advice' as const,
    id: Number(r.id),
    ubrn: r.ubrn,
    version: r.version,
    recipient: r.recipient as AdviceNotificationRecipient,
    recipientOrgCode: r.recipient_org_code,
    template: r.template,
    attempts: r.attempts,
  }));
}

/** A conversation's notifications, oldest first (tests and the ops view). */
export function adviceNotificationsFor(db: Executor, ubrn: string) {
  return db
    .selectFrom('notifications')
    .selectAll()
    .where('subject', '=', 'advice')
    .where('ubrn', '=', ubrn)
    .orderBy('id')
    .execute();
}
