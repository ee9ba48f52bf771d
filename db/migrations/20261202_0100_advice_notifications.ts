import { sql, type Kysely } from 'kysely';

/**
 * The Notify outbox carries advice conversations' notifications as well as referrals': a
 * `subject` says which, and a notification is once per (subject, UBRN, version, recipient),
 * because a converted conversation's referral shares its UBRN and counts its versions afresh.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('notifications')
    .addColumn('subject', 'text', (c) =>
      c
        .notNull()
        .defaultTo('referral')
        .check(sql`subject in ('referral', 'advice')`),
    )
    .execute();
  await db.schema.alterTable('notifications').dropConstraint('notifications_once').execute();
  await db.schema
    .alterTable('notifications')
    .addUniqueConstraint('notifications_once', ['subject', 'ubrn', 'version', 'recipient'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.deleteFrom('notifications').where('subject', '=', 'advice').execute();
  await db.schema.alterTable('notifications').dropConstraint('notifications_once').execute();
  await db.schema
    .alterTable('notifications')
    .addUniqueConstraint('notifications_once', ['ubrn', 'version', 'recipient'])
    .execute();
  await db.schema.alterTable('notifications').dropColumn('subject').execute();
}
