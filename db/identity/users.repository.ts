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
  user: {
    username: string;
    displayName: string;
    passwordHash: string | null;
    passwordTemporary?: boolean;
    id?: string;
  },
): Promise<string> {
  const id = user.id ?? randomUUID();
  await db
    .insertInto('users')
    .values({
      id,
      username: user.username.trim().toLowerCase(),
      display_name: user.displayName,
      password_hash: user.passwordHash,
      password_temporary: user.passwordTemporary ?? false,
    })
    .execute();
  return id;
}

/** The user's own choice of password: no longer the temporary one an administrator issued. */
export async function setOwnPassword(db: Executor, userId: string, passwordHash: string) {
  await db
    .updateTable('users')
    .set({ password_hash: passwordHash, password_temporary: false })
    .where('id', '=', userId)
    .execute();
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

/** Counts a failed attempt against the account, for the administrator to see. */
export async function recordAccountFailure(db: Executor, userId: string): Promise<void> {
  await db
    .updateTable('users')
    .set((eb) => ({ failed_attempts: eb('failed_attempts', '+', 1) }))
    .where('id', '=', userId)
    .execute();
}

/** Locks the account from `now` until `until`, unless a lock is on already; true when this call locked it. */
export async function lockAccount(db: Executor, userId: string, now: Date, until: Date): Promise<boolean> {
  const row = await db
    .updateTable('users')
    .set({ locked_at: now, locked_until: until })
    .where('id', '=', userId)
    .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<=', now)]))
    .returning('id')
    .executeTakeFirst();
  return row !== undefined;
}

/** Clears failures and any lock: after a successful sign-in, or an administrator's unlocking. */
export async function clearAccountFailures(db: Executor, userId: string) {
  await db
    .updateTable('users')
    .set({ failed_attempts: 0, locked_at: null, locked_until: null })
    .where('id', '=', userId)
    .execute();
}

/** How many users hold `role` anywhere. */
export async function countUsersWithRole(db: Executor, role: RoleCode): Promise<number> {
  const row = await db
    .selectFrom('role_assignments')
    .select((eb) => eb.fn.count<number>('user_id').distinct().as('n'))
    .where('role', '=', role)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
