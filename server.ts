import { loadConfig } from './config/env';
import { runMain } from './system/run-main';
import { startServer } from './system/server';
import { openSystem } from './system/system';

/** `npm run server`: the web server alone, for production against a Temporal cluster and PostgreSQL. */
runMain(async () => {
  const config = loadConfig();
  if (!config.TEMPORAL_ADDRESS || !config.DATABASE_URL) {
    throw new Error(
      'Running the server on its own needs TEMPORAL_ADDRESS and DATABASE_URL (the embedded database belongs to one process). ' +
        'For development, `npm start` runs everything together.',
    );
  }
  const system = await openSystem({ config });
  const server = await startServer(system);
  console.log(`Carepath web on ${server.url}`);
  const stop = async () => {
    await server.close();
    await system.close();
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
});
