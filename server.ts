import { fileURLToPath } from 'node:url';
import { serve, type ServerType } from '@hono/node-server';
import { loadConfig } from './config/env';
import { resolveSecrets } from './config/secrets';
import { openDatabase } from './db/connection';
import { runMain } from './scripts/run-main';
import { PrerequisiteError } from './scripts/temporal-cli';
import { isPortFree } from './scripts/temporal-dev-server';
import { connectClient, temporalTarget } from './temporal/connection';
import { createApp, type AppInput } from './web/app';

export type RunningServer = { url: string; close(): Promise<void> };

/** Serves the web app on loopback (or HOST) and resolves once it is listening. */
export async function startServer(deps: AppInput): Promise<RunningServer> {
  const { HOST: host, PORT: port } = deps.config;
  if (!(await isPortFree(host, port))) {
    throw new PrerequisiteError(`Port ${port} is already in use. Stop whatever holds it, or set PORT to another port.`);
  }
  const app = createApp(deps);
  const server = await new Promise<ServerType>((resolve) => {
    const s = serve({ fetch: app.fetch, hostname: host, port }, () => resolve(s));
  });
  return {
    url: `http://${host === '127.0.0.1' || host === '::1' ? 'localhost' : host}:${port}`,
    close: () => closeGracefully(server),
  };
}

/** Stops accepting connections, lets in-flight requests finish, then drops idle keep-alive sockets. */
function closeGracefully(server: ServerType): Promise<void> {
  return new Promise((resolve, reject) => {
    server.close((error) => (error ? reject(error) : resolve()));
    if ('closeIdleConnections' in server) server.closeIdleConnections();
  });
}

/** `npm run server`: the web server alone, for production against a Temporal cluster and PostgreSQL. */
async function main() {
  const config = loadConfig();
  if (!config.TEMPORAL_ADDRESS || !config.DATABASE_URL) {
    throw new Error(
      'Running the server on its own needs TEMPORAL_ADDRESS and DATABASE_URL (the embedded database belongs to one process). ' +
        'For development, `npm start` runs everything together.',
    );
  }
  const secrets = resolveSecrets(config);
  const database = await openDatabase({ databaseUrl: config.DATABASE_URL, dataDir: config.CAREPATH_DATA_DIR });
  const target = temporalTarget(config);
  const temporal = await connectClient(target, secrets);
  const server = await startServer({
    db: database.db,
    temporal: temporal.client,
    config,
    secrets,
    taskQueue: target.taskQueue,
  });
  console.log(`Carepath web on ${server.url}`);
  const stop = async () => {
    await server.close();
    await temporal.connection.close();
    await database.close();
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) runMain(main);
