import { resolve } from 'node:path';
import type { Client } from '@temporalio/client';
import type { Kysely } from 'kysely';
import { type Config, loadConfig, policyFromConfig } from '../config/env';
import { type Secrets, resolveSecrets } from '../config/secrets';
import { type DatabaseHandle, openDatabase } from '../db/connection';
import type { Database } from '../db/database';
import type { Policy } from '../domain/policy';
import { type Services, createServices } from '../services';
import { type TemporalTarget, connectClient, temporalTarget } from '../temporal/connection';
import type { AppDeps } from '../web/deps';

/** What a Carepath process runs on: built once by `openSystem`, handed to the web app, the worker and scripts. */
export type System = {
  config: Config;
  secrets: Secrets;
  db: Kysely<Database>;
  target: TemporalTarget;
  temporal: Client;
  services: Services;
  /** Closes what `openSystem` opened: the Temporal connection, and the database unless it was given. */
  close(): Promise<void>;
};

export type SystemOptions = {
  /** Default: the environment, read and checked. */
  config?: Config;
  /** Default: from the configuration, else generated into the data directory. */
  secrets?: Secrets;
  /**
   * A database opened (and migrated) elsewhere, which its opener closes: `npm start` migrates
   * first, tests bring a throwaway one. Default: DATABASE_URL, else PGlite in the data directory.
   */
  db?: Kysely<Database>;
  /** Where Temporal is when TEMPORAL_ADDRESS is unset: the dev server that was started. */
  temporalAddress?: string;
  /** A task queue other than TEMPORAL_TASK_QUEUE: tests and private stacks run their own. */
  taskQueue?: string;
  /** The policy new referrals start with. Default: the configured one (`POLICY_*`). */
  policy?: Policy;
};

/**
 * The composition root: configuration, secrets, database, Temporal client and every feature's
 * service, built in that order, in one place. `npm start`, `server.ts`, `worker.ts`, the scripts,
 * the benchmarks and the tests all start here, so they run the same wiring.
 */
export async function openSystem(options: SystemOptions = {}): Promise<System> {
  const config = options.config ?? loadConfig();
  const secrets = options.secrets ?? resolveSecrets(config);
  const { db, close: closeDatabase } = options.db
    ? { db: options.db, close: async () => {} }
    : await openConfiguredDatabase(config);
  try {
    const configured = temporalTarget(config, options.temporalAddress);
    const target = { ...configured, taskQueue: options.taskQueue ?? configured.taskQueue };
    const temporal = await connectClient(target, secrets);
    const services = createServices({
      db,
      temporal: temporal.client,
      taskQueue: target.taskQueue,
      policy: options.policy ?? policyFromConfig(config),
    });
    return {
      config,
      secrets,
      db,
      target,
      temporal: temporal.client,
      services,
      close: async () => {
        await temporal.connection.close();
        await closeDatabase();
      },
    };
  } catch (error) {
    await closeDatabase();
    throw error;
  }
}

/** The configured database: DATABASE_URL, else embedded PGlite in the data directory. */
export function openConfiguredDatabase(config: Config): Promise<DatabaseHandle> {
  return openDatabase({ databaseUrl: config.DATABASE_URL, dataDir: resolve(config.CAREPATH_DATA_DIR) });
}

/**
 * What the web app is built from. The services are passed, never rebuilt: the app uses the
 * very objects the rest of the process does.
 */
export function appInput(system: Omit<System, 'close'>): AppDeps {
  return { services: system.services, config: system.config, secrets: system.secrets };
}
