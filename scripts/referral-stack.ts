import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../db/connection';
import { migrateToLatest } from '../db/migrator';
import { connectClient, connectWorkerConnection, type TemporalTarget } from '../temporal/connection';
import { installTemporalRuntime } from '../temporal/runtime';
import { ensureSearchAttributes } from '../temporal/search-attributes';
import { createWorker } from '../worker';
import { ensureTemporalCli } from './temporal-cli';
import { freePort, startTemporalDevServer } from './temporal-dev-server';

/**
 * A private referral stack for the demo and the benchmark: an in-memory Temporal dev server,
 * PostgreSQL at DATABASE_URL (else PGlite in a temporary directory), migrations, a worker.
 */
export async function startReferralStack() {
  installTemporalRuntime();
  const server = await startTemporalDevServer({
    cliPath: await ensureTemporalCli(),
    port: await freePort(),
    namespace: 'default',
  });
  const database = await openDatabase({
    databaseUrl: process.env.DATABASE_URL,
    dataDir: mkdtempSync(join(tmpdir(), 'carepath-stack-')),
  });
  await migrateToLatest(database.db);
  const target: TemporalTarget = {
    address: server.address,
    namespace: 'default',
    taskQueue: `stack-${randomBytes(4).toString('hex')}`,
  };
  const secrets = { payloadEncryptionKey: randomBytes(32) };
  const workerConnection = await connectWorkerConnection(target);
  await ensureSearchAttributes(workerConnection, target.namespace);
  const worker = await createWorker({ connection: workerConnection, target, secrets, db: database.db });
  const running = worker.run();
  const temporal = await connectClient(target, secrets);
  return {
    client: temporal.client,
    db: database.db,
    taskQueue: target.taskQueue,
    database: database.description,
    stop: async () => {
      worker.shutdown();
      await running;
      await temporal.connection.close();
      await workerConnection.close();
      await database.close();
      await server.stop();
    },
  };
}
