import type { Kysely, Transaction } from 'kysely';
import type { Referral } from '../../domain/referral';
import type { TimelineEvent } from '../../domain/timeline';
import { appendAudit } from '../../db/audit/audit.repository';
import type { Database } from '../../db/database';
import { queueNotifications } from '../../db/referrals/notifications.repository';
import { appendTimeline, upsertReferralRow } from '../../db/referrals/referrals.repository';
import { outboxEntriesFor } from './notification-rules';

export type Projection = { referral: Referral; event: TimelineEvent };

/**
 * Brings the read side up to one transition of the workflow, in ONE transaction: the read
 * row (newer versions only), the timeline row keyed (ubrn, version), and, only when that row
 * is new, the audit entry and the outbox. A retry after a crash writes nothing twice.
 */
export async function projectReferral(db: Kysely<Database>, projection: Projection): Promise<void> {
  await db.transaction().execute((trx) => projectWithin(trx, projection));
}

/** The projection inside a transaction of the caller's (the booking activity reserves its slot in the same one). */
export async function projectWithin(trx: Transaction<Database>, { referral, event }: Projection): Promise<void> {
  await upsertReferralRow(trx, referral);
  const appended = await appendTimeline(trx, referral.ubrn, event);
  if (!appended) return;
  await appendAudit(trx, {
    actor_user_id: event.actor?.userId ?? null,
    actor_role: event.actor?.role ?? null,
    actor_org: event.actor?.orgCode ?? null,
    action: `referral.${event.type.toLowerCase()}`,
    subject_type: 'referral',
    subject_id: referral.ubrn,
    // Codes only: comments and advice stay in the timeline, where access is controlled.
    detail: { version: event.version, fromState: event.fromState, toState: event.toState },
  });
  await queueNotifications(trx, outboxEntriesFor(referral, event));
}
