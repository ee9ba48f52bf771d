import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import { inject } from 'vitest';
import { loadConfig } from '../../config/env';
import type { Secrets } from '../../config/secrets';
import type { Database } from '../../db/database';
import { type System, openSystem } from '../../system/system';
import { type RunningWorker, startWorker } from '../../system/worker';

/** The test payload key: a fixed one is fine, the Temporal server is in memory and thrown away. */
export const testSecrets = { payloadEncryptionKey: Buffer.alloc(32, 7) };
const secrets: Secrets = { sessionSecret: 'x'.repeat(32), ...testSecrets };

export type TestTemporal = Omit<System, 'close'> & {
  /** The Temporal client (also `temporal`, as the composition root names it). */
  client: System['temporal'];
  worker: RunningWorker['worker'];
  /** Stops the worker and closes the Temporal connections; the database is the caller's to destroy. */
  stop(): Promise<void>;
};

/**
 * The composition root over `db` and the run's Temporal dev server, with a worker running on a
 * task queue of this suite's own, so that suites never pick up each other's work.
 */
export async function startTestTemporal(
  db: Kysely<Database>,
  options: { env?: Record<string, string> } = {},
): Promise<TestTemporal> {
  const system = await openSystem({
    config: loadConfig(options.env ?? {}),
    secrets,
    db,
    temporalAddress: inject('temporalAddress'),
    taskQueue: `test-${randomBytes(4).toString('hex')}`,
  });
  try {
    const running = await startWorker(system, { workflowBundle: { codePath: inject('workflowBundlePath') } });
    return {
      ...system,
      client: system.temporal,
      worker: running.worker,
      stop: async () => {
        await running.stop();
        await system.close();
      },
    };
  } catch (error) {
    await system.close();
    throw error;
  }
}
