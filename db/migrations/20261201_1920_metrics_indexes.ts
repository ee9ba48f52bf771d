import { sql, type Kysely } from 'kysely';

/**
 * What the metrics scrape counts every few seconds: failed notifications and breached referrals
 * are few among many, so without these partial indexes each scrape would read both tables whole.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create index notifications_failed on notifications (id) where status = 'FAILED'`.execute(db);
  await sql`create index referrals_breached on referrals (ubrn) where breached`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('referrals_breached').execute();
  await db.schema.dropIndex('notifications_failed').execute();
}
