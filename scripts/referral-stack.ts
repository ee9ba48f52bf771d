import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../config/env';
import { type DatabaseHandle, openDatabase } from '../db/connection';
import { migrateToLatest } from '../db/migrator';
import { freePort } from '../system/ports';
import { type System, openSystem } from '../system/system';
import { startWorker } from '../system/worker';
import { installTemporalRuntime } from '../temporal/runtime';
import { ensureTemporalCli } from './temporal-cli';
import { startTemporalDevServer } from './temporal-dev-server';

export type ReferralStack = Omit<System, 'close'> & {
  /** Where the data lives: safe to print. */
  database: string;
  /** Stops the worker, the connections, the database it opened and the dev server. */
  stop(): Promise<void>;
};

/**
 * A private referral stack for the demo and the benchmarks: an in-memory Temporal dev server,
 * the given database or PostgreSQL at DATABASE_URL (else PGlite in a temporary directory),
 * migrations, the composition root and a worker on a task queue of its own.
 */
export async function startReferralStack(options: { database?: DatabaseHandle } = {}): Promise<ReferralStack> {
  installTemporalRuntime();
  const server = await startTemporalDevServer({
    cliPath: await ensureTemporalCli(),
    port: await freePort(),
    namespace: 'default',
  });
  const database =
    options.database ??
    (await openDatabase({
      databaseUrl: process.env.DATABASE_URL,
      dataDir: mkdtempSync(join(tmpdir(), 'carepath-stack-')),
    }));
  await migrateToLatest(database.db);
  const system = await openSystem({
    config: loadConfig({}),
    secrets: { sessionSecret: randomBytes(32).toString('base64url'), payloadEncryptionKey: randomBytes(32) },
    db: database.db,
    temporalAddress: server.address,
    taskQueue: `stack-${randomBytes(4).toString('hex')}`,
  });
  const worker = await startWorker(system);
  return {
    ...system,
    database: database.description,
    stop: async () => {
      await worker.stop();
      await system.close();
      if (!options.database) await database.close();
      await server.stop();
    },
  };
}
