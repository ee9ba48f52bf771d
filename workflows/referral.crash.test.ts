import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { auditTrailFor } from '../db/audit/audit.repository';
import { notificationsFor } from '../db/referrals/notifications.repository';
import { getReferralRow, getTimeline } from '../db/referrals/referrals.repository';
import { actorFor, createInput } from '../domain/fixtures';
import { defaultPolicy } from '../domain/policy';
import { addSlot, bookable } from '../fixtures/directory';
import { connectClient } from '../temporal/connection';
import { createTestDatabase, type TestDatabase } from '../tests/helpers/database';
import { killGroup, spawnScript, type Spawned } from '../tests/helpers/processes';
import { addDbsService, randomiseUbrns, slotHolder } from '../tests/helpers/referrals';
import { testSecrets } from '../tests/helpers/temporal';
import { actOnReferral, createReferral } from '../services/referrals/referral-workflows';

const gp = actorFor('B1101');

describe('a worker killed in the middle of a transition', () => {
  let database: TestDatabase;
  let temporal: Awaited<ReturnType<typeof connectClient>>;
  // Each test has a task queue of its own: a worker left running by one never serves another.
  const newTaskQueue = () => `crash-${randomBytes(4).toString('hex')}`;
  const workers: Spawned[] = [];
  const startWorker = (taskQueue: string, env: Record<string, string> = {}) => {
    const spawned = spawnScript('tests/helpers/crash-worker.ts', {
      DATABASE_URL: database.url,
      TEMPORAL_ADDRESS: inject('temporalAddress'),
      TASK_QUEUE: taskQueue,
      WORKFLOW_BUNDLE: inject('workflowBundlePath'),
      ...env,
    });
    workers.push(spawned);
    return spawned;
  };

  beforeAll(async () => {
    database = await createTestDatabase();
    await randomiseUbrns(database.db);
    temporal = await connectClient(
      { address: inject('temporalAddress'), namespace: 'default', taskQueue: newTaskQueue() },
      testSecrets,
    );
  });
  afterAll(async () => {
    // Dead before the database goes: a worker still running would meet a dropped database.
    workers.forEach(killGroup);
    await Promise.all(workers.map((worker) => worker.exited));
    await temporal?.connection.close();
    await database?.destroy();
  });

  it('completes after a restart, with the read row and audit trail written exactly once', async () => {
    const taskQueue = newTaskQueue();
    const first = startWorker(taskQueue, { DELAY_FROM_VERSION: '2' });
    await first.waitFor('worker ready');
    const clinic = await addDbsService(database.db, 'Crash clinic');
    const slot = bookable(await addSlot(database.db, clinic.serviceId));
    const { ubrn: _placeholder, ...input } = createInput({ shortlist: [clinic] });
    const { referral } = await createReferral(temporal.client, database.db, input, gp, defaultPolicy, { taskQueue });

    const booking = actOnReferral(
      temporal.client,
      referral.ubrn,
      { type: 'BOOK', expectedVersion: 1, serviceId: clinic.serviceId, ...slot },
      gp,
    );
    await first.waitFor('projected version 2');
    killGroup(first);
    await first.exited;

    const second = startWorker(taskQueue);
    await second.waitFor('worker ready');
    const view = await booking;
    expect(view.referral).toMatchObject({ state: 'BOOKED', version: 2 });
    expect(second.output()).toContain('projected version 2'); // the projection really ran twice

    const row = await getReferralRow(database.db, referral.ubrn);
    expect(row?.snapshot).toEqual(view.referral);
    expect((await getTimeline(database.db, referral.ubrn)).map((t) => [t.version, t.type])).toEqual([
      [1, 'CREATE'],
      [2, 'BOOK'],
    ]);
    expect((await auditTrailFor(database.db, 'referral', referral.ubrn)).map((a) => a.action)).toEqual([
      'referral.create',
      'referral.book',
    ]);
    const letters = await notificationsFor(database.db, referral.ubrn);
    expect(letters.map((n) => [n.version, n.recipient])).toEqual([
      [1, 'PATIENT'],
      [2, 'PATIENT'],
    ]);
    expect(await slotHolder(database.db, slot.slotId)).toEqual({ status: 'booked', ubrn: referral.ubrn });
  }, 90_000);

  it('books the slot it had reserved when the worker died before Temporal heard of the reservation', async () => {
    const taskQueue = newTaskQueue();
    const first = startWorker(taskQueue, { STALL_AFTER_RESERVE: '1' });
    await first.waitFor('worker ready');
    const clinic = await addDbsService(database.db, 'Slot crash clinic');
    const slot = bookable(await addSlot(database.db, clinic.serviceId));
    const { ubrn: _placeholder, ...input } = createInput({ shortlist: [clinic] });
    const { referral } = await createReferral(temporal.client, database.db, input, gp, defaultPolicy, { taskQueue });

    const booking = actOnReferral(
      temporal.client,
      referral.ubrn,
      { type: 'BOOK', expectedVersion: 1, serviceId: clinic.serviceId, ...slot },
      gp,
    );
    await first.waitFor(`reserved slot ${slot.slotId}: held`);
    killGroup(first);
    await first.exited;
    expect(await slotHolder(database.db, slot.slotId)).toEqual({ status: 'booked', ubrn: referral.ubrn });

    // The retry finds the slot already taken, by this referral: the booking goes ahead.
    const second = startWorker(taskQueue);
    await second.waitFor('worker ready');
    const view = await booking;
    expect(second.output()).toContain(`reserved slot ${slot.slotId}: held`);
    expect(view.referral).toMatchObject({ state: 'BOOKED', version: 2, appointment: { slotId: slot.slotId } });
    expect(await slotHolder(database.db, slot.slotId)).toEqual({ status: 'booked', ubrn: referral.ubrn });
  }, 90_000);
});
