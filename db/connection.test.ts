import { chmodSync, lstatSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Kysely, PostgresDialect, sql } from 'kysely';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../tests/helpers/database';
import { openDatabase, postgresPool } from './connection';

describe('the embedded database on disk', () => {
  const modeOf = (path: string) => lstatSync(path).mode & 0o777;
  const everything = (root: string) => readdirSync(root, { recursive: true }).map((entry) => join(root, String(entry)));
  /** Every file or folder under `root` that its group or anyone else may read, write or enter. */
  const openToOthers = (root: string) =>
    everything(root)
      .filter((path) => modeOf(path) & 0o077)
      .map((path) => `${path} ${modeOf(path).toString(8)}`);

  async function writeSomething(dataDir: string) {
    const handle = await openDatabase({ dataDir });
    try {
      await sql`create table if not exists notes (id serial primary key, body text)`.execute(handle.db);
      await sql`insert into notes (body) select md5(g::text) from generate_series(1, 2000) g`.execute(handle.db);
      await sql`checkpoint`.execute(handle.db);
      // While it runs, too: files PGlite writes now are made by PostgreSQL with its own 0600.
      expect(openToOthers(dataDir)).toEqual([]);
    } finally {
      await handle.close();
    }
  }

  it('is its owner’s alone: the data directory 0700, nothing under it open to group or others', async () => {
    const dataDir = join(mkdtempSync(join(tmpdir(), 'carepath-private-')), 'data');
    await writeSomething(dataDir);
    expect(modeOf(dataDir)).toBe(0o700);
    expect(modeOf(join(dataDir, 'pglite'))).toBe(0o700);
    expect(everything(dataDir).length).toBeGreaterThan(100);
    expect(openToOthers(dataDir)).toEqual([]);
  });

  it('takes back a directory an earlier version left open to everyone', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'carepath-private-'));
    await writeSomething(dataDir);
    chmodSync(dataDir, 0o755);
    for (const path of everything(dataDir)) chmodSync(path, lstatSync(path).isDirectory() ? 0o755 : 0o666);
    await writeSomething(dataDir);
    expect(modeOf(dataDir)).toBe(0o700);
    expect(openToOthers(dataDir)).toEqual([]);
  });
});

// The run once printed "3583 passed" and still failed: a test database was dropped `with
// (force)` while a pool's connection was still open, and `pg` threw the 57P01 that followed.
describe('postgresPool', () => {
  let database: TestDatabase;
  let admin: Kysely<unknown>;
  const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
  beforeAll(async () => {
    database = await createTestDatabase({ migrate: false });
    admin = new Kysely({ dialect: new PostgresDialect({ pool: postgresPool(database.url, 1) }) });
  });
  afterEach(() => logged.mockClear());
  afterAll(async () => {
    logged.mockRestore();
    await admin?.destroy();
    await database?.destroy();
  });

  const connectionsTo = async (name: string) =>
    (await sql<{ n: number }>`select count(*)::int as n from pg_stat_activity where datname = ${name}`.execute(admin))
      .rows[0]!.n;

  it('logs an idle connection the server ended, and carries on with a new one', async () => {
    const db = new Kysely<unknown>({ dialect: new PostgresDialect({ pool: postgresPool(database.url, 1) }) });
    try {
      const before = await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(db);
      await sql`select pg_terminate_backend(${before.rows[0]!.pid})`.execute(admin);
      await vi.waitFor(() => expect(logged).toHaveBeenCalledWith('PostgreSQL closed an idle connection (57P01)'));
      const after = await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(db);
      expect(after.rows[0]!.pid).not.toBe(before.rows[0]!.pid);
    } finally {
      await db.destroy();
    }
  });

  it('survives a connection the server ends while it is checked out, and carries on with a new one', async () => {
    const db = new Kysely<unknown>({ dialect: new PostgresDialect({ pool: postgresPool(database.url, 1) }) });
    try {
      const inTransaction = db.transaction().execute(async (trx) => {
        const { rows } = await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(trx);
        await sql`select pg_terminate_backend(${rows[0]!.pid})`.execute(admin);
        await sql`select pg_sleep(0.5)`.execute(trx);
      });
      // Without a listener on the checked-out client, 'error' is thrown out of the socket handler
      // and ends the process (a worker died this way in the postgres-restart drill).
      await expect(inTransaction).rejects.toThrow();
      const after = await sql<{ one: number }>`select 1 as one`.execute(db);
      expect(after.rows).toEqual([{ one: 1 }]);
    } finally {
      await db.destroy();
    }
  });

  it('closes every connection before destroy resolves, so a forced drop meets none', async () => {
    const before = await connectionsTo(database.name);
    for (let round = 0; round < 5; round++) {
      const db = new Kysely<unknown>({ dialect: new PostgresDialect({ pool: postgresPool(database.url, 8) }) });
      await Promise.all(Array.from({ length: 8 }, () => sql`select pg_sleep(0.01)`.execute(db)));
      await db.destroy();
      expect(await connectionsTo(database.name)).toBe(before);
    }
    expect(logged).not.toHaveBeenCalled();
  });
});
