import { appInput } from '../../system/system';
import { createApp } from '../../web/app';
import { jsonLogger } from '../../web/observability/logging';
import { startTestSystem } from './system';

/**
 * The app's logger in tests: errors only, on stderr. Suites make thousands of requests, and a
 * line for each would bury the output of the one that failed.
 */
export const testLogger = jsonLogger((line) => {
  if ((JSON.parse(line) as { level: string }).level === 'error') process.stderr.write(`${line}\n`);
});

/** A fresh database, a Temporal worker and the web app over them, for web tests through `app.request()`. */
export async function createTestApp(env: Record<string, string> = {}) {
  const system = await startTestSystem({ env });
  return {
    app: createApp(appInput(system), { logger: testLogger }),
    db: system.db,
    config: system.config,
    system,
    stop: system.stop,
  };
}
