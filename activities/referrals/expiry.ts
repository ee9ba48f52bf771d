import type { Kysely } from 'kysely';
import type { Database } from '../../db/database';
import { deletePendingNotifications } from '../../db/referrals/notifications.repository';

/**
 * What an expired UBRN leaves behind and the rules say to delete. Today that is the letters
 * and reminders not yet sent; advice conversations join this when they exist (issue: advice
 * and guidance). Leaving the worklists is the projection's `expired` flag.
 */
export async function cleanUpExpiredReferral(db: Kysely<Database>, input: { ubrn: string }): Promise<void> {
  await deletePendingNotifications(db, input.ubrn);
}
