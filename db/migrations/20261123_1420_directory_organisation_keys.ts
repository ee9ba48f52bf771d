import type { Kysely } from 'kysely';

/** Now that `organisations` exists (identity migration): services and rules point at real organisations. */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('services')
    .addForeignKeyConstraint('services_provider_fk', ['provider_org_code'], 'organisations', ['ods_code'])
    .execute();
  await db.schema
    .alterTable('commissioning_rules')
    .addForeignKeyConstraint('commissioning_rules_area_fk', ['commissioning_area'], 'organisations', ['ods_code'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('commissioning_rules').dropConstraint('commissioning_rules_area_fk').execute();
  await db.schema.alterTable('services').dropConstraint('services_provider_fk').execute();
}
