import type { Executor } from '../executor';

/**
 * An authenticator app secret already confirmed, as if the user had scanned it and entered a
 * good code: for seeding demo users and test users who sign in with codes from `secret`.
 */
export async function insertConfirmedTotpSecret(db: Executor, userId: string, secret: string): Promise<void> {
  await db.insertInto('totp_secrets').values({ user_id: userId, secret, confirmed_at: new Date() }).execute();
}
