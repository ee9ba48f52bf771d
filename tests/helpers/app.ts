import { loadConfig } from '../../config/env';
import { createApp } from '../../web/app';
import { createTestDatabase, type TestDatabase } from './database';
import { startTestTemporal, testSecrets } from './temporal';

/** A fresh database, a Temporal worker and the web app over them, for web tests through `app.request()`. */
export async function createTestApp(env: Record<string, string> = {}) {
  const database: TestDatabase = await createTestDatabase();
  const temporal = await startTestTemporal(database.db);
  const config = loadConfig(env);
  const app = createApp({
    db: database.db,
    temporal: temporal.client,
    config,
    secrets: { sessionSecret: 'x'.repeat(32), ...testSecrets },
    taskQueue: temporal.target.taskQueue,
  });
  return {
    app,
    db: database.db,
    config,
    stop: async () => {
      await temporal.stop();
      await database.destroy();
    },
  };
}
