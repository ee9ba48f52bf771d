import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countAdviceWorklist } from '../../db/advice/advice.repository';
import { ADVICE_STATES } from '../../domain/advice/states';
import { ADVICE_WORKLISTS, type AdviceWorklistKey } from '../../domain/advice/worklists';
import { type TestSystem, startTestSystem } from '../../tests/helpers/system';
import { seedIdentity } from '../seed-identity';
import { seedDirectory } from './seed-directory';
import { seedAdvice } from './seed-advice';

describe('demo advice and guidance', () => {
  let system: TestSystem;
  beforeAll(async () => {
    system = await startTestSystem();
  });
  afterAll(() => system?.stop());

  it('puts conversations on every A&G worklist of the demo GP and trust, in every state but expired', async () => {
    const { db } = system;
    await seedIdentity(db);
    await seedDirectory(db);
    await seedAdvice(db, { client: system.client, taskQueue: system.target.taskQueue });
    for (const [key, list] of Object.entries(ADVICE_WORKLISTS)) {
      const orgCode = list.side === 'provider' ? 'RJ1' : 'F84001';
      expect(await countAdviceWorklist(db, { key: key as AdviceWorklistKey, orgCode, cap: 100 }), key).toBeGreaterThan(
        0,
      );
    }
    const states = await db.selectFrom('advice_requests').select('state').distinct().execute();
    const expected = ADVICE_STATES.filter((s) => s !== 'EXPIRED');
    expect(states.map((s) => s.state).sort()).toEqual([...expected].sort());
    expect(
      await db.selectFrom('referrals').select('state').where('state', '=', 'TRIAGED_PROVIDER_TO_ACTION').execute(),
    ).not.toEqual([]);
  });
});
