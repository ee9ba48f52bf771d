import { sql } from 'kysely';
import type { ServiceDeps } from '../deps';

const CHECK_TIMEOUT_MS = 2_000;

/** Each dependency's answer: `ok`, or the first line of why not. */
export type Readiness = { ready: boolean; checks: { database: string; temporal: string } };

/** Whether this process can reach what it needs, for `/readyz`. */
export function healthService({ db, temporal }: Pick<ServiceDeps, 'db' | 'temporal'>) {
  return {
    /** Never throws: an unreachable dependency is the answer, not an error. */
    async readiness(): Promise<Readiness> {
      const checks = {
        database: await probe(() => sql`select 1`.execute(db)),
        temporal: await probe(() => temporal.workflowService.getSystemInfo({})),
      };
      return { ready: Object.values(checks).every((result) => result === 'ok'), checks };
    },
  };
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
