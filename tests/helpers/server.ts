import { freePort } from '../../system/ports';
import { PrerequisiteError } from '../../system/run-main';
import { type RunningServer, startServer } from '../../system/server';
import type { System } from '../../system/system';

/**
 * The web server over a test system, on a port free at the moment it binds. A port chosen
 * earlier (`freePort()` when the configuration was read) may be taken by another suite before
 * the server starts: here the port is chosen just before binding, and chosen again if another
 * process took it in between (startServer refuses a port in use). `config` overrides settings for
 * this server alone (a short idle limit, say), over the same database and worker.
 */
export async function startTestServer(
  system: Omit<System, 'close'>,
  options: { config?: Partial<System['config']>; attempts?: number } = {},
): Promise<RunningServer> {
  const attempts = options.attempts ?? 5;
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    try {
      return await startServer({ ...system, config: { ...system.config, ...options.config, PORT: port } });
    } catch (error) {
      if (attempt >= attempts || !(error instanceof PrerequisiteError)) throw error;
    }
  }
}
