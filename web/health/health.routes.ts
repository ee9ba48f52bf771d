import { Hono } from 'hono';
import { sql } from 'kysely';
import type { AppDeps } from '../app';

const CHECK_TIMEOUT_MS = 2_000;

/** `/healthz`: the process answers. `/readyz`: it can reach the database and Temporal. */
export function healthRoutes(deps: AppDeps) {
  return new Hono()
    .get('/healthz', (c) => c.json({ status: 'ok' }))
    .get('/readyz', async (c) => {
      const checks = {
        database: await probe(() => sql`select 1`.execute(deps.db)),
        temporal: await probe(() => deps.temporal.workflowService.getSystemInfo({})),
      };
      const ready = Object.values(checks).every((result) => result === 'ok');
      return c.json({ status: ready ? 'ready' : 'not ready', checks }, ready ? 200 : 503);
    });
}

async function probe(check: () => Promise<unknown>): Promise<string> {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      check(),
      new Promise(
        (_, reject) =>
          (timer = setTimeout(() => reject(new Error(`no answer within ${CHECK_TIMEOUT_MS} ms`)), CHECK_TIMEOUT_MS)),
      ),
    ]);
    return 'ok';
  } catch (error) {
    return (error as Error).message.split('\n')[0] ?? 'failed';
  } finally {
    clearTimeout(timer);
  }
}
