import { fileURLToPath } from 'node:url';
import { NativeConnection, Worker } from '@temporalio/worker';
import type { Kysely } from 'kysely';
import { createActivities } from './activities';
import { startNotificationDelivery } from './activities/referrals/delivery';
import { notifierFromEnv } from './activities/referrals/govuk-notify';
import { loadConfig } from './config/env';
import { resolveSecrets, type Secrets } from './config/secrets';
import type { Database } from './db/database';
import { openDatabase } from './db/connection';
import { runMain } from './scripts/run-main';
import { connectWorkerConnection, dataConverter, temporalTarget, type TemporalTarget } from './temporal/connection';
import { installTemporalRuntime } from './temporal/runtime';
import { ensureSearchAttributes } from './temporal/search-attributes';

export const workflowsPath = fileURLToPath(new URL('./workflows/index.ts', import.meta.url));

export type WorkerDeps = {
  connection: NativeConnection;
  target: TemporalTarget;
  secrets: Pick<Secrets, 'payloadEncryptionKey'>;
  db: Kysely<Database>;
  /** A prebuilt workflow bundle (tests build it once); otherwise the worker bundles at start. */
  workflowBundle?: { codePath: string };
};

/** The worker for the `referrals` task queue: every workflow and activity Carepath has. */
export function createWorker(deps: WorkerDeps): Promise<Worker> {
  return Worker.create({
    connection: deps.connection,
    namespace: deps.target.namespace,
    taskQueue: deps.target.taskQueue,
    ...(deps.workflowBundle ? { workflowBundle: deps.workflowBundle } : { workflowsPath }),
    activities: createActivities({ db: deps.db }),
    dataConverter: dataConverter(deps.secrets),
    // On SIGTERM, running activities get this long to finish before they are cancelled.
    shutdownGraceTime: '10s',
  });
}

/** `npm run worker`: the worker alone, for production against a Temporal cluster and PostgreSQL. */
async function main() {
  const config = loadConfig();
  if (!config.TEMPORAL_ADDRESS || !config.DATABASE_URL) {
    throw new Error(
      'Running the worker on its own needs TEMPORAL_ADDRESS and DATABASE_URL (the embedded database belongs to one process). ' +
        'For development, `npm start` runs everything together.',
    );
  }
  installTemporalRuntime();
  const secrets = resolveSecrets(config);
  const database = await openDatabase({ databaseUrl: config.DATABASE_URL, dataDir: config.CAREPATH_DATA_DIR });
  const target = temporalTarget(config);
  const connection = await connectWorkerConnection(target);
  await ensureSearchAttributes(connection, target.namespace);
  const worker = await createWorker({ connection, target, secrets, db: database.db });
  console.log(`Worker polling task queue '${target.taskQueue}' on ${target.address} (namespace ${target.namespace})`);
  // Unconfigured, notifications wait in the outbox (nothing is dropped).
  const notifier = notifierFromEnv();
  const delivery = notifier && startNotificationDelivery(database.db, notifier);
  // Worker.run installs SIGINT/SIGTERM handlers that drain in-flight tasks, then resolves.
  await worker.run();
  await delivery?.stop();
  await connection.close();
  await database.close();
}

if (process.argv[1] === fileURLToPath(import.meta.url)) runMain(main);
