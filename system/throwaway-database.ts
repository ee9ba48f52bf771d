import { randomBytes } from 'node:crypto';
import { Kysely, PostgresDialect, sql } from 'kysely';
import { type DatabaseHandle, openDatabase, postgresPool } from '../db/connection';
import { migrateToLatest } from '../db/migrator';

export type ThrowawayDatabase = DatabaseHandle & {
  url: string;
  name: string;
  /** Closes every connection, then drops the database; a second call waits for the first. */
  destroy(): Promise<void>;
};

/** Where throwaway databases are made: TEST_DATABASE_URL, else the local PostgreSQL that CI runs. */
const adminUrl = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/**
 * A fresh PostgreSQL database for one test suite or benchmark: created on the server at
 * TEST_DATABASE_URL (as its `postgres` database, by a role that may create databases),
 * migrated unless told not to, dropped by `destroy`.
 */
export async function createThrowawayDatabase(
  options: { migrate?: boolean; prefix?: string } = {},
): Promise<ThrowawayDatabase> {
  const name = `${options.prefix ?? 'carepath_scratch'}_${randomBytes(6).toString('hex')}`;
  await withAdmin((admin) => sql`create database ${sql.id(name)}`.execute(admin));
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const handle = await openDatabase({ databaseUrl: url.toString() });
  let destroyed: Promise<void> | undefined;
  const database: ThrowawayDatabase = {
    ...handle,
    url: url.toString(),
    name,
    destroy: () =>
      (destroyed ??= (async () => {
        await handle.close();
        await withAdmin((admin) => sql`drop database if exists ${sql.id(name)} with (force)`.execute(admin));
      })()),
  };
  try {
    if (options.migrate !== false) await migrateToLatest(database.db);
  } catch (error) {
    await database.destroy();
    throw error;
  }
  return database;
}

async function withAdmin<T>(work: (admin: Kysely<unknown>) => Promise<T>): Promise<T> {
  const admin = new Kysely<unknown>({ dialect: new PostgresDialect({ pool: postgresPool(adminUrl, 1) }) });
  try {
    return await work(admin);
  } finally {
    await admin.destroy();
  }
}
