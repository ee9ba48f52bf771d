import type { Kysely } from 'kysely';

/**
 * The clinic's postal address and telephone number, printed on the patient's letter (the
 * service's `location` names the site only). Optional: services defined before have none, and
 * the letter then tells the patient to ask their GP practice.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('services').addColumn('address', 'text').addColumn('telephone', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('services').dropColumn('address').dropColumn('telephone').execute();
}
