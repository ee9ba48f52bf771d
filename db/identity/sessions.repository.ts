import type { Insertable, Updateable } from 'kysely';
import type { Executor } from '../executor';
import type { SessionTable } from './identity.table';

/** The session row with who it belongs to, and whether the chosen role is still held. */
export async function findSession(db: Executor, idHash: string) {
  return db
    .selectFrom('sessions as s')
    .leftJoin('users as u', 'u.id', 's.user_id')
    .leftJoin('organisations as o', 'o.ods_code', 's.org_code')
    .selectAll('s')
    .select(['u.display_name', 'o.name as org_name'])
    .select((eb) =>
      eb
        .exists(
          eb
            .selectFrom('role_assignments as r')
            .select('r.role')
            .whereRef('r.user_id', '=', 's.user_id')
            .whereRef('r.org_code', '=', 's.org_code')
            .whereRef('r.role', '=', 's.role'),
        )
        .as('role_held'),
    )
    .where('s.id_hash', '=', idHash)
    .executeTakeFirst();
}

export async function insertSession(db: Executor, session: Insertable<SessionTable>) {
  await db.insertInto('sessions').values(session).execute();
}

export async function updateSession(db: Executor, idHash: string, changes: Updateable<SessionTable>) {
  await db.updateTable('sessions').set(changes).where('id_hash', '=', idHash).execute();
}

/** Reads and clears the WebAuthn challenge in one statement: a challenge is good for one answer. */
export async function takeChallenge(db: Executor, idHash: string): Promise<string | undefined> {
  const row = await db
    .with('old', (qb) => qb.selectFrom('sessions').select('challenge').where('id_hash', '=', idHash))
    .updateTable('sessions')
    .set({ challenge: null })
    .from('old')
    .where('sessions.id_hash', '=', idHash)
    .returning('old.challenge')
    .executeTakeFirst();
  return row?.challenge ?? undefined;
}

export async function deleteSession(db: Executor, idHash: string) {
  await db.deleteFrom('sessions').where('id_hash', '=', idHash).execute();
}

/** Ends every session of a user: sign out everywhere, and after an administrator's reset. */
export async function deleteSessionsOfUser(db: Executor, userId: string): Promise<number> {
  const rows = await db.deleteFrom('sessions').where('user_id', '=', userId).returning('id_hash').execute();
  return rows.length;
}

/** Ends the user's other sessions, keeping `keepIdHash`: after a change of password. */
export async function deleteOtherSessionsOfUser(db: Executor, userId: string, keepIdHash: string): Promise<number> {
  const rows = await db
    .deleteFrom('sessions')
    .where('user_id', '=', userId)
    .where('id_hash', '!=', keepIdHash)
    .returning('id_hash')
    .execute();
  return rows.length;
}

/** Counts a wrong answer when proving who you are again within a session; returns the new count. */
export async function recordReauthFailure(db: Executor, idHash: string): Promise<number> {
  const row = await db
    .updateTable('sessions')
    .set((eb) => ({ reauth_failures: eb('reauth_failures', '+', 1) }))
    .where('id_hash', '=', idHash)
    .returning('reauth_failures')
    .executeTakeFirst();
  return row?.reauth_failures ?? 0;
}

/** Removes the sessions that expired before `before`; returns how many. */
export async function deleteExpiredSessions(db: Executor, before: Date): Promise<number> {
  const rows = await db.deleteFrom('sessions').where('expires_at', '<', before).returning('id_hash').execute();
  return rows.length;
}
