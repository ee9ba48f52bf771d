import { Kysely, PostgresDialect, sql } from 'kysely';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../tests/helpers/database';
import { postgresPool } from './connection';

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
