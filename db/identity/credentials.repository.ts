import type { Kysely } from 'kysely';
import type { Database } from '../database';
import type { Executor } from '../executor';

export function findTotp(db: Executor, userId: string) {
  return db.selectFrom('totp_secrets').selectAll().where('user_id', '=', userId).executeTakeFirst();
}

/** A new, unconfirmed secret; replaces an earlier unconfirmed one but never a confirmed one. */
export async function savePendingTotp(db: Executor, userId: string, secret: string) {
  await db
    .insertInto('totp_secrets')
    .values({ user_id: userId, secret })
    .onConflict((oc) =>
      oc
        .column('user_id')
        .doUpdateSet({ secret, created_at: new Date() })
        .where('totp_secrets.confirmed_at', 'is', null),
    )
    .execute();
}

/**
 * Records that the code of `step` was used, only if no later or equal step was: one
 * conditional UPDATE, so two requests racing with the same code cannot both win.
 */
export async function claimTotpStep(db: Executor, userId: string, step: number, confirm = false) {
  const row = await db
    .updateTable('totp_secrets')
    .set({ last_used_step: step, ...(confirm ? { confirmed_at: new Date() } : {}) })
    .where('user_id', '=', userId)
    .where((eb) => eb.or([eb('last_used_step', 'is', null), eb('last_used_step', '<', step)]))
    .returning('user_id')
    .executeTakeFirst();
  return row !== undefined;
}

export async function replaceRecoveryCodes(db: Kysely<Database>, userId: string, codeHashes: string[]) {
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom('recovery_codes').where('user_id', '=', userId).execute();
    await trx
      .insertInto('recovery_codes')
      .values(codeHashes.map((code_hash) => ({ user_id: userId, code_hash })))
      .execute();
  });
}

export async function countUnusedRecoveryCodes(db: Executor, userId: string): Promise<number> {
  const row = await db
    .selectFrom('recovery_codes')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('user_id', '=', userId)
    .where('used_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Marks an unused recovery code used; false when there is no such unused code. */
export async function useRecoveryCode(db: Executor, userId: string, codeHash: string) {
  const row = await db
    .updateTable('recovery_codes')
    .set({ used_at: new Date() })
    .where('user_id', '=', userId)
    .where('code_hash', '=', codeHash)
    .where('used_at', 'is', null)
    .returning('id')
    .executeTakeFirst();
  return row !== undefined;
}

export function listWebauthnCredentials(db: Executor, userId: string) {
  return db
    .selectFrom('webauthn_credentials')
    .selectAll()
    .where('user_id', '=', userId)
    .orderBy('created_at')
    .execute();
}

export function findWebauthnCredential(db: Executor, id: string) {
  return db.selectFrom('webauthn_credentials').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function addWebauthnCredential(
  db: Executor,
  credential: {
    id: string;
    userId: string;
    name: string;
    publicKey: Uint8Array;
    counter: number;
    transports: string[];
  },
) {
  await db
    .insertInto('webauthn_credentials')
    .values({
      id: credential.id,
      user_id: credential.userId,
      name: credential.name,
      public_key: credential.publicKey,
      counter: credential.counter,
      transports: credential.transports,
    })
    .execute();
}

export async function recordWebauthnUse(db: Executor, id: string, counter: number) {
  await db
    .updateTable('webauthn_credentials')
    .set({ counter, last_used_at: new Date() })
    .where('id', '=', id)
    .execute();
}

/** Removes one of the user's own credentials; false when it is not theirs or not there. */
export async function removeWebauthnCredential(db: Executor, userId: string, id: string) {
  const row = await db
    .deleteFrom('webauthn_credentials')
    .where('id', '=', id)
    .where('user_id', '=', userId)
    .returning('id')
    .executeTakeFirst();
  return row !== undefined;
}

/** An administrator's reset: the user must set up an authenticator again at their next sign-in. */
export async function deleteAllAuthenticators(db: Kysely<Database>, userId: string) {
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom('totp_secrets').where('user_id', '=', userId).execute();
    await trx.deleteFrom('recovery_codes').where('user_id', '=', userId).execute();
    await trx.deleteFrom('webauthn_credentials').where('user_id', '=', userId).execute();
  });
}
