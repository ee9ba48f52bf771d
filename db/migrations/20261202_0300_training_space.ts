import { sql, type Kysely } from 'kysely';

/**
 * The training space's marker (issue 15): one row, written only by `npm run training` (or a
 * test standing a training space up). Resetting a training space truncates tables, so the
 * reset refuses any database without this row: a live database never has it.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('training_space')
    .addColumn('id', 'integer', (c) => c.primaryKey().check(sql`id = 1`))
    .addColumn('marked_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('training_space').execute();
}
