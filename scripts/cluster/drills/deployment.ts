import { randomBytes, randomInt } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Client } from '@temporalio/client';
import { type Kysely, sql } from 'kysely';
import { loadConfig } from '../../../config/env';
import { openDatabase } from '../../../db/connection';
import type { Database } from '../../../db/database';
import { migrateToLatest } from '../../../db/migrator';
import { freePort } from '../../../system/ports';
import { openSystem } from '../../../system/system';
import { createThrowawayDatabase } from '../../../system/throwaway-database';
import { cleanUpScheduleId } from '../../../temporal/clean-up-schedule';
import { reconcileScheduleId, slotRollForwardScheduleId } from '../../../temporal/nightly-schedule';
import { ensureTemporalCli } from '../../temporal-cli';
import { clusterTemporal } from '../cluster-temporal';
import { type OwnedPostgres, databaseUrl, ensureDatabase, startOwnedPostgres } from '../postgres';
import { externalTemporal, temporalDevServer, type TemporalSide } from '../temporal-side';
import { type Topology, topology } from '../topology';
import type { LoadTarget } from './load';

/**
 * Where a drill runs. `cluster`: the Temporal Server cluster of `npm run cluster` (built and
 * started by the drill; the cluster must not be running already). `dev`: a Temporal dev server
 * of the drill's own, with a SQLite file so that stopping and starting it keeps every workflow.
 * `external`: a Temporal someone else runs (a test run's), which the drill cannot stop.
 */
export type DrillTemporal = 'cluster' | 'dev' | { address: string; namespace: string };

export type DrillNeeds = {
  workers: number;
  /** Two web servers behind HAProxy. */
  web?: boolean;
  /** Carepath's database on a PostgreSQL server of the drill's own, which it may restart. */
  ownPostgres?: boolean;
  /** Environment for the Carepath processes. */
  env?: Record<string, string>;
};

export type DrillDeployment = Topology & {
  /** The drill's own client and database handle, as the web servers have them. */
  target: LoadTarget;
  client: Client;
  db: Kysely<Database>;
  databaseUrl: string;
  postgres?: OwnedPostgres;
  close(): Promise<void>;
};

export async function openDrillDeployment(
  temporalChoice: DrillTemporal,
  needs: DrillNeeds,
  log: (line: string) => void,
): Promise<DrillDeployment> {
  const workDir = mkdtempSync(join(tmpdir(), 'carepath-drill-'));
  const logDir = join(workDir, 'logs');
  const undo: (() => Promise<void>)[] = [async () => rmSync(workDir, { recursive: true, force: true })];
  const close = async () => {
    for (const step of undo.reverse()) await step().catch((error: Error) => log(`  (clean-up: ${error.message})`));
  };
  try {
    const temporal: TemporalSide =
      temporalChoice === 'cluster'
        ? await clusterTemporal(log, { logDir })
        : temporalChoice === 'dev'
          ? temporalDevServer({
              cliPath: await ensureTemporalCli(),
              port: await freePort(),
              dbFile: join(workDir, 'temporal.sqlite'),
              namespace: 'default',
            })
          : externalTemporal(temporalChoice.address, temporalChoice.namespace);

    let postgres: OwnedPostgres | undefined;
    let url: string;
    let db: Kysely<Database>;
    if (needs.ownPostgres) {
      postgres = await startOwnedPostgres(await freePort());
      undo.push(() => postgres!.destroy());
      await ensureDatabase(postgres, 'carepath');
      url = databaseUrl(postgres, 'carepath');
      const handle = await openDatabase({ databaseUrl: url });
      undo.push(handle.close);
      await migrateToLatest(handle.db);
      db = handle.db;
      log(`  Carepath's database on the drill's own PostgreSQL at 127.0.0.1:${postgres.port}`);
    } else {
      const database = await createThrowawayDatabase({ prefix: 'carepath_cluster_drill' });
      undo.push(database.destroy);
      url = database.url;
      db = database.db;
    }

    // A fresh Carepath database starts its UBRN sequence where every other fresh one does, and a
    // cluster's Temporal keeps earlier runs' referral workflows (ids `referral-<UBRN>`) running
    // on task queues nobody polls any more: a create would attach to one of those (conflict policy
    // USE_EXISTING) and wait for ever. Start the sequence somewhere random, as the tests do.
    await startUbrnsAtRandom(db);

    const secrets = { sessionSecret: randomBytes(32).toString('base64url'), payloadEncryptionKey: randomBytes(32) };
    const taskQueue = `drill-${randomBytes(4).toString('hex')}`;
    const webPorts = needs.web ? [await freePort(), await freePort()] : [];
    const deployment = topology({
      temporal,
      databaseUrl: url,
      taskQueue,
      secrets,
      logDir,
      workers: needs.workers,
      webPorts,
      ...(needs.web ? { proxyPort: await freePort() } : {}),
      ...(needs.env ? { env: needs.env } : {}),
    });
    undo.push(() => deployment.stop());
    await deployment.start(log);

    const system = await openSystem({ config: loadConfig(deployment.carepathEnv), secrets, db });
    undo.push(system.close);
    // The workers' schedules for this task queue would outlive the drill on a cluster.
    undo.push(() => removeSchedules(system.temporal, taskQueue));
    return {
      ...deployment,
      target: { db, client: system.temporal, taskQueue },
      client: system.temporal,
      db,
      databaseUrl: url,
      ...(postgres ? { postgres } : {}),
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}

/** Moves the UBRN sequence to a random place, so that a fresh database's UBRNs are not an earlier one's. */
export async function startUbrnsAtRandom(db: Kysely<Database>): Promise<void> {
  await sql`select setval('ubrn_seq', ${randomInt(1, 900_000_000_000)})`.execute(db);
}

async function removeSchedules(client: Client, taskQueue: string): Promise<void> {
  for (const id of [cleanUpScheduleId, slotRollForwardScheduleId, reconcileScheduleId].map((f) => f(taskQueue))) {
    await client.schedule
      .getHandle(id)
      .delete()
      .catch(() => {});
  }
}
