import { sql, type Kysely } from 'kysely';

/**
 * Who refers to a letter: the hourly clean-up asks it of every letter past its grace period, and
 * without these indexes each run would read every referral's snapshot and every draft.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create index referrals_letter_document on referrals ((snapshot -> 'letter' ->> 'documentId'))
    where snapshot -> 'letter' ->> 'documentId' is not null`.execute(db);
  await sql`create index referral_drafts_letter_document on referral_drafts ((details -> 'letter' ->> 'documentId'))
    where details -> 'letter' ->> 'documentId' is not null`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('referral_drafts_letter_document').execute();
  await db.schema.dropIndex('referrals_letter_document').execute();
}
