import type { Executor } from '../executor';
import type { Organisation } from './organisations.table';

/** Inserts organisations, leaving any that already exist as they are. */
export async function addOrganisations(db: Executor, organisations: Organisation[]): Promise<void> {
  if (organisations.length === 0) return;
  await db
    .insertInto('organisations')
    .values(organisations)
    .onConflict((oc) => oc.column('ods_code').doNothing())
    .execute();
}

export function findOrganisation(db: Executor, odsCode: string) {
  return db.selectFrom('organisations').selectAll().where('ods_code', '=', odsCode).executeTakeFirst();
}

export function listOrganisations(db: Executor) {
  return db.selectFrom('organisations').selectAll().orderBy('name').execute();
}
