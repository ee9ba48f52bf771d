import type { Kysely } from 'kysely';
import type { Conversation } from '../../domain/advice/conversation';
import type { AdviceEvent } from '../../domain/advice/transition';
import { appendAdviceEntry, deleteAdviceContent, upsertAdviceRow } from '../../db/advice/advice.repository';
import { tieAttachments } from '../../db/advice/attachments.repository';
import { queueAdviceNotification } from '../../db/advice/notifications.repository';
import { appendAudit } from '../../db/audit/audit.repository';
import type { Database } from '../../db/database';

export type AdviceProjection = { conversation: Conversation; event: AdviceEvent };

const auditOf = (ubrn: string, event: AdviceEvent, action: string, detail: Record<string, unknown>) => ({
  actor_user_id: event.actor?.userId ?? null,
  actor_role: event.actor?.role ?? null,
  actor_org: event.actor?.orgCode ?? null,
  action,
  subject_type: 'advice',
  subject_id: ubrn,
  detail,
});

/**
 * Brings the read side up to one transition of the conversation, in ONE transaction: the read
 * row (newer versions only), the history row with its message keyed (ubrn, version), and, only
 * when that row is new, the files tied to the conversation, the audit entry and the other
 * side's notification. A retry after a crash writes nothing twice.
 */
export async function projectAdvice(db: Kysely<Database>, { conversation, event }: AdviceProjection): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await upsertAdviceRow(trx, conversation, event);
    const appended = await appendAdviceEntry(trx, conversation.ubrn, event);
    if (!appended) return;
    await tieAttachments(
      trx,
      conversation.ubrn,
      (event.message?.attachments ?? []).map((a) => a.id),
    );
    // Codes only: the message stays in the history table, where access is controlled.
    await appendAudit(
      trx,
      auditOf(conversation.ubrn, event, `advice.${event.type.toLowerCase()}`, {
        version: event.version,
        fromState: event.fromState,
        toState: event.toState,
      }),
    );
    // The other side hears of each new message (or end) through the Notify outbox.
    await queueAdviceNotification(trx, conversation, event);
  });
}

/**
 * The UBRN expired: deletes the content from the read tables and the files, records the
 * EXPIRE row and leaves an audit stub that says the conversation existed and when its content
 * was deleted. Idempotent: a retry deletes nothing more and audits nothing twice.
 */
export async function expireAdviceContent(
  db: Kysely<Database>,
  input: { ubrn: string; event: AdviceEvent },
): Promise<void> {
  const { ubrn, event } = input;
  await db.transaction().execute(async (trx) => {
    const appended = await appendAdviceEntry(trx, ubrn, event);
    const deleted = await deleteAdviceContent(trx, { ubrn, version: event.version, at: event.at });
    if (!appended) return;
    await appendAudit(
      trx,
      auditOf(ubrn, event, 'advice.content_deleted', {
        version: event.version,
        deletedAt: event.at,
        reason: 'UBRN expired',
        ...deleted,
      }),
    );
  });
}

/**
 * A converted conversation's UBRN expired with its referral: the conversation's content goes
 * as an unconverted one's does, with the same audit stub. Nothing to do for a UBRN that never
 * had a conversation; a retry deletes and audits nothing twice.
 */
export async function deleteConvertedAdviceContent(
  db: Kysely<Database>,
  input: { ubrn: string; at: string },
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const row = await trx
      .selectFrom('advice_requests')
      .select(['version', 'content_deleted_at'])
      .where('ubrn', '=', input.ubrn)
      .forUpdate()
      .executeTakeFirst();
    if (!row || row.content_deleted_at) return;
    const deleted = await deleteAdviceContent(trx, { ubrn: input.ubrn, version: row.version, at: input.at });
    await appendAudit(trx, {
      actor_user_id: null,
      actor_role: null,
      actor_org: null,
      action: 'advice.content_deleted',
      subject_type: 'advice',
      subject_id: input.ubrn,
      detail: { version: row.version, deletedAt: input.at, reason: 'UBRN expired with its referral', ...deleted },
    });
  });
}
