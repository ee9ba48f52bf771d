import { randomUUID } from 'node:crypto';
import type { RoleCode } from '../../domain/roles';
import type { Executor } from '../executor';

export type RoleAssignment = { orgCode: string; orgName: string; role: RoleCode };

export function findUserByUsername(db: Executor, username: string) {
  return db.selectFrom('users').selectAll().where('username', '=', username.trim().toLowerCase()).executeTakeFirst();
}

export function findUserById(db: Executor, id: string) {
  return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function createUser(
  db: Executor,
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

/** Every user, by username, with how many (organisation, role) pairs each holds. */
export async function listUsersWithRoleCounts(db: Executor) {
  const rows = await db
    .selectFrom('users as u')
    .leftJoin('role_assignments as r', 'r.user_id', 'u.id')
    .selectAll('u')
    // Grouping by the primary key lets PostgreSQL return the user's other columns as they are.
    .select((eb) => eb.fn.count<string>('r.role').as('role_count'))
    .groupBy('u.id')
    .orderBy('u.username')
    .execute();
  return rows.map(({ role_count, ...user }) => ({ ...user, roleCount: Number(role_count) }));
}

export async function countUsers(db: Executor): Promise<number> {
  const row = await db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Every (organisation, role) the user holds, organisations by name, roles in the order of `ROLES`. */
export async function roleAssignmentsOf(db: Executor, userId: string): Promise<RoleAssignment[]> {
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

export async function assignRole(db: Executor, userId: string, orgCode: string, role: RoleCode) {
  await db
    .insertInto('role_assignments')
    .values({ user_id: userId, org_code: orgCode, role })
    .onConflict((oc) => oc.doNothing())
    .execute();
}

export async function removeRole(db: Executor, userId: string, orgCode: string, role: RoleCode) {
  await db
    .deleteFrom('role_assignments')
    .where('user_id', '=', userId)
    .where('org_code', '=', orgCode)
    .where('role', '=', role)
    .execute();
}

/** Counts a failed attempt against the account; returns the new count. */
export async function recordAccountFailure(db: Executor, userId: string): Promise<number> {
  const row = await db
    .updateTable('users')
    .set((eb) => ({ failed_attempts: eb('failed_attempts', '+', 1) }))
    .where('id', '=', userId)
    .returning('failed_attempts')
    .executeTakeFirst();
  return row?.failed_attempts ?? 0;
}

export async function lockAccount(db: Executor, userId: string) {
  await db.updateTable('users').set({ locked_at: new Date() }).where('id', '=', userId).execute();
}

/** Clears failures and any lock: after a successful sign-in, or an administrator's reset. */
export async function clearAccountFailures(db: Executor, userId: string) {
  await db.updateTable('users').set({ failed_attempts: 0, locked_at: null }).where('id', '=', userId).execute();
}
