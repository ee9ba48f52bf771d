import type { Kysely } from 'kysely';
import type { Database } from '../../db/database';
import { deletePendingNotifications } from '../../db/referrals/notifications.repository';
import { deleteConvertedAdviceContent } from '../advice/projection';

/**
 * What an expired UBRN leaves behind and the rules say to delete: the letters and reminders not
 * yet sent, and the content of the advice conversation it was converted from, if any. Leaving
 * the worklists is the projection's `expired` flag.
 */
export async function cleanUpExpiredReferral(db: Kysely<Database>, input: { ubrn: string }): Promise<void> {
  await deletePendingNotifications(db, input.ubrn);
  await deleteConvertedAdviceContent(db, { ubrn: input.ubrn, at: new Date().toISOString() });
}
