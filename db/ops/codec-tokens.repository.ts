import type { Executor } from '../executor';
import type { CodecTokenRow } from './codec-tokens.table';

export function insertCodecToken(
  db: Executor,
  token: Pick<CodecTokenRow, 'id' | 'user_id' | 'org_code' | 'role' | 'token_hash' | 'created_at' | 'expires_at'>,
) {
  return db.insertInto('codec_tokens').values(token).execute();
}

/** The user's tokens, newest first; the hash stays in the database. */
export function codecTokensOf(db: Executor, userId: string) {
  return db
    .selectFrom('codec_tokens')
    .select(['id', 'org_code', 'role', 'created_at', 'expires_at', 'revoked_at', 'last_used_at'])
    .where('user_id', '=', userId)
    .orderBy('created_at', 'desc')
    .execute();
}

/**
 * The live token with this hash, with its user's name, only while the user still holds the role
 * it was made in (an administrator taking the role away silences the token at once).
 */
export function findLiveCodecToken(db: Executor, tokenHash: string, now: Date) {
  return db
    .selectFrom('codec_tokens as t')
    .innerJoin('users as u', 'u.id', 't.user_id')
    .innerJoin('role_assignments as r', (join) =>
      join.onRef('r.user_id', '=', 't.user_id').onRef('r.org_code', '=', 't.org_code').onRef('r.role', '=', 't.role'),
    )
    .select(['t.id', 't.user_id', 't.org_code', 't.role', 'u.display_name'])
    .where('t.token_hash', '=', tokenHash)
    .where('t.revoked_at', 'is', null)
    .where('t.expires_at', '>', now)
    .executeTakeFirst();
}

export function markCodecTokenUsed(db: Executor, id: string, now: Date) {
  return db.updateTable('codec_tokens').set({ last_used_at: now }).where('id', '=', id).execute();
}

/** Revokes the user's own token; how many rows changed (0: not theirs, or already revoked). */
export async function revokeCodecToken(db: Executor, userId: string, id: string, now: Date): Promise<number> {
  const result = await db
    .updateTable('codec_tokens')
    .set({ revoked_at: now })
    .where('id', '=', id)
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}
