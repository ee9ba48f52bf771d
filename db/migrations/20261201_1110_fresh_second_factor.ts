import type { Kysely } from 'kysely';

/**
 * Adding a security key or authenticator app, or new recovery codes, needs the second factor
 * proven again within minutes: when it last was, and how many wrong answers this session gave
 * since (the session ends after a few, so a stolen cookie cannot guess codes).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('sessions')
    .addColumn('factor_verified_at', 'timestamptz')
    .addColumn('reauth_failures', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('sessions').dropColumn('factor_verified_at').dropColumn('reauth_failures').execute();
}
