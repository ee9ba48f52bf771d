import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDirectory } from '../../db/directory/demo/seed-directory';
import { worklistCounts } from '../../db/worklists/worklists.repository';
import { type TestDatabase, createTestDatabase } from '../../tests/helpers/database';
import { randomiseUbrns } from '../../tests/helpers/referrals';
import { startTestTemporal } from '../../tests/helpers/temporal';
import { seedIdentity } from '../seed-identity';
import { seedReferrals } from './seed-referrals';

describe('demo referrals', () => {
  let database: TestDatabase;
  let temporal: Awaited<ReturnType<typeof startTestTemporal>>;
  beforeAll(async () => {
    database = await createTestDatabase();
    await randomiseUbrns(database.db);
    temporal = await startTestTemporal(database.db);
  });
  afterAll(async () => {
    await temporal?.stop();
    await database?.destroy();
  });

  it('leave no referrer or provider worklist empty', async () => {
    await seedIdentity(database.db);
    await seedDirectory(database.db);
    await seedReferrals(database.db, { client: temporal.client, taskQueue: temporal.target.taskQueue });
    const referrer = await worklistCounts(database.db, 'referrer', { orgCode: 'F84001', userId: 'x' });
    const provider = await worklistCounts(database.db, 'provider', { orgCode: 'RJ1', userId: 'x' });
    for (const [list, count] of Object.entries({ ...referrer, ...provider })) {
      expect(count, list).toBeGreaterThan(0);
    }
  });
});
