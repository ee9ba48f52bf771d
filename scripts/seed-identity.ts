import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import { ROLES } from '../domain/roles';
import type { Database } from '../db/database';
import { addOrganisations } from '../db/identity/organisations.repository';
import { insertConfirmedTotpSecret } from '../db/identity/totp-secrets.repository';
import { assignRole, createUser } from '../db/identity/users.repository';
import { hashPassword } from '../services/identity/passwords';
import { newTotpSecret } from '../services/identity/totp';
import { demoOrganisations } from './demo/organisations';
import { demoUsers } from './demo/users';

/** Every demo user's password. Demo data only: seeded only where demo data is wanted (see seed.ts). */
export const DEMO_PASSWORD = 'carepath-demo';

/** Each demo user's authenticator secret, by username. */
export type DemoSecrets = Record<string, string>;

/**
 * Where `npm start` leaves the demo users' authenticator secrets for `npm run totp`: a file in
 * the data directory, readable by its owner only, because the embedded database cannot be read
 * by a second process while `npm start` holds it.
 */
const secretsFile = (dataDir: string) => join(dataDir, 'demo-authenticator-secrets.json');

export function writeDemoSecrets(dataDir: string, secrets: DemoSecrets) {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const file = secretsFile(dataDir);
  writeFileSync(file, `${JSON.stringify(secrets, null, 2)}\n`, { mode: 0o600 });
  chmodSync(file, 0o600);
}

/** The secrets the last demo seed in `dataDir` wrote; none when it has not seeded one. */
export function readDemoSecrets(dataDir: string): DemoSecrets {
  try {
    return JSON.parse(readFileSync(secretsFile(dataDir), 'utf8')) as DemoSecrets;
  } catch {
    return {};
  }
}

/**
 * Organisations (commissioners, GP practices, provider trusts) and one user per role, each with
 * an authenticator secret drawn at random now: nobody can work out a demo user's codes from the
 * source. Returns the secrets, and the lines that print them (once, at this start).
 */
export async function seedIdentity(db: Kysely<Database>): Promise<{ secrets: DemoSecrets; lines: string[] }> {
  await addOrganisations(db, demoOrganisations);
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const secrets: DemoSecrets = {};
  const lines = [
    `Demo users (password for all: ${DEMO_PASSWORD}). Add the secret to an authenticator app,`,
    'or run `npm run totp -- <username>` for the current code:',
  ];
  for (const user of demoUsers) {
    const userId = await createUser(db, { username: user.username, displayName: user.displayName, passwordHash });
    for (const [org, role] of user.roles) await assignRole(db, userId, org, role);
    const secret = newTotpSecret();
    await insertConfirmedTotpSecret(db, userId, secret);
    secrets[user.username] = secret;
    const roles = [...new Set(user.roles.map(([, role]) => ROLES[role].name))].join(', ');
    lines.push(
      `  ${user.username.padEnd(26)} ${secret}  ${roles}${user.roles.length > 1 ? ` (${user.roles.length} roles)` : ''}`,
    );
  }
  return { secrets, lines };
}
