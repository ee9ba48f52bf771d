import { sql, type Kysely } from 'kysely';

/**
 * Sign-in throttles back off instead of locking: each key (an address, or an account by the
 * hash of its username) holds a count of failures that is forgotten a little at a time, and the
 * time before which the next attempt is refused. An account lock now ends by itself at
 * `locked_until`. Throttle rows are short-lived, so the old ones are dropped rather than converted.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('sign_in_throttles').execute();
  await db.schema
    .createTable('sign_in_throttles')
    // 'address:<ip>' or 'account:<sha-256 of the username>' (an unknown username gets one too).
    .addColumn('key', 'text', (c) => c.primaryKey())
    // Fractional: failures are forgotten continuously, one every so many minutes.
    .addColumn('failures', 'double precision', (c) => c.notNull())
    // When `failures` was last worked out: what has been forgotten since counts from here.
    .addColumn('counted_at', 'timestamptz', (c) => c.notNull())
    .addColumn('retry_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema.alterTable('users').addColumn('locked_until', 'timestamptz').execute();
  // A lock from before this migration lasted until an administrator acted: it now ends with the others'.
  await sql`update users set locked_until = now() + interval '30 minutes' where locked_at is not null`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('users').dropColumn('locked_until').execute();
  await db.schema.dropTable('sign_in_throttles').execute();
  await db.schema
    .createTable('sign_in_throttles')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('failures', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('window_started_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('locked_until', 'timestamptz')
    .execute();
}
