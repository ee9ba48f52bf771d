import { join, resolve } from 'node:path';
import pg from 'pg';
import { loadConfig } from '../config/env';
import { resolveSecrets } from '../config/secrets';
import { trainingEnvironment } from '../config/training';
import { migrateToLatest } from '../db/migrator';
import { ensureTrainer, markTrainingSpace } from '../db/training/training.repository';
import { TRAINER_ROLE } from '../domain/roles';
import { hashPassword } from '../services/identity/passwords';
import { newTotpSecret } from '../services/identity/totp';
import { TRAINING_PASSWORD } from '../services/training/training-space';
import { runMain } from '../system/run-main';
import { startServer } from '../system/server';
import { openConfiguredDatabase, openSystem } from '../system/system';
import { startWorker } from '../system/worker';
import { installTemporalRuntime } from '../temporal/runtime';
import { ensureTemporalCli } from './temporal-cli';
import { type DevServer, startTemporalDevServer } from './temporal-dev-server';

/** The live database's server holds the training database too: create it the first time. */
async function ensureDatabase(url: string): Promise<void> {
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.slice(1));
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    const { rowCount } = await client.query('select 1 from pg_database where datname = $1', [name]);
    if (!rowCount) await client.query(`create database "${name.replaceAll('"', '""')}"`);
  } finally {
    await client.end();
  }
}

/**
 * `npm run training`: Carepath as a training space (decision 0020), beside a live one: its own
 * Temporal namespace (`carepath-training`) and database (`carepath_training`, or PGlite in
 * data/training), its own ports (3100, Temporal 7243), the banner on every page, and a trainer
 * account. Scenarios are started from the trainer's page. Ctrl-C stops everything it started.
 */
runMain(async () => {
  const undo: (() => Promise<void>)[] = [];
  const stopAll = async () => {
    for (const step of undo.reverse()) await step().catch((e: Error) => console.error(`While stopping: ${e.message}`));
  };
  process.once('SIGINT', () => void stopAll().then(() => console.log('Training space stopped.')));
  process.once('SIGTERM', () => void stopAll());
  try {
    const config = loadConfig(trainingEnvironment(process.env));
    const secrets = resolveSecrets(config);
    installTemporalRuntime();
    let devServer: DevServer | undefined;
    if (!config.TEMPORAL_ADDRESS) {
      devServer = await startTemporalDevServer({
        cliPath: await ensureTemporalCli(),
        port: config.TEMPORAL_PORT,
        uiPort: config.TEMPORAL_UI_PORT,
        dbFile: join(resolve(config.CAREPATH_DATA_DIR), 'temporal.sqlite'),
        namespace: config.TEMPORAL_NAMESPACE,
      });
      undo.push(devServer.stop);
    }
    if (config.DATABASE_URL) await ensureDatabase(config.DATABASE_URL);
    const database = await openConfiguredDatabase(config);
    undo.push(database.close);
    await migrateToLatest(database.db);
    await markTrainingSpace(database.db);
    const totpSecret = newTotpSecret();
    const added = await ensureTrainer(database.db, {
      username: process.env.TRAINER_USERNAME ?? 'trainer',
      displayName: 'Training lead',
      passwordHash: await hashPassword(process.env.TRAINER_PASSWORD ?? TRAINING_PASSWORD),
      totpSecret,
      role: TRAINER_ROLE,
    });
    const system = await openSystem({ config, secrets, db: database.db, temporalAddress: devServer?.address });
    undo.push(system.close);
    const worker = await startWorker(system);
    undo.push(worker.stop);
    const server = await startServer(system);
    undo.push(server.close);
    console.log(
      [
        '',
        'Carepath training space is running (not real patients).',
        `  App:          ${server.url}/training`,
        `  Temporal:     namespace ${config.TEMPORAL_NAMESPACE}${devServer ? `, UI ${devServer.uiUrl}` : ''}`,
        `  Database:     ${database.description}`,
        added
          ? `  Trainer:      ${process.env.TRAINER_USERNAME ?? 'trainer'}, password ${process.env.TRAINER_PASSWORD ? '(TRAINER_PASSWORD)' : TRAINING_PASSWORD}, authenticator secret ${totpSecret}`
          : '  Trainer:      already set up (its authenticator secret was printed the first time)',
        '',
        'Press Ctrl-C to stop everything.',
      ].join('\n'),
    );
  } catch (error) {
    await stopAll();
    throw error;
  }
});
