import { chmodSync, lstatSync, mkdirSync, readdirSync } from 'node:fs';
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
    // `pg` also emits 'error' on a client that is checked out (a restart mid-transaction), where
    // the pool does not listen: the query in flight already fails with it and the pool drops the
    // client on release, so there is nothing more to do but not let it end the process.
    client.on('error', () => {});
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
  makePrivateDirectory(options.dataDir);
  const directory = join(options.dataDir, 'pglite');
  makePrivateDirectory(directory);
  const pglite = new PGlite(directory);
  await pglite.waitReady;
  keepToOwner(directory);
  const db = new Kysely<Database>({ dialect: new PGliteDialect(pglite) });
  const close = async () => {
    await db.destroy();
    keepToOwner(directory);
  };
  return { db, kind: 'pglite', description: `embedded PGlite in ${directory}`, close };
}

/** The data directory holds patient data and secrets: its owner's alone, whoever made it first. */
function makePrivateDirectory(directory: string) {
  mkdirSync(directory, { recursive: true, mode: 0o700 });
  chmodSync(directory, 0o700);
}

/**
 * PGlite creates the files of a new database readable and writable by everyone (0666: it sets
 * the mode itself, so a umask does not help). The directory is 0700, which keeps others out of
 * anything PGlite writes while it runs; at opening and closing every file and folder under it
 * also loses its group and other permissions, so a copied or moved directory stays private.
 */
function keepToOwner(directory: string) {
  for (const entry of readdirSync(directory, { recursive: true, withFileTypes: true })) {
    if (entry.isSymbolicLink()) continue;
    const path = join(entry.parentPath, entry.name);
    const mode = lstatSync(path).mode & 0o777;
    if (mode & 0o077) chmodSync(path, entry.isDirectory() ? 0o700 : mode & 0o700);
  }
}

function describeUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.hostname}:${parsed.port || 5432}${parsed.pathname}`;
  } catch {
    return 'the configured DATABASE_URL';
  }
}
