import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROVIDER_ORG, REFERRER_ORG, SITUATIONS, situations } from '../../domain/fixtures';
import { WORKLISTS, type WorklistKey, isOnWorklist, worklistOwner } from '../../domain/worklists';
import { type TestDatabase, createTestDatabase } from '../../tests/helpers/database';
import { upsertReferralRow } from '../referrals/referrals.repository';
import { ORDER_COLUMNS, OWNER_COLUMN, worklistIndexName, worklistPredicate } from './worklist-membership';
import { worklistPage } from './worklists.repository';

const KEYS = Object.keys(WORKLISTS) as WorklistKey[];

/** How PostgreSQL itself writes an index on `referrals` out: columns and predicate, normalised. */
async function indexDefinition(db: TestDatabase['db'], name: string): Promise<string | undefined> {
  const { rows } = await sql<{ def: string }>`
    select regexp_replace(pg_get_indexdef(c.oid), '^CREATE INDEX \\S+ ', '') as def
    from pg_class c where c.relname = ${name} and c.relkind = 'i'`.execute(db);
  return rows[0]?.def;
}

describe('worklists follow the domain (domain/worklists.ts)', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(() => database?.destroy());

  // Migrations are frozen snapshots: changing a worklist in the domain without a migration
  // that rebuilds its index makes the query and the index part, and the list a full scan.
  it.each(KEYS)('the migrated index of %s is the one the domain describes', async (key) => {
    const { db } = database;
    const probe = `probe_${worklistIndexName(key)}`;
    const columns = [OWNER_COLUMN[WORKLISTS[key].side], ...ORDER_COLUMNS].join(', ');
    await sql`create index ${sql.id(probe)} on referrals (${sql.raw(columns)}) where ${sql.raw(worklistPredicate(key))}`.execute(
      db,
    );
    try {
      const live = await indexDefinition(db, worklistIndexName(key));
      expect(live).toBeDefined();
      expect(live).toBe(await indexDefinition(db, probe));
    } finally {
      await sql`drop index ${sql.id(probe)}`.execute(db);
    }
  });

  it('the queries hold exactly the referrals the domain puts on each list', async () => {
    const { db } = database;
    const all = situations();
    // One read row per situation, each its own UBRN, all at the fixtures' two organisations.
    const rows = SITUATIONS.map((situation, i) => ({
      ...all[situation],
      ubrn: String(900_000_000_000 + i),
    }));
    for (const referral of rows) await upsertReferralRow(db, referral);
    for (const key of KEYS) {
      const side = WORKLISTS[key].side;
      const orgCode = side === 'referrer' ? REFERRER_ORG : PROVIDER_ORG;
      const page = await worklistPage(db, key, { orgCode, userId: 'nobody' }, {}, 100);
      const expected = rows.filter((r) => isOnWorklist(key, r) && worklistOwner(side, r) === orgCode);
      expect(page.rows.map((r) => r.ubrn).sort(), key).toEqual(expected.map((r) => r.ubrn).sort());
      expect(expected.length, `${key} has a referral to find`).toBeGreaterThan(0);
    }
  });
});
