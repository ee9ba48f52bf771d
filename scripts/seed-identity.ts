import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import { ScureBase32Plugin } from 'otplib';
import { ROLES } from '../domain/roles';
import type { Database } from '../db/database';
import { addOrganisations } from '../db/identity/organisations.repository';
import { assignRole, createUser } from '../db/identity/users.repository';
import { hashPassword } from '../services/identity/passwords';
import { demoOrganisations } from './demo/organisations';
import { demoUsers } from './demo/users';

/** Every demo user's password. Demo data only: `npm start` seeds it into an empty database. */
export const DEMO_PASSWORD = 'carepath-demo';

/**
 * Demo TOTP secrets are derived from the username, so that the README, `npm run totp` and
 * the browser tests can all produce codes without reading the database (which PGlite keeps
 * to one process while `npm start` runs).
 */
export function demoTotpSecret(username: string): string {
  const bytes = createHash('sha256').update(`carepath-demo-totp:${username}`).digest().subarray(0, 20);
  return new ScureBase32Plugin().encode(bytes, { padding: false });
}

/** Organisations (commissioners, GP practices, provider trusts) and one user per role. Returns lines to print. */
export async function seedIdentity(db: Kysely<Database>): Promise<string[]> {
  await addOrganisations(db, demoOrganisations);
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const lines = [
    `Demo users (password for all: ${DEMO_PASSWORD}). Add the secret to an authenticator app,`,
    'or run `npm run totp -- <username>` for the current code:',
  ];
  for (const user of demoUsers) {
    const userId = await createUser(db, { username: user.username, displayName: user.displayName, passwordHash });
    for (const [org, role] of user.roles) await assignRole(db, userId, org, role);
    const secret = demoTotpSecret(user.username);
    await db.insertInto('totp_secrets').values({ user_id: userId, secret, confirmed_at: new Date() }).execute();
    const roles = [...new Set(user.roles.map(([, role]) => ROLES[role].name))].join(', ');
    lines.push(
      `  ${user.username.padEnd(26)} ${secret}  ${roles}${user.roles.length > 1 ? ` (${user.roles.length} roles)` : ''}`,
    );
  }
  return lines;
}
