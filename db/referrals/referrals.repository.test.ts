import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ubrnSchema } from '../../domain/ids';
import { createTestDatabase, randomiseUbrns, type TestDatabase } from '../../tests/helpers/database';
import { nextUbrn, ubrnForRequest } from './referrals.repository';

describe('UBRN allocation', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(() => database?.destroy());

  it('gives 10,000 unique 12-digit UBRNs, none the next number after the one before', async () => {
    const ubrns: string[] = [];
    for (let i = 0; i < 10_000; i++) ubrns.push(await nextUbrn(database.db));
    expect(new Set(ubrns).size).toBe(10_000);
    expect(ubrns.filter((u) => !ubrnSchema.safeParse(u).success)).toEqual([]);
    const neighbours = ubrns.filter((u, i) => i > 0 && Math.abs(Number(u) - Number(ubrns[i - 1])) <= 1);
    expect(neighbours).toEqual([]);
    // 10,000 round trips to PostgreSQL: a minute or more on two loaded cores (or under mutation
    // testing's instrumentation), so a budget of its own rather than the suite's 60 s.
  }, 240_000);

  it('keeps one UBRN per create request, from a sequence started anywhere', async () => {
    await randomiseUbrns(database.db);
    const first = await ubrnForRequest(database.db, 'draft-1');
    expect(await ubrnForRequest(database.db, 'draft-1')).toBe(first);
    const second = await ubrnForRequest(database.db, 'draft-2');
    expect(second).not.toBe(first);
    expect(Math.abs(Number(second) - Number(first))).toBeGreaterThan(1);
  });
});
