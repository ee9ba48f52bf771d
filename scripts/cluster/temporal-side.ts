import { join } from 'node:path';
import { Connection } from '@temporalio/client';
import { msToTs } from '@temporalio/common/lib/time';
import { startTemporalDevServer, type DevServer } from '../temporal-dev-server';
import type { ServerBinaries } from './binaries';
import { type ManagedProcess, listening, managedProcess, waitUntil } from './processes';
import { type PostgresServer, ensureTemporalSchemas } from './postgres';

/** The Temporal the topology runs on, and how a drill stops and starts it. */
export type TemporalSide = {
  readonly kind: 'cluster' | 'dev' | 'external';
  readonly address: string;
  readonly namespace: string;
  /** What `npm run cluster` prints about it. */
  readonly description: string;
  /** Starts it (again) and resolves once its frontend serves the namespace. */
  start(): Promise<void>;
  /** Stops it; a drill's outage. */
  stop(): Promise<void>;
};

/** The Temporal Server services, one process each, in the order they start. */
export const TEMPORAL_SERVICES = ['history', 'matching', 'frontend', 'worker'] as const;

export type TemporalClusterOptions = {
  binaries: ServerBinaries;
  repoRoot: string;
  logDir: string;
  postgres: PostgresServer;
  /** Temporal's own databases (persistence, visibility). */
  databases: { persistence: string; visibility: string };
  namespace: string;
  historyShards: number;
  /** The frontend's gRPC port; every other port of the cluster is derived from it. */
  frontendPort: number;
  log: (line: string) => void;
};

/**
 * Temporal Server v1.29.1 as a production runs it: its four services as separate processes
 * (frontend, history, matching, worker), found by each other through the membership table in
 * PostgreSQL, with persistence and visibility in two PostgreSQL databases whose schemas the
 * SQL tool creates and upgrades. The config file is deploy/temporal/config/production.yaml.
 */
export function temporalCluster(options: TemporalClusterOptions): TemporalSide {
  const { frontendPort: p } = options;
  const ports = {
    frontend: { grpc: p, membership: p - 300, http: p + 10, metrics: p + 57 },
    history: { grpc: p + 1, membership: p - 299, metrics: p + 58 },
    matching: { grpc: p + 2, membership: p - 298, metrics: p + 59 },
    worker: { grpc: p + 6, membership: p - 294, metrics: p + 60 },
  };
  const address = `127.0.0.1:${p}`;
  const env = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    TEMPORAL_DB_HOST: options.postgres.host,
    TEMPORAL_DB_PORT: String(options.postgres.port),
    TEMPORAL_DB_USER: options.postgres.user,
    TEMPORAL_DB: options.databases.persistence,
    TEMPORAL_VISIBILITY_DB: options.databases.visibility,
    TEMPORAL_HISTORY_SHARDS: String(options.historyShards),
    TEMPORAL_FRONTEND_PORT: String(ports.frontend.grpc),
    TEMPORAL_FRONTEND_MEMBERSHIP_PORT: String(ports.frontend.membership),
    TEMPORAL_FRONTEND_HTTP_PORT: String(ports.frontend.http),
    TEMPORAL_HISTORY_PORT: String(ports.history.grpc),
    TEMPORAL_HISTORY_MEMBERSHIP_PORT: String(ports.history.membership),
    TEMPORAL_MATCHING_PORT: String(ports.matching.grpc),
    TEMPORAL_MATCHING_MEMBERSHIP_PORT: String(ports.matching.membership),
    TEMPORAL_WORKER_PORT: String(ports.worker.grpc),
    TEMPORAL_WORKER_MEMBERSHIP_PORT: String(ports.worker.membership),
  };
  const services: ManagedProcess[] = TEMPORAL_SERVICES.map((service) =>
    managedProcess({
      name: `temporal-${service}`,
      command: options.binaries.server,
      // One service per process, as Temporal's Helm chart deploys them.
      args: [
        ...['--root', options.repoRoot, '--config', 'deploy/temporal/config', '--env', 'production'],
        ...['start', '--service', service],
      ],
      env: { ...env, TEMPORAL_METRICS_ADDRESS: `127.0.0.1:${ports[service].metrics}` },
      cwd: options.repoRoot,
      logFile: join(options.logDir, `temporal-${service}.log`),
      // The process is up when its gRPC port listens; the frontend is checked as a whole below.
      // Up once it listens for its peers (the worker service has no gRPC API of its own).
      ready: () => waitUntil(`temporal ${service}`, () => listening('127.0.0.1', ports[service].membership), 300_000),
      readyTimeoutMs: 300_000,
    }),
  );
  let schemasReady = false;
  return {
    kind: 'cluster',
    address,
    namespace: options.namespace,
    description: `Temporal Server cluster (${TEMPORAL_SERVICES.join(', ')}; ${options.historyShards} history shards) at ${address}`,
    async start() {
      if (!schemasReady) {
        await ensureTemporalSchemas(options.binaries.sqlTool, options.postgres, options.databases, options.log);
        schemasReady = true;
      }
      // Side by side: each waits for the others through the membership table anyway.
      await Promise.all(services.filter((service) => !service.running).map((service) => service.start()));
      await ensureNamespace(address, options.namespace);
    },
    async stop() {
      // The frontend first (no new calls), then the rest side by side.
      const [history, matching, frontend, worker] = services;
      await frontend!.stop();
      await Promise.all([worker!.stop(), matching!.stop(), history!.stop()]);
    },
  };
}

/** The CLI's dev server (SQLite file, so a restart keeps every workflow): CI's stand-in for the cluster. */
export function temporalDevServer(options: {
  cliPath: string;
  port: number;
  dbFile: string;
  namespace: string;
}): TemporalSide {
  let server: DevServer | undefined;
  return {
    kind: 'dev',
    address: `127.0.0.1:${options.port}`,
    namespace: options.namespace,
    description: `Temporal dev server at 127.0.0.1:${options.port}`,
    async start() {
      server ??= await startTemporalDevServer({
        cliPath: options.cliPath,
        port: options.port,
        dbFile: options.dbFile,
        namespace: options.namespace,
      });
    },
    async stop() {
      await server?.stop();
      server = undefined;
    },
  };
}

/** A Temporal someone else runs (the test run's dev server): it cannot be stopped from here. */
export function externalTemporal(address: string, namespace: string): TemporalSide {
  return {
    kind: 'external',
    address,
    namespace,
    description: `Temporal at ${address}`,
    start: async () => {},
    stop: async () => {
      throw new Error('This Temporal is not run by the topology, so it cannot be stopped');
    },
  };
}

/** Registers the namespace when missing, then waits until the frontend serves it. */
async function ensureNamespace(address: string, namespace: string): Promise<void> {
  await waitUntil(
    `the Temporal frontend at ${address}`,
    async () => {
      const connection = await Connection.connect({ address, connectTimeout: 15_000 });
      try {
        try {
          await connection.workflowService.describeNamespace({ namespace });
        } catch (error) {
          if ((error as { code?: number }).code !== 5) throw error; // 5: NOT_FOUND
          await connection.workflowService.registerNamespace({
            namespace,
            description: 'Carepath referrals',
            // Closed referrals' histories stay readable in the UI this long.
            workflowExecutionRetentionPeriod: msToTs('30 days'),
          });
          return false;
        }
        return true;
      } finally {
        await connection.close();
      }
    },
    180_000,
  );
}
