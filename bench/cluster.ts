import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../config/env';
import { CLUSTER, clusterTemporal } from '../scripts/cluster/cluster-temporal';
import { externalTemporal, temporalDevServer, type TemporalSide } from '../scripts/cluster/temporal-side';
import { startUbrnsAtRandom } from '../scripts/cluster/drills/deployment';
import { topology } from '../scripts/cluster/topology';
import { ensureTemporalCli } from '../scripts/temporal-cli';
import { freePort, isPortFree } from '../system/ports';
import { PrerequisiteError, runMain } from '../system/run-main';
import { openSystem } from '../system/system';
import { createThrowawayDatabase } from '../system/throwaway-database';
import { type LifecycleFigures, lifecycleLines, runLifecycle } from './lifecycle';

/**
 * `npm run bench:cluster -- [referrals=200] [concurrency=20]`: the lifecycle benchmark
 * (bench/lifecycle.ts) against the Temporal dev server and against Temporal Server on
 * PostgreSQL, in the same run and the same shape: two `worker.ts` processes on a task queue of
 * their own, a fresh Carepath database, this process as the client. Temporal alone differs.
 * With TEMPORAL_ADDRESS (and TEMPORAL_NAMESPACE) set, the second is that Temporal (a running
 * `npm run cluster`, say) instead of a cluster the benchmark starts.
 */
runMain(async () => {
  const total = Number(process.argv[2] ?? 200);
  const concurrency = Number(process.argv[3] ?? 20);
  const log = (line: string) => console.log(line);
  const workDir = mkdtempSync(join(tmpdir(), 'carepath-bench-cluster-'));
  const results: string[] = [];
  try {
    const dev = temporalDevServer({
      cliPath: await ensureTemporalCli(),
      port: await freePort(),
      dbFile: join(workDir, 'temporal.sqlite'),
      namespace: 'default',
    });
    results.push(
      ...lifecycleLines('Temporal dev server (SQLite)', await measure(dev, total, concurrency, workDir, log)),
    );

    const configured = loadConfig();
    let cluster: TemporalSide;
    if (configured.TEMPORAL_ADDRESS) {
      cluster = externalTemporal(configured.TEMPORAL_ADDRESS, configured.TEMPORAL_NAMESPACE);
    } else {
      if (!(await isPortFree('127.0.0.1', CLUSTER.ports.temporal))) {
        throw new PrerequisiteError(
          `Port ${CLUSTER.ports.temporal} is in use: a cluster is running. Stop it, or point the benchmark at it with ` +
            `TEMPORAL_ADDRESS=127.0.0.1:${CLUSTER.ports.temporal} TEMPORAL_NAMESPACE=${CLUSTER.namespace}.`,
        );
      }
      cluster = await clusterTemporal(log, { logDir: join(workDir, 'logs') });
    }
    const title = `${cluster.kind === 'cluster' ? 'Temporal Server cluster on PostgreSQL' : cluster.description}`;
    results.push(...lifecycleLines(title, await measure(cluster, total, concurrency, workDir, log)));
    console.log(`\n${results.join('\n')}`);
  } finally {
    rmSync(workDir, { recursive: true, force: true });
  }
});

async function measure(
  temporal: TemporalSide,
  total: number,
  concurrency: number,
  workDir: string,
  log: (line: string) => void,
): Promise<LifecycleFigures> {
  const database = await createThrowawayDatabase({ prefix: 'carepath_cluster_bench' });
  // Earlier runs' referral workflows stay on the cluster: new UBRNs must not be theirs.
  await startUbrnsAtRandom(database.db);
  const secrets = { sessionSecret: randomBytes(32).toString('base64url'), payloadEncryptionKey: randomBytes(32) };
  const taskQueue = `bench-${randomBytes(4).toString('hex')}`;
  const deployment = topology({
    temporal,
    databaseUrl: database.url,
    taskQueue,
    secrets,
    logDir: join(workDir, 'logs'),
    workers: 2,
    webPorts: [],
  });
  try {
    log(`\n${temporal.description}: starting two workers...`);
    await deployment.start(log);
    const system = await openSystem({
      config: loadConfig({ ...deployment.carepathEnv }),
      secrets,
      db: database.db,
    });
    try {
      const target = { db: database.db, temporal: system.temporal, taskQueue };
      // Warm both workers' caches and connections; not counted.
      await runLifecycle(target, 10, 5);
      log(`  measuring ${total} referrals, ${concurrency} at a time...`);
      return await runLifecycle(target, total, concurrency);
    } finally {
      await system.close();
    }
  } finally {
    await deployment.stop(log);
    await database.destroy();
  }
}
