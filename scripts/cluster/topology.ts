import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Secrets } from '../../config/secrets';
import { PrerequisiteError } from '../../system/run-main';
import { type ManagedProcess, answers, managedProcess, outputContains, waitUntil } from './processes';
import type { TemporalSide } from './temporal-side';

export const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

export type TopologyOptions = {
  temporal: TemporalSide;
  /** Carepath's own database (read tables, sessions, audit). */
  databaseUrl: string;
  taskQueue: string;
  secrets: Secrets;
  logDir: string;
  workers: number;
  /** Loopback ports of the web servers; the proxy spreads requests over them. */
  webPorts: number[];
  /** The proxy's port; omit for no proxy. */
  proxyPort?: number;
  /** The Temporal UI server binary and its port; omit for no UI. */
  ui?: { binary: string; port: number };
  /** More environment for every Carepath process. */
  env?: Record<string, string>;
};

export type Topology = {
  temporal: TemporalSide;
  workers: ManagedProcess[];
  webServers: ManagedProcess[];
  proxy?: ManagedProcess;
  ui?: ManagedProcess;
  /** Where browsers go: the proxy, else the first web server. */
  appUrl: string;
  uiUrl?: string;
  /** The environment every Carepath process gets (what an operator sets). */
  carepathEnv: Record<string, string>;
  /** Starts everything in order: Temporal, workers, web servers, proxy, UI. */
  start(log?: (line: string) => void): Promise<void>;
  /** Stops everything in reverse order; workers and web servers drain on SIGTERM. */
  stop(log?: (line: string) => void): Promise<void>;
};

/**
 * Carepath in production shape on one machine: Temporal (a cluster, or a dev server standing in
 * for one), N stateless workers and M stateless web servers started exactly as an operator
 * starts them (`worker.ts`, `server.ts` with environment variables only), HAProxy in front of
 * the web servers, and the Temporal UI pointed at Carepath's codec endpoint.
 */
