import { join } from 'node:path';
import { ensureServerBinaries } from './binaries';
import { type PostgresServer, postgresServer } from './postgres';
import { temporalCluster, type TemporalSide } from './temporal-side';
import { repoRoot } from './topology';

/**
 * The defaults `npm run cluster`, its benchmark and its drills share: loopback ports away from
 * the dev server's (7233, 8233, 3000), databases named carepath_cluster_* on the local
 * PostgreSQL (CLUSTER_DATABASE_ADMIN_URL to use another), logs and secrets in ./data/cluster.
 */
export const CLUSTER = {
  adminUrl: process.env.CLUSTER_DATABASE_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
  databases: {
    persistence: 'carepath_cluster_temporal',
    visibility: 'carepath_cluster_temporal_visibility',
    carepath: 'carepath_cluster_app',
  },
  namespace: 'carepath',
  taskQueue: 'referrals',
  historyShards: 16,
  ports: { temporal: 17233, ui: 18233, proxy: 13000, web: [13001, 13002] },
  dataDir: join(repoRoot, 'data/cluster'),
};

/** The Temporal Server cluster on `postgres` (default: the local PostgreSQL), building the server first when needed. */
export async function clusterTemporal(
  log: (line: string) => void,
  options: { postgres?: PostgresServer; logDir?: string; databases?: { persistence: string; visibility: string } } = {},
): Promise<TemporalSide> {
  return temporalCluster({
    binaries: await ensureServerBinaries({ log }),
    repoRoot,
    logDir: options.logDir ?? join(CLUSTER.dataDir, 'logs'),
    postgres: options.postgres ?? postgresServer(CLUSTER.adminUrl),
    databases: options.databases ?? CLUSTER.databases,
    namespace: CLUSTER.namespace,
    historyShards: CLUSTER.historyShards,
    frontendPort: CLUSTER.ports.temporal,
    log,
  });
}
