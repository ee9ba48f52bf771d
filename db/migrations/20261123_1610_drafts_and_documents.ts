import { sql, type Kysely } from 'kysely';

/**
 * Referral letters and the referrer's create-referral drafts. Letters live in the database,
 * beside the referral they belong to, so one backup holds both and PGlite needs no file store;
 * Temporal only ever sees a document id.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('documents')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_code', 'text', (c) => c.notNull())
    .addColumn('uploaded_by', 'text', (c) => c.notNull())
    .addColumn('media_type', 'text', (c) =>
      c.notNull().check(sql`media_type in ('application/pdf', 'image/png', 'image/jpeg')`),
    )
    .addColumn('size_bytes', 'integer', (c) => c.notNull().check(sql`size_bytes between 1 and 5242880`))
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('content', 'bytea', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  // The draft id is also the create request's idempotency key: submitting it twice gives one UBRN.
  await db.schema
    .createTable('referral_drafts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('owner_user_id', 'text', (c) => c.notNull())
    .addColumn('org_code', 'text', (c) => c.notNull())
    .addColumn('details', 'jsonb', (c) => c.notNull())
    .addColumn('shortlist', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('submitted_ubrn', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('referral_drafts_owner').on('referral_drafts').column('owner_user_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('referral_drafts').execute();
  await db.schema.dropTable('documents').execute();
}