export function topology(options: TopologyOptions): Topology {
  const proxyUrl = options.proxyPort ? `http://localhost:${options.proxyPort}` : undefined;
  const appUrl = proxyUrl ?? `http://localhost:${options.webPorts[0]}`;
  const uiOrigin = options.ui ? `http://localhost:${options.ui.port}` : undefined;
  const carepathEnv: Record<string, string> = {
    DATABASE_URL: options.databaseUrl,
    TEMPORAL_ADDRESS: options.temporal.address,
    TEMPORAL_NAMESPACE: options.temporal.namespace,
    TEMPORAL_TASK_QUEUE: options.taskQueue,
    SESSION_SECRET: options.secrets.sessionSecret,
    PAYLOAD_ENCRYPTION_KEY: options.secrets.payloadEncryptionKey.toString('base64'),
    HOST: '127.0.0.1',
    // The proxy is on loopback: X-Forwarded-For from it names the client.
    TRUSTED_PROXIES: '127.0.0.1',
    APP_ORIGIN: appUrl,
    ...(uiOrigin ? { TEMPORAL_UI_ORIGIN: uiOrigin } : {}),
    ...options.env,
  };
  const baseEnv = { PATH: process.env.PATH, HOME: process.env.HOME, NODE_ENV: 'production' };
  // As `npm run worker` / `npm run server` run them, without npm in between (so a signal reaches Node).
  const node = (script: string) => ({ command: process.execPath, args: ['--import', 'tsx', script] });

  const workers = Array.from({ length: options.workers }, (_, i) =>
    managedProcess({
      name: `carepath-worker-${i + 1}`,
      ...node('worker.ts'),
      env: { ...baseEnv, ...carepathEnv },
      cwd: repoRoot,
      logFile: join(options.logDir, `carepath-worker-${i + 1}.log`),
      ready: outputContains('Worker polling task queue'),
      readyTimeoutMs: 300_000,
    }),
  );
  const webServers = options.webPorts.map((port, i) =>
    managedProcess({
      name: `carepath-web-${i + 1}`,
      ...node('server.ts'),
      env: { ...baseEnv, ...carepathEnv, PORT: String(port) },
      cwd: repoRoot,
      logFile: join(options.logDir, `carepath-web-${i + 1}.log`),
      ready: answers(`http://127.0.0.1:${port}/healthz`),
      readyTimeoutMs: 300_000,
    }),
  );
  const proxy = options.proxyPort
    ? managedProcess({
        name: 'haproxy',
        command: haproxyBinary(),
        args: ['-db', '-C', join(repoRoot, 'deploy/haproxy'), '-f', 'haproxy.cfg'],
        env: {
          ...baseEnv,
          CAREPATH_PROXY_BIND: `127.0.0.1:${options.proxyPort}`,
          CAREPATH_WEB_1: `127.0.0.1:${options.webPorts[0]}`,
          CAREPATH_WEB_2: `127.0.0.1:${options.webPorts[1] ?? options.webPorts[0]}`,
        },
        cwd: repoRoot,
        logFile: join(options.logDir, 'haproxy.log'),
        ready: answers(`http://127.0.0.1:${options.proxyPort}/healthz`),
      })
    : undefined;
  const ui = options.ui
    ? managedProcess({
        name: 'temporal-ui',
        command: options.ui.binary,
        args: ['--root', repoRoot, '--config', 'deploy/temporal-ui/config', '--env', 'production', 'start'],
        env: {
          ...baseEnv,
          TEMPORAL_ADDRESS: options.temporal.address,
          TEMPORAL_NAMESPACE: options.temporal.namespace,
          TEMPORAL_UI_PORT: String(options.ui.port),
          TEMPORAL_UI_ORIGIN: uiOrigin,
          // Loopback over plain HTTP: the UI's own cookies cannot be Secure here.
          TEMPORAL_UI_COOKIE_INSECURE: 'true',
          CAREPATH_CODEC_ENDPOINT: `${appUrl}/codec`,
        },
        cwd: repoRoot,
        logFile: join(options.logDir, 'temporal-ui.log'),
        ready: answers(`http://127.0.0.1:${options.ui.port}/`),
      })
    : undefined;

  return {
    temporal: options.temporal,
    workers,
    webServers,
    ...(proxy ? { proxy } : {}),
    ...(ui ? { ui } : {}),
    appUrl,
    ...(uiOrigin ? { uiUrl: uiOrigin } : {}),
    carepathEnv,
    async start(log = () => {}) {
      log(`Starting ${options.temporal.description}...`);
      await options.temporal.start();
      log(`Starting ${workers.length} workers and ${webServers.length} web servers...`);
      // Side by side: each bundles or compiles on its own core.
      await Promise.all([...workers, ...webServers].map((p) => p.start()));
      if (proxy) {
        log('Starting HAProxy...');
        await proxy.start();
        // Both web servers pass the proxy's health check before anyone is sent to it.
        await waitUntil('both web servers behind the proxy', async () => servedBy(appUrl, webServers.length));
      }
      if (ui) {
        log('Starting the Temporal UI...');
        await ui.start();
      }
    },
    async stop(log = () => {}) {
      // Tier by tier, each tier side by side: the UI and the proxy, then the web servers (they
      // finish their requests), then the workers (they finish their tasks), then Temporal.
      const tiers = [[...(ui ? [ui] : []), ...(proxy ? [proxy] : [])], webServers, workers];
      for (const tier of tiers) {
        const running = tier.filter((p) => p.running);
        if (running.length === 0) continue;
        log(`  stopping ${running.map((p) => p.name).join(', ')}`);
        await Promise.all(running.map((p) => p.stop()));
      }
      if (options.temporal.kind !== 'external') {
        log('  stopping Temporal');
        await options.temporal.stop();
      }
    },
  };
}

/** True once `count` different web servers have answered through the proxy. */
async function servedBy(url: string, count: number): Promise<boolean> {
  const seen = new Set<string>();
  for (let i = 0; i < count * 4; i++) {
    const response = await fetch(`${url}/healthz`);
    const server = response.headers.get('x-carepath-server');
    if (response.status === 200 && server) seen.add(server);
  }
  return seen.size >= count;
}

export function haproxyBinary(): string {
  for (const candidate of ['/usr/sbin/haproxy', '/usr/local/sbin/haproxy', '/usr/bin/haproxy']) {
    try {
      execFileSync(candidate, ['-v'], { stdio: 'ignore' });
      return candidate;
    } catch {
      // next
    }
  }
  throw new PrerequisiteError(
    'HAProxy is not installed: it spreads requests over the web servers. Install it (Debian: apt-get install haproxy).',
  );
}
