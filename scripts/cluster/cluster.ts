import { join } from 'node:path';
import { loadConfig } from '../../config/env';
import { resolveSecrets } from '../../config/secrets';
import { openDatabase } from '../../db/connection';
import { migrateToLatest } from '../../db/migrator';
import { PrerequisiteError, runMain } from '../../system/run-main';
import { openSystem } from '../../system/system';
import { isPortFree } from '../../system/ports';
import { seedIfEmpty } from '../seed';
import { TEMPORAL_SERVER_VERSION, ensureUiServer } from './binaries';
import { CLUSTER, clusterTemporal } from './cluster-temporal';
import { databaseUrl, ensureDatabase, postgresServer } from './postgres';
import { stopOnSignals } from './processes';
import { topology } from './topology';

const USAGE = 'Usage: npm run cluster [-- --demo] [--no-ui]';

/**
 * `npm run cluster`: Carepath in its production shape on this machine. Temporal Server
 * v1.29.1 as four services on PostgreSQL (persistence and visibility), Carepath's database
 * migrated, two workers and two web servers started as `npm run worker` / `npm run server`
 * are, HAProxy in front, and the Temporal UI pointed at Carepath's codec endpoint. Ctrl-C
 * stops everything in reverse order. `--demo` seeds demo data into an empty database.
 */
runMain(async () => {
  const flags = process.argv.slice(2);
  const unknown = flags.filter((flag) => !['--demo', '--no-ui'].includes(flag));
  if (unknown.length > 0) throw new PrerequisiteError(`Unknown option ${unknown.join(' ')}. ${USAGE}`);
  const log = (line: string) => console.log(line);
  const { ports, databases, dataDir } = CLUSTER;
  const logDir = join(dataDir, 'logs');

  const busy = [];
  for (const port of [ports.temporal, ports.ui, ports.proxy, ...ports.web]) {
    if (!(await isPortFree('127.0.0.1', port))) busy.push(port);
  }
  if (busy.length > 0) {
    throw new PrerequisiteError(
      `Port ${busy.join(', ')} is in use: is a cluster already running (\`npm run cluster\` or a drill)? Stop it first.`,
    );
  }

  const postgres = postgresServer(CLUSTER.adminUrl);
  const carepathUrl = databaseUrl(postgres, databases.carepath);
  // The same secrets on every process, kept in ./data/cluster so a restart reads old payloads.
  const config = loadConfig({
    DATABASE_URL: carepathUrl,
    CAREPATH_DATA_DIR: dataDir,
    CAREPATH_DEMO: flags.includes('--demo') ? '1' : '0',
  });
  const secrets = resolveSecrets(config);

  const temporal = await clusterTemporal(log);
  let uiBinary: string | undefined;
  if (!flags.includes('--no-ui')) {
    uiBinary = await ensureUiServer({ log }).catch((error: Error) => {
      log(`The Temporal UI server could not be built, so the cluster runs without it: ${error.message}`);
      return undefined;
    });
  }

  log(`Preparing Carepath's database ${databases.carepath}...`);
  await ensureDatabase(postgres, databases.carepath);
  const database = await openDatabase({ databaseUrl: carepathUrl });
  try {
    const applied = await migrateToLatest(database.db);
    if (applied.length > 0) log(`  applied ${applied.length} migrations`);
  } finally {
    await database.close();
  }

  const cluster = topology({
    temporal,
    databaseUrl: carepathUrl,
    taskQueue: CLUSTER.taskQueue,
    secrets,
    logDir,
    workers: 2,
    webPorts: ports.web,
    proxyPort: ports.proxy,
    ...(uiBinary ? { ui: { binary: uiBinary, port: ports.ui } } : {}),
  });

  let stopping: Promise<void> | undefined;
  const stopAll = () =>
    (stopping ??= (async () => {
      log('\nStopping the cluster (reverse order; workers and web servers drain)...');
      await cluster.stop(log);
      log('Stopped.');
    })());
  // Ctrl-C drains everything in order; a second Ctrl-C kills every process group at once.
  stopOnSignals(stopAll, log);

  try {
    await cluster.start(log);
    const demoLines = await seedDemo(config, temporal.address, temporal.namespace);
    log(
      [
        '',
        'The Carepath cluster is running.',
        `  App (HAProxy):      ${cluster.appUrl}  ->  web servers on ${ports.web.map((p) => `:${p}`).join(', ')}`,
        `  Workers:            2, task queue '${CLUSTER.taskQueue}'`,
        `  Temporal:           ${temporal.description}, Temporal Server v${TEMPORAL_SERVER_VERSION}`,
        `  Temporal UI:        ${cluster.uiUrl ?? 'not running'}${cluster.uiUrl ? `  (codec: ${cluster.appUrl}/codec)` : ''}`,
        `  Databases:          ${databases.persistence}, ${databases.visibility}, ${databases.carepath} on ${postgres.host}:${postgres.port}`,
        `  Logs:               ${logDir}`,
        ...demoLines.map((line) => `  ${line}`),
        '',
        'Ctrl-C stops everything. Drills: npm run drill -- list',
      ].join('\n'),
    );
  } catch (error) {
    await stopAll();
    throw error;
  }
});

/** An empty database gets the demo data with --demo, else the way to create the first administrator. */
async function seedDemo(config: ReturnType<typeof loadConfig>, address: string, namespace: string) {
  const system = await openSystem({
    config: {
      ...config,
      TEMPORAL_ADDRESS: address,
      TEMPORAL_NAMESPACE: namespace,
      TEMPORAL_TASK_QUEUE: CLUSTER.taskQueue,
    },
  });
  try {
    return await seedIfEmpty(system.db, config, { client: system.temporal, taskQueue: system.target.taskQueue });
  } finally {
    await system.close();
  }
}
