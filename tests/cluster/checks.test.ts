import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { driveReferrals, verifyReferrals } from '../../scripts/cluster/drills/load';
import { type TestSystem, startTestSystem } from '../helpers/system';

/**
 * The drills' checks must fail when what they guard is broken, or a passing drill proves
 * nothing: a few referrals driven through the lifecycle pass, then each kind of damage a fault
 * could do (a transition audited twice, a read row behind its workflow, a slot given to another
 * referral) is made by hand and must be caught.
 */
describe("the drills' checks", () => {
  let system: TestSystem;
  let target: Parameters<typeof verifyReferrals>[0];
  let ubrns: string[];
  const failing = async () =>
    (await verifyReferrals(target, ubrns, { state: 'BOOKED', version: 4 })).filter((c) => !c.ok).map((c) => c.name);

  beforeAll(async () => {
    system = await startTestSystem();
    target = { db: system.db, client: system.client, taskQueue: system.target.taskQueue };
    ({ ubrns } = await driveReferrals(target, { count: 3, concurrency: 3 }));
  });
  afterAll(() => system?.stop());

  it('pass on referrals that went through once', async () => {
    expect(ubrns).toHaveLength(3);
    expect(await failing()).toEqual([]);
  });

  it('catch a transition audited twice', async () => {
    await system.db
      .insertInto('audit_events')
      .values({
        action: 'referral.book',
        subject_type: 'referral',
        subject_id: ubrns[0]!,
        detail: JSON.stringify({ version: 4, fromState: 'ACCEPTED_BOOK_LATER', toState: 'BOOKED' }) as never,
      })
      .execute();
    expect(await failing()).toEqual(['audit rows: exactly one per transition']);
  });

  it('catch a slot given to another referral', async () => {
    await sql`update slots set ubrn = ${ubrns[2]!} where ubrn = ${ubrns[1]!}`.execute(system.db);
    expect(await failing()).toContain("each booked referral's slot row is booked to it alone");
  });

  it('catch a read row out of step with its workflow (and reconciliation sees it)', async () => {
    await sql`update referrals set version = 3, state = 'ACCEPTED_BOOK_LATER' where ubrn = ${ubrns[2]!}`.execute(
      system.db,
    );
    const failed = await failing();
    expect(failed).toContain('read rows match their workflows');
    expect(failed).toContain('reconciliation: no drift');
  });
});
