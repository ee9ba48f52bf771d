import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import type { Database } from './database';
import { PGliteDialect } from './pglite-dialect';

export type DatabaseHandle = {
  db: Kysely<Database>;
  kind: 'postgres' | 'pglite';
  /** Where the data lives, without credentials: safe to print. */
  description: string;
  close(): Promise<void>;
};

/** Raised when the database cannot be opened; the message says what to do. */
export class DatabaseUnavailableError extends Error {
  override name = 'DatabaseUnavailableError';
}

// int8 (counts, sequences) as JavaScript numbers: our values stay far below 2^53.
pg.types.setTypeParser(20, (value) => Number(value));

/**
 * PostgreSQL through `pg` when a URL is given, otherwise embedded PGlite in the data
 * directory. Both speak the same SQL behind the same `Database` type.
 */
export async function openDatabase(options: { databaseUrl?: string; dataDir: string }): Promise<DatabaseHandle> {
  if (options.databaseUrl) {
    const pool = new pg.Pool({ connectionString: options.databaseUrl, max: 10 });
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    const target = describeUrl(options.databaseUrl);
    try {
      await sql`select 1`.execute(db);
    } catch (error) {
      await db.destroy();
      throw new DatabaseUnavailableError(
        `Cannot connect to PostgreSQL at ${target}: ${(error as Error).message}. ` +
          'Check that the server is running and DATABASE_URL is right, or unset DATABASE_URL to use the embedded database.',
      );
    }
    return { db, kind: 'postgres', description: `PostgreSQL at ${target}`, close: () => db.destroy() };
  }
  const { PGlite } = await import('@electric-sql/pglite');
  const directory = join(options.dataDir, 'pglite');
  mkdirSync(directory, { recursive: true });
  const pglite = new PGlite(directory);
  const db = new Kysely<Database>({ dialect: new PGliteDialect(pglite) });
  return { db, kind: 'pglite', description: `embedded PGlite in ${directory}`, close: () => db.destroy() };
}

function describeUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.hostname}:${parsed.port || 5432}${parsed.pathname}`;
  } catch {
    return 'the configured DATABASE_URL';
  }
}
