import { describe, expect, it } from 'vitest';
import { lastReconciliation } from '../../db/ops/ops.repository';
import { getReferralRow, getTimeline, readRow } from '../../db/referrals/referrals.repository';
import { SERVICES, actorFor, createInput } from '../../domain/fixtures';
import { defaultPolicy } from '../../domain/policy';
import { actOnReferral, createReferral } from '../../services/referrals/referral-workflows';
import { referralSuite } from '../../tests/helpers/referrals';
import { reconcileReferrals } from './reconcile';

describe('reconciliation of the read tables with the referrals’ workflows', () => {
  const stack = referralSuite();
  const gp = actorFor('B1101');

  async function newReferral() {
    const { ubrn: _placeholder, ...input } = createInput();
    const { referral } = await createReferral(stack.client, stack.db, input, gp, defaultPolicy, {
      taskQueue: stack.taskQueue,
    });
    return referral.ubrn;
  }

  it('finds a corrupted row, a deleted row and a deleted timeline row; repair mends all three; then finds nothing', async () => {
    const [corrupted, deleted, untimed, healthy] = [
      await newReferral(),
      await newReferral(),
      await newReferral(),
      await newReferral(),
    ];
    const triage = { type: 'SEND_FOR_TRIAGE', expectedVersion: 1, serviceId: SERVICES.ras.serviceId } as const;
    await actOnReferral(stack.client, corrupted, triage, gp);
    await actOnReferral(stack.client, untimed, triage, gp);
    const before = await getReferralRow(stack.db, corrupted);
    // Version pushed up too: the projection's own upsert would never overwrite this row.
    await stack.db
      .updateTable('referrals')
      .set({ state: 'BOOKED', version: 99 })
      .where('ubrn', '=', corrupted)
      .execute();
    await stack.db.deleteFrom('referrals').where('ubrn', '=', deleted).execute();
    await stack.db.deleteFrom('referral_timeline').where('ubrn', '=', untimed).where('version', '=', 1).execute();
    await allVisible(4);
    const options = { taskQueue: stack.taskQueue, repair: false };

    const report = await reconcileReferrals(stack.db, stack.client, options);
    expect(report).toMatchObject({ checked: 4, repaired: 0, repair: false });
    expect(report.drifted).toEqual(
      [
        { ubrn: corrupted, kinds: ['version', 'state'] },
        { ubrn: deleted, kinds: ['missing-row'] },
        { ubrn: untimed, kinds: ['missing-timeline'] },
      ].sort((a, b) => a.ubrn.localeCompare(b.ubrn)),
    );
    expect(report.drifted.map((d) => d.ubrn)).not.toContain(healthy);
    expect(await getReferralRow(stack.db, deleted)).toBeUndefined(); // a report changes nothing

    const repaired = await reconcileReferrals(stack.db, stack.client, { ...options, repair: true });
    expect(repaired).toMatchObject({ checked: 4, repaired: 3 });
    expect(await getReferralRow(stack.db, corrupted)).toEqual(before);
    expect(await getReferralRow(stack.db, deleted)).toMatchObject({ version: 1, state: 'NOT_BOOKED' });
    const timeline = await getTimeline(stack.db, untimed);
    expect(timeline.map((row) => [row.version, row.type])).toEqual([
      [1, 'CREATE'],
      [2, 'SEND_FOR_TRIAGE'],
    ]);

    const again = await reconcileReferrals(stack.db, stack.client, options);
    expect(again).toMatchObject({ checked: 4, drifted: [], repaired: 0 });
    expect(await lastReconciliation(stack.db)).toEqual(again);
  });

  it('keeps nothing personal in the stored result', async () => {
    const stored = JSON.stringify(await lastReconciliation(stack.db));
    const row = readRow((await getReferralRow(stack.db, await newReferral()))!.snapshot);
    for (const personal of [row.nhs_number, row.given_name, row.family_name]) expect(stored).not.toContain(personal);
  });

  /** Visibility catches up with new workflows a moment after they start. */
  async function allVisible(count: number): Promise<void> {
    const query = `WorkflowType = 'referral' AND ExecutionStatus = 'Running' AND TaskQueue = '${stack.taskQueue}'`;
    // A deadline, not a count of tries: on a loaded machine each try can take seconds.
    for (const deadline = Date.now() + 60_000; Date.now() < deadline;) {
      if ((await stack.client.workflow.count(query)).count >= count) return;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error('The workflows never became visible');
  }
});
