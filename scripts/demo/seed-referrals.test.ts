import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { worklistCounts } from '../../db/worklists/worklists.repository';
import { type TestSystem, startTestSystem } from '../../tests/helpers/system';
import { seedIdentity } from '../seed-identity';
import { seedDirectory } from './seed-directory';
import { seedReferrals } from './seed-referrals';

describe('demo referrals', () => {
  let system: TestSystem;
  beforeAll(async () => {
    system = await startTestSystem();
  });
  afterAll(() => system?.stop());

  it('leave no referrer or provider worklist empty', async () => {
    const { db } = system;
    await seedIdentity(db);
    await seedDirectory(db);
    await seedReferrals(db, { client: system.client, taskQueue: system.target.taskQueue });
    const referrer = await worklistCounts(db, 'referrer', { orgCode: 'F84001', userId: 'x' });
    const provider = await worklistCounts(db, 'provider', { orgCode: 'RJ1', userId: 'x' });
    for (const [list, count] of Object.entries({ ...referrer, ...provider })) {
      expect(count, list).toBeGreaterThan(0);
    }
  });
});
