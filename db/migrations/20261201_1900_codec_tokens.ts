import { sql, type Kysely } from 'kysely';

/**
 * Personal tokens for the Temporal CLI's `--codec-auth`: only a hash is kept, so a copy of the
 * database cannot decode anything. A token acts as the role it was made in, while it is held.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('codec_tokens')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('org_code', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .addColumn('revoked_at', 'timestamptz')
    .addColumn('last_used_at', 'timestamptz')
    .execute();
  await db.schema.createIndex('codec_tokens_user').on('codec_tokens').columns(['user_id', 'created_at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('codec_tokens').execute();
}
