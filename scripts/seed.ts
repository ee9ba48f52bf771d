import { resolve } from 'node:path';
import type { Kysely } from 'kysely';
import type { Config } from '../config/env';
import type { Database } from '../db/database';
import { countUsers } from '../db/identity/users.repository';
import { seedPatients } from './demo/patients';
import { seedAdvice } from './demo/seed-advice';
import { seedDirectory } from './demo/seed-directory';
import { type DemoTemporal, seedReferrals } from './demo/seed-referrals';
import { type DemoSecrets, seedIdentity, writeDemoSecrets } from './seed-identity';

/**
 * Demo data for a newcomer's first `npm start`. Each feature adds one call to its own
 * seeder here; identity runs first because everything else hangs off organisations.
 * Returns the demo users' authenticator secrets and the lines to print.
 */
export async function seedDemoData(
  db: Kysely<Database>,
  temporal?: DemoTemporal,
): Promise<{ secrets: DemoSecrets; lines: string[] }> {
  const { secrets, lines } = await seedIdentity(db);
  lines.push(...(await seedDirectory(db)));
  lines.push(...(await seedPatients(db)));
  // Referrals run through their workflows, so only with a client and a running worker.
  if (temporal) lines.push(...(await seedReferrals(db, temporal)));
  if (temporal) lines.push(...(await seedAdvice(db, temporal)));
  return { secrets, lines };
}

/**
 * Demo users have a public password, so they go only where asked for (CAREPATH_DEMO=1) or, by
 * default, into the embedded database of a machine trying Carepath out: never into a
 * deployment's PostgreSQL because it happened to be empty. CAREPATH_DEMO=0 means never.
 */
export function demoWanted(config: Pick<Config, 'CAREPATH_DEMO' | 'DATABASE_URL'>): boolean {
  return config.CAREPATH_DEMO ?? config.DATABASE_URL === undefined;
}

/**
 * What `npm start` does with an empty database (no users yet): demo data when wanted, its
 * authenticator secrets left in the data directory for `npm run totp`; otherwise only the way
 * to create the first administrator. A database with users is left alone, so a restart never
 * doubles the demo data. Returns the lines to print.
 */
export async function seedIfEmpty(
  db: Kysely<Database>,
  config: Pick<Config, 'CAREPATH_DEMO' | 'DATABASE_URL' | 'CAREPATH_DATA_DIR'>,
  temporal?: DemoTemporal,
): Promise<string[]> {
  if ((await countUsers(db)) > 0) return [];
  if (!demoWanted(config)) {
    return ['No users yet: create the first registration authority administrator with `npm run create-admin`.'];
  }
  const { secrets, lines } = await seedDemoData(db, temporal);
  writeDemoSecrets(resolve(config.CAREPATH_DATA_DIR), secrets);
  return lines;
}
