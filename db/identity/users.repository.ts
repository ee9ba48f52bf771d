import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { RoleCode } from '../../domain/roles';
import type { Database } from '../database';

export type RoleAssignment = { orgCode: string; orgName: string; role: RoleCode };

export function findUserByUsername(db: Kysely<Database>, username: string) {
  return db.selectFrom('users').selectAll().where('username', '=', username.trim().toLowerCase()).executeTakeFirst();
}

export function findUserById(db: Kysely<Database>, id: string) {
  return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function createUser(
  db: Kysely<Database>,
  user: { username: string; displayName: string; passwordHash: string | null; id?: string },
): Promise<string> {
  const id = user.id ?? randomUUID();
  await db
    .insertInto('users')
    .values({
      id,
      username: user.username.trim().toLowerCase(),
      display_name: user.displayName,
      password_hash: user.passwordHash,
    })
    .execute();
  return id;
}

export function listUsers(db: Kysely<Database>) {
  return db.selectFrom('users').selectAll().orderBy('username').execute();
}

export async function countUsers(db: Kysely<Database>): Promise<number> {
  const row = await db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Every (organisation, role) the user holds, organisations by name, roles in the order of `ROLES`. */
export async function roleAssignmentsOf(db: Kysely<Database>, userId: string): Promise<RoleAssignment[]> {
  const rows = await db
    .selectFrom('role_assignments as r')
    .innerJoin('organisations as o', 'o.ods_code', 'r.org_code')
    .select(['r.org_code', 'o.name', 'r.role'])
    .where('r.user_id', '=', userId)
    .orderBy('o.name')
    .orderBy('r.role')
    .execute();
  return rows.map((r) => ({ orgCode: r.org_code, orgName: r.name, role: r.role }));
}

export async function assignRole(db: Kysely<Database>, userId: string, orgCode: string, role: RoleCode) {
  await db
    .insertInto('role_assignments')
    .values({ user_id: userId, org_code: orgCode, role })
    .onConflict((oc) => oc.doNothing())
    .execute();
}

export async function removeRole(db: Kysely<Database>, userId: string, orgCode: string, role: RoleCode) {
  await db
    .deleteFrom('role_assignments')
    .where('user_id', '=', userId)
    .where('org_code', '=', orgCode)
    .where('role', '=', role)
    .execute();
}

/** Counts a failed attempt against the account; returns the new count. */
export async function recordAccountFailure(db: Kysely<Database>, userId: string): Promise<number> {
  const row = await db
    .updateTable('users')
    .set((eb) => ({ failed_attempts: eb('failed_attempts', '+', 1) }))
    .where('id', '=', userId)
    .returning('failed_attempts')
    .executeTakeFirst();
  return row?.failed_attempts ?? 0;
}

export async function lockAccount(db: Kysely<Database>, userId: string) {
  await db.updateTable('users').set({ locked_at: new Date() }).where('id', '=', userId).execute();
}

/** Clears failures and any lock: after a successful sign-in, or an administrator's reset. */
export async function clearAccountFailures(db: Kysely<Database>, userId: string) {
  await db.updateTable('users').set({ failed_attempts: 0, locked_at: null }).where('id', '=', userId).execute();
}
