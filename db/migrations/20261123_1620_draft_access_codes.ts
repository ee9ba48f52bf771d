import type { Kysely } from 'kysely';

/**
 * The patient's access code, printed on their letter beside the UBRN: with both they can
 * manage their booking. Kept with the draft that created the referral so the letter can be
 * printed again.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('referral_drafts').addColumn('access_code', 'text').execute();
  await db.schema.createIndex('referral_drafts_ubrn').on('referral_drafts').column('submitted_ubrn').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('referral_drafts_ubrn').execute();
  await db.schema.alterTable('referral_drafts').dropColumn('access_code').execute();
}
