import { type Kysely, sql } from 'kysely';

/**
 * Extracts built in the background (decision record 0012, "Progress"): one row per build, with
 * its progress, and the CSV itself as gzip in pieces, kept in the database so any web server
 * behind the balancer can show the progress and serve the file, until the retention limit.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('report_extract_builds')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('org_code', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('range_from', 'text')
    .addColumn('range_to', 'text')
    .addColumn('filename', 'text', (c) => c.notNull())
    // building, ready or failed; a build whose heartbeat stopped is shown as failed.
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('rows', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('bytes', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('heartbeat_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('finished_at', 'timestamptz')
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('report_extract_builds_expires')
    .on('report_extract_builds')
    .column('expires_at')
    .execute();
  await db.schema
    .createTable('report_extract_chunks')
    .addColumn('build_id', 'text', (c) => c.notNull().references('report_extract_builds.id').onDelete('cascade'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('data', 'bytea', (c) => c.notNull())
    .addPrimaryKeyConstraint('report_extract_chunks_pk', ['build_id', 'seq'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('report_extract_chunks').execute();
  await db.schema.dropTable('report_extract_builds').execute();
}
