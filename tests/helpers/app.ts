import { appInput } from '../../system/system';
import { createApp } from '../../web/app';
import { startTestSystem } from './system';

/** A fresh database, a Temporal worker and the web app over them, for web tests through `app.request()`. */
export async function createTestApp(env: Record<string, string> = {}) {
  const system = await startTestSystem({ env });
  return { app: createApp(appInput(system)), db: system.db, config: system.config, system, stop: system.stop };
}
