import { sql, type Kysely } from 'kysely';

/**
 * The access code a reprinted patient letter carries (decision record 0013): a fresh code each
 * reprint, replacing the one before; only its hash is kept, since nothing ever shows it again.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('referral_access_codes')
    .addColumn('ubrn', 'text', (c) => c.primaryKey())
    .addColumn('code_hash', 'text', (c) => c.notNull())
    .addColumn('issued_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('issued_by_user_id', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('referral_access_codes').execute();
}
