import { randomBytes } from 'node:crypto';
import { loadConfig } from '../../config/env';
import { migrateToLatest } from '../../db/migrator';
import { startTemporalDevServer } from '../../scripts/temporal-dev-server';
import { ensureTemporalCli } from '../../scripts/temporal-cli';
import { freePort } from '../../system/ports';
import { type System, openSystem } from '../../system/system';
import { type ThrowawayDatabase, createThrowawayDatabase } from '../../system/throwaway-database';
import { type WorkerTuning, startWorker } from '../../system/worker';
import { installTemporalRuntime } from '../../temporal/runtime';

export type BenchOptions = {
  /** Eager activity execution on the dev server (default: Carepath's, on). */
  eagerActivities?: boolean;
  /** Worker settings other than Carepath's. */
  tuning?: WorkerTuning;
  /** A prebuilt workflow bundle (to measure an earlier version of the workflow code). */
  workflowBundle?: string;
};

export type BenchStack = Omit<System, 'close'> & {
  database: ThrowawayDatabase;
  /** The Temporal dev server's process id, for its CPU time. */
  temporalPid: number;
  stop(): Promise<void>;
};

/**
 * What every performance benchmark runs on: a throwaway PostgreSQL database (so a second run
 * never meets the first one's rows), an in-memory Temporal dev server, the composition root and
 * Carepath's worker on a task queue of its own, in this process.
 */
export async function startBenchStack(options: BenchOptions = {}): Promise<BenchStack> {
  installTemporalRuntime();
  const server = await startTemporalDevServer({
    cliPath: await ensureTemporalCli(),
    port: await freePort(),
    namespace: 'default',
    eagerActivities: options.eagerActivities,
  });
  const database = await createThrowawayDatabase({ prefix: 'carepath_bench', migrate: false });
  try {
    await migrateToLatest(database.db);
    const system = await openSystem({
      config: loadConfig({}),
      secrets: { sessionSecret: randomBytes(32).toString('base64url'), payloadEncryptionKey: randomBytes(32) },
      db: database.db,
      temporalAddress: server.address,
      taskQueue: `bench-${randomBytes(4).toString('hex')}`,
    });
    const worker = await startWorker(system, {
      tuning: options.tuning,
      ...(options.workflowBundle ? { workflowBundle: { codePath: options.workflowBundle } } : {}),
    });
    return {
      ...system,
      database,
      temporalPid: server.pid!,
      stop: async () => {
        await worker.stop();
        await system.close();
        await database.destroy();
        await server.stop();
      },
    };
  } catch (error) {
    await database.destroy();
    await server.stop();
    throw error;
  }
}
