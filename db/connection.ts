import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Kysely, type PostgresPool, PostgresDialect, sql } from 'kysely';
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
 * A `pg` pool for Kysely that is safe to lose a connection and safe to close. `pg` emits
 * 'error' on the pool when an idle connection dies (a server restart, an administrator's
 * `pg_terminate_backend`), and an unlistened 'error' ends the process: here it is logged, and
 * the next query opens a new connection. `pg.Pool#end` resolves before its connections have
 * closed, so a `drop database ... with (force)` straight after it still met live ones; `end`
 * here resolves only when every connection has gone.
 */
export function postgresPool(connectionString: string, max = 10): PostgresPool {
  const pool = new pg.Pool({ connectionString, max });
  const open = new Set<Promise<void>>();
  pool.on('connect', (client) => {
    const closed = new Promise<void>((resolve) => client.once('end', resolve)).then(() => void open.delete(closed));
    open.add(closed);
  });
  pool.on('error', (error: Error & { code?: string }) => {
    if (!pool.ending) console.error(`PostgreSQL closed an idle connection (${error.code ?? error.message})`);
  });
  return {
    connect: () => pool.connect(),
    end: async () => {
      await pool.end();
      await Promise.all(open);
    },
  };
}

/**
 * PostgreSQL through `pg` when a URL is given, otherwise embedded PGlite in the data
 * directory. Both speak the same SQL behind the same `Database` type.
 */
export async function openDatabase(options: { databaseUrl?: string; dataDir?: string }): Promise<DatabaseHandle> {
  if (options.databaseUrl) {
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool: postgresPool(options.databaseUrl) }) });
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
  if (!options.dataDir) throw new Error('openDatabase needs a PostgreSQL URL or a data directory');
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
