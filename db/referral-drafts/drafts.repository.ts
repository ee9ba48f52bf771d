import { randomBytes } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { Service } from '../../domain/referral';
import type { Database } from '../database';
import type { ReferralDetails } from './draft.schema';

type Executor = Kysely<Database> | Transaction<Database>;

export const MAX_SHORTLIST = 20;

export async function createDraft(
  db: Executor,
  input: { ownerUserId: string; orgCode: string; details: ReferralDetails },
): Promise<string> {
  const id = randomBytes(16).toString('base64url');
  await db
    .insertInto('referral_drafts')
    .values({
      id,
      owner_user_id: input.ownerUserId,
      org_code: input.orgCode,
      details: JSON.stringify(input.details),
    })
    .execute();
  return id;
}

/** A draft belongs to the user who started it: anyone else gets nothing back. */
export function getDraft(db: Executor, id: string, ownerUserId: string) {
  return db
    .selectFrom('referral_drafts')
    .selectAll()
    .where('id', '=', id)
    .where('owner_user_id', '=', ownerUserId)
    .executeTakeFirst();
}

export async function saveShortlist(db: Executor, id: string, ownerUserId: string, shortlist: Service[]) {
  await db
    .updateTable('referral_drafts')
    .set({ shortlist: JSON.stringify(shortlist.slice(0, MAX_SHORTLIST)), updated_at: new Date() })
    .where('id', '=', id)
    .where('owner_user_id', '=', ownerUserId)
    .where('submitted_ubrn', 'is', null)
    .execute();
}

export async function markSubmitted(db: Executor, id: string, ubrn: string) {
  await db
    .updateTable('referral_drafts')
    .set({ submitted_ubrn: ubrn, updated_at: new Date() })
    .where('id', '=', id)
    .execute();
}
