import { randomInt } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import type { Database } from '../../db/database';
import { type ThrowawayDatabase, createThrowawayDatabase } from '../../system/throwaway-database';

export type TestDatabase = ThrowawayDatabase;

/**
 * A fresh PostgreSQL database for one suite (on TEST_DATABASE_URL's server, else the local
 * one): created, migrated (unless told not to), dropped by `destroy` once every connection to
 * it has closed. Real PostgreSQL, never a mock.
 */
export function createTestDatabase(options: { migrate?: boolean } = {}): Promise<TestDatabase> {
  return createThrowawayDatabase({ ...options, prefix: 'carepath_test' });
}

/**
 * Suites share one Temporal server, where workflow ids are referral-<UBRN>: start each test
 * database's UBRN sequence at a random point so suites never meet.
 */
export async function randomiseUbrns(db: Kysely<Database>): Promise<void> {
  await sql`select setval('ubrn_seq', ${randomInt(1, 900_000_000_000)})`.execute(db);
}
