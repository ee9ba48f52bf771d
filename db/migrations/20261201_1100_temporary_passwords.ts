import { sql, type Kysely } from 'kysely';

/**
 * The password a registration authority administrator issues is temporary: after the first
 * sign-in with it the user chooses their own, in a session at the `new_password` stage that
 * opens nothing else.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('users')
    .addColumn('password_temporary', 'boolean', (c) => c.notNull().defaultTo(false))
    .execute();
  await sql`alter table sessions drop constraint sessions_stage_check`.execute(db);
  await sql`alter table sessions add constraint sessions_stage_check
    check (stage in ('anonymous', 'second_factor', 'enrol', 'new_password', 'signed_in'))`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.deleteFrom('sessions').where('stage', '=', 'new_password').execute();
  await sql`alter table sessions drop constraint sessions_stage_check`.execute(db);
  await sql`alter table sessions add constraint sessions_stage_check
    check (stage in ('anonymous', 'second_factor', 'enrol', 'signed_in'))`.execute(db);
  await db.schema.alterTable('users').dropColumn('password_temporary').execute();
}
