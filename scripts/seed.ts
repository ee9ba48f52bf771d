import type { Kysely } from 'kysely';
import type { Database } from '../db/database';
import { countUsers } from '../db/identity/users.repository';
import { seedDirectory } from './demo/seed-directory';
import { type DemoTemporal, seedReferrals } from './demo/seed-referrals';
import { seedIdentity } from './seed-identity';

/**
 * Demo data for a newcomer's first `npm start`. Each feature adds one call to its own
 * seeder here; identity runs first because everything else hangs off organisations.
 * Returns the lines to print (demo logins and the like).
 */
export async function seedDemoData(db: Kysely<Database>, temporal?: DemoTemporal): Promise<string[]> {
  const lines: string[] = [];
  lines.push(...(await seedIdentity(db)));
  lines.push(...(await seedDirectory(db)));
  // Referrals run through their workflows, so only with a client and a running worker.
  if (temporal) lines.push(...(await seedReferrals(db, temporal)));
  return lines;
}

/** Seeds only an empty database (no users yet): a restart never doubles the demo data. */
export async function seedIfEmpty(db: Kysely<Database>, temporal?: DemoTemporal): Promise<string[]> {
  return (await countUsers(db)) === 0 ? seedDemoData(db, temporal) : [];
}
