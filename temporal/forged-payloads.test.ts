import { Client, Connection, WorkflowUpdateFailedError } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Command } from '../domain/actions';
import { actorFor, createInput } from '../domain/fixtures';
import { defaultPolicy } from '../domain/policy';
import { actOnReferral, createReferral, getReferral } from '../services/referrals/referral-workflows';
import { referralSuite } from '../tests/helpers/referrals';
import { referralWorkflowId } from '../workflows/referral.messages';
import { REFUSED_ENCODING } from './codec';
import { dataConverter } from './connection';

// Someone who reaches the Temporal frontend but not the payload key sends messages naming
// whatever actor they like: in plain JSON, or sealed with a key of their own.
describe('a caller without the payload key', () => {
  const stack = referralSuite();
  let connection: Connection;
  const forgers: Record<string, Client> = {};
  beforeAll(async () => {
    connection = await Connection.connect({ address: inject('temporalAddress') });
    forgers['in plain JSON'] = new Client({ connection, namespace: 'default' });
    const otherKey = dataConverter({ payloadEncryptionKey: Buffer.alloc(32, 9) });
    forgers['sealed with another key'] = new Client({ connection, namespace: 'default', dataConverter: otherKey });
  });
  afterAll(() => connection?.close());

  it.each(['in plain JSON', 'sealed with another key'])(
    'refuses a query and an update %s that name another user; the referral carries on unchanged',
    async (how) => {
      const gp = actorFor('B1101');
      const { ubrn: _placeholder, ...input } = createInput();
      const { referral } = await createReferral(stack.client, stack.db, input, gp, defaultPolicy, {
        taskQueue: stack.taskQueue,
      });
      const history = () => stack.client.workflow.getHandle(referralWorkflowId(referral.ubrn)).fetchHistory();
      const before = await history();
      const handle = forgers[how]!.workflow.getHandle(referralWorkflowId(referral.ubrn));

      await expect(handle.query('referral', gp)).rejects.toThrow(REFUSED_ENCODING);

      const command = {
        type: 'CANCEL_REFERRAL',
        expectedVersion: referral.version,
        reason: 'TREATMENT_NO_LONGER_REQUIRED',
      } as const;
      const update = handle.executeUpdate('CancelReferral', { args: [{ command, actor: gp }] });
      await expect(update).rejects.toBeInstanceOf(WorkflowUpdateFailedError);
      await expect(update.catch((error: Error) => error.cause)).resolves.toMatchObject({
        message: expect.stringContaining(REFUSED_ENCODING),
      });

      // Refused before it was accepted: no event was written, and the workflow still answers.
      expect((await history()).events?.length).toBe(before.events?.length);
      const view = await getReferral(stack.client, referral.ubrn, gp);
      expect(view.referral).toMatchObject({ state: referral.state, version: referral.version });
      // The very same command sealed with the key is one this GP may take: only the payload was at fault.
      const done = await actOnReferral(stack.client, referral.ubrn, command satisfies Command, gp);
      expect(done.referral.state).toBe('CANCELLED_REFERRAL');
    },
  );
});
