import { sql, type Kysely } from 'kysely';

/**
 * "All my organisation's referrals", most recently changed first, paged by keyset on
 * (updated_at, ubrn): an index range scan of one organisation that stops after a page, however
 * many referrals the practice has made.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create index referrals_referrer_recent on referrals (referrer_org_code, updated_at desc, ubrn desc)`.execute(
    db,
  );
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index referrals_referrer_recent`.execute(db);
}
