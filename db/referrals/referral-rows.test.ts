import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newReferral } from '../../domain/fixtures';
import type { Referral } from '../../domain/referral';
import { createTestDatabase, type TestDatabase } from '../../tests/helpers/database';
import { getReferralRow, upsertReferralRow } from './referrals.repository';

/**
 * The read row follows the workflow's versions forwards only. Activities are retried and may be
 * delivered late (a worker that stalled, then finished after its replacement had moved on), so
 * a projection of an older version arriving after a newer one must change nothing.
 */
describe('the referral read row', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(() => database?.destroy());

  let nextUbrn = 200;
  const at = (ubrn: string, version: number, changes: Partial<Referral> = {}): Referral => ({
    ...newReferral({ ubrn }),
    version,
    ...changes,
  });
  const fresh = () => String(nextUbrn++).padStart(12, '0');
  const row = async (ubrn: string) => {
    const found = await getReferralRow(database.db, ubrn);
    return { version: found?.version, state: found?.state, priority: found?.priority };
  };

  it('moves forwards to a newer version', async () => {
    const ubrn = fresh();
    await upsertReferralRow(database.db, at(ubrn, 1));
    await upsertReferralRow(database.db, at(ubrn, 2, { state: 'CANCELLED_REFERRAL', priority: 'URGENT' }));
    expect(await row(ubrn)).toEqual({ version: 2, state: 'CANCELLED_REFERRAL', priority: 'URGENT' });
  });

  it('ignores an older version delivered after a newer one', async () => {
    const ubrn = fresh();
    await upsertReferralRow(database.db, at(ubrn, 1));
    await upsertReferralRow(database.db, at(ubrn, 3, { state: 'CANCELLED_REFERRAL', priority: 'URGENT' }));
    await upsertReferralRow(database.db, at(ubrn, 2, { state: 'NOT_BOOKED', priority: 'TWO_WEEK_WAIT' }));
    expect(await row(ubrn)).toEqual({ version: 3, state: 'CANCELLED_REFERRAL', priority: 'URGENT' });
    expect((await getReferralRow(database.db, ubrn))?.snapshot).toMatchObject({
      version: 3,
      state: 'CANCELLED_REFERRAL',
    });
  });

  it('leaves the row alone when the same version is projected again', async () => {
    const ubrn = fresh();
    await upsertReferralRow(database.db, at(ubrn, 2, { state: 'CANCELLED_REFERRAL' }));
    await upsertReferralRow(database.db, at(ubrn, 2, { state: 'NOT_BOOKED' }));
    expect(await row(ubrn)).toMatchObject({ version: 2, state: 'CANCELLED_REFERRAL' });
  });
});
