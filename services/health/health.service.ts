import { sql } from 'kysely';
import type { ServiceDeps } from '../deps';

const CHECK_TIMEOUT_MS = 2_000;

type Check = 'database' | 'temporal';

/**
 * Each dependency's state, fit for anyone to read (`/readyz` is public), and the first line of
 * why each failing one fails, for the server's log only: an error's text can name hosts,
 * users and ports.
 */
export type Readiness = {
  ready: boolean;
  checks: Record<Check, 'ok' | 'failing'>;
  reasons: Partial<Record<Check, string>>;
};

/** Whether this process can reach what it needs, for `/readyz`. */
export function healthService({ db, temporal }: Pick<ServiceDeps, 'db' | 'temporal'>) {
  return {
    /** Never throws: an unreachable dependency is the answer, not an error. */
    async readiness(): Promise<Readiness> {
      const database = await probe(() => sql`select 1`.execute(db));
      const temporalProblem = await probe(() => temporal.workflowService.getSystemInfo({}));
      const state = (problem: string | undefined) => (problem === undefined ? 'ok' : 'failing');
      return {
        ready: database === undefined && temporalProblem === undefined,
        checks: { database: state(database), temporal: state(temporalProblem) },
        reasons: { ...(database && { database }), ...(temporalProblem && { temporal: temporalProblem }) },
      };
    },
  };
}

/** Undefined when the check answers in time; otherwise the first line of why not. */
async function probe(check: () => Promise<unknown>): Promise<string | undefined> {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      check(),
      new Promise(
        (_, reject) =>
          (timer = setTimeout(() => reject(new Error(`no answer within ${CHECK_TIMEOUT_MS} ms`)), CHECK_TIMEOUT_MS)),
      ),
    ]);
    return undefined;
  } catch (error) {
    return (error instanceof Error ? error.message : String(error)).split('\n')[0] || 'failed';
  } finally {
    clearTimeout(timer);
  }
}
