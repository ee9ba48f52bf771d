import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import { loadConfig, policyFromConfig } from '../config/env';
import { resolveSecrets } from '../config/secrets';
import { trainingEnvironment } from '../config/training';
import { migrateToLatest } from '../db/migrator';
import { markTrainingSpace } from '../db/training/training.repository';
import { STATE_LABELS } from '../domain/states';
import { ScenarioFileError } from '../domain/training/scenario-file';
import { playScenario } from '../services/training/play';
import { type StepReport, ScenarioStepError } from '../services/training/scenario-player';
import { loadScenarioFile } from '../services/training/training-space';
import { freePort } from '../system/ports';
import { runMain } from '../system/run-main';
import { openConfiguredDatabase, openSystem } from '../system/system';
import { startWorker } from '../system/worker';
import { installTemporalRuntime } from '../temporal/runtime';
import { ensureTemporalCli } from './temporal-cli';
import { type DevServer, startTemporalDevServer } from './temporal-dev-server';

const USAGE = 'Usage: npm run scenario -- <scenario.yaml> [--time-scale <n>]';

function print(r: StepReport): void {
  const s = r.snapshot;
  const where = s
    ? ` -> ${s.key}: ${s.state ? STATE_LABELS[s.state] : '-'}${s.advice ? ` (advice ${s.advice})` : ''}${s.breached ? ', contact target breached' : ''}${s.remindersSent ? `, ${s.remindersSent} reminders` : ''}`
    : '';
  console.log(`  ${String(r.index + 1).padStart(2)}. line ${String(r.line ?? '?').padEnd(4)} ${r.summary}${where}`);
  if (r.note) console.log(`      ${r.note}`);
}

/**
 * `npm run scenario -- <file>`: plays one scenario in the training space (its namespace and
 * database, see config/training.ts) through the services layer, printing each step and the
 * state reached. Exits 1 at the first step whose expected state is not reached, naming its line.
 */
runMain(async () => {
  const args = process.argv.slice(2);
  const file = args.find((a) => !a.startsWith('--'));
  const scaleAt = args.indexOf('--time-scale');
  const timeScale = scaleAt >= 0 ? Number(args[scaleAt + 1]) : undefined;
  if (!file || (timeScale !== undefined && !(timeScale >= 1))) throw new Error(USAGE);
  let scenario;
  try {
    scenario = loadScenarioFile(resolve(file));
  } catch (error) {
    if (error instanceof ScenarioFileError) {
      console.error(error.message);
      process.exitCode = 1;
      return;
    }
    throw error;
  }

  const config = loadConfig(trainingEnvironment(process.env));
  installTemporalRuntime();
  let devServer: DevServer | undefined;
  if (!config.TEMPORAL_ADDRESS) {
    devServer = await startTemporalDevServer({
      cliPath: await ensureTemporalCli(),
      port: await freePort(),
      namespace: config.TEMPORAL_NAMESPACE,
    });
  }
  const database = await openConfiguredDatabase(config);
  try {
    await migrateToLatest(database.db);
    await markTrainingSpace(database.db);
    const system = await openSystem({
      config,
      secrets: config.PAYLOAD_ENCRYPTION_KEY
        ? resolveSecrets(config)
        : { sessionSecret: randomBytes(32).toString('base64url'), payloadEncryptionKey: randomBytes(32) },
      db: database.db,
      temporalAddress: devServer?.address,
      taskQueue: `scenario-${randomBytes(4).toString('hex')}`,
    });
    const worker = await startWorker(system);
    try {
      const scale = timeScale ?? scenario.timeScale;
      console.log(
        `${scenario.title}\n  training space: ${config.TEMPORAL_NAMESPACE}, ${database.description}; time scale ${scale} (a day in ${Math.round(86_400_000 / scale)} ms)\n`,
      );
      const deps = {
        db: system.db,
        temporal: system.temporal,
        taskQueue: system.target.taskQueue,
        policy: policyFromConfig(config),
      };
      await playScenario(deps, scenario, { file, timeScale: scale, onStep: print });
      console.log('\nEvery step reached its expected state.');
    } catch (error) {
      if (!(error instanceof ScenarioStepError)) throw error;
      console.error(`\n${error.message}`);
      process.exitCode = 1;
    } finally {
      await worker.stop();
      await system.close();
    }
  } finally {
    await database.close();
    await devServer?.stop();
  }
});
