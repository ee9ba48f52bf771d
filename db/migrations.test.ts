import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql, type Kysely } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../tests/helpers/database';
import { openDatabase, type DatabaseHandle } from './connection';
import { createMigrator, migrateToLatest } from './migrator';

async function tableNames(db: Kysely<any>): Promise<string[]> {
  const tables = await db.introspection.getTables();
  return tables.map((t) => t.name).sort();
}

async function migrateAllTheWayDown(db: Kysely<any>) {
  const migrator = createMigrator(db);
  for (;;) {
    const { error, results } = await migrator.migrateDown();
    if (error) throw error;
    if (!results?.length) return;
  }
}

// The same checks on both engines: the embedded default must not drift from production.
describe.each([
  ['PostgreSQL', async () => createTestDatabase({ migrate: false })],
  [
    'PGlite',
    async () => {
      const handle = await openDatabase({ dataDir: mkdtempSync(join(tmpdir(), 'carepath-pglite-')) });
      return { db: handle.db, destroy: handle.close } as Pick<TestDatabase, 'db' | 'destroy'>;
    },
  ],
])('migrations on %s', (_engine, open) => {
  let database: Pick<TestDatabase, 'db' | 'destroy'>;
  afterAll(() => database?.destroy());

  it('go up, all the way down, and up again', async () => {
    database = await open();
    const { db } = database;
    const first = await migrateToLatest(db);
    expect(first.length).toBeGreaterThan(0);
    const tablesAfterUp = await tableNames(db);
    expect(tablesAfterUp).toContain('audit_events');

    await migrateAllTheWayDown(db);
    expect(await tableNames(db)).toEqual([]);

    expect(await migrateToLatest(db)).toEqual(first);
    expect(await tableNames(db)).toEqual(tablesAfterUp);
    expect(await migrateToLatest(db)).toEqual([]);
  });

  it('keeps the audit trail append-only', async () => {
    const { db } = database;
    await sql`insert into audit_events (action) values ('test.appended')`.execute(db);
    await expect(sql`update audit_events set action = 'test.changed'`.execute(db)).rejects.toThrow(/append-only/);
    await expect(sql`delete from audit_events`.execute(db)).rejects.toThrow(/append-only/);
    await expect(sql`truncate audit_events`.execute(db)).rejects.toThrow(/append-only/);
    const rows = await sql<{ action: string }>`select action from audit_events`.execute(db);
    expect(rows.rows).toEqual([{ action: 'test.appended' }]);
  });
});

describe('openDatabase', () => {
  it('says what to do when PostgreSQL refuses connections', async () => {
    const error = await openDatabase({ databaseUrl: 'postgres://nobody@127.0.0.1:1/none', dataDir: tmpdir() }).catch(
      (e: unknown) => e as Error,
    );
    expect((error as Error).name).toBe('DatabaseUnavailableError');
    expect((error as Error).message).toMatch(
      /Cannot connect to PostgreSQL at 127\.0\.0\.1:1\/none.*unset DATABASE_URL/,
    );
  });

  it('runs transactions one at a time on the single PGlite connection', async () => {
    const handle: DatabaseHandle = await openDatabase({ dataDir: mkdtempSync(join(tmpdir(), 'carepath-pglite-')) });
    try {
      await migrateToLatest(handle.db);
      // Two interleaved transactions: each must see only its own insert until it commits.
      const seen = await Promise.all(
        ['a', 'b'].map((tag) =>
          handle.db.transaction().execute(async (trx) => {
            await sql`insert into audit_events (action) values (${`tx.${tag}`})`.execute(trx);
            await new Promise((resolve) => setTimeout(resolve, 20));
            const rows = await sql<{ n: number }>`select count(*)::int as n from audit_events`.execute(trx);
            return rows.rows[0]!.n;
          }),
        ),
      );
      expect(seen).toEqual([1, 2]);
    } finally {
      await handle.close();
    }
  });
});
