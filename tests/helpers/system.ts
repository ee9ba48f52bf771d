import { type TestDatabase, createTestDatabase, randomiseUbrns } from './database';
import { type TestTemporal, startTestTemporal } from './temporal';

export type TestSystem = TestTemporal & { database: TestDatabase };

/**
 * Carepath as one suite runs it: a fresh database (UBRNs randomised), the composition root over
 * it and the run's Temporal server, and a worker on the suite's own task queue. `env` is the
 * environment the configuration is read from (PORT, SESSION_IDLE_MINUTES...).
 */
export async function startTestSystem(options: { env?: Record<string, string> } = {}): Promise<TestSystem> {
  const database = await createTestDatabase();
  try {
    await randomiseUbrns(database.db);
    const temporal = await startTestTemporal(database.db, options);
    return {
      ...temporal,
      database,
      stop: async () => {
        try {
          await temporal.stop();
        } finally {
          await database.destroy();
        }
      },
    };
  } catch (error) {
    await database.destroy();
    throw error;
  }
}
