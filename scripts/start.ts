import { join, resolve } from 'node:path';
import { loadConfig } from '../config/env';
import { resolveSecrets } from '../config/secrets';
import { startNotificationDelivery } from '../activities/referrals/delivery';
import { notifierFromEnv } from '../activities/referrals/govuk-notify';
import { openDatabase } from '../db/connection';
import { migrateToLatest } from '../db/migrator';
import { startServer } from '../server';
import { connectClient, connectWorkerConnection, temporalTarget } from '../temporal/connection';
import { installTemporalRuntime } from '../temporal/runtime';
import { ensureSearchAttributes } from '../temporal/search-attributes';
import { createWorker } from '../worker';
import { runMain } from './run-main';
import { seedIfEmpty } from './seed';
import { ensureTemporalCli } from './temporal-cli';
import { startTemporalDevServer, type DevServer } from './temporal-dev-server';

/**
 * `npm start`: the whole product on one machine. Each step registers how to undo
 * itself; Ctrl-C (or a failed step) undoes them in reverse, so nothing is left running.
 */
runMain(async () => {
  const undo: (() => Promise<void>)[] = [];
  let stopping: Promise<void> | undefined;
  const stopAll = () =>
    (stopping ??= (async () => {
      for (const step of undo.reverse())
        await step().catch((error: Error) => console.error(`While stopping: ${error.message}`));
    })());
  process.once('SIGINT', () => void stopAll().then(() => console.log('Carepath stopped.')));
  process.once('SIGTERM', () => void stopAll());

  try {
    const config = loadConfig();
    const dataDir = resolve(config.CAREPATH_DATA_DIR);
    const secrets = resolveSecrets(config);
    installTemporalRuntime();

    let devServer: DevServer | undefined;
    if (!config.TEMPORAL_ADDRESS) {
      const cliPath = await ensureTemporalCli();
      console.log('Starting the Temporal dev server...');
      devServer = await startTemporalDevServer({
        cliPath,
        port: config.TEMPORAL_PORT,
        uiPort: config.TEMPORAL_UI_PORT,
        dbFile: join(dataDir, 'temporal.sqlite'),
        namespace: config.TEMPORAL_NAMESPACE,
      });
      undo.push(devServer.stop);
    }
    const target = temporalTarget(config, devServer?.address);

    const database = await openDatabase({ databaseUrl: config.DATABASE_URL, dataDir });
    undo.push(database.close);
    const applied = await migrateToLatest(database.db);
    console.log(`Database: ${database.description}${applied.length ? ` (applied ${applied.length} migrations)` : ''}`);

    const temporal = await connectClient(target, secrets);
    undo.push(() => temporal.connection.close());

    const workerConnection = await connectWorkerConnection(target);
    undo.push(() => workerConnection.close());
    await ensureSearchAttributes(workerConnection, target.namespace);
    const worker = await createWorker({ connection: workerConnection, target, secrets, db: database.db });
    const workerRun = worker.run();
    // The SDK's runtime shuts workers down on SIGINT/SIGTERM; we wait for the drain.
    undo.push(async () => {
      if (worker.getState() === 'RUNNING') worker.shutdown();
      await workerRun;
    });
    // After the worker starts: demo referrals are created through their workflows.
    const demoLines = await seedIfEmpty(database.db, { client: temporal.client, taskQueue: target.taskQueue });

    const notifier = notifierFromEnv();
    if (notifier) undo.push(startNotificationDelivery(database.db, notifier).stop);

    const server = await startServer({
      db: database.db,
      temporal: temporal.client,
      config,
      secrets,
      taskQueue: target.taskQueue,
    });
    undo.push(server.close);

    console.log(
      [
        '',
        'Carepath is running.',
        `  App:          ${server.url}`,
        `  Temporal UI:  ${devServer?.uiUrl ?? `(your Temporal cluster at ${target.address})`}`,
        `  Data:         ${dataDir}`,
        '',
        ...(demoLines.length ? [...demoLines, ''] : []),
        'Press Ctrl-C to stop everything.',
      ].join('\n'),
    );
  } catch (error) {
    await stopAll();
    throw error;
  }
});
