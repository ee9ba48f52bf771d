import { inject, afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectClient } from '../../temporal/connection';
import { createTestDatabase, type TestDatabase } from '../../tests/helpers/database';
import { testSecrets } from '../../tests/helpers/temporal';
import { healthService } from './health.service';

describe('health service: readiness', () => {
  let database: TestDatabase;
  let temporal: Awaited<ReturnType<typeof connectClient>>;
  beforeAll(async () => {
    database = await createTestDatabase({ migrate: false });
    temporal = await connectClient(
      { address: inject('temporalAddress'), namespace: 'default', taskQueue: 'unused' },
      testSecrets,
    );
  });
  afterAll(async () => {
    await temporal?.connection.close();
    await database?.destroy();
  });

  it('is ready when the database and Temporal both answer', async () => {
    const health = healthService({ db: database.db, temporal: temporal.client });
    expect(await health.readiness()).toEqual({ ready: true, checks: { database: 'ok', temporal: 'ok' }, reasons: {} });
  });

  it('is not ready once the database has gone: failing, and why in one line apart', async () => {
    await database.destroy();
    const { ready, checks, reasons } = await healthService({
      db: database.db,
      temporal: temporal.client,
    }).readiness();
    expect(ready).toBe(false);
    expect(checks).toEqual({ database: 'failing', temporal: 'ok' });
    expect(Object.keys(reasons)).toEqual(['database']);
    expect(reasons.database).toMatch(/^.+$/);
  });
});
