import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { onFreePorts } from '../system/ports';
import { type TestDatabase, createTestDatabase } from '../tests/helpers/database';
import { type Spawned, killGroup, spawnScript } from '../tests/helpers/processes';

/** The SDK runtime is installed once per process, so the exporter is tested in a worker process of its own. */
describe("the worker's own metrics", () => {
  let database: TestDatabase;
  let worker: Spawned | undefined;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    killGroup(worker);
    // Dead before its database is dropped.
    await worker?.exited;
    await database?.destroy();
  });

  it('are exported for Prometheus on TEMPORAL_METRICS_PORT, on loopback', async () => {
    // The exporter binds its port inside the worker process; if another process took the port
    // after it was chosen, the worker exits saying so, and it is started again on another.
    const port = await onFreePorts(1, async ([metricsPort]) => {
      killGroup(worker);
      worker = spawnScript('tests/helpers/crash-worker.ts', {
        DATABASE_URL: database.url,
        TEMPORAL_ADDRESS: inject('temporalAddress'),
        TASK_QUEUE: `metrics-${randomBytes(4).toString('hex')}`,
        WORKFLOW_BUNDLE: inject('workflowBundlePath'),
        TEMPORAL_METRICS_PORT: String(metricsPort),
      });
      await worker.waitFor('worker ready');
      return metricsPort!;
    });
    await expect
      .poll(async () => (await fetch(`http://127.0.0.1:${port}/metrics`)).text(), { timeout: 15_000 })
      .toMatch(/^temporal_\w+\{[^}]*task_queue="metrics-/m);
  });
});
