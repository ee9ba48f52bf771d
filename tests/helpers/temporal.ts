import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';
import { NativeConnection, type Worker } from '@temporalio/worker';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/database';
import { connectClient, type TemporalTarget } from '../../temporal/connection';
import { createWorker } from '../../worker';

/** Test secrets: a fixed key is fine, the server is in memory and thrown away. */
export const testSecrets = { payloadEncryptionKey: Buffer.alloc(32, 7) };

/**
 * A client and a running worker on the run's Temporal dev server, on a task queue of
 * this suite's own, so that suites never pick up each other's work.
 */
export async function startTestTemporal(db: Kysely<Database>) {
  const target: TemporalTarget = {
    address: inject('temporalAddress'),
    namespace: 'default',
    taskQueue: `test-${randomBytes(4).toString('hex')}`,
  };
  const temporal = await connectClient(target, testSecrets);
  const workerConnection = await NativeConnection.connect({ address: target.address });
  const worker: Worker = await createWorker({
    connection: workerConnection,
    target,
    secrets: testSecrets,
    db,
    workflowBundle: { codePath: inject('workflowBundlePath') },
  });
  const running = worker.run();
  return {
    target,
    client: temporal.client,
    worker,
    stop: async () => {
      worker.shutdown();
      await running;
      await workerConnection.close();
      await temporal.connection.close();
    },
  };
}
