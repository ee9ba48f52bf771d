import { loadConfig } from './config/env';
import { startNotificationDelivery } from './services/notifications/delivery';
import { notifierFromEnv } from './services/notifications/govuk-notify';
import { runMain } from './system/run-main';
import { openSystem } from './system/system';
import { startWorker } from './system/worker';
import { installTemporalRuntime } from './temporal/runtime';

/** `npm run worker`: the worker alone, for production against a Temporal cluster and PostgreSQL. */
runMain(async () => {
  const config = loadConfig();
  if (!config.TEMPORAL_ADDRESS || !config.DATABASE_URL) {
    throw new Error(
      'Running the worker on its own needs TEMPORAL_ADDRESS and DATABASE_URL (the embedded database belongs to one process). ' +
        'For development, `npm start` runs everything together.',
    );
  }
  // Unconfigured, notifications wait in the outbox (nothing is dropped).
  const notifier = notifierFromEnv();
  installTemporalRuntime();
  const system = await openSystem({ config });
  const worker = await startWorker(system);
  const { target } = system;
  console.log(`Worker polling task queue '${target.taskQueue}' on ${target.address} (namespace ${target.namespace})`);
  const delivery = notifier && startNotificationDelivery(system.db, notifier);
  // The SDK's runtime drains the worker on SIGINT/SIGTERM; then `running` settles.
  await worker.running;
  await delivery?.stop();
  await worker.stop();
  await system.close();
});
