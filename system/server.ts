import { serve, type ServerType } from '@hono/node-server';
import { METRICS_CONTENT_TYPE, scrapeMetrics } from '../services/ops/metrics';
import { createApp } from '../web/app';
import { jsonLogger } from '../web/observability/logging';
import { metricsRoutes } from '../web/observability/metrics.routes';
import { isPortFree } from './ports';
import { PrerequisiteError } from './run-main';
import { type System, appInput } from './system';

export type RunningServer = {
  url: string;
  /** Where Prometheus scrapes this process, when METRICS_PORT is set. */
  metricsUrl?: string;
  close(): Promise<void>;
};

/**
 * Serves the web app over the system on loopback (or HOST), and `/metrics` on METRICS_HOST:
 * METRICS_PORT when set; resolves once both are listening.
 */
export async function startServer(system: Omit<System, 'close'>): Promise<RunningServer> {
  const { HOST: host, PORT: port, METRICS_HOST: metricsHost, METRICS_PORT: metricsPort } = system.config;
  for (const [name, h, p] of [['PORT', host, port] as const, ['METRICS_PORT', metricsHost, metricsPort] as const]) {
    if (p !== undefined && !(await isPortFree(h, p))) {
      throw new PrerequisiteError(
        `Port ${p} is already in use. Stop whatever holds it, or set ${name} to another port.`,
      );
    }
  }
  const logger = jsonLogger();
  const app = createApp(appInput(system), { logger });
  const server = await listen(app.fetch, host, port);
  const metrics =
    metricsPort === undefined
      ? undefined
      : await listen(
          metricsRoutes(() => scrapeMetrics(system.db), METRICS_CONTENT_TYPE, logger).fetch,
          metricsHost,
          metricsPort,
        );
  return {
    url: `http://${displayHost(host)}:${port}`,
    // From the socket actually bound, not the setting: what a test or an operator reads is the truth.
    ...(metrics ? { metricsUrl: `http://${displayHost(boundAddress(metrics))}:${metricsPort}/metrics` } : {}),
    close: async () => {
      await Promise.all([closeGracefully(server), metrics && closeGracefully(metrics)]);
    },
  };
}

const boundAddress = (server: ServerType) => {
  const address = server.address();
  return typeof address === 'object' && address ? address.address : String(address);
};

const displayHost = (host: string) => (host === '127.0.0.1' || host === '::1' ? 'localhost' : host);

function listen(fetch: (request: Request) => Response | Promise<Response>, hostname: string, port: number) {
  return new Promise<ServerType>((resolve) => {
    const s = serve({ fetch, hostname, port }, () => resolve(s));
  });
}

/** Stops accepting connections, lets in-flight requests finish, then drops idle keep-alive sockets. */
function closeGracefully(server: ServerType): Promise<void> {
  return new Promise((resolve, reject) => {
    server.close((error) => (error ? reject(error) : resolve()));
    if ('closeIdleConnections' in server) server.closeIdleConnections();
  });
}
