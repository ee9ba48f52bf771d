import { join, resolve } from 'node:path';
import { type Config, loadConfig } from '../config/env';
import { resolveSecrets } from '../config/secrets';
import { migrateToLatest } from '../db/migrator';
import { startNotificationDelivery } from '../services/notifications/delivery';
import { notifierFromEnv } from '../services/notifications/govuk-notify';
import { runMain } from '../system/run-main';
import { startServer } from '../system/server';
import { openConfiguredDatabase, openSystem } from '../system/system';
import { startWorker } from '../system/worker';
import { installTemporalRuntime } from '../temporal/runtime';
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
    const notifier = notifierFromEnv();
    installTemporalRuntime();

    let devServer: DevServer | undefined;
    if (!config.TEMPORAL_ADDRESS) {
      const cliPath = await ensureTemporalCli();
      console.log('Starting the Temporal dev server...');
      devServer = await startTemporalDevServer({
        cliPath,
        port: config.TEMPORAL_PORT,
        uiPort: config.TEMPORAL_UI_PORT,
        uiCodecEndpoint: codecEndpoint(config),
        dbFile: join(dataDir, 'temporal.sqlite'),
        namespace: config.TEMPORAL_NAMESPACE,
      });
      undo.push(devServer.stop);
    }

    // Opened and migrated here, before anything uses it, so that start-up can say what it applied.
    const database = await openConfiguredDatabase(config);
    undo.push(database.close);
    const applied = await migrateToLatest(database.db);
    console.log(`Database: ${database.description}${applied.length ? ` (applied ${applied.length} migrations)` : ''}`);

    const system = await openSystem({ config, secrets, db: database.db, temporalAddress: devServer?.address });
    undo.push(system.close);
    const worker = await startWorker(system);
    undo.push(worker.stop);
    // After the worker starts: demo referrals are created through their workflows.
    const demoLines = await seedIfEmpty(system.db, config, {
      client: system.temporal,
      taskQueue: system.target.taskQueue,
    });
    if (notifier) undo.push(startNotificationDelivery(system.db, notifier).stop);

    const server = await startServer(system);
    undo.push(server.close);

    console.log(
      [
        '',
        'Carepath is running.',
        `  App:          ${server.url}`,
        `  Temporal UI:  ${devServer?.uiUrl ?? `(your Temporal cluster at ${system.target.address})`}`,
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

/**
 * The app's codec endpoint as browsers reach it: on the host the app's address is printed with
 * (localhost), so that the UI's calls are same-site and carry the session cookie.
 */
function codecEndpoint(config: Config): string {
  const host = config.HOST === '127.0.0.1' ? 'localhost' : config.HOST;
  return `${config.APP_ORIGIN ?? `http://${host}:${config.PORT}`}/codec`;
}
